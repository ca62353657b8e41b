"""Upper-case wire copy: parsed in ordinary case, reported with the original text."""

from __future__ import annotations

from collections.abc import Callable

from euphrates.records import ArticleReport
from euphrates.truecase import restore_spans, shouting, truecase

Code = Callable[..., ArticleReport]

WIRE = (
    "SAN SALVADOR, 3 JAN 90 -- [TEXT] GUERRILLAS KIDNAPPED 12 PEASANTS IN SAN MIGUEL "
    "DEPARTMENT ON 30 DECEMBER, THE ARMY REPORTED. SOLDIERS LATER CLASHED WITH THE "
    "GUERRILLAS NEAR USULUTAN."
)


def test_shouting_is_most_letters_in_capitals() -> None:
    assert shouting(WIRE)
    assert not shouting("Guerrillas kidnapped 12 peasants in San Miguel on Monday, the army said.")
    assert not shouting("UN OK")  # too short to tell


def test_truecase_keeps_length_and_capitalises_names_and_starts() -> None:
    names = {"san salvador", "san miguel", "usulutan"}
    cased = truecase(WIRE, lambda p: p.lower() in names)
    assert len(cased) == len(WIRE)
    assert cased.startswith("San Salvador, 3 Jan 90 -- [text] Guerrillas kidnapped 12 peasants")
    assert "in San Miguel department" in cased
    assert "near Usulutan." in cased
    assert "Soldiers later clashed" in cased


def test_truecase_keeps_acronyms_in_capitals() -> None:
    text = "GUNMEN OF THE FMLN ATTACKED A POST IN THE NORTH ON MONDAY, THE ARMY SAID TODAY."
    cased = truecase(text, lambda p: False, frozenset({"fmln"}))
    assert "of the FMLN attacked" in cased


def test_wire_copy_in_capitals_is_coded_with_original_spans(code: Code) -> None:
    report = code(WIRE)
    assert report.events, "nothing coded from upper-case copy"
    text = report.article.text
    for e in report.events:
        assert e.evidence.text == text[e.evidence.start : e.evidence.end]
        assert e.trigger.text == text[e.trigger.start : e.trigger.end]
        assert e.trigger.text.isupper()
    for pm in report.mentions.places:
        assert pm.span.text == text[pm.span.start : pm.span.end]
    kidnap = [e for e in report.events if e.sub_event_type == "Abduction/forced disappearance"]
    assert kidnap and kidnap[0].location is not None
    assert kidnap[0].location.place.country == "SV"


def test_restore_spans_reaches_nested_records(code: Code) -> None:
    report = code("Gunmen attacked a checkpoint in Raqqa on Monday, killing two soldiers.")
    text = report.article.text
    restore_spans(report, text.upper())
    assert all(e.evidence.text.isupper() for e in report.events)
