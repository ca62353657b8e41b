"""Toponyms, demonyms and datelines, resolved with the article as context."""

from __future__ import annotations

from collections.abc import Callable

from euphrates.records import ArticleReport, PlaceMention

Code = Callable[..., ArticleReport]


def places(report: ArticleReport) -> list[PlaceMention]:
    text = report.article.text
    for pm in report.mentions.places:  # provenance: every span points back into the text
        assert pm.span.text == text[pm.span.start : pm.span.end]
    return report.mentions.places


def mention(report: ArticleReport, surface: str) -> PlaceMention:
    found = [pm for pm in places(report) if pm.span.text == surface]
    assert found, f"{surface!r} not found among {[pm.span.text for pm in places(report)]}"
    return found[0]


# --- context picks the right Palmyra -------------------------------------------------------

SYRIA_PALMYRA = (
    "Syrian government troops backed by Russian air power pushed into Palmyra on Sunday after "
    "weeks of fighting in the desert east of Homs, state media said. Damascus has vowed to "
    "retake the whole province."
)

NEW_YORK_PALMYRA = (
    "Police in Palmyra, New York, said a barn fire on Route 21 was under investigation. "
    "The village lies east of Rochester in Wayne County."
)


def test_palmyra_in_syria(code: Code) -> None:
    pm = mention(code(SYRIA_PALMYRA), "Palmyra")
    assert pm.role == "location"
    assert pm.place is not None and pm.place.country == "SY"
    assert {c.place.country for c in pm.candidates} >= {"SY"}


def test_palmyra_in_new_york(code: Code) -> None:
    pm = mention(code(NEW_YORK_PALMYRA), "Palmyra")
    assert pm.place is not None and pm.place.country == "US"


def test_palmyra_in_short_syrian_report(code: Code) -> None:
    report = code(
        "Islamic State militants blew up ancient temples in Palmyra, the Syrian antiquities "
        "chief said. The jihadists had seized the city from Syrian government forces in May."
    )
    pm = mention(report, "Palmyra")
    assert pm.place is not None and pm.place.country == "SY"


# --- roles ------------------------------------------------------------------------------------


def test_demonym_gives_country_not_location(code: Code) -> None:
    report = code("Iraqi troops advanced on the western edge of Mosul on Tuesday.")
    iraqi = mention(report, "Iraqi")
    assert iraqi.role == "demonym"
    assert iraqi.place is not None
    assert iraqi.place.country == "IQ" and iraqi.place.feature_code == "PCLI"
    mosul = mention(report, "Mosul")
    assert mosul.role == "location" and mosul.place is not None and mosul.place.country == "IQ"
    assert mosul.relation == "edge"


def test_dateline_with_country(code: Code) -> None:
    text = "MOSUL, Iraq — Iraqi troops advanced on the western edge of the city on Tuesday."
    report = code(text)
    dl = mention(report, "MOSUL")
    assert dl.role == "dateline"
    assert dl.span.start == 0 and dl.span.end == 5
    assert dl.place is not None and dl.place.country == "IQ"
    assert report.article.dateline is dl
    # The dateline is where the reporter is, not a second "Mosul" location.
    assert [pm.role for pm in places(report) if pm.span.text.lower() == "mosul"] == ["dateline"]


def test_dateline_colon_form(code: Code) -> None:
    report = code(
        "KABUL: A suicide bomber struck a Shiite mosque in the Afghan capital on Friday, "
        "killing at least 20 worshippers, officials said."
    )
    dl = mention(report, "KABUL")
    assert dl.role == "dateline"
    assert dl.place is not None and dl.place.country == "AF"
    assert report.article.dateline is not None and report.article.dateline.span.text == "KABUL"


def test_no_dateline_in_plain_sentence(code: Code) -> None:
    report = code("Rebels shelled government positions near Aleppo on Monday.")
    assert report.article.dateline is None
    assert all(pm.role != "dateline" for pm in places(report))


def test_near_relation(code: Code) -> None:
    pm = mention(code("Rebels shelled government positions near Aleppo on Monday."), "Aleppo")
    assert pm.relation == "near"
    assert pm.place is not None and pm.place.country == "SY"


