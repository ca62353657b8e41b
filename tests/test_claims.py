"""Claims: who says so, with which verb, and the modality it lends what it covers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from euphrates.records import ArticleReport, Claim

Code = Callable[..., ArticleReport]


def claims(report: ArticleReport) -> list[Claim]:
    text = report.article.text
    for c in report.mentions.claims:  # provenance
        assert c.span.text == text[c.span.start : c.span.end]
        if c.source_span is not None:
            assert c.source_span.text == text[c.source_span.start : c.source_span.end]
            assert c.source == c.source_span.text
    return report.mentions.claims


def only_claim(report: ArticleReport) -> Claim:
    found = claims(report)
    assert len(found) == 1, [(c.verb, c.source) for c in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "verb", "modality", "source"),
    [
        (
            "Two suspects were arrested in Peshawar on Wednesday, police said.",
            "say",
            "reported",
            "police",
        ),
        (
            "Police said the gunmen fled towards the border after the attack.",
            "say",
            "reported",
            "Police",
        ),
        (
            "The group claimed responsibility for the blast in a statement on Telegram.",
            "claim",
            "claimed",
            "The group",
        ),
        (
            "Officials denied that any civilians had been hurt in the raid.",
            "deny",
            "denied",
            "Officials",
        ),
        (
            "The Taliban claimed that its fighters had killed 20 Afghan soldiers in Helmand.",
            "claim",
            "claimed",
            "The Taliban",
        ),
        (
            "The army denied that its troops had shelled the village of Kafranbel.",
            "deny",
            "denied",
            "The army",
        ),
        (
            "Turkish police detained 23 suspects in Istanbul, the state-run Anadolu Agency "
            "reported.",
            "report",
            "reported",
            "the state-run Anadolu Agency",
        ),
    ],
)
def test_reporting_verbs(code: Code, text: str, verb: str, modality: str, source: str) -> None:
    c = only_claim(code(text))
    assert c.verb == verb
    assert c.modality == modality
    assert c.source == source


def test_claim_speaker_actor(code: Code) -> None:
    c = only_claim(code("Five soldiers were killed in an ambush near Gao, the Malian army said."))
    assert c.source == "the Malian army"
    assert c.actor is not None and c.actor.name == "Military Forces of Mali"


def test_claim_speaker_registry_actor(code: Code) -> None:
    c = only_claim(code("Daesh claimed the attack on a checkpoint near Kirkuk."))
    assert c.modality == "claimed"
    assert c.actor is not None and c.actor.actor_id == "islamic-state"


def test_claim_sentence_index(code: Code) -> None:
    report = code("A car bomb exploded in Kirkuk on Sunday. Four people were killed, police said.")
    c = only_claim(report)
    assert c.sentence == 1


def test_no_claim_without_reporting_verb(code: Code) -> None:
    assert claims(code("Government forces shelled the village of Kafranbel on Monday.")) == []


def test_according_to_the_monitor(code: Code) -> None:
    c = only_claim(code("According to the monitor, government forces shelled Douma on Tuesday."))
    assert c.modality == "reported"
    assert c.source == "the monitor"


def test_according_to_sets_event_modality(code: Code) -> None:
    report = code(
        "At least 30 people were killed in Saraqib on Tuesday, according to the "
        "Syrian Observatory for Human Rights."
    )
    c = only_claim(report)
    assert c.modality == "reported"
    assert c.actor is not None and c.actor.actor_id == "sohr"
    killed = [e for e in report.events if e.trigger.text == "killed"]
    assert killed and killed[0].modality == "reported"


# --- the modality reaches the events the claim covers ---------------------------------------


def test_claimed_event(code: Code) -> None:
    report = code("The Taliban claimed that its fighters had killed 20 Afghan soldiers in Helmand.")
    killed = [e for e in report.events if e.trigger.text == "killed"]
    assert len(killed) == 1
    assert killed[0].modality == "claimed"
    assert [s.verb for s in killed[0].sources] == ["claim"]


def test_denied_event(code: Code) -> None:
    report = code("The army denied that its troops had shelled the village of Kafranbel.")
    shelled = [e for e in report.events if e.trigger.text == "shelled"]
    assert len(shelled) == 1 and shelled[0].modality == "denied"


def test_reported_event(code: Code) -> None:
    report = code("Two suspects were arrested in Peshawar on Wednesday, police said.")
    (event,) = report.events
    assert event.modality == "reported"
    assert event.sources and event.sources[0].source == "police"


def test_unattributed_event_is_asserted(code: Code) -> None:
    report = code("Government forces shelled the village of Kafranbel on Monday.")
    (event,) = report.events
    assert event.modality == "asserted" and event.sources == []
