"""paths: names found in files stay in the project; only regular files are read, and never too much."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from aligner import paths
from aligner.errors import PathError


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("/etc/passwd", "absolute path"),
        ("../outside.txt", "leaves the project"),
        ("seeds/../../outside.txt", "leaves the project"),
        ("", "empty or invalid"),
        ("seeds/a\x00b", "empty or invalid"),
        ("C:/Windows/win.ini", "absolute path"),
    ],
)
def test_names_from_files_that_leave_the_project_are_refused(tmp_path: Path, name: str, expected: str) -> None:
    with pytest.raises(PathError, match=expected) as caught:
        paths.inside(tmp_path, name, what="reference", where="translations/en/doc.po", line=7)
    assert str(caught.value).startswith("translations/en/doc.po:7: ")


def test_a_symlink_out_of_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "doc.txt").symlink_to(outside / "secret.txt")
    with pytest.raises(PathError, match="resolves outside the project"):
        paths.inside(root, "seeds/doc.txt", what="reference")


def test_a_name_inside_the_project_resolves(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "doc.txt").write_text("一。", encoding="utf-8")
    (tmp_path / "seeds" / "link.txt").symlink_to(tmp_path / "seeds" / "doc.txt")
    assert paths.inside(tmp_path, "seeds/doc.txt") == (tmp_path / "seeds" / "doc.txt").resolve()
    assert paths.inside(tmp_path, "seeds/link.txt") == (tmp_path / "seeds" / "doc.txt").resolve()


@pytest.mark.parametrize(
    ("special", "expected"),
    [
        ("/dev/zero", "not a regular file"),
        ("/dev/urandom", "not a regular file"),
        ("/dev/null", "not a regular file"),
        ("/proc/self/status", "not a regular file"),
    ],
)
def test_special_files_are_never_read(special: str, expected: str) -> None:
    with pytest.raises(PathError, match=expected):
        paths.read_bytes(special, what="source")


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "doc.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException | bytes] = []

    def attempt() -> None:
        try:
            outcome.append(paths.read_bytes(fifo, what="source"))
        except PathError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert isinstance(outcome[0], PathError) and "a FIFO" in str(outcome[0])


def test_a_folder_and_a_missing_file_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(PathError, match="is a folder"):
        paths.read_bytes(tmp_path, what="catalog")
    with pytest.raises(PathError, match="no such catalog"):
        paths.read_bytes(tmp_path / "none.po", what="catalog")


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(20 * 1024**3)  # 20 GB, sparse: costs nothing on disk
    with pytest.raises(PathError, match=r"too large \(21,474,836,480 bytes"):
        paths.read_bytes(big, what="source")
    small = tmp_path / "small.txt"
    small.write_bytes(b"x" * 11)
    with pytest.raises(PathError, match="too large"):
        paths.read_bytes(small, limit=10)
    assert paths.read_bytes(small, limit=11) == b"x" * 11


def test_read_gives_the_stamp_of_what_was_read(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(b"abc")
    data, stamp = paths.read(doc)
    assert data == b"abc"
    assert stamp == paths.stamp(doc)
    assert stamp.size == 3 and stamp.digest == paths.digest(b"abc")
    doc.write_bytes(b"abd")
    assert paths.stamp(doc) != stamp


def test_inputs_are_tracked_by_file_not_by_name(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(b"abc")
    link = tmp_path / "link.txt"
    link.symlink_to(doc)
    assert not paths.is_input(doc)
    with paths.track_inputs():
        paths.read_bytes(doc)
        assert paths.is_input(doc) and paths.is_input(link)
        assert not paths.is_input(tmp_path / "other.txt")
    assert not paths.is_input(doc)


@pytest.mark.parametrize("tag", ["en", "fr", "pt_BR", "pt-BR", "zh_Hans", "zh-Hant-TW", "sr@latin", "es-419", "ast"])
def test_language_tags_accepted(tag: str) -> None:
    assert paths.language_tag(tag) == tag


@pytest.mark.parametrize("tag", ["../../x", "/tmp/x", "xx_YY_bogus", "en/fr", "", "e", "en_", "en@", "english"])
def test_language_tags_refused(tag: str) -> None:
    with pytest.raises(PathError, match="not a language code"):
        paths.language_tag(tag, where="doc.po", line=3)


def test_a_path_is_shown_relative_to_the_project(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    assert paths.shown(root / "seeds" / "a.html", root) == "seeds/a.html"
    assert paths.shown(tmp_path / "inbox" / "b.pdf", root) == "../inbox/b.pdf"
