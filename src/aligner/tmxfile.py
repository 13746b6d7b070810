"""What every TMX 1.4 file aligner writes shares: the header's attributes and XML-safe text.

``render -f tmx``, ``align -f tmx``, ``align --batch --tmx`` and ``tm export -f tmx`` all write
through these, so their headers agree and a character XML 1.0 forbids never reaches a file.
"""

from __future__ import annotations

import time

from aligner import __version__, lazyre
from aligner import epoch as source_date

SOURCE_LANGUAGE = "zh-CN"
_INVALID_XML = lazyre.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def text(value: str) -> str:
    """``value`` as XML character data: & < > escaped, characters XML 1.0 forbids dropped."""
    # Not xml.sax.saxutils.escape: saxutils imports urllib.request (25 ms a start).
    return _INVALID_XML.sub("", value).replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def header_attributes(o_tmf: str = "aligner") -> str:
    """The attributes of ``<header>``; dated only by ``SOURCE_DATE_EPOCH``, so a file is the same on every run."""
    from xml.sax.saxutils import quoteattr

    header = {
        "creationtool": "aligner",
        "creationtoolversion": __version__,
        "segtype": "sentence",
        "o-tmf": o_tmf,
        "adminlang": "en",
        "srclang": SOURCE_LANGUAGE,
        "datatype": "plaintext",
    }
    epoch = source_date.seconds()
    if epoch is not None:
        header["creationdate"] = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(epoch))
    return " ".join(f"{name}={quoteattr(value)}" for name, value in header.items())