def test_direction_relation(code: Code) -> None:
    report = code(
        "Syrian troops advanced on Palmyra after weeks of fighting in the desert east of Homs."
    )
    pm = mention(report, "Homs")
    assert pm.relation == "east of"
    assert pm.place is not None and pm.place.country == "SY"


def test_distance_relation(code: Code) -> None:
    pm = mention(code("Turkish drones struck a vehicle 20 km north of Raqqa on Tuesday."), "Raqqa")
    assert pm.relation == "20 km north of"


def test_province_resolves_to_region(code: Code) -> None:
    report = code(
        "US-led coalition aircraft struck Islamic State positions in Deir ez-Zor province "
        "overnight, the coalition said."
    )
    pm = mention(report, "Deir ez-Zor")
    assert pm.place is not None
    assert pm.place.feature_code == "ADM1" and pm.place.country == "SY"


def test_city_without_province_word_is_the_city(code: Code) -> None:
    report = code("Gunmen attacked a checkpoint in the city of Deir ez-Zor on Monday.")
    pm = mention(report, "Deir ez-Zor")
    assert pm.place is not None and pm.place.feature_class == "P" and pm.place.country == "SY"


def test_unknown_name_does_not_stop_the_rest(code: Code) -> None:
    report = code(
        "Gunmen attacked a checkpoint in Qwertzuiopland and then in Raqqa on Monday, killing "
        "two Kurdish fighters."
    )
    unknown = mention(report, "Qwertzuiopland")
    assert unknown.role == "location" and unknown.candidates == []
    # The gazetteer lacks it: no place, or at most the article's focus, marked as such.
    assert unknown.place is None or unknown.relation == "in article focus"
    raqqa = mention(report, "Raqqa")
    assert raqqa.place is not None and raqqa.place.country == "SY"


def test_transliterated_town_resolves(code: Code) -> None:
    report = code("Government forces shelled the village of Kafr Nabl near Aleppo on Monday.")
    pm = mention(report, "Kafr Nabl")
    assert pm.place is not None and pm.place.name == "Kafranbel" and pm.place.country == "SY"


def test_sentence_index(code: Code) -> None:
    report = code("Clashes were reported in Kirkuk. A day later, fighting spread to Mosul.")
    assert mention(report, "Kirkuk").sentence == 0
    assert mention(report, "Mosul").sentence == 1


def test_hyphenated_town_after_town_of(code: Code) -> None:
    report = code("Russian warplanes bombed the town of Maarat al-Numan on Tuesday.")
    pm = mention(report, "Maarat al-Numan")
    assert pm.place is not None and pm.place.country == "SY"
    assert all(a.actor.kind != "person" for a in report.mentions.actors)


def test_demonym_labelled_gpe_stays_a_demonym(code: Code) -> None:
    report = code("Kuwaiti police arrested two men in Kuwait City on Tuesday.")
    kuwaiti = mention(report, "Kuwaiti")
    assert kuwaiti.role == "demonym"
    assert kuwaiti.place is not None and kuwaiti.place.feature_code == "PCLI"
    police = [m for m in report.mentions.actors if m.span.text == "Kuwaiti police"]
    assert police and police[0].actor.name == "Police Forces of Kuwait"


def test_stated_offset_moves_the_event_point(code: Code) -> None:
    from euphrates.extract.places import distance_km
    from euphrates.records import Place

    report = code("Turkish drones struck a convoy 20 km east of Raqqa on Tuesday, a monitor said.")
    (event,) = [e for e in report.events if e.plover_type == "ASSAULT"]
    loc = event.location
    assert loc is not None and loc.place.country == "SY"
    assert loc.relation == "20 km east of" and loc.geo_precision == 2
    assert loc.point is not None
    moved = Place("p", "p", loc.point[0], loc.point[1], "SY")
    assert 19.0 < distance_km(loc.place, moved) < 21.0
    assert loc.point[1] > loc.place.lon  # east


def test_no_offset_without_a_distance(code: Code) -> None:
    report = code("Turkish drones struck a convoy north of Raqqa on Tuesday, a monitor said.")
    (event,) = [e for e in report.events if e.plover_type == "ASSAULT"]
    assert event.location is not None and event.location.point is None
    assert event.location.geo_precision == 2


