"""The cache folder: where it is, that it ignores itself, and that a cache that cannot be kept only costs time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aligner import cache


def test_the_folder_is_the_projects_or_the_users(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ALIGNER_CACHE_DIR", raising=False)
    project = tmp_path / "project"
    (project / "seeds").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[tool.aligner]\n", encoding="utf-8")
    monkeypatch.chdir(project / "seeds")
    assert cache.folder() == project / ".aligner"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.folder() == tmp_path / "xdg" / "aligner"


def test_an_entry_is_built_once_then_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "c"))
    calls = []

    def build() -> bytes:
        calls.append(1)
        return b"derived"

    assert cache.cached("kind", "key", ".bin", build, bytes.decode) == "derived"
    assert cache.cached("kind", "key", ".bin", build, bytes.decode) == "derived"
    assert len(calls) == 1
    assert (tmp_path / "c" / ".gitignore").read_text(encoding="utf-8") == "*\n"


def test_off_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("ALIGNER_CACHE", "off")
    assert cache.cached("kind", "key", ".bin", lambda: b"x", bytes.decode) == "x"
    assert not (tmp_path / "c").exists()


def test_a_cache_path_that_is_a_file_costs_only_the_rebuild(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(blocker))
    assert cache.cached("kind", "key", ".bin", lambda: b"x", bytes.decode) == "x"
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_an_unchanged_file_is_not_hashed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "c"))
    source = tmp_path / "dict.txt"
    source.write_text("地区 8000 n\n", encoding="utf-8")
    first = cache.stamped_digest(source)
    hashed = []
    monkeypatch.setattr(cache, "file_digest", lambda path: hashed.append(path) or "0" * 32)
    assert cache.stamped_digest(source) == first and not hashed
    source.write_text("地区 8001 n\n科技 5000 n\n", encoding="utf-8")
    assert cache.stamped_digest(source) == "0" * 32 and hashed == [source]


def test_a_mapped_entry_is_read_in_place_and_an_empty_one_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mmap

    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "c"))
    seen: list[type] = []

    def read(data: object) -> bytes:
        # Bytes when just built; read back, a view of the map (its payload, without the tag).
        seen.append(type(data.obj) if isinstance(data, memoryview) else type(data))
        return bytes(memoryview(data))  # type: ignore[arg-type]

    assert cache.cached("kind", "key", ".bin", lambda: b"derived", read, mapped=True) == b"derived"
    assert cache.cached("kind", "key", ".bin", lambda: b"other", read, mapped=True) == b"derived"
    assert seen == [bytes, mmap.mmap]  # built, then mapped from the file
    (entry,) = (p for p in (tmp_path / "c" / "kind").iterdir() if not p.name.endswith(".checked"))
    entry.write_bytes(b"")  # mmap refuses an empty file: the entry is rebuilt
    assert cache.cached("kind", "key", ".bin", lambda: b"again", read, mapped=True) == b"again"
    assert cache.load(entry) == b"again"
    # Once checked in full, a mapped entry is known by its identity; edited in place (same size,
    # even the same time), it is checked in full again, and rebuilt.
    assert cache.cached("kind", "key", ".bin", lambda: b"never", read, mapped=True) == b"again"
    stamp = entry.stat()
    with open(entry, "r+b") as handle:
        handle.write(b"AGAIN")
    os.utime(entry, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert cache.cached("kind", "key", ".bin", lambda: b"fresh", read, mapped=True) == b"fresh"


# --------------------------------------------------------------------------- a cache is not trusted


def test_an_entry_aligner_did_not_write_is_rebuilt_never_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "c"))
    assert cache.cached("kind", "key", ".bin", lambda: b"derived", bytes.decode) == "derived"
    (entry,) = (tmp_path / "c" / "kind").iterdir()
    entry.write_bytes(b"forged")  # as a clone or a colleague may leave it: no tag
    assert cache.cached("kind", "key", ".bin", lambda: b"rebuilt", bytes.decode) == "rebuilt"
    sealed = entry.read_bytes()
    entry.write_bytes(sealed.replace(b"rebuilt", b"forged!"))  # the bytes edited, the tag kept
    assert cache.cached("kind", "key", ".bin", lambda: b"again", bytes.decode) == "again"
    # A valid entry moved under another key is not valid there (the tag names the entry).
    other = entry.with_name(entry.name.replace("key", "other"))
    other.write_bytes(entry.read_bytes())
    assert cache.cached("kind", "other", ".bin", lambda: b"its own", bytes.decode) == "its own"


def test_a_cache_folder_that_is_a_link_is_neither_read_nor_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside"
    (outside / "kind").mkdir(parents=True)
    project = tmp_path / "project"
    project.mkdir()
    (project / ".aligner").symlink_to(outside)  # `git add -f` can commit such a link
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(project / ".aligner"))
    assert cache.cached("kind", "key", ".bin", lambda: b"derived", bytes.decode) == "derived"
    assert list(outside.rglob("*")) == [outside / "kind"], "nothing written through the link"


def test_a_link_inside_the_cache_is_not_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "c"))
    assert cache.cached("kind", "key", ".bin", lambda: b"derived", bytes.decode) == "derived"
    (entry,) = (tmp_path / "c" / "kind").iterdir()
    victim = tmp_path / "victim.txt"
    victim.write_bytes(entry.read_bytes())  # even a valid entry's bytes: read through no link
    entry.unlink()
    entry.symlink_to(victim)
    assert cache.cached("kind", "key", ".bin", lambda: b"rebuilt", bytes.decode) == "rebuilt"
    assert not entry.is_symlink() and cache.load(entry) == b"rebuilt"
    assert victim.read_bytes().startswith(b"derived"), "the file the link named is untouched"
    kind = tmp_path / "c" / "linked"
    kind.symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    (tmp_path / "elsewhere").mkdir()
    assert cache.cached("linked", "key", ".bin", lambda: b"x", bytes.decode) == "x"
    assert not any((tmp_path / "elsewhere").iterdir())


def test_the_key_is_the_users_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    cache._key.cache_clear()
    try:
        key = cache._key()
        path = tmp_path / "xdg" / "aligner" / "key"
        assert key is not None and path.read_bytes() == key and path.stat().st_mode & 0o777 == 0o600
        cache._key.cache_clear()
        assert cache._key() == key, "made once, then read"
        os.chmod(path, 0o644)  # readable by others: it vouches for nothing, and caches are off
        cache._key.cache_clear()
        assert cache._key() is None and not cache.enabled()
    finally:
        cache._key.cache_clear()
