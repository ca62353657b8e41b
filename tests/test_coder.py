"""The public entry point: refusals, batches, inferred publication dates, degraded extractors."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

import euphrates.coder as coder_module
from euphrates.coder import ArticleError, Coder, check_text
from euphrates.records import Article, ArticleReport, content_hash, to_dict

PUBLISHED = dt.date(2024, 3, 14)
GOOD = "Unidentified gunmen killed three farmers near the town of Baqubah on Monday, police said."
OTHER = "Turkish police arrested 15 people in Istanbul on Thursday."


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", " \n\t \r\n "])
def test_empty_text_refused(coder: Coder, text: str) -> None:
    with pytest.raises(ArticleError, match="empty"):
        coder.code(Article(text, published=PUBLISHED))


@pytest.mark.parametrize(
    "text",
    [
        # French
        "Des hommes armés ont tué trois agriculteurs près de la ville de Baqubah lundi, selon "
        "la police locale. Les forces de sécurité ont bouclé le secteur et lancé des "
        "recherches dans les villages voisins.",
        # Arabic
        "قتل مسلحون مجهولون ثلاثة مزارعين قرب مدينة بعقوبة يوم الاثنين، بحسب ما أفادت به "
        "الشرطة المحلية، وقد فرضت قوات الأمن طوقا أمنيا على المنطقة",
        # Spanish
        "Hombres armados mataron a tres campesinos cerca de la ciudad el lunes, según informó "
        "la policía local, y las fuerzas de seguridad acordonaron la zona.",
    ],
)
def test_non_english_refused(coder: Coder, text: str) -> None:
    with pytest.raises(ArticleError, match="not English"):
        coder.code(Article(text, published=PUBLISHED))


def test_terse_english_note_accepted(coder: Coder) -> None:
    """A coded note with place names and few function words is still English."""
    text = (
        "Turkish drones struck positions around Ain Issa (Ar-Raqqa), "
        "including Saida, as SDF units redeployed. Material damage reported; no casualties."
    )
    assert coder.code(Article(text, published=PUBLISHED)).events


def test_nul_bytes_refused(coder: Coder) -> None:
    with pytest.raises(ArticleError, match="NUL"):
        coder.code(Article("Gunmen killed two people\x00 in Kano on Monday.", published=PUBLISHED))


def test_too_large_refused() -> None:
    with pytest.raises(ArticleError, match="too large"):
        check_text("the army said " * 100_000)


def test_short_english_accepted() -> None:
    check_text("Police said.")  # too few words to judge the language: accepted
    check_text(GOOD)


def test_article_error_is_a_value_error() -> None:
    assert issubclass(ArticleError, ValueError)


# --- batches ---------------------------------------------------------------------------------


def test_code_many_keeps_order_and_yields_errors(coder: Coder) -> None:
    articles = [
        Article(GOOD, published=PUBLISHED),
        Article(
            "Ceci n'est pas un article en anglais, mais un texte écrit en français pour "
            "vérifier le refus.",
            published=PUBLISHED,
        ),
        Article(OTHER, published=PUBLISHED),
    ]
    out = list(coder.code_many(articles))
    assert len(out) == 3
    assert isinstance(out[0], ArticleReport) and out[0].article.text == GOOD
    assert isinstance(out[1], ArticleError)
    assert isinstance(out[2], ArticleReport) and out[2].article.text == OTHER
    reports = [o for o in out if isinstance(o, ArticleReport)]
    assert len(reports) == 2
    assert out[2].events and out[2].events[0].sub_event_type == "Arrests"


def test_code_many_matches_code(coder: Coder) -> None:
    (batched,) = list(coder.code_many([Article(GOOD, published=PUBLISHED)]))
    single = coder.code(Article(GOOD, published=PUBLISHED))
    assert isinstance(batched, ArticleReport)
    assert to_dict(batched.events) == to_dict(single.events)


def test_code_many_empty_input(coder: Coder) -> None:
    assert list(coder.code_many([])) == []


# --- publication date ------------------------------------------------------------------------


def test_published_inferred_from_explicit_date(coder: Coder) -> None:
    text = "Gunmen killed four villagers in Zamfara state on March 3, 2024, police said on Tuesday."
    report = coder.code(Article(text))
    assert report.article.published_inferred is True
    # 3 March 2024 is a Sunday; "on Tuesday" after it puts the report on the 5th.
    assert report.article.published == dt.date(2024, 3, 5)
    assert not any("publication date" in w for w in report.warnings)


def test_given_date_is_not_inferred(coder: Coder) -> None:
    text = "Gunmen killed four villagers in Zamfara state on March 3, 2024, police said."
    report = coder.code(Article(text, published=dt.date(2024, 3, 10)))
    assert report.article.published == dt.date(2024, 3, 10)
    assert report.article.published_inferred is False


def test_no_date_at_all_warns(coder: Coder) -> None:
    report = coder.code(Article("Gunmen killed four villagers in Zamfara state, police said."))
    assert report.article.published is None
    assert report.article.published_inferred is False
    assert any("publication date" in w for w in report.warnings)
    assert report.events  # still coded, against today


# --- a failing extractor degrades one field, not the article ---------------------------------


def _boom(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("synthetic failure")


def test_failing_claims_extractor_gives_warning(
    coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coder_module, "extract_claims", _boom)
    report = coder.code(Article(GOOD, published=PUBLISHED))
    assert report.mentions.claims == []
    assert any(
        w.startswith("claims extractor failed") and "synthetic failure" in w
        for w in report.warnings
    )
    # The rest still works: the killing is found, placed and counted.
    (event,) = report.events
    assert event.location is not None and event.location.place.name == "Baqubah"
    assert event.fatalities is not None and event.fatalities.best == 3


def test_failing_places_extractor_gives_warning(
    coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coder_module, "extract_places", _boom)
    report = coder.code(Article(GOOD, published=PUBLISHED))
    assert report.mentions.places == []
    assert any(w.startswith("places extractor failed") for w in report.warnings)
    assert report.events and report.events[0].location is None
    assert report.mentions.actors  # actors still found


def test_failing_events_extractor_gives_warning(
    coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coder_module, "extract_events", _boom)
    report = coder.code(Article(GOOD, published=PUBLISHED))
    assert report.events == []
    assert any(w.startswith("events extractor failed") for w in report.warnings)
    assert report.mentions.places and report.mentions.actors


def test_failing_extractor_in_batch(coder: Coder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(coder_module, "extract_quantities", _boom)
    out = list(
        coder.code_many([Article(GOOD, published=PUBLISHED), Article(OTHER, published=PUBLISHED)])
    )
    assert all(isinstance(o, ArticleReport) for o in out)
    assert all(
        any(w.startswith("quantities extractor failed") for w in o.warnings)
        for o in out
        if isinstance(o, ArticleReport)
    )


# --- the report ------------------------------------------------------------------------------


def test_report_is_json_ready(coder: Coder) -> None:
    report = coder.code(
        Article(
            GOOD,
            title="Farmers killed",
            published=PUBLISHED,
            source="Example Wire",
            url="https://example.org/a",
        )
    )
    data = json.loads(json.dumps(to_dict(report)))
    assert data["article"]["published"] == "2024-03-14"
    event = data["events"][0]
    assert event["source"] == "Example Wire" and event["url"] == "https://example.org/a"
    assert event["date"]["range"]["start"] == "2024-03-11"


def test_article_id_is_content_hash(coder: Coder) -> None:
    report = coder.code(Article(GOOD, title="Farmers killed", published=PUBLISHED))
    assert report.article.id == content_hash(GOOD, "Farmers killed")
    assert report.article.id != content_hash(GOOD, None)
    assert all(e.article_id == report.article.id for e in report.events)


def test_code_article_convenience(coder: Coder) -> None:
    report = coder_module.code_article(GOOD, published=PUBLISHED, coder=coder)
    assert report.events and report.events[0].fatalities is not None