def test_state_after_a_comma_picks_the_town(code: Code) -> None:
    report = code(
        "PARIS, Texas — A gunman opened fire at a bar in Paris, Texas, on Saturday, police "
        "said. Officers later arrested a suspect in Springfield, Ill."
    )
    by_text = {m.span.text: m.place for m in report.mentions.places if m.place is not None}
    assert report.article.dateline is not None and report.article.dateline.place is not None
    assert report.article.dateline.place.admin1 == "US.TX"
    assert by_text["Paris"].admin1 == "US.TX"
    assert by_text["Springfield"].admin1 == "US.IL"


def test_the_demonym_capital_is_the_capital(code: Code) -> None:
    report = code("A car bomb exploded near a checkpoint in the Somali capital on Saturday.")
    capital = mention(report, "Somali capital")
    assert capital.place is not None and capital.place.feature_code == "PPLC"
    assert capital.place.country == "SO"
    (event,) = [e for e in report.events if e.plover_type == "ASSAULT"]
    assert event.location is not None and event.location.place.country == "SO"


def test_a_figurative_capital_is_no_city(code: Code) -> None:
    report = code("Raqqa served as the group's de facto Syrian capital for three years.")
    assert all(m.span.text != "Syrian capital" for m in report.mentions.places)


def test_country_joined_by_and_is_one_name(code: Code) -> None:
    report = code(
        "Officials in Trinidad and Tobago said the storm had passed. Ministers from "
        "Trinidad and Tobago and Barbados met in Bridgetown on Monday."
    )
    pm = mention(report, "Trinidad and Tobago")
    assert pm.place is not None and pm.place.country == "TT"
    assert "Trinidad" not in [p.span.text for p in places(report)]


def test_ordinary_word_is_no_far_province(code: Code) -> None:
    report = code(
        "Farmers in Tamil Nadu and Karnataka blamed the Centre for the delay. The Centre said "
        "the water board in Bengaluru would decide. Chennai officials disagreed."
    )
    for pm in places(report):
        assert pm.place is None or pm.place.country == "IN", (pm.span.text, pm.place)


def test_unknown_street_falls_back_to_the_named_city(code: Code) -> None:
    report = code(
        "The parade turns onto Frenchmen Street at dusk. The Portland Public Library sits at "
        "the corner, and the Portland police close Frenchmen Street for the evening. Maine "
        "officials expect large crowds."
    )
    pm = mention(report, "Frenchmen Street")
    assert pm.relation == "in article focus"
    assert pm.place is not None and pm.place.name == "Portland" and pm.place.admin1 == "US.ME"


def test_regional_demonym_names_its_province(code: Code) -> None:
    report = code("Scottish ministers met Texan officials in London on Friday.")
    scottish = mention(report, "Scottish")
    assert scottish.role == "demonym" and scottish.place is not None
    assert scottish.place.feature_code == "ADM1" and scottish.place.name == "Scotland"
    texan = mention(report, "Texan")
    assert texan.place is not None and texan.place.admin1 == "US.TX"


def test_two_word_regional_adjective_is_one_demonym(code: Code) -> None:
    report = code("Central American migrants reached the border near Tijuana on Tuesday.")
    pm = mention(report, "Central American")
    assert pm.role == "demonym" and pm.place is not None
    assert pm.place.feature_code == "RGN" and pm.place.name == "Central America"


def test_canadian_province_abbreviation_qualifies_the_town(code: Code) -> None:
    report = code("Firefighters in Nelson, B.C., said the blaze was contained on Sunday.")
    pm = mention(report, "Nelson")
    assert pm.place is not None and pm.place.admin1 == "CA.02"


def test_bracketed_areas_place_an_unknown_village(code: Code) -> None:
    report = code("On 5 August 2023, troops shelled the village of Qwertzabad (Ariha, Idlib).")
    village = mention(report, "Qwertzabad")
    assert village.place is not None and village.place.country == "SY"
    assert village.relation == "within"
    area = mention(report, "Ariha")
    assert area.role == "qualifier"


