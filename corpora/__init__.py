"""c2safe corpora: real C inputs (HACL*) fetched reproducibly, described as translation sets.

Guarantees: a fetched corpus is exactly the pinned upstream files (sha256-checked), laid
out under ``corpora/_data/<name>/`` with a ``manifest.json`` naming each translation set's
files, include directories and defines. See ``corpora.registry`` for the API and
``corpora.cli`` for ``c2safe corpus``.
"""

from corpora.registry import Corpus, TranslationSet, fetch_corpus, load_corpus

__all__ = ["Corpus", "TranslationSet", "fetch_corpus", "load_corpus"]
