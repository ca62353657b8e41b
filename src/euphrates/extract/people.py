"""Nouns for people, in the groups the event rules ask about.

One list per question, each built from the others so that a word added to a group reaches
every rule that should see it:

- `CIVILIAN_NOUNS`: people who are no armed force ("gunmen shot dead a farmer" is an attack
  on civilians, not a clash). Officials and politicians count, as in ACLED's codebook.
- `ARMED_NOUNS`: members of a force ("soldier", "militant").
- `TAKEN_PEOPLE`: whom "took" or "seized" can only abduct or arrest, never capture as
  territory: civilians, plus the leaders and suspects that raids pick up.
- `PERSON_NOUNS`: any noun naming one person ("a farmer and his son" are two people).
"""

from __future__ import annotations

CIVILIAN_NOUNS = frozenset(
    """man woman child boy girl baby infant teenager son daughter father mother brother sister
    husband wife cousin nephew relative family civilian person people resident villager
    farmer shepherd herder herdsman fisherman miner labourer laborer porter worker employee
    staff contractor driver motorist commuter passenger traveller traveler tourist pilgrim
    passerby customer vendor trader merchant shopkeeper owner manager businessman engineer
    doctor nurse teacher student pupil professor academic lawyer judge journalist reporter
    editor publisher photographer writer poet artist blogger activist dissident critic
    cleric imam priest pastor monk nun worshipper elder headman refugee migrant official
    politician lawmaker candidate mayor governor councillor adviser advisor aide
    assistant""".split()
)
ARMED_NOUNS = frozenset(
    "soldier policeman policewoman officer guard fighter commander militant".split()
)
SUSPECT_NOUNS = frozenset("leader member chief suspect thief kidnapper robber".split())
TAKEN_PEOPLE = CIVILIAN_NOUNS | SUSPECT_NOUNS
PERSON_NOUNS = (
    CIVILIAN_NOUNS
    | ARMED_NOUNS
    | SUSPECT_NOUNS
    | frozenset("protester demonstrator prisoner detainee youth".split())
)
