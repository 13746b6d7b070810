"""Review documents: a catalog exported for someone outside the PO workflow, and merged back by id.

``export`` writes one review document per catalog (a bilingual Word table, ``docx``; XLIFF 1.2,
``xliff``; XLIFF 2.1, ``xliff2``); ``merge`` reads reviewed documents and applies what the reviewer changed to the
catalogs, through ``catalog``. Each format has one module that writes and reads it; ``safe``
opens untrusted archives and XML; ``review`` holds what every format carries.
"""
