"""The TBX 2008 form read by Debian's OmegaT (3.6): its own glossary reader, run for a zh-CN -> en project.

OmegaT's reader asks the open project for its languages, so a small Groovy script (Groovy comes with
OmegaT; no compiler is needed) gives it a project that says zh-CN and en, reads the file and prints
each entry's source and its target terms (one entry per English term of a concept).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from aligner.terms import read_pairs, to_tbx
from aligner.terms.mine import mine
from tests.conftest import DATA, require_tool

JAR = Path("/usr/share/omegat/OmegaT.jar")
SCRIPT = """
import org.omegat.core.Core
import org.omegat.core.data.IProject
import org.omegat.core.data.ProjectProperties
import org.omegat.gui.glossary.GlossaryReaderTBX

def props = new ProjectProperties(new File(args[1]))
props.setSourceLanguage("zh-CN")
props.setTargetLanguage("en")
Core.setProject([getProjectProperties: { props }] as IProject)
GlossaryReaderTBX.read(new File(args[0]), false).each { e ->
    println(e.getSrcText() + "\\t" + e.getLocTerms(false).join("|"))
}
"""


def test_omegat_reads_the_2008_form(tmp_path: Path) -> None:
    require_tool("omegat")
    java = require_tool("java")
    mined = mine(read_pairs([(DATA / "terms" / "constitution.tmx", "c.tmx")]), top=12)
    base = tmp_path / "terms.tbx"
    base.write_text(to_tbx(mined, version="2008"), encoding="utf-8")
    script = tmp_path / "read.groovy"
    script.write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "project").mkdir()
    result = subprocess.run(
        [java, "-cp", str(JAR), "groovy.ui.GroovyMain", str(script), str(base), str(tmp_path / "project")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    read = {(source, target) for line in result.stdout.splitlines() for source, targets in [line.split("\t")]
            for target in targets.split("|")}  # fmt: skip
    # OmegaT makes one entry per English term of a concept: the usual rendering and each variant.
    assert read == {(c.zh, en) for c in mined for en in (c.en, *(v.en for v in c.variants))}
    assert any(c.variants for c in mined)
