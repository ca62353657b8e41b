"""Shared fixtures: the spaCy pipeline, the gazetteer index and a `Coder`, built once per session.

`EUPHRATES_DATA` may point at an already-built gazetteer index; otherwise `open_index()` builds
it on first use (once).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from spacy.language import Language

from euphrates.coder import Coder
from euphrates.gazetteer import GeoNamesIndex, open_index
from euphrates.nlp import load_nlp
from euphrates.records import Article, ArticleReport

# A Thursday: "on Tuesday" is 12 March, "on Sunday" 10 March.
PUBLISHED = dt.date(2024, 3, 14)


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def index() -> GeoNamesIndex:
    return open_index()


@pytest.fixture(scope="session")
def coder(nlp: Language, index: GeoNamesIndex) -> Coder:
    return Coder(nlp=nlp, index=index)


@pytest.fixture(scope="session")
def code(coder: Coder) -> Callable[..., ArticleReport]:
    """Code one text published on `PUBLISHED` (or the date given)."""

    def run(text: str, published: dt.date | None = PUBLISHED) -> ArticleReport:
        return coder.code(Article(text, published=published))

    return run
