"""The cache folder: where it is, that it ignores itself, and that a cache that cannot be kept only costs time."""

from __future__ import annotations

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
    (entry,) = (tmp_path / "c" / "kind").iterdir()
    entry.write_bytes(b"")  # mmap refuses an empty file: the entry is rebuilt
    assert cache.cached("kind", "key", ".bin", lambda: b"again", read, mapped=True) == b"again"
    assert cache.load(entry) == b"again"
