"""Sentence alignment of a Chinese document with its English version (``aligner align``).

units      Sentence and Bead, the two things the rest deal in
english    English sentences (pysbd, also split inside quotations) and one-per-line input
lexicon    CC-CEDICT on jieba words, with stems shared by both sides
anchors    numbers and dates, Latin names, quoted titles, numbered headings
features   sentences to hashed dictionary vectors, lengths and structure; learned word pairs
lengths    Gale-Church for Chinese characters against English characters
search     the band of sure pairs, the dynamic programme, confidences
galechurch the length-only baseline the benchmark measures against
embed      the optional multilingual sentence encoder (aligner[embed])
core       reading both sides, refusing bad input, the two passes
formats    po, tmx, tsv, beads, html
"""
