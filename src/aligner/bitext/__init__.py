"""Sentence alignment of a Chinese document with its English version (``aligner align``).

units      Sentence and Bead, the two things the rest deal in
english    English sentences (pysbd, also split inside quotations, speech verbs kept) and lines
lexicon    CC-CEDICT on jieba words, with stems shared by both sides
anchors    numbers and dates, Latin names, quoted titles, numbered headings, speech tags
features   sentences to hashed dictionary vectors, lengths and structure; learned word pairs
lengths    Gale-Church for Chinese characters against English characters
search     the band of sure pairs, the dynamic programme (1-n, n-1, m-n), merges, confidences
galechurch the length-only baseline the benchmark measures against
embed      the optional multilingual sentence encoder (aligner[embed])
core       reading both sides, refusing bad input, the two passes
related    whether the two sides translate each other at all (a wrong pair is refused)
formats    po, tmx, tsv, beads, html
"""
