"""aligner: segment Chinese official documents into gettext catalogs, check translations,
and publish aligned bilingual text."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
