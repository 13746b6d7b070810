"""atomic: the one writer refuses special targets, a command's inputs, catalogs replaced by another
format, and a target changed since it was read; it cleans up after a kill and locks the project."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from aligner import atomic, paths
from aligner.errors import WriteError


def test_writes_atomically_and_reports_unchanged(tmp_path: Path) -> None:
    target = tmp_path / "out" / "doc.html"
    assert atomic.write_text(target, "一\n") is True
    mtime = target.stat().st_mtime_ns
    assert atomic.write_text(target, "一\n") is False
    assert target.stat().st_mtime_ns == mtime
    assert [p.name for p in target.parent.iterdir()] == ["doc.html"]


@pytest.mark.parametrize("special", ["/dev/null", "/dev/zero"])
def test_a_device_is_never_replaced(special: str) -> None:
    before = os.stat(special)
    with pytest.raises(WriteError, match="under /dev"):
        atomic.write_text(special, "x")
    after = os.stat(special)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_a_fifo_or_folder_target_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "out.txt"
    os.mkfifo(fifo)
    with pytest.raises(WriteError, match="not a regular file"):
        atomic.write_text(fifo, "x")
    assert fifo.is_fifo()
    with pytest.raises(WriteError, match="is a folder"):
        atomic.write_text(tmp_path, "x")


def test_an_input_of_the_command_is_not_replaced(tmp_path: Path) -> None:
    source = tmp_path / "doc.txt"
    source.write_text("一。\n", encoding="utf-8")
    with atomic.session():
        paths.read_bytes(source)
        with pytest.raises(WriteError, match="is an input of this command"):
            atomic.write_text(source, "English\n")
        link = tmp_path / "link.txt"
        link.symlink_to(source)
        with pytest.raises(WriteError, match="is an input"):
            atomic.write_text(link, "English\n")
    assert source.read_text(encoding="utf-8") == "一。\n"


def test_a_catalog_is_not_replaced_by_another_format_unless_allowed(tmp_path: Path) -> None:
    po = tmp_path / "doc.po"
    po.write_text('msgid "一"\nmsgstr "One"\n', encoding="utf-8")
    with pytest.raises(WriteError, match="is a translation catalog"):
        atomic.write_text(po, "<tmx/>")
    assert "One" in po.read_text(encoding="utf-8")
    assert atomic.write_text(po, 'msgid "一"\nmsgstr "1"\n', catalog=True)
    with atomic.allow_replace(po):
        assert atomic.write_text(po, "<tmx/>")
    assert po.read_text(encoding="utf-8") == "<tmx/>"


def test_a_target_saved_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    po = tmp_path / "doc.po"
    po.write_text('msgid "一"\nmsgstr ""\n', encoding="utf-8")
    with atomic.session():
        paths.read_bytes(po)
        # A translator saves as editors do: a temporary file renamed over the catalog.
        saved = tmp_path / ".doc.po.swp"
        saved.write_text('msgid "一"\nmsgstr "One"\n', encoding="utf-8")
        os.replace(saved, po)
        with pytest.raises(WriteError, match="changed since aligner read it"):
            atomic.write_text(po, 'msgid "一"\nmsgstr ""\n#. synced\n', catalog=True)
    assert 'msgstr "One"' in po.read_text(encoding="utf-8")


def test_same_size_and_mtime_but_other_bytes_is_a_change(tmp_path: Path) -> None:
    po = tmp_path / "doc.po"
    po.write_bytes(b"aaaa")
    _data, stamp = paths.read(po)
    po.write_bytes(b"bbbb")
    os.utime(po, ns=(stamp.mtime_ns, stamp.mtime_ns))
    with pytest.raises(WriteError, match="changed"):
        atomic.write_bytes(po, b"cccc", catalog=True, expect=stamp)
    assert po.read_bytes() == b"bbbb"


def test_expect_absent_refuses_a_file_created_meanwhile(tmp_path: Path) -> None:
    po = tmp_path / "doc.po"
    po.write_bytes(b"someone's")
    with pytest.raises(WriteError, match="changed"):
        atomic.write_bytes(po, b"ours", catalog=True, expect=atomic.ABSENT)
    assert po.read_bytes() == b"someone's"


def test_temporaries_of_a_killed_writer_are_removed_on_the_next_write(tmp_path: Path) -> None:
    # A writer killed between mkstemp and rename leaves its temporary file behind.
    script = (
        "import os, sys, time\n"
        "from aligner import atomic\n"
        "os.replace = lambda *a: (print('ready', flush=True), time.sleep(60))\n"
        f"atomic.write_text({str(tmp_path / 'doc.html')!r}, 'x' * 100)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    child.kill()
    child.wait()
    left = [p for p in tmp_path.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX)]
    assert len(left) == 1 and str(child.pid) in left[0].name
    atomic.write_text(tmp_path / "other.html", "y")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.html"]


def test_a_live_writers_temporary_is_left_alone(tmp_path: Path) -> None:
    mine = tmp_path / f".doc.html.abc.{os.getpid()}{atomic.TEMP_SUFFIX}"
    mine.write_bytes(b"in progress")
    assert atomic.remove_stale_temporaries(tmp_path) == 0
    assert mine.exists()


def test_the_lock_serialises_two_runs(tmp_path: Path) -> None:
    order: list[str] = []

    def second() -> None:
        with atomic.lock(tmp_path):
            order.append("second")

    with atomic.lock(tmp_path):
        worker = threading.Thread(target=second)
        worker.start()
        time.sleep(0.3)
        order.append("first")
    worker.join(5)
    assert order == ["first", "second"]
    assert (tmp_path / ".aligner" / "lock").is_file()


def test_the_lock_gives_up_with_one_line(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\nfrom aligner import atomic\n"
            f"with atomic.lock(Path({str(tmp_path)!r})):\n    print('held', flush=True)\n    time.sleep(30)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with (
            pytest.raises(WriteError, match="another aligner run is writing this project"),
            atomic.lock(tmp_path, timeout=0.2),
        ):
            pass
    finally:
        holder.kill()
        holder.wait()


def test_the_lock_is_never_taken_through_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    (project / ".aligner").symlink_to(outside)
    with pytest.raises(WriteError, match="symbolic link"), atomic.lock(project):
        pass
    assert not any(outside.iterdir()), "no lock file outside the project"
    (project / ".aligner").unlink()
    (project / ".aligner").mkdir()
    (project / ".aligner" / "lock").symlink_to(outside / "script.sh")
    with pytest.raises(WriteError), atomic.lock(project):
        pass
    assert not (outside / "script.sh").exists()
