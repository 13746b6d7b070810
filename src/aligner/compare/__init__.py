"""Compare two versions of a document: what changed, unit by unit, in both languages.

``units`` reads the units of a version from its blocks (an article with its items, else a heading
or a paragraph); ``match`` pairs the units of two versions and says how each changed; ``carry``
carries the old English to the new version's catalog; ``run`` is what ``aligner compare`` calls.
The redline itself is a renderer (``render/redline.py``).
"""
