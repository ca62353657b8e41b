"""Actors: registry names and aliases, generic descriptions, back-references and people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from euphrates.records import ActorMention, ArticleReport
from euphrates.resources import load_registry

Code = Callable[..., ArticleReport]


def actors(report: ArticleReport) -> list[ActorMention]:
    text = report.article.text
    for m in report.mentions.actors:  # provenance
        assert m.span.text == text[m.span.start : m.span.end]
        if m.resolved_from is not None:
            rf = m.resolved_from
            assert rf.text == text[rf.start : rf.end]
    return report.mentions.actors


def actor_at(report: ArticleReport, surface: str) -> ActorMention:
    found = [m for m in actors(report) if m.span.text == surface]
    assert found, f"{surface!r} not among {[m.span.text for m in actors(report)]}"
    return found[0]


def test_registry_has_the_aliases_used_here() -> None:
    by_id = {a.id: a for a in load_registry()}
    assert "HTS" in by_id["hts"].aliases
    assert by_id["hts"].name == "Hayat Tahrir al-Sham"
    assert by_id["al-shabaab"].name == "al-Shabaab"
    assert by_id["houthis"].name == "Houthis"
    assert "Ansar Allah" in by_id["houthis"].aliases
    assert "Daesh" in by_id["islamic-state"].aliases


# --- registry names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "actor_id", "name", "country"),
    [
        (
            "Fighters of Hayat Tahrir al-Sham clashed with the Syrian National Army near Afrin.",
            "Hayat Tahrir al-Sham",
            "hts",
            "Hayat Tahrir al-Sham",
            "SY",
        ),
        (
            "HTS fighters attacked a checkpoint near Saraqib on Monday.",
            "HTS",
            "hts",
            "Hayat Tahrir al-Sham",
            "SY",
        ),
        (
            "Al-Shabaab fighters captured the town of Jilib in southern Somalia on Saturday.",
            "Al-Shabaab",
            "al-shabaab",
            "al-Shabaab",
            "SO",
        ),
        (
            "The Houthis fired two drones at a tanker in the Red Sea on Sunday.",
            "Houthis",
            "houthis",
            "Houthis",
            "YE",
        ),
        (
            "Ansar Allah said its forces had downed a drone over Sanaa.",
            "Ansar Allah",
            "houthis",
            "Houthis",
            "YE",
        ),
        (
            "Daesh claimed the attack on a checkpoint near Kirkuk.",
            "Daesh",
            "islamic-state",
            "Islamic State",
            None,
        ),
    ],
)
def test_registry_alias(
    code: Code, text: str, surface: str, actor_id: str, name: str, country: str | None
) -> None:
    m = actor_at(code(text), surface)
    assert m.actor.actor_id == actor_id
    assert m.actor.name == name
    assert m.actor.country == country
    assert m.actor.kind == "rebel group"
    assert m.actor.generic is False


def test_acronym_is_case_sensitive(code: Code) -> None:
    report = code("The situation is tense in the city, and residents stayed at home on Friday.")
    assert all(m.actor.actor_id != "islamic-state" for m in actors(report))


def test_capitalised_is_acronym_matches(code: Code) -> None:
    report = code("IS fighters were seen on the outskirts of Raqqa on Friday.")
    assert actor_at(report, "IS").actor.actor_id == "islamic-state"


def test_registry_name_is_not_a_place(code: Code) -> None:
    report = code("The Syrian National Army shelled Kurdish positions near Manbij on Monday.")
    m = actor_at(report, "Syrian National Army")
    assert m.actor.actor_id == "sna-sy"
    # The organisation name is kept out of the toponyms ("Syrian" there is no demonym).
    assert all(not (m.span.start <= pm.span.start < m.span.end) for pm in report.mentions.places)


# --- generic descriptions -------------------------------------------------------------------


def test_turkish_police(code: Code) -> None:
    report = code(
        "Turkish police arrested 15 people suspected of links to the Islamic State "
        "in Istanbul on Thursday."
    )
    m = actor_at(report, "Turkish police")
    assert m.actor.name == "Police Forces of Turkey"
    assert m.actor.kind == "state forces"
    assert m.actor.country == "TR"
    assert m.actor.generic is True


def test_demonym_troops(code: Code) -> None:
    m = actor_at(
        code("Iraqi troops advanced on the western edge of Mosul on Tuesday."), "Iraqi troops"
    )
    assert (m.actor.name, m.actor.kind, m.actor.country) == (
        "Military Forces of Iraq",
        "state forces",
        "IQ",
    )


def test_russian_warplanes(code: Code) -> None:
    m = actor_at(
        code("Russian warplanes launched air strikes on Saraqib on Tuesday."), "Russian warplanes"
    )
    assert m.actor.name == "Military Forces of Russia"
    assert m.actor.country == "RU"


def test_unidentified_gunmen(code: Code) -> None:
    report = code("Unidentified gunmen killed three farmers near the town of Baqubah on Monday.")
    m = actor_at(report, "Unidentified gunmen")
    assert m.actor.name.startswith("Unidentified Armed Group")
    assert m.actor.kind == "political militia"
    assert m.actor.country == "IQ"  # from the article's focus: Baqubah is in Iraq


def test_civilians(code: Code) -> None:
    report = code(
        "Government shelling killed four civilians in the village of Kafranbel, activists said."
    )
    m = actor_at(report, "civilians")
    assert m.actor.kind == "civilians"
    assert m.actor.name == "Civilians (Syria)"
    assert m.actor.country == "SY"


def test_protesters(code: Code) -> None:
    report = code(
        "Protesters gathered outside parliament in Nairobi on Tuesday to protest "
        "against tax increases."
    )
    m = actor_at(report, "Protesters")
    assert m.actor.kind == "protesters" and m.actor.country == "KE"


def test_bare_men_and_officers_are_not_forces(code: Code) -> None:
    """ "the men" or "officers" alone say nothing about who they are."""
    report = code("Three men were seen leaving the building, officers said.")
    assert [m.span.text for m in actors(report) if m.actor.kind == "state forces"] == []


# --- back-references ------------------------------------------------------------------------


def test_the_militants_resolve_to_named_group(code: Code) -> None:
    report = code(
        "Hayat Tahrir al-Sham stormed a village in Idlib province on Sunday. "
        "The militants killed four government soldiers there."
    )
    m = actor_at(report, "militants")
    assert m.actor.actor_id == "hts"
    assert m.resolved_from is not None and m.resolved_from.text == "Hayat Tahrir al-Sham"
    assert m.sentence == 1


def test_the_militants_resolve_to_acronym(code: Code) -> None:
    report = code("HTS fighters attacked a checkpoint near Saraqib. The militants later withdrew.")
    m = actor_at(report, "militants")
    assert m.actor.actor_id == "hts"
    assert m.resolved_from is not None and m.resolved_from.text == "HTS"


def test_reference_picks_nearest_compatible_group(code: Code) -> None:
    report = code(
        "Islamic State fighters ambushed a patrol near Mosul on Monday. "
        "Separately, al-Shabaab attacked a base in Somalia. The militants fled."
    )
    m = actor_at(report, "militants")
    assert m.actor.actor_id == "al-shabaab"


def test_qualified_reference_does_not_resolve(code: Code) -> None:
    report = code("HTS attacked a checkpoint near Saraqib. Kurdish-led fighters later retook it.")
    assert all(m.resolved_from is None for m in actors(report))


# --- people ---------------------------------------------------------------------------------


def test_titled_person_tied_to_government(code: Code) -> None:
    report = code(
        "Iraqi Prime Minister Mohammed Shia al-Sudani said on Sunday that the "
        "attack would not go unpunished."
    )
    m = actor_at(report, "Iraqi Prime Minister Mohammed Shia al-Sudani")
    assert m.person == "Mohammed Shia al-Sudani"
    assert m.actor.name == "Government of Iraq"
    assert m.actor.kind == "government"
    assert m.actor.country == "IQ"


def test_later_surname_keeps_affiliation(code: Code) -> None:
    report = code(
        "Iraqi Prime Minister Mohammed Shia al-Sudani visited Basra on Sunday. "
        "Sudani said the attackers would be punished."
    )
    m = actor_at(report, "Sudani")
    assert m.actor.name == "Government of Iraq"
    assert m.sentence == 1


def test_untitled_person_is_a_person(code: Code) -> None:
    report = code("Local farmer Ahmed Karimov said the soldiers came at night.")
    people = [m for m in actors(report) if m.person]
    assert people and people[0].actor.kind == "person"
    assert "Karimov" in people[0].actor.name


def test_generic_country_from_its_own_sentence(code: Code) -> None:
    report = code(
        "Syrian government forces shelled villages in Idlib province on Wednesday, "
        "killing six civilians. In Iraq, gunmen attacked a checkpoint near Baqubah, "
        "and a bomb exploded in Baghdad. Police in Mosul and Kirkuk were put on alert."
    )
    assert actor_at(report, "civilians").actor.country == "SY"
    assert actor_at(report, "Police").actor.country == "IQ"


def test_civilians_take_the_country_of_the_event_place(code: Code) -> None:
    report = code(
        "Russian warplanes struck a market in Saraqib in Idlib province on Tuesday, "
        "killing 12 civilians, a monitor said."
    )
    (event,) = [e for e in report.events if e.plover_type == "ASSAULT"]
    assert event.location is not None and event.location.place.country == "SY"
    assert event.actor2 is not None and event.actor2.actor.name == "Civilians (Syria)"
    assert event.actor1 is not None and event.actor1.actor.name == "Military Forces of Russia"


def test_civilians_keep_the_country_the_text_gives(code: Code) -> None:
    report = code("Gunmen killed three Turkish civilians in Saraqib in Idlib province on Tuesday.")
    (event,) = [e for e in report.events if e.plover_type == "ASSAULT"]
    assert event.actor2 is not None and event.actor2.actor.name == "Civilians (Turkey)"


def test_force_without_country_takes_the_place_not_a_demonym(code: Code) -> None:
    """ "Iranian-backed" describes the militias; the sentence is about a Syrian town."""
    report = code(
        "On 10 May 2022, regime forces and Iranian-backed militias retook Al Bukamal "
        "(Deir-ez-Zor) from IS."
    )
    regime = [m for m in report.mentions.actors if m.span.text == "regime forces"]
    assert regime and regime[0].actor.country == "SY"


def test_country_name_before_a_force_noun_names_its_forces(code: Code) -> None:
    report = code("On 10 May 2022, UAE forces took over the airport of Hadibu.")
    forces = [m for m in report.mentions.actors if m.span.text.endswith("forces")]
    assert forces and forces[0].actor.country == "AE"
    assert forces[0].actor.kind == "state forces"


@pytest.mark.parametrize(
    ("published", "kind"),
    [(dt.date(2019, 5, 1), "rebel group"), (dt.date(2023, 5, 1), "state forces")],
)
def test_an_actors_kind_follows_the_date(code: Code, published: dt.date, kind: str) -> None:
    """The Taliban were an insurgency until August 2021 and the state's forces after."""
    report = code(
        "Taliban fighters attacked a checkpoint in Kunduz on Monday.", published=published
    )
    taliban = [m for m in report.mentions.actors if m.actor.actor_id == "taliban"]
    assert taliban and taliban[0].actor.kind == kind


def test_a_country_the_model_calls_a_person_is_no_person(code: Code) -> None:
    report = code(
        "Mali's army seized the northern town of Kidal from separatist rebels on Tuesday."
    )
    assert all(m.actor.kind != "person" for m in report.mentions.actors)
