"""What the caches give equals the uncached path, byte for byte: cuts, glossary matches, commands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aligner import cache, pipeline, segcache
from aligner.checks import load_glossary
from aligner.checks.base import Unit
from aligner.checks.glossary import TermChecker
from aligner.config import load_project
from aligner.model import Status
from tests.conftest import DATA, ROOT, SEED, fixture_docs


def _documents() -> list[Path]:
    docs = [SEED, *fixture_docs()]
    assert len(docs) == 15
    return docs


def test_cached_cut_equals_the_uncached_on_the_seed_and_the_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = load_project(ROOT)
    monkeypatch.setenv("ALIGNER_CACHE", "off")
    reference = [pipeline.load_document(p, project) for p in _documents()]
    monkeypatch.setenv("ALIGNER_CACHE", "on")
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path))
    first = [pipeline.load_document(p, project) for p in _documents()]
    assert len(list((tmp_path / "segments").iterdir())) == 15
    second = [pipeline.load_document(p, project) for p in _documents()]
    assert first == reference and second == reference
    # Another option is another entry, never the first one's cut read back.
    semicolons = pipeline.load_document(SEED, project, split_semicolons=True)
    monkeypatch.setenv("ALIGNER_CACHE", "off")
    assert semicolons == pipeline.load_document(SEED, project, split_semicolons=True)


def test_imported_documents_come_back_whole_with_their_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.importer_fixtures import make_docx

    sources = [
        DATA / "govcn" / "11_content_5355822.html",
        make_docx(DATA / "zh-docs" / "06_gov_opinion_supervision_2019.txt", tmp_path),
    ]
    project = load_project(ROOT)
    monkeypatch.setenv("ALIGNER_CACHE", "off")
    reference = [pipeline.load_document(p, project) for p in sources]
    assert any(doc.metadata for doc, _segments in reference)
    monkeypatch.setenv("ALIGNER_CACHE", "on")
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path))
    assert [pipeline.load_document(p, project) for p in sources] == reference
    assert len(list((tmp_path / "segments").iterdir())) == 2
    again = [pipeline.load_document(p, project) for p in sources]
    assert again == reference
    assert [dict(doc.metadata) for doc, _s in again] == [dict(doc.metadata) for doc, _s in reference]


def test_a_damaged_entry_is_cut_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path))
    project = load_project(ROOT)
    good = pipeline.load_document(SEED, project)
    (entry,) = (tmp_path / "segments").iterdir()
    entry.write_text('{"doc_id": 3', encoding="utf-8")
    assert pipeline.load_document(SEED, project) == good
    assert segcache.read(cache.load(entry)) == good  # type: ignore[arg-type]


def test_glossary_matches_are_the_same_on_the_index_and_on_jieba(monkeypatch: pytest.MonkeyPatch) -> None:
    glossary = load_glossary(ROOT / "translations" / "glossary.tsv")
    project = load_project(ROOT)
    units = [
        Unit("x.po", n, s.text, s.text, "", Status.TRANSLATED)
        for p in _documents()
        for n, s in enumerate(pipeline.load_document(p, project)[1])
    ]
    found = {}
    for mode in ("off", "on"):
        monkeypatch.setenv("ALIGNER_CACHE", mode)
        found[mode] = list(TermChecker(glossary).check(units))
    assert len(found["on"]) > 50
    assert found["on"] == found["off"]


def test_commands_write_the_same_bytes_cached_and_uncached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from aligner.cli import app

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "cache"))
    runs = {
        "jsonl": ["segment", "--jsonl"],
        "segment": ["segment"],
        "check": ["check", "--format", "json"],
        "html": ["render", "translations/en/000_9e415571a82dd196.po", "-o", "-"],
        "md": ["render", "translations/en/000_9e415571a82dd196.po", "-f", "md", "-o", "-"],
        "english": ["render", "translations/en/000_9e415571a82dd196.po", "-f", "txt", "-o", "seed.en.txt"],
        "align": ["align", "seeds/000_9e415571a82dd196.txt", "seed.en.txt", "-f", "beads", "-q"],
        "align-po": ["align", "seeds/000_9e415571a82dd196.txt", "seed.en.txt", "-f", "po", "-o", "-", "-q"],
    }
    outputs: dict[str, list[str]] = {}
    for number, mode in enumerate(("off", "on", "on")):  # the second "on" reads every cache back
        project = tmp_path / f"project-{number}"
        shutil.copytree(ROOT / "seeds", project / "seeds")
        shutil.copytree(ROOT / "translations", project / "translations")
        shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
        for doc in fixture_docs()[:3]:
            shutil.copy(doc, project / "seeds" / doc.name)
        monkeypatch.chdir(project)
        monkeypatch.setenv("ALIGNER_CACHE", mode)
        for name, args in runs.items():
            result = CliRunner().invoke(app, args)
            assert result.exit_code in (0, 1), result.output
            outputs.setdefault(name, []).append(result.output)
        catalogs = "".join(p.read_text(encoding="utf-8") for p in sorted((project / "translations").rglob("*.po*")))
        outputs.setdefault("catalogs", []).append(catalogs)
    for kind in ("segments", "hints", "english", "config"):
        assert (tmp_path / "cache" / kind).is_dir(), kind
    for name, (off, on, again) in outputs.items():
        assert off, name
        assert on == off, name
        assert again == off, name


def test_segment_and_render_with_jobs_write_what_one_process_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from aligner.cli import app

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    written = []
    for jobs in ("1", "2"):
        project = tmp_path / f"jobs-{jobs}"
        (project / "seeds").mkdir(parents=True)
        shutil.copy(ROOT / "pyproject.toml", project / "pyproject.toml")
        for doc in fixture_docs()[:6]:
            shutil.copy(doc, project / "seeds" / doc.name)
        monkeypatch.chdir(project)
        monkeypatch.setenv("ALIGNER_CACHE_DIR", str(project / ".aligner"))
        result = CliRunner().invoke(app, ["segment", "--jobs", jobs])
        assert result.exit_code == 0, result.output
        rendered = CliRunner().invoke(app, ["render", "--jobs", jobs, "-f", "md"])
        assert rendered.exit_code == 0, rendered.output
        if jobs == "2":
            assert len(list((project / ".aligner" / "segments").iterdir())) == 6
        files = sorted(p for p in project.rglob("*") if p.is_file() and ".aligner" not in p.parts)
        written.append({p.relative_to(project): p.read_bytes() for p in files})
    assert len(written[0]) >= 6 * 2 + 6
    assert written[0] == written[1]


def test_an_edited_entry_decides_no_doc_id_path_or_segment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cut kept under .aligner/segments/ is data from the project folder: an edited one (a doc_id
    with ../.., a segment the source does not hold, /etc/passwd as its path) is cut again."""
    import json

    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path))
    project = load_project(ROOT)
    good = pipeline.load_document(SEED, project)
    (entry,) = (tmp_path / "segments").iterdir()
    data = json.loads(cache.load(entry))  # type: ignore[arg-type]
    data["document"]["doc_id"] = "../../evil"
    data["document"]["path"] = "/etc/passwd"
    data["segments"][0]["text"] = "注入的句子。"
    forged = json.dumps(data, ensure_ascii=False).encode("utf-8")
    entry.write_bytes(forged)
    assert pipeline.load_document(SEED, project) == good
    # Even with a valid tag (an entry aligner wrote for another name), the name is the source's.
    entry.write_bytes(cache.seal(entry, forged))
    document, segments = pipeline.load_document(SEED, project)
    assert document.doc_id == SEED.stem and (document, segments) == good
