"""`euphrates eval` on the gold-set formats: detection, metric arithmetic, right and wrong codings.

Every record here is invented for these tests; none comes from a gold file.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from euphrates import cli
from euphrates.coder import Coder
from euphrates.evaluate import TASKS, detect_task, evaluate_file
from euphrates.goldsets.acled import (
    acled_gold,
    evaluate_acled,
    parse_acled_date,
    primary_event,
    read_acled,
)
from euphrates.goldsets.common import class_scores, confusion, prf
from euphrates.goldsets.hrdsattack import evaluate_hrdsattack, gold_date_parts
from euphrates.goldsets.muc4 import evaluate_muc4, gold_range, published_from_header
from euphrates.goldsets.plover_gsr import evaluate_plover_gsr
from euphrates.goldsets.wikievents import evaluate_wikievents, our_type
from euphrates.records import Article


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# -- detection and errors ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "task"),
    [
        ({"text": "x", "toponyms": []}, "gwn"),
        ({"text": "x", "event_types": ["killing"], "date_parts": {}}, "hrdsattack"),
        ({"text": "x", "text_upper": "X", "relevant": False, "events": []}, "muc4"),
        ({"text": "x", "event_type": "AGREE", "source_actors": []}, "plover_gsr"),
        ({"text": "x", "events": [{"trigger": {}, "arguments": []}]}, "wikievents"),
        ({"notes": "x", "sub_event_type": "Attack", "event_date": "2020-01-01"}, "acled"),
    ],
)
def test_jsonl_formats_are_detected_by_their_fields(
    tmp_path: Path, first: dict[str, Any], task: str
) -> None:
    assert detect_task(write_jsonl(tmp_path / "gold.jsonl", [first])) == task


def test_csv_and_bad_files(tmp_path: Path) -> None:
    good = tmp_path / "notes.csv"
    good.write_text("event_date,sub_event_type,notes\n09 May 2020,Attack,x\n", encoding="utf-8")
    assert detect_task(good) == "acled"
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown CSV gold format"):
        detect_task(other)
    with pytest.raises(ValueError, match="unknown gold format"):
        detect_task(write_jsonl(tmp_path / "odd.jsonl", [{"foo": 1}]))
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(ValueError, match="empty gold file"):
        detect_task(empty)
    assert detect_task(tmp_path / "article.json") == "article"


def test_cli_task_choices_match_the_library() -> None:
    assert cli.EVAL_TASKS == TASKS


def test_unknown_acled_sub_type_is_one_clear_line(
    tmp_path: Path, coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    rec = {"notes": "Gunmen attacked a village.", "event_date": "2020-05-09"}
    path = write_jsonl(tmp_path / "notes.jsonl", [rec | {"sub_event_type": "Skirmish"}])
    with pytest.raises(ValueError, match="not one of ACLED's 25"):
        evaluate_file(path, "auto", coder)
    monkeypatch.setattr(cli, "_coder", lambda: coder)
    res = CliRunner().invoke(cli.main, ["eval", str(path)])
    assert res.exit_code == 1
    assert res.stderr.startswith("Error: ") and len(res.stderr.strip().splitlines()) == 1
    bad_date = write_jsonl(
        tmp_path / "dates.jsonl", [rec | {"sub_event_type": "Attack", "event_date": "May 9"}]
    )
    with pytest.raises(ValueError, match="neither YYYY-MM-DD"):
        read_acled(bad_date)


# -- metric arithmetic ------------------------------------------------------------------------


def test_weighted_and_macro_f1_by_hand() -> None:
    # gold A A B C, predicted A B B none:
    # A: P 1/1, R 1/2, F1 2/3; B: P 1/2, R 1/1, F1 2/3; C: P 0, R 0, F1 0.
    pairs = [("A", "A"), ("A", "B"), ("B", "B"), ("C", "none")]
    s = class_scores(pairs)
    assert s["per_class"]["A"]["f1"] == pytest.approx(2 / 3)
    assert s["per_class"]["B"]["precision"] == pytest.approx(0.5)
    assert s["weighted_f1"] == pytest.approx((2 / 3 * 2 + 2 / 3 * 1 + 0 * 1) / 4)
    assert s["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)
    assert s["accuracy"] == pytest.approx(0.5)
    assert confusion(pairs) == {"A": {"A": 1, "B": 1}, "B": {"B": 1}, "C": {"none": 1}}
    r = prf(tp=3, fp=1, fn=2)
    assert (r["precision"], r["recall"]) == (0.75, 0.6)
    assert r["f1"] == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert prf(0, 0, 0)["f1"] == 0.0


def test_gold_field_parsing() -> None:
    assert gold_date_parts({"year": "2019.0", "month": "Ocober", "date": "4.0"}) == {
        "year": 2019,
        "month": 10,
        "day": 4,
    }
    assert gold_date_parts({"year": "Unknown", "month": "08", "date": None})["month"] == 8
    assert gold_range({"event_date_raw": "- 08 JAN 90"}) == (None, dt.date(1990, 1, 8))
    assert gold_range({"event_date_raw": "08 JAN 90 - 09 JAN 90"}) == (
        dt.date(1990, 1, 8),
        dt.date(1990, 1, 9),
    )
    assert gold_range({"event_date_raw": "MAR 89"}) == (dt.date(1989, 3, 1), dt.date(1989, 3, 31))
    assert published_from_header("LIMA, 12 MAR 90 -- [TEXT] ...") == dt.date(1990, 3, 12)
    assert parse_acled_date("09 May 2020", "t") == dt.date(2020, 5, 9)
    assert parse_acled_date("2020-05-09", "t") == dt.date(2020, 5, 9)
    die = our_type("Life.Die.Unspecified")
    assert die is not None and die.deaths
    assert our_type("Contact.Contact.Broadcast") is None


# -- the evaluators on invented records -------------------------------------------------------

MINSK = (
    "Police in Minsk arrested the human rights lawyer Anna Petrova on Monday, her colleagues said."
)


def test_hrdsattack_right_and_wrong(coder: Coder) -> None:
    right = {
        "id": "h1",
        "title": "Lawyer arrested",
        "publish_date": "2020-08-25 09:00:00",
        "text": MINSK,
        "event_types": ["arbitrary detention", "other"],
        "date_parts": {"year": "2020.0", "month": "08", "date": "24.0"},
        "city": "Minsk",
        "country": "Belarus",
        "perpetrator_type": "state actor",
    }
    s = evaluate_hrdsattack([right], coder)
    assert s["types"]["micro"]["f1"] == 1.0
    for part in ("year", "month", "day"):
        assert s["date"][part]["accuracy"] == 1.0
    assert s["country"]["accuracy"] == 1.0 and s["city"]["accuracy"] == 1.0
    assert s["perpetrator"]["accuracy"] == 1.0
    wrong = right | {
        "event_types": ["killing"],
        "date_parts": {"year": "2019", "month": "May", "date": None},
        "city": "Lyon",
        "country": "France",
        "perpetrator_type": "other non-state actors",
    }
    w = evaluate_hrdsattack([wrong], coder)
    assert w["types"]["micro"]["f1"] == 0.0
    assert w["date"]["year"]["accuracy"] == 0.0 and w["date"]["day"]["total"] == 0
    assert w["country"]["accuracy"] == 0.0 and w["city"]["accuracy"] == 0.0
    assert w["perpetrator"]["accuracy"] == 0.0
    assert json.dumps(w)


def test_muc4_right_and_wrong(coder: Coder) -> None:
    text = "LIMA, 12 MAR 90 -- Gunmen shot dead two police officers in Arequipa on Sunday."
    template = {
        "optional": False,
        "event_type": "ATTACK",
        "event_date": "1990-03-11",
        "event_date_raw": "11 MAR 90",
        "event_date_candidates": ["1990-03-11"],
        "location": "AREQUIPA",
        "country": "PERU",
        "fatalities": 2,
        "perp_individual": [["GUNMEN"]],
        "perp_organization": [],
        "hum_target": [["POLICE OFFICERS"]],
        "phys_target": [],
    }
    quiet = {
        "id": "m2",
        "text": "LIMA, 12 MAR 90 -- The finance minister met bankers in Lima on the budget.",
        "relevant": False,
        "events": [],
    }
    s = evaluate_muc4(
        [{"id": "m1", "text": text, "relevant": True, "events": [template]}, quiet], coder
    )
    assert s["incident_type"]["f1"] == 1.0
    for slot in ("date_exact", "date_within", "location", "perpetrator", "target", "fatalities"):
        assert s["matched"][slot]["accuracy"] == 1.0, slot
    assert s["irrelevant_without_events"]["accuracy"] == 1.0
    wrong = template | {
        "event_date": "1990-02-01",
        "event_date_raw": "01 FEB 90",
        "location": "CUZCO",
        "fatalities": 5,
        "perp_individual": [["SOLDIERS"]],
    }
    w = evaluate_muc4([{"id": "m1", "text": text, "relevant": True, "events": [wrong]}], coder)
    assert w["incident_type"]["f1"] == 1.0  # the same attack, with every slot wrong
    for slot in ("date_exact", "date_within", "location", "perpetrator", "fatalities"):
        assert w["matched"][slot]["accuracy"] == 0.0, slot
    kidnap = evaluate_muc4(
        [
            {
                "id": "m1",
                "text": text,
                "relevant": True,
                "events": [template | {"event_type": "KIDNAPPING"}],
            }
        ],
        coder,
    )
    assert kidnap["incident_type"]["f1"] == 0.0
    assert kidnap["incident_type"]["fp"] == 1 and kidnap["incident_type"]["fn"] == 1


def test_plover_gsr_right_and_wrong(coder: Coder) -> None:
    right = {
        "id": "p1",
        "text": "Police arrested five opposition activists in Cairo on Sunday.",
        "event_type": "COERCE",
        "event_mode": "arrest",
        "source_actors": [{"actorText": "Police", "code": "EGY"}],
        "target_actors": [{"actorText": "opposition activists", "code": "EGY"}],
    }
    s = evaluate_plover_gsr([right], coder)
    for key in ("type_accuracy", "any_event_type", "mode_accuracy", "source_actor", "target_actor"):
        assert s[key]["accuracy"] == 1.0, key
    wrong = right | {
        "event_type": "AGREE",
        "event_mode": "ceasefire",
        "target_actors": [{"actorText": "the ministry"}],
    }
    w = evaluate_plover_gsr([right, wrong], coder)
    assert w["type_accuracy"]["accuracy"] == 0.5
    assert w["target_actor"]["accuracy"] == 0.5
    assert w["confusion"] == {"COERCE": {"COERCE": 1}, "AGREE": {"COERCE": 1}}


def _span(text: str, part: str, after: int = 0) -> dict[str, Any]:
    start = text.index(part, after)
    return {"start": start, "end": start + len(part), "text": part}


def test_wikievents_right_and_wrong(coder: Coder) -> None:
    text = "Gunmen attacked a police station in Kano on Monday. Police arrested three suspects."
    events = [
        {
            "event_type": "Conflict.Attack.Unspecified",
            "trigger": _span(text, "attacked"),
            "arguments": [
                {"role": "Attacker", **_span(text, "Gunmen")},
                {"role": "Place", **_span(text, "Kano")},
            ],
        },
        {
            "event_type": "Justice.ArrestJailDetain.Unspecified",
            "trigger": _span(text, "arrested"),
            "arguments": [{"role": "Jailer", **_span(text, "Police", 40)}],
        },
        {"event_type": "Contact.Contact.Broadcast", "trigger": _span(text, "Monday")},
    ]
    s = evaluate_wikievents([{"id": "w1", "text": text, "events": events}], coder)
    for key in ("trigger_identification", "trigger_classification"):
        assert s[key]["gold"] == 2  # the unmapped Broadcast event is left out
        assert (s[key]["precision"], s[key]["recall"]) == (1.0, 1.0), key
    assert s["arguments"]["recall"] == 1.0
    wrong = [
        events[0] | {"event_type": "Life.Die.Unspecified"},  # no death is coded
        events[1] | {"trigger": _span(text, "suspects")},
    ]
    w = evaluate_wikievents([{"id": "w1", "text": text, "events": wrong}], coder)
    assert w["trigger_classification"]["recall"] == 0.0
    assert w["trigger_identification"]["recall"] == 0.5
    assert w["arguments"]["recall"] == 0.0


def test_acled_right_and_wrong(coder: Coder, tmp_path: Path) -> None:
    notes = [
        (
            "a1",
            "Russian warplanes struck a market in Aleppo on Tuesday, killing 12 civilians.",
            "2021-05-05",
        ),
        ("a2", "Hundreds of teachers marched peacefully through Nairobi on Friday.", "2021-05-08"),
    ]
    right = []
    for id_, text, published in notes:
        report = coder.code(Article(text, published=dt.date.fromisoformat(published)))
        e = primary_event(report)
        assert e is not None and e.location is not None and e.actor1 is not None
        right.append(
            {
                "id": id_,
                "notes": text,
                "published": published,
                "event_date": str(e.date.range.start),
                "sub_event_type": e.sub_event_type,
                "actor1": e.actor1.actor.name,
                "latitude": e.location.place.lat + 0.05,
                "longitude": e.location.place.lon,
                "fatalities": e.fatalities.low if e.fatalities else 0,
            }
        )
    gold = [acled_gold(r, "test") for r in right]
    s = evaluate_acled(gold, coder)
    assert s["sub_event_type"]["weighted_f1"] == 1.0 and s["sub_event_type"]["macro_f1"] == 1.0
    for key in ("event_type", "location_25km", "date_exact", "fatalities_exact", "actor1"):
        assert s[key]["accuracy"] == 1.0, key
    # The same records as an ACLED-style CSV export, with ACLED's date style.
    path = tmp_path / "notes.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=[*right[0]])
        writer.writeheader()
        for r in right:
            day = dt.date.fromisoformat(r["event_date"])
            writer.writerow(r | {"event_date": day.strftime("%d %B %Y")})
    scores, table = evaluate_file(path, "auto", coder)
    assert scores["task"] == "acled" and scores["date_exact"]["accuracy"] == 1.0
    assert "weighted F1 1.000" in table
    wrong = [
        r
        | {
            "sub_event_type": "Armed clash",
            "event_date": "2020-01-01",
            "latitude": 0.0,
            "longitude": 0.0,
            "fatalities": 99,
            "actor1": "Unidentified Armed Group (Chile)",
        }
        for r in right
    ]
    w = evaluate_acled([acled_gold(r, "test") for r in wrong], coder)
    assert w["sub_event_type"]["weighted_f1"] == 0.0
    for key in ("event_type", "location_25km", "date_exact", "fatalities_exact", "actor1"):
        assert w[key]["accuracy"] == 0.0, key
    assert w["confusion"]["Armed clash"] == {r["sub_event_type"]: 1 for r in right}


def test_primary_event_is_the_first_told_even_when_attributed(coder: Coder) -> None:
    """Wire copy attributes its lead ("..., police said"); a later unattributed aside is not
    the story."""
    text = (
        "Police defused a car bomb near the parliament in Mogadishu on Tuesday, a police "
        "spokesman said. Officers found about 200 kg of explosives in the car."
    )
    report = coder.code(Article(text, published=dt.date(2024, 2, 21)))
    e = primary_event(report)
    assert e is not None and e.trigger.text == "defused"
    assert e.date.range.start == e.date.range.end == dt.date(2024, 2, 20)
