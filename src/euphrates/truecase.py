"""Upper-case wire copy ("SAN SALVADOR, 3 JAN 90 -- ...") put in ordinary case for the parser.

The small English model reads every capitalised word as a name, so text in capitals parses
badly. The cased copy lowers every letter, then capitalises sentence starts and the words
the project knows as names: places of the gazetteer, demonyms, months and days, and the
actor registry's names (its acronyms stay in capitals). It has the same length as the
original, so every offset the extractors find is an offset into the original; the spans'
text is given back from the original afterwards (`restore_spans`).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from euphrates.records import Span

SHOUTING_SHARE = 0.8  # of letters in capitals, over at least MIN_LETTERS letters
MIN_LETTERS = 40
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Sentence starts: the text's, after . ! ? and a space, after a blank line, after "--".
_SENTENCE_START = re.compile(
    r"(?:^\s*|[.!?]\s+|\n\s*\n\s*|--\s*|\[text\]\s*)([A-Za-z])", re.IGNORECASE
)
CALENDAR = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday""".split()
) - {"may", "march"}  # also verbs; "may" and "march" stay lower case unless a name


def shouting(text: str) -> bool:
    """Whether the text is written (almost) all in capitals."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return False
    return sum(c.isupper() for c in letters) / len(letters) >= SHOUTING_SHARE


def _lower(text: str) -> list[str]:
    # Character by character, so that the length never changes ("İ".lower() is two).
    return [c.lower() if len(c.lower()) == 1 else c for c in text]


def truecase(
    text: str,
    is_name: Callable[[str], bool],
    acronyms: frozenset[str] = frozenset(),
    max_words: int = 4,
) -> str:
    """`text` lowered, with sentence starts and known names capitalised; same length."""
    chars = _lower(text)
    for m in _SENTENCE_START.finditer(text):
        chars[m.start(1)] = chars[m.start(1)].upper()
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    i = 0
    while i < len(words):
        for n in range(min(max_words, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            phrase = text[start:end]
            if "\n" in phrase or not (
                (n == 1 and phrase.lower() in acronyms) or _name_like(phrase, n, is_name)
            ):
                continue
            for ws, we in words[i : i + n]:
                word = text[ws:we]
                if word.lower() in acronyms:
                    chars[ws:we] = list(word.upper())
                elif word.lower() not in STOP_WORDS or n == 1:
                    chars[ws] = chars[ws].upper()
            i += n
            break
        else:
            i += 1
    return "".join(chars)


def _name_like(phrase: str, n: int, is_name: Callable[[str], bool]) -> bool:
    lowered = phrase.lower()
    first, last = lowered.split()[0], lowered.split()[-1]
    if n == 1 and lowered in CALENDAR:
        return True
    if first in STOP_WORDS or last in STOP_WORDS:
        return False  # "of the", "in san": names do not begin or end with those
    return is_name(phrase)


def restore_spans(obj: Any, original: str) -> None:
    """Give every `Span` reachable from `obj` the original text of its offsets."""
    seen: set[int] = set()

    def walk(value: Any) -> None:
        if id(value) in seen:
            return
        if isinstance(value, Span):
            # A frozen value, but one this report alone holds: rewriting it in place keeps
            # every reference to it (an event's and a mention's) the same span.
            object.__setattr__(value, "text", original[value.start : value.end])
            return
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            seen.add(id(value))
            for f in dataclasses.fields(value):
                walk(getattr(value, f.name))
        elif isinstance(value, dict):
            seen.add(id(value))
            for v in value.values():
                walk(v)
        elif isinstance(value, list | tuple):
            seen.add(id(value))
            for v in value:
                walk(v)

    walk(obj)


def acronyms_of(names: Iterable[str]) -> frozenset[str]:
    """The names written all in capitals ("FMLN", "ELN"), lower-cased, for `truecase`."""
    return frozenset(n.lower() for n in names if n.isupper() and 2 <= len(n) <= 8)