def test_bracketed_actor_country_is_no_place(code: Code) -> None:
    report = code("Civilians (Syria) were reported among the dead in Idlib.")
    assert "Civilians" not in [p.span.text for p in places(report)]


def test_near_spelling_of_a_town_is_found_without_context(code: Code) -> None:
    pm = mention(code("An airstrike hit a market in Maarat al-Numan on Monday."), "Maarat al-Numan")
    assert pm.place is not None and pm.place.country == "SY"


def test_loose_spelling_alone_does_not_cross_the_world(code: Code) -> None:
    report = code("Troops shelled the village of Kansafra (Ariha, Idlib) on Monday.")
    assert all(p.place is None or p.place.country == "SY" for p in places(report))


def test_town_followed_by_city_is_the_town(code: Code) -> None:
    report = code("Houthi forces shelled homes in Taiz city on Sunday.")
    (pm,) = [p for p in places(report) if p.span.text.startswith("Taiz")]
    assert pm.place is not None and pm.place.name == "Taiz" and pm.place.country == "YE"
    report = code("Police dispersed a crowd in Basra city, where protesters gathered.")
    (pm,) = [p for p in places(report) if p.span.text.startswith("Basra")]
    assert pm.place is not None and pm.place.country == "IQ"


def test_bracketed_areas_after_a_name_already_taken(coder: object) -> None:
    from euphrates.coder import Coder
    from euphrates.extract.toponyms import recognise

    assert isinstance(coder, Coder)
    text = "Fighters shelled Kafr Nabl (Maarat al-Numan, Idlib) on Monday."
    doc = coder.nlp(text)
    start = text.index("Kafr")
    # The name is someone else's span (an actor's, say): the brackets must not attach to
    # whichever mention came before.
    raws = recognise(doc, coder.index, coder.demonyms, [(start, start + len("Kafr Nabl"))])
    assert all(r.span.text != "Kafr Nabl" for r in raws)
    assert all(not r.qualifiers for r in raws)


def test_bracketed_areas_after_a_settlement_word(code: Code) -> None:
    report = code("On 2 April 2020, troops retook Damboa town (Damboa, Borno) from militants.")
    pm = mention(report, "Damboa")
    assert pm.place is not None and pm.place.country == "NG"


def test_object_of_a_capture_is_a_place(code: Code) -> None:
    report = code("Syrian troops captured Kafranbel on Tuesday, state media said.")
    pm = mention(report, "Kafranbel")
    assert pm.place is not None and pm.place.country == "SY"


def test_bare_name_of_a_province_and_its_town_is_the_town(code: Code) -> None:
    pm = mention(code("Houthi fighters and government troops fought west of Marib."), "Marib")
    assert pm.place is not None and pm.place.feature_class == "P"


def test_dateline_region_is_no_event_place(code: Code) -> None:
    """ "BUKAVU, Congo -": the country of the dateline town, resolved as such, placing nothing."""
    report = code(
        "BUKAVU, Congo - Two explosions tore through a rally in the centre of Bukavu on "
        "Thursday, killing at least 11 people, health workers said."
    )
    congo = [p for p in report.mentions.places if p.span.text == "Congo"]
    assert congo and all(p.role == "qualifier" for p in congo)
    for e in report.events:
        assert e.location is None or e.location.place.country == "CD"


def test_acronym_of_a_group_is_no_place_but_a_country_code_is(code: Code) -> None:
    """ "TAK" is a group that shares a Thai province's name; "DRC" is a country."""
    report = code("TAK militants attacked a police station in Van province, killing two officers.")
    assert "TAK" not in [p.span.text for p in places(report)]
    drc = mention(code("Fighting in the DRC killed five people as rebels advanced."), "DRC")
    assert drc.place is not None and drc.place.country == "CD"


def test_country_as_a_modifier_names_whose_not_where(code: Code) -> None:
    report = code(
        "JALALABAD: A US drone strike on a hideout in Achin district of Nangarhar province "
        "killed seven militants on Wednesday night, the governor's spokesman said."
    )
    assert mention(report, "US").role == "demonym"
    (strike,) = [e for e in report.events if e.sub_event_type == "Air/drone strike"]
    assert strike.fatalities is not None and strike.fatalities.best == 7
    # the district named beats the dateline town of its province
    assert strike.location is not None and strike.location.place.name.startswith("Ach")


