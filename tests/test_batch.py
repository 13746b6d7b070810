"""align --batch: the same beads as one-by-one runs (pool and Dask), outputs written whole, resumable."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import batch
from aligner.bitext import core, formats, search
from aligner.cli import app
from tests.conftest import BIBLE, CONSTITUTION, WHITE_PAPER, require_module

runner = CliRunner()


def _bible_halves() -> list[tuple[str, str]]:
    """The Bible excerpt cut in two at a verse: the Chinese and English lines of gold beads 0-49 and 50-99."""
    gold = [line.split(":") for line in (BIBLE / "gold.align").read_text(encoding="utf-8").splitlines()]
    zh = (BIBLE / "zh.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    en = (BIBLE / "en.txt").read_text(encoding="utf-8").splitlines(keepends=True)
    en_cut = int(gold[50][0].strip("[]").split(",")[0])
    zh_cut = int(gold[50][1].strip("[]").split(",")[0])
    return [("".join(zh[:zh_cut]), "".join(en[:en_cut])), ("".join(zh[zh_cut:]), "".join(en[en_cut:]))]


def text_pairs() -> list[tuple[str, str, str]]:
    """Four real pairs of tests/data: Bible verses (two halves), a white paper's opening, the Constitution's."""
    (zh_a, en_a), (zh_b, en_b) = _bible_halves()
    return [
        ("genesis_a", zh_a, en_a),
        ("whitepaper", (WHITE_PAPER / "001.zh.txt").read_text(encoding="utf-8"),
         (WHITE_PAPER / "001.en.txt").read_text(encoding="utf-8")),
        ("constitution", (CONSTITUTION / "zh.txt").read_text(encoding="utf-8"),
         (CONSTITUTION / "en.txt").read_text(encoding="utf-8")),
        ("genesis_b", zh_b, en_b),
    ]  # fmt: skip


def real_pairs(folder: Path, count: int) -> Path:
    """The first ``count`` pairs of ``text_pairs`` as text files, and their pairs file."""
    rows = []
    for name, zh, en in text_pairs()[:count]:
        (folder / f"{name}.zh.txt").write_text(zh, encoding="utf-8")
        (folder / f"{name}.en.txt").write_text(en, encoding="utf-8")
        rows.append(f"{name}.zh.txt\t{name}.en.txt")
    pairs = folder / "pairs.tsv"
    pairs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return pairs


def long_pair(folder: Path, name: str, turn: int = 0) -> str:
    """A pair that keeps a worker busy for seconds, as a white paper does: the Bible excerpt, the white
    paper's opening and the Constitution's, one after another (started ``turn`` texts later, so that
    pairs differ); its pairs-file row."""
    sides = [
        (BIBLE / "zh.txt", BIBLE / "en.txt"),
        (WHITE_PAPER / "001.zh.txt", WHITE_PAPER / "001.en.txt"),
        (CONSTITUTION / "zh.txt", CONSTITUTION / "en.txt"),
    ]
    sides = sides[turn % 3 :] + sides[: turn % 3]
    (folder / f"{name}.zh.txt").write_text("".join(z.read_text(encoding="utf-8") for z, _ in sides), encoding="utf-8")
    (folder / f"{name}.en.txt").write_text("".join(e.read_text(encoding="utf-8") for _, e in sides), encoding="utf-8")
    return f"{name}.zh.txt\t{name}.en.txt"


@pytest.fixture(scope="module", autouse=True)
def _dictionaries() -> None:
    """Build the cached dictionary indexes once, before any worker starts."""
    batch.warm()


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def one_by_one(pairs: list[batch.Pair], fmt: str) -> list[str]:
    texts = []
    for pair in pairs:
        bitext = core.read(pair.zh, pair.en)
        beads = core.align(bitext, search.Params())
        text, _messages = formats.write(bitext, beads, fmt, None, threshold=0.5)
        texts.append(text or "")
    return texts


def test_a_pool_batch_gives_the_beads_and_catalogs_of_one_by_one_runs(isolated: Path) -> None:
    pairs_file = real_pairs(isolated, 4)
    result = runner.invoke(app, ["align", "--batch", str(pairs_file), "-o", "out", "--jobs", "2", "--tmx", "m.tmx"])
    assert result.exit_code == 0, result.output
    pairs = batch.read_pairs(pairs_file, isolated / "out", "po")
    assert [p.out.read_text(encoding="utf-8") for p in pairs] == one_by_one(pairs, "po")
    assert "4 pairs: 4 aligned, 0 done before, 0 failed" in result.output
    units = ET.parse(isolated / "m.tmx").getroot().findall("body/tu")
    expected = 0
    for pair in pairs:
        bitext = core.read(pair.zh, pair.en)
        expected += len(batch.units_of(bitext, core.align(bitext, search.Params()), 0.5))
    assert expected > 20 and len(units) == expected
    # Run again: nothing is redone and the memory is the same, gathered from the record.
    first = (isolated / "m.tmx").read_bytes()
    again = runner.invoke(app, ["align", "--batch", str(pairs_file), "-o", "out", "--jobs", "2", "--tmx", "m.tmx"])
    assert "4 pairs: 0 aligned, 4 done before, 0 failed" in again.output
    assert (isolated / "m.tmx").read_bytes() == first


def test_a_dask_batch_on_a_two_worker_local_cluster_gives_the_same_beads(isolated: Path) -> None:
    pairs_file = real_pairs(isolated, 2)
    args = ["align", "--batch", str(pairs_file), "-o", "out", "-f", "beads", "--scheduler", "local", "--jobs", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    pairs = batch.read_pairs(pairs_file, isolated / "out", "beads")
    assert [p.out.read_text(encoding="utf-8") for p in pairs] == one_by_one(pairs, "beads")


def test_a_killed_batch_resumes_without_redoing_finished_pairs(isolated: Path) -> None:
    pairs_file = real_pairs(isolated, 4)
    env = dict(os.environ)
    command = [sys.executable, "-m", "aligner", "align", "--batch", str(pairs_file), "-o", "out", "--jobs", "1"]
    process = subprocess.Popen(command, cwd=isolated, env=env, stderr=subprocess.PIPE)
    record = batch.Record(pairs_file).path
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if record.is_file() and record.read_text(encoding="utf-8").count("\n") >= 1:
            break
        time.sleep(0.02)
    process.kill()
    process.wait()
    pairs = batch.read_pairs(pairs_file, isolated / "out", "po")
    finished = [p for p in pairs if p.out.exists()]
    assert finished, "the batch was killed before it finished a pair"
    stamps = {p.out: p.out.stat().st_mtime_ns for p in finished}
    assert not list((isolated / "out").glob(".*.tmp")), "a half-written file was left"
    done = subprocess.run(command, cwd=isolated, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"out/{pairs[0].out.name}: done before, skipped" in done.stderr
    assert "0 failed" in done.stderr and "done before" in done.stderr
    assert pairs[0].out.stat().st_mtime_ns == stamps[pairs[0].out]
    assert [p.out.read_text(encoding="utf-8") for p in pairs] == one_by_one(pairs, "po")


def test_a_bad_pair_is_reported_with_its_line_and_the_others_are_done(isolated: Path) -> None:
    pairs_file = real_pairs(isolated, 2)
    first, second = pairs_file.read_text(encoding="utf-8").splitlines()
    zh, en = first.split("\t")
    pairs_file.write_text(f"{en}\t{zh}\n{second}\n", encoding="utf-8")  # swapped sides: not alignable
    result = runner.invoke(app, ["align", "--batch", str(pairs_file), "-o", "out", "--jobs", "1"])
    assert result.exit_code == 2
    assert f"{pairs_file}:1: " in result.output and "ZH is not Chinese" in result.output
    assert "2 pairs: 1 aligned, 0 done before, 1 failed" in result.output
    assert len(list((isolated / "out").iterdir())) == 1


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a.zh.txt\n", 1, "expected zh<TAB>en"),
        ("# pairs\na.zh.txt\ta.en.txt\nb.zh.txt\tb.en.txt\tx\ty\n", 3, "expected zh<TAB>en"),
        ("a.zh.txt\ta.en.txt\tout.po\nb.zh.txt\tb.en.txt\tout.po\n", 2, "already the output of line 1"),
        ("a/x.txt\ta.en.txt\nb/x.txt\tb.en.txt\n", 2, "already the output of line 1"),
    ],
)
def test_a_malformed_pairs_file_names_its_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = tmp_path / "pairs.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(batch.BatchError) as caught:
        batch.read_pairs(path, tmp_path / "out", "po")
    assert str(caught.value).startswith(f"{path}:{line}: ") and message in str(caught.value)


def test_a_scheduler_that_is_no_address_is_refused(isolated: Path) -> None:
    pairs_file = real_pairs(isolated, 1)
    result = runner.invoke(app, ["align", "--batch", str(pairs_file), "--scheduler", "localhost"])
    assert result.exit_code == 2 and "not a Dask scheduler: 'localhost'" in result.output


def test_batch_options_are_refused_without_batch(isolated: Path) -> None:
    result = runner.invoke(app, ["align", "a.txt", "b.txt", "--jobs", "2"])
    assert result.exit_code == 2 and "go with --batch" in result.output
    result = runner.invoke(app, ["align", "--batch", "p.tsv", "a.txt"])
    assert result.exit_code == 2 and "not both" in result.output


def _workers(pid: int) -> list[int]:
    """The spawned pool workers among the children of ``pid`` (of any of its threads: Dask's
    nannies start their workers from the event loop's thread)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            for child in (task / "children").read_text(encoding="ascii").split():
                with contextlib.suppress(OSError):
                    if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                        found.append(int(child))
    return sorted(found)


def test_a_pair_whose_worker_dies_is_retried(isolated: Path) -> None:
    pairs_file = real_pairs(isolated, 3)
    rows = pairs_file.read_text(encoding="utf-8")
    pairs_file.write_text(f"{long_pair(isolated, 'long')}\n{rows}", encoding="utf-8")
    command = [sys.executable, "-m", "aligner", "align", "--batch", str(pairs_file), "-o", "out", "--jobs", "2"]

    def ready(workers: list[int]) -> bool:
        if len(workers) == 2:
            time.sleep(0.5)  # inside the first pairs
        return len(workers) == 2

    err = _kill_a_worker(command, isolated, ready, 60)
    assert "a worker died;" in err and "will be aligned again" in err
    pairs = batch.read_pairs(pairs_file, isolated / "out", "po")
    assert [p.out.read_text(encoding="utf-8") for p in pairs] == one_by_one(pairs, "po")


def _kill_a_worker(command: list[str], cwd: Path, ready: Callable[[list[int]], bool], wait: float) -> str:
    """Run the batch ``command``, kill one of its two workers once ``ready(workers)``, and return its
    stderr after checking that the kill happened and every pair was still aligned."""
    process = subprocess.Popen(command, cwd=cwd, env=dict(os.environ), stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + wait
    killed = False
    while not killed and time.monotonic() < deadline and process.poll() is None:
        workers = _workers(process.pid)
        if ready(workers):
            os.kill(workers[0], signal.SIGKILL)
            killed = True
        time.sleep(0.05)
    _out, err = process.communicate(timeout=600)
    assert killed, "no worker to kill while pairs were in flight"
    assert process.returncode == 0, err
    assert "4 pairs: 4 aligned, 0 done before, 0 failed" in err
    return err


def test_an_output_that_would_replace_a_catalog_is_refused_for_that_pair(isolated: Path) -> None:
    pairs_file = real_pairs(isolated, 2)
    first, second = pairs_file.read_text(encoding="utf-8").splitlines()
    (isolated / "kept.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    pairs_file.write_text(f"{first}\tkept.po\n{second}\n", encoding="utf-8")
    result = runner.invoke(app, ["align", "--batch", str(pairs_file), "-o", "out", "-f", "tmx", "--jobs", "1"])
    assert result.exit_code == 2
    assert f"{pairs_file}:1: " in result.output and "translation catalog" in result.output
    assert (isolated / "kept.po").read_text(encoding="utf-8") == 'msgid ""\nmsgstr ""\n'
    assert "2 pairs: 1 aligned, 0 done before, 1 failed" in result.output


def test_a_pair_whose_dask_worker_dies_is_aligned_again_elsewhere(isolated: Path) -> None:
    """A Dask worker killed while pairs are in flight: its nanny starts another, the scheduler sends
    its pair again, and the batch ends with every pair aligned once, as one by one."""
    rows = [long_pair(isolated, f"long{number}", number) for number in range(4)]
    pairs_file = isolated / "papers.tsv"
    pairs_file.write_text("\n".join(rows) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "aligner", "align", "--batch", str(pairs_file), "-o", "out"]
    command += ["--scheduler", "local", "--jobs", "2"]
    out = isolated / "out"
    # The first pair is back (so the workers are warm) and the others are in flight.
    _kill_a_worker(command, isolated, lambda workers: len(workers) == 2 and out.is_dir() and any(out.iterdir()), 180)
    pairs = batch.read_pairs(pairs_file, isolated / "out", "po")
    assert [p.out.read_text(encoding="utf-8") for p in pairs] == one_by_one(pairs, "po")


# --------------------------------------------------------------------------- hostile pairs, records, schedulers


def _two_files(folder: Path) -> None:
    (folder / "a.zh.txt").write_text("国务院关于印发通知。\n", encoding="utf-8")
    (folder / "a.en.txt").write_text("Notice of the State Council.\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("/etc/hostname\ta.en.txt", "absolute path"),
        ("a.zh.txt\t../a.en.txt", "leaves the project"),
        ("a.zh.txt\ta.en.txt\t/tmp/out.po", "absolute path"),
        ("a.zh.txt\ta.en.txt\tsub/../../out.po", "leaves the project"),
        ("link.txt\ta.en.txt", "resolves outside the project"),
        ("a.zh.txt\ta.en.txt\tb.en.txt\nb.zh.txt\tb.en.txt", "is the input of line 2"),
        ("a.zh.txt\ta.en.txt\tpairs.tsv", "is the pairs file"),
        ("a.zh.txt\ta.en.txt\ta.zh.txt", "is the input of line 1"),
    ],
)
def test_names_in_a_pairs_file_stay_beside_it_and_no_output_is_an_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, row: str, message: str
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("秘密。\n", encoding="utf-8")
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text("[tool.aligner]\n", encoding="utf-8")
    _two_files(project)
    (project / "link.txt").symlink_to(outside / "secret.txt")
    monkeypatch.chdir(project)
    path = project / "pairs.tsv"
    path.write_text(row + "\n", encoding="utf-8")
    with pytest.raises(batch.BatchError) as caught:
        batch.read_pairs(path, project / "out", "po")
    assert message in str(caught.value) and str(caught.value).startswith(f"{path}:")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_a_pairs_file_that_is_no_regular_file_is_refused_at_once(isolated: Path, kind: str) -> None:
    if kind == "fifo":
        path = isolated / "pairs.tsv"
        os.mkfifo(path)
    elif kind == "dev-zero":
        path = Path("/dev/zero")
    else:
        path = isolated
    result = runner.invoke(app, ["align", "--batch", str(path), "-o", "out"])
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert "aligner: error:" in result.output and "Traceback" not in result.output


def test_a_fifo_as_a_pairs_input_fails_that_pair_without_hanging(isolated: Path) -> None:
    _two_files(isolated)
    os.mkfifo(isolated / "b.en.txt")
    (isolated / "pairs.tsv").write_text("a.zh.txt\tb.en.txt\n", encoding="utf-8")
    result = runner.invoke(app, ["align", "--batch", "pairs.tsv", "-o", "out", "--jobs", "1"])
    assert result.exit_code == 2
    assert "pairs.tsv:1: b.en.txt: not a regular file (a FIFO)" in result.output
    assert "1 pairs: 0 aligned, 0 done before, 1 failed" in result.output


@pytest.mark.parametrize("target", ["pairs.tsv", "a.zh.txt", "a.en.txt", "out/a.zh.po"])
def test_the_tmx_of_a_batch_replaces_nothing_it_reads_or_writes(isolated: Path, target: str) -> None:
    _two_files(isolated)
    (isolated / "pairs.tsv").write_text("a.zh.txt\ta.en.txt\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in isolated.iterdir() if p.is_file()}
    result = runner.invoke(app, ["align", "--batch", "pairs.tsv", "-o", "out", "--tmx", target])
    assert result.exit_code == 2 and "is an input of this command" in result.output, result.output
    assert {p: p.read_bytes() for p in isolated.iterdir() if p.is_file()} == before
    assert not (isolated / "out").exists(), "refused before any pair was aligned"


def test_a_record_line_aligner_did_not_write_is_ignored(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(isolated / ".aligner"))
    _two_files(isolated)
    pairs_file = isolated / "pairs.tsv"
    pairs_file.write_text("a.zh.txt\ta.en.txt\n", encoding="utf-8")
    (pair,) = batch.read_pairs(pairs_file, isolated / "out", "po")
    pair.out.parent.mkdir()
    pair.out.write_text("written\n", encoding="utf-8")
    record = batch.Record(pairs_file)
    options = batch.Options()
    record.add(pair, options, (batch.Unit("a", "通知。", "Notice.", "1-1", 0.9),), batch.Record.inputs(pair, options))
    assert batch.Record(pairs_file).finished(pair, options) is not None, "a line aligner wrote is kept"
    forged = json.loads(record.path.read_text(encoding="utf-8"))
    forged["units"] = [["a", "通知。", "$(rm -rf ~)", "1-1", 1.0]]
    record.path.write_text(json.dumps(forged, ensure_ascii=False) + "\n", encoding="utf-8")
    assert batch.Record(pairs_file).finished(pair, options) is None, "an edited line is not trusted"


def test_a_record_that_is_a_link_is_refused_and_nothing_is_appended_through_it(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(isolated / ".aligner"))
    pairs_file = isolated / "pairs.tsv"
    pairs_file.write_text("a.zh.txt\ta.en.txt\n", encoding="utf-8")
    script = isolated / "script.sh"
    script.write_text("echo hello\n", encoding="utf-8")
    path = batch.Record(pairs_file).path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(script)
    with pytest.raises(batch.BatchError, match="symbolic link"):
        batch.Record(pairs_file)
    path.unlink()
    path.parent.rmdir()
    path.parent.symlink_to(isolated, target_is_directory=True)  # the folder a link: refused too
    with pytest.raises(batch.BatchError, match="symbolic link"):
        batch.Record(pairs_file)
    assert script.read_text(encoding="utf-8") == "echo hello\n"


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("tcp://[::1", "not a Dask scheduler address"),
        ("tcp://host", "not a Dask scheduler address"),
        ("tls://127.0.0.1:8786", "only tcp:// is supported"),
        ("inproc://x", "only tcp:// is supported"),
        ("ucx://127.0.0.1:8786", "only tcp:// is supported"),
    ],
)
def test_a_scheduler_address_dask_cannot_use_is_one_line(isolated: Path, address: str, message: str) -> None:
    _two_files(isolated)
    (isolated / "pairs.tsv").write_text("a.zh.txt\ta.en.txt\n", encoding="utf-8")
    result = runner.invoke(app, ["align", "--batch", "pairs.tsv", "--scheduler", address])
    assert result.exit_code == 2 and message in result.output and result.output.count("\n") == 1, result.output


@pytest.mark.parametrize("answer", [b"", b"HTTP/1.1 200 OK\r\n\r\n" + b"garbage" * 50])
def test_a_scheduler_that_never_answers_or_answers_garbage_is_one_line(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, answer: bytes
) -> None:
    import socket
    import threading

    require_module("distributed")
    monkeypatch.setattr(batch, "CONNECT_SECONDS", 2.0)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))  # loopback only
    server.listen(4)
    held: list[socket.socket] = []

    def serve() -> None:
        with contextlib.suppress(OSError):
            while True:
                conn, _ = server.accept()
                held.append(conn)  # accepted, and never closed: a peer that hangs
                if answer:
                    conn.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    _two_files(isolated)
    (isolated / "pairs.tsv").write_text("a.zh.txt\ta.en.txt\n", encoding="utf-8")
    address = f"tcp://127.0.0.1:{server.getsockname()[1]}"
    try:
        started = time.monotonic()
        result = runner.invoke(app, ["align", "--batch", "pairs.tsv", "--scheduler", address, "-o", "out"])
        assert time.monotonic() - started < 60, "the deadline ended the wait"
    finally:
        server.close()
        for conn in held:
            conn.close()
    assert result.exit_code == 2, result.output
    assert f"cannot reach the Dask scheduler {address}" in result.output and "Traceback" not in result.output