def test_accented_dateline_is_a_dateline(code: Code) -> None:
    report = code(
        "SÃO PAULO — Tens of thousands of supporters of the former president rallied on "
        "Avenida Paulista yesterday. The rally ended peacefully."
    )
    line = mention(report, "SÃO PAULO")
    assert line.role == "dateline" and line.place is not None and line.place.country == "BR"
    (rally,) = [e for e in report.events if e.plover_type == "PROTEST"][:1]
    assert rally.location is not None and rally.location.place.country == "BR"


def test_lead_under_a_local_dateline_is_not_placed_by_a_later_sentence(code: Code) -> None:
    report = code(
        "BATUMI, Georgia — Several thousand people marched along the seafront on Sunday "
        "evening to protest against a draft law. The rally ended without incident. In "
        "Tbilisi, where demonstrations have been held nightly, police detained several people."
    )
    marched = next(e for e in report.events if e.trigger.text == "marched")
    assert marched.location is not None and marched.location.place.name == "Batumi"


def test_conflict_data_spellings_of_provinces_qualify_a_town(code: Code) -> None:
    """ "Ninewa", "HaZafon": the spellings coders use for first-level areas are known."""
    report = code("On 3 June 2024, Hezbollah fired rockets at Kiryat Shmona (HaZafon).")
    assert mention(report, "HaZafon").place is not None
    assert mention(report, "HaZafon").place.country == "IL"  # type: ignore[union-attr]
    report = code("On 4 May 2021, IS militants attacked a PMF post near Tal Afar (Ninewa).")
    ninewa = mention(report, "Ninewa")
    assert ninewa.place is not None and ninewa.place.country == "IQ"
    assert ninewa.place.feature_code == "ADM1"


def test_city_state_named_as_a_modifier_is_where(code: Code) -> None:
    report = code("Hong Kong police on Thursday arrested five trade union members.")
    hk = mention(report, "Hong Kong")
    assert hk.role == "location" and hk.place is not None and hk.place.country == "HK"


def test_weapon_name_is_no_place(code: Code) -> None:
    report = code("On 24 April 2016, IS fired Katyusha rockets from Aleppo countryside at Kilis.")
    assert "Katyusha" not in [p.span.text for p in places(report)]


def test_rockets_land_where_they_hit_not_where_they_were_fired_from(code: Code) -> None:
    report = code(
        "Dozens of rockets fired from Lebanon slammed into the northern Israeli town of Kiryat "
        "Shmona on Tuesday, setting fire to homes."
    )
    shelling = [e for e in report.events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and all(
        e.location is not None and e.location.place.country == "IL" for e in shelling
    )


def test_neighbour_across_a_border_is_no_event_place(code: Code) -> None:
    report = code(
        "SOKOTO - Members of the Lakurawa militant group have established a new camp in forest "
        "areas of Tangaza local government area, close to the border with Niger, residents said."
    )
    for e in report.events:
        assert e.location is None or e.location.place.name == "Tangaza"


def test_capital_inside_an_unknown_name_places_it(code: Code) -> None:
    report = code(
        "Paramilitary Rangers arrested former prime minister Imran Khan at the Islamabad High "
        "Court on Tuesday, dragging him into an armoured vehicle."
    )
    (arrest,) = [e for e in report.events if e.sub_event_type == "Arrests"]
    assert arrest.location is not None and arrest.location.place.name == "Islamabad"


def test_bracketed_area_qualifies_the_name_not_a_phrase_before_it(code: Code) -> None:
    """ "at the Serail in Tripoli (North)": Tripoli is the one in Lebanon's North."""
    report = code(
        "On 28 January 2021, protesters threw stones at the Serail in Tripoli (North) and set "
        "fire to the municipality building."
    )
    tripoli = mention(report, "Tripoli")
    assert tripoli.place is not None and tripoli.place.country == "LB"
