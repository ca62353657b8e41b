"""The trigger lexicon: words that report a happening, with their PLOVER and ACLED types.

`acled` names a fixed ACLED (type, sub-type); `rule` names a decision that needs the actors:
"violence" (attack on civilians vs armed clash), "territory" (who gains), "protest"
(peaceful, with intervention, excessive force).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from euphrates.extract.people import TAKEN_PEOPLE


@dataclass(frozen=True)
class TriggerSpec:
    plover: str
    mode: str | None = None
    acled: tuple[str, str] | None = None
    rule: str | None = None
    count: str | None = None  # which count the trigger's victims or objects give
    verbal: bool = False  # a speech act: the saying is the event
    needs_counterpart: bool = False  # "talks" needs "with X"; "visit" needs "to X"
    reverse: bool = False  # "police dispersed protesters": the object is the event's actor 1


AIR = ("Explosions/Remote violence", "Air/drone strike")
SHELL = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
SUICIDE = ("Explosions/Remote violence", "Suicide bomb")
GRENADE = ("Explosions/Remote violence", "Grenade")
CHEMICAL = ("Explosions/Remote violence", "Chemical weapon")
CLASH = ("Battles", "Armed clash")
ARRESTS = ("Strategic developments", "Arrests")
ABDUCTION = ("Violence against civilians", "Abduction/forced disappearance")
SEXUAL = ("Violence against civilians", "Sexual violence")
LOOTING = ("Strategic developments", "Looting/property destruction")
AGREEMENT = ("Strategic developments", "Agreement")
RIOT = ("Riots", "Violent demonstration")
MOB = ("Riots", "Mob violence")
DISRUPTED = ("Strategic developments", "Disrupted weapons use")
BASE = ("Strategic developments", "Headquarters or base established")
TRANSFER = ("Strategic developments", "Non-violent transfer of territory")
CHANGE = ("Strategic developments", "Change to group/activity")
OTHER = ("Strategic developments", "Other")

_ASSAULT_KILL = TriggerSpec("ASSAULT", "firearms", rule="violence", count="fatalities")
_ASSAULT = TriggerSpec("ASSAULT", None, rule="violence")

VERBS: dict[str, TriggerSpec] = {
    "kill": _ASSAULT_KILL,
    "massacre": _ASSAULT_KILL,
    "slay": _ASSAULT_KILL,
    "execute": _ASSAULT_KILL,
    "murder": _ASSAULT_KILL,
    "behead": _ASSAULT_KILL,
    "shoot": TriggerSpec("ASSAULT", "firearms", rule="violence", count="fatalities"),
    "gun": TriggerSpec("ASSAULT", "firearms", rule="violence", count="fatalities"),
    "stab": TriggerSpec("ASSAULT", "melee", rule="violence", count="injured"),
    "beat": TriggerSpec("ASSAULT", "beat", rule="violence", count="injured"),
    "torture": TriggerSpec("ASSAULT", "beat", rule="violence"),
    "wound": TriggerSpec("ASSAULT", None, rule="violence", count="injured"),
    "injure": TriggerSpec("ASSAULT", None, rule="violence", count="injured"),
    "attack": _ASSAULT,
    "assault": _ASSAULT,
    "ambush": _ASSAULT,
    "raid": _ASSAULT,
    "storm": _ASSAULT,
    "target": TriggerSpec("ASSAULT", None, rule="strike"),
    "bomb": TriggerSpec("ASSAULT", "aerial", AIR, count="fatalities"),
    "strike": TriggerSpec("ASSAULT", None, rule="strike", count="fatalities"),
    "hit": TriggerSpec("ASSAULT", None, rule="strike"),
    "slam": TriggerSpec("ASSAULT", None, rule="strike"),  # "a missile slammed into a block"
    "invade": TriggerSpec("ASSAULT", None, rule="territory"),
    "airstrike": TriggerSpec("ASSAULT", "aerial", AIR),
    "shell": TriggerSpec("ASSAULT", "explosives", SHELL),
    "bombard": TriggerSpec("ASSAULT", "explosives", SHELL),
    "pound": TriggerSpec("ASSAULT", "explosives", SHELL),
    "clash": TriggerSpec("ASSAULT", "firearms", CLASH),
    "fight": TriggerSpec("ASSAULT", "firearms", CLASH),
    "battle": TriggerSpec("ASSAULT", "firearms", CLASH),
    "capture": TriggerSpec("ASSAULT", None, rule="territory"),
    "seize": TriggerSpec("ASSAULT", None, rule="territory"),
    "overrun": TriggerSpec("ASSAULT", None, rule="territory"),
    "recapture": TriggerSpec("ASSAULT", None, rule="territory"),
    "regain": TriggerSpec("ASSAULT", None, rule="territory"),
    "reclaim": TriggerSpec("ASSAULT", None, rule="territory"),
    "wrest": TriggerSpec("ASSAULT", None, rule="territory"),
    "retake": TriggerSpec("ASSAULT", None, rule="territory"),
    "liberate": TriggerSpec("ASSAULT", None, rule="territory"),
    "arrest": TriggerSpec("COERCE", "arrest", ARRESTS, count="arrested"),
    "detain": TriggerSpec("COERCE", "arrest", ARRESTS, count="arrested"),
    "apprehend": TriggerSpec("COERCE", "arrest", ARRESTS, count="arrested"),
    "nab": TriggerSpec("COERCE", "arrest", ARRESTS, count="arrested"),
    "defuse": TriggerSpec("ASSAULT", "intercept", DISRUPTED),
    "dismantle": TriggerSpec("ASSAULT", "intercept", DISRUPTED),
    "intercept": TriggerSpec("ASSAULT", "intercept", DISRUPTED),
    "foil": TriggerSpec("ASSAULT", "intercept", DISRUPTED),
    "thwart": TriggerSpec("ASSAULT", "intercept", DISRUPTED),
    "lynch": TriggerSpec("ASSAULT", "beat", MOB, count="fatalities"),
    "neutralise": _ASSAULT_KILL,
    "neutralize": _ASSAULT_KILL,
    "die": TriggerSpec("ASSAULT", None, rule="violence", count="fatalities"),
    "gather": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "ban": TriggerSpec("COERCE", "ban", CHANGE),
    "stone": TriggerSpec("ASSAULT", "beat", rule="violence", count="fatalities"),
    "hack": TriggerSpec("ASSAULT", "melee", rule="violence", count="injured"),
    "bludgeon": TriggerSpec("ASSAULT", "beat", rule="violence", count="injured"),
    "steal": TriggerSpec("ASSAULT", None, LOOTING),
    "oust": TriggerSpec("ASSAULT", None, rule="territory"),
    "detonate": TriggerSpec("ASSAULT", "explosives", rule="explosion", count="fatalities"),
    "explode": TriggerSpec("ASSAULT", "explosives", rule="explosion", count="fatalities"),
    "abduct": TriggerSpec("ASSAULT", "abduct", ABDUCTION, count="abducted"),
    "kidnap": TriggerSpec("ASSAULT", "abduct", ABDUCTION, count="abducted"),
    "rape": TriggerSpec("ASSAULT", "sexual", SEXUAL),
    "loot": TriggerSpec("ASSAULT", None, LOOTING),
    "torch": TriggerSpec("ASSAULT", None, LOOTING),
    "ransack": TriggerSpec("ASSAULT", None, LOOTING),
    "plunder": TriggerSpec("ASSAULT", None, LOOTING),
    "pillage": TriggerSpec("ASSAULT", None, LOOTING),
    "vandalize": TriggerSpec("ASSAULT", None, LOOTING),
    "vandalise": TriggerSpec("ASSAULT", None, LOOTING),
    "demolish": TriggerSpec("ASSAULT", None, LOOTING),
    "raze": TriggerSpec("ASSAULT", None, LOOTING),
    "uproot": TriggerSpec("ASSAULT", None, LOOTING),
    "smash": TriggerSpec("ASSAULT", None, LOOTING),
    "disperse": TriggerSpec("PROTEST", "demonstrate", rule="protest", reverse=True),
    "protest": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "demonstrate": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "rally": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "march": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "riot": TriggerSpec("PROTEST", "riot", RIOT),
    "evacuate": TriggerSpec("AID", "humanitarian", count="evacuated"),
    "rescue": TriggerSpec("AID", "humanitarian", count="evacuated"),
    "displace": TriggerSpec("ASSAULT", None, count="displaced"),
    # fighters who give themselves up change the group: ACLED's "Change to group/activity"
    "surrender": TriggerSpec("CONCEDE", "surrender", CHANGE, count="surrendered"),
    "defect": TriggerSpec("CONCEDE", "surrender", CHANGE, count="surrendered"),
    "withdraw": TriggerSpec("RETREAT", "withdraw", TRANSFER),
    "retreat": TriggerSpec("RETREAT", "withdraw", TRANSFER),
    "agree": TriggerSpec("AGREE", "settle", rule="agreement"),
    "merge": TriggerSpec("COOPERATE", None, CHANGE),
    "accuse": TriggerSpec("ACCUSE", "accuse", verbal=True),
    "blame": TriggerSpec("ACCUSE", "accuse", verbal=True),
    "condemn": TriggerSpec("ACCUSE", "condemn", verbal=True),
    "reject": TriggerSpec("REJECT", "reject", verbal=True),
    "refuse": TriggerSpec("REJECT", "reject", verbal=True),
    "threaten": TriggerSpec("THREATEN", None, verbal=True),
    "meet": TriggerSpec("CONSULT", "meet", needs_counterpart=True),
    "negotiate": TriggerSpec("CONSULT", "negotiate", needs_counterpart=True),
    "visit": TriggerSpec("CONSULT", "visit", needs_counterpart=True),
    "sign": TriggerSpec("AGREE", "sign", AGREEMENT, needs_counterpart=True),
    "sanction": TriggerSpec("SANCTION", None, verbal=True),
    "demand": TriggerSpec("REQUEST", "demand", verbal=True),
    "urge": TriggerSpec("REQUEST", "demand", verbal=True),
    "appeal": TriggerSpec("REQUEST", "demand", verbal=True),
    "criticize": TriggerSpec("ACCUSE", "criticize", verbal=True),
    "criticise": TriggerSpec("ACCUSE", "criticize", verbal=True),
    "denounce": TriggerSpec("ACCUSE", "condemn", verbal=True),
    "decry": TriggerSpec("ACCUSE", "condemn", verbal=True),
    "deplore": TriggerSpec("ACCUSE", "condemn", verbal=True),
    "investigate": TriggerSpec("INVESTIGATE", None, verbal=True),
    "probe": TriggerSpec("INVESTIGATE", None, verbal=True),
    "endorse": TriggerSpec("SUPPORT", None, verbal=True),
    "praise": TriggerSpec("SUPPORT", "praise", verbal=True),
    "welcome": TriggerSpec("SUPPORT", "praise", verbal=True),
    "commend": TriggerSpec("SUPPORT", "praise", verbal=True),
    "apologize": TriggerSpec("SUPPORT", "apologize", verbal=True),
    "apologise": TriggerSpec("SUPPORT", "apologize", verbal=True),
    "forgive": TriggerSpec("SUPPORT", None, verbal=True),
    "promise": TriggerSpec("AGREE", "promise", verbal=True),
    "pledge": TriggerSpec("AGREE", "promise", verbal=True),
    "vow": TriggerSpec("AGREE", "promise", verbal=True),
    "extradite": TriggerSpec("COOPERATE", "extradite"),
    "donate": TriggerSpec("AID", "economic"),
    "cooperate": TriggerSpec("COOPERATE", None),
    "collaborate": TriggerSpec("COOPERATE", None),
    "mobilize": TriggerSpec("MOBILIZE", "troops"),
    "mobilise": TriggerSpec("MOBILIZE", "troops"),
    "release": TriggerSpec("CONCEDE", "release"),
    "free": TriggerSpec("CONCEDE", "release"),
    "deploy": TriggerSpec("MOBILIZE", "troops"),
    "recruit": TriggerSpec("MOBILIZE", "troops", OTHER),
    "conscript": TriggerSpec("MOBILIZE", "troops", OTHER),
}

NOUNS: dict[str, TriggerSpec] = {
    "airstrike": TriggerSpec("ASSAULT", "aerial", AIR, count="strikes"),
    "raid": TriggerSpec("ASSAULT", None, rule="violence"),
    "bombing": TriggerSpec("ASSAULT", "explosives", IED),
    "bombardment": TriggerSpec("ASSAULT", "explosives", SHELL),
    "shelling": TriggerSpec("ASSAULT", "explosives", SHELL),
    "barrage": TriggerSpec("ASSAULT", "explosives", SHELL),
    "explosion": TriggerSpec("ASSAULT", "explosives", IED),
    "blast": TriggerSpec("ASSAULT", "explosives", IED),
    "ied": TriggerSpec("ASSAULT", "explosives", IED),
    "landmine": TriggerSpec("ASSAULT", "explosives", IED),
    "grenade": TriggerSpec("ASSAULT", "explosives", GRENADE),
    "rape": TriggerSpec("ASSAULT", "sexual", SEXUAL),
    "lynching": TriggerSpec("ASSAULT", "beat", MOB, count="fatalities"),
    "sit-in": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "vigil": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "march": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "picket": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "shell": TriggerSpec("ASSAULT", "explosives", SHELL),
    "airdrop": TriggerSpec("AID", "humanitarian"),
    "pullout": TriggerSpec("RETREAT", "withdraw", TRANSFER),
    "handover": TriggerSpec("RETREAT", "withdraw", TRANSFER),
    "curfew": TriggerSpec("COERCE", "curfew", CHANGE),
    "merger": TriggerSpec("COOPERATE", None, CHANGE),
    "dissolution": TriggerSpec("COERCE", None, CHANGE),
    "recruitment": TriggerSpec("MOBILIZE", "troops", OTHER),
    "drill": TriggerSpec("MOBILIZE", "troops", OTHER),
    "manoeuvre": TriggerSpec("MOBILIZE", "troops", OTHER),
    "maneuver": TriggerSpec("MOBILIZE", "troops", OTHER),
    "attack": _ASSAULT,
    "assault": _ASSAULT,
    "ambush": _ASSAULT,
    "offensive": _ASSAULT,
    "massacre": _ASSAULT_KILL,
    "killing": _ASSAULT_KILL,
    "clash": TriggerSpec("ASSAULT", "firearms", CLASH),
    "fighting": TriggerSpec("ASSAULT", "firearms", CLASH),
    "battle": TriggerSpec("ASSAULT", "firearms", CLASH),
    "fight": TriggerSpec("ASSAULT", "firearms", CLASH),
    "capture": TriggerSpec("ASSAULT", None, rule="territory"),
    "invasion": TriggerSpec("ASSAULT", None, rule="territory"),
    "arrest": TriggerSpec("COERCE", "arrest", ARRESTS, count="arrested"),
    "kidnapping": TriggerSpec("ASSAULT", "abduct", ABDUCTION, count="abducted"),
    "abduction": TriggerSpec("ASSAULT", "abduct", ABDUCTION, count="abducted"),
    "protest": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "demonstration": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "rally": TriggerSpec("PROTEST", "demonstrate", rule="protest"),
    "riot": TriggerSpec("PROTEST", "riot", RIOT),
    "evacuation": TriggerSpec("AID", "humanitarian", count="evacuated"),
    "surrender": TriggerSpec("CONCEDE", "surrender"),
    "withdrawal": TriggerSpec("RETREAT", "withdraw", TRANSFER),
    "talk": TriggerSpec("CONSULT", "meet", needs_counterpart=True),
    "meeting": TriggerSpec("CONSULT", "meet", needs_counterpart=True),
    "visit": TriggerSpec("CONSULT", "visit", needs_counterpart=True),
    "negotiation": TriggerSpec("CONSULT", "negotiate", needs_counterpart=True),
    "agreement": TriggerSpec("AGREE", "settle", AGREEMENT, needs_counterpart=True),
    "settlement": TriggerSpec("AGREE", "settle", AGREEMENT, needs_counterpart=True),
    "deal": TriggerSpec("AGREE", "settle", AGREEMENT, needs_counterpart=True),
    "ceasefire": TriggerSpec("AGREE", "ceasefire", AGREEMENT, needs_counterpart=True),
    "truce": TriggerSpec("AGREE", "ceasefire", AGREEMENT, needs_counterpart=True),
}

# Compound nouns whose modifier makes the weapon: "drone strike", "car bomb", "suicide attack".
MODIFIED: dict[tuple[str, str], TriggerSpec] = {
    ("military", "exercise"): NOUNS["drill"],
    ("joint", "exercise"): NOUNS["drill"],
    ("naval", "exercise"): NOUNS["drill"],
    ("recruitment", "drive"): NOUNS["recruitment"],
    ("human", "chain"): NOUNS["protest"],  # "formed a human chain"
    ("recruitment", "campaign"): NOUNS["recruitment"],
    ("air", "strike"): NOUNS["airstrike"],
    ("drone", "strike"): NOUNS["airstrike"],
    ("air", "raid"): NOUNS["airstrike"],
    ("drone", "attack"): NOUNS["airstrike"],
    ("missile", "strike"): TriggerSpec("ASSAULT", "explosives", SHELL, count="strikes"),
    ("rocket", "attack"): TriggerSpec("ASSAULT", "explosives", SHELL),
    ("mortar", "attack"): TriggerSpec("ASSAULT", "explosives", SHELL),
    ("artillery", "fire"): TriggerSpec("ASSAULT", "explosives", SHELL),
    ("suicide", "bombing"): TriggerSpec("ASSAULT", "suicide", SUICIDE),
    ("suicide", "attack"): TriggerSpec("ASSAULT", "suicide", SUICIDE),
    ("suicide", "bomber"): TriggerSpec("ASSAULT", "suicide", SUICIDE),
    ("car", "bomb"): TriggerSpec("ASSAULT", "explosives", IED),
    ("roadside", "bomb"): TriggerSpec("ASSAULT", "explosives", IED),
    ("grenade", "attack"): TriggerSpec("ASSAULT", "explosives", GRENADE),
    ("chemical", "attack"): TriggerSpec("ASSAULT", "chemical", CHEMICAL),
    ("gas", "attack"): TriggerSpec("ASSAULT", "chemical", CHEMICAL),
    ("chlorine", "attack"): TriggerSpec("ASSAULT", "chemical", CHEMICAL),
    ("sarin", "attack"): TriggerSpec("ASSAULT", "chemical", CHEMICAL),
    ("prisoner", "exchange"): TriggerSpec("AGREE", "settle", AGREEMENT),
    ("prisoner", "swap"): TriggerSpec("AGREE", "settle", AGREEMENT),
    ("peace", "deal"): TriggerSpec("AGREE", "settle", AGREEMENT),
    ("peace", "accord"): TriggerSpec("AGREE", "settle", AGREEMENT),
    ("suicide", "blast"): TriggerSpec("ASSAULT", "suicide", SUICIDE),
    ("suicide", "explosion"): TriggerSpec("ASSAULT", "suicide", SUICIDE),
    ("artillery", "strike"): TriggerSpec("ASSAULT", "explosives", SHELL, count="strikes"),
    ("rocket", "strike"): TriggerSpec("ASSAULT", "explosives", SHELL, count="strikes"),
    ("artillery", "shelling"): TriggerSpec("ASSAULT", "explosives", SHELL),
    ("mortar", "fire"): TriggerSpec("ASSAULT", "explosives", SHELL),
    ("rocket", "fire"): TriggerSpec("ASSAULT", "explosives", SHELL),
    ("hand", "grenade"): TriggerSpec("ASSAULT", "explosives", GRENADE),
    ("land", "mine"): TriggerSpec("ASSAULT", "explosives", IED),
    ("explosive", "device"): TriggerSpec("ASSAULT", "explosives", IED),
    ("barrel", "bomb"): TriggerSpec("ASSAULT", "aerial", AIR),
    ("sexual", "assault"): TriggerSpec("ASSAULT", "sexual", SEXUAL),
    ("sexual", "violence"): TriggerSpec("ASSAULT", "sexual", SEXUAL),
    ("sexual", "abuse"): TriggerSpec("ASSAULT", "sexual", SEXUAL),
    ("hunger", "strike"): TriggerSpec("PROTEST", "hunger strike", ("Protests", "Peaceful protest")),
}

PHRASAL: dict[tuple[str, str], TriggerSpec] = {
    ("take", "over"): TriggerSpec("ASSAULT", None, rule="territory"),
    ("pull", "out"): TriggerSpec("RETREAT", "withdraw"),
    ("round", "up"): TriggerSpec("COERCE", "arrest", ARRESTS, count="arrested"),
    ("open", "fire"): TriggerSpec("ASSAULT", "firearms", rule="violence"),
    ("blow", "up"): TriggerSpec("ASSAULT", "explosives", rule="explosion"),
    ("hand", "over"): TriggerSpec("RETREAT", "withdraw", TRANSFER),
    ("break", "into"): TriggerSpec("ASSAULT", None, LOOTING),  # "broke into the office"
    ("go", "off"): TriggerSpec("ASSAULT", "explosives", rule="explosion", count="fatalities"),
    # "56 drones were shot down": an interception, not a shooting of people.
    ("shoot", "down"): TriggerSpec(
        "ASSAULT", "intercept", ("Strategic developments", "Disrupted weapons use")
    ),
}

# Crowd-control means: they mark a protest met with intervention, not an explosion.
NOT_TRIGGERS = frozenset(
    {("stun", "grenade"), ("tear", "gas"), ("smoke", "grenade"), ("propelled", "grenade")}
)

NEGATED: dict[str, TriggerSpec] = {
    "accept": TriggerSpec("REJECT", "reject", verbal=True),
    "agree": TriggerSpec("REJECT", "reject", verbal=True),
    "allow": TriggerSpec("REJECT", "reject", verbal=True),
}


# "fired live bullets at protesters", "fired rockets at the city": firing a weapon at someone.
FIRE = TriggerSpec("ASSAULT", "firearms", rule="strike")  # deaths come from "killing ..."
FIRED_THINGS = frozenset(
    {
        "bullet",
        "shot",
        "round",
        "ammunition",
        "rocket",
        "missile",
        "mortar",
        "shell",
        "gun",
        "weapon",
        "rifle",
        "artillery",
        "gas",
        "spray",
        "teargas",
        "cannon",
        "canister",
        "projectile",
        "salvo",
    }
)


def _fires_weapon(tok: Token) -> bool:
    objects = [c for c in tok.children if c.dep_ == "dobj"]
    objects += [o for c in objects for o in c.conjuncts]
    # "fired dozens of rockets": the thing counted is what was fired
    objects += [g for o in objects for p in o.children if p.lower_ == "of" for g in p.children]
    if any(o.lemma_.lower() in FIRED_THINGS for o in objects):
        return True
    if not objects and _weapon_subject(tok):
        return True  # "Dozens of rockets fired from Lebanon slammed into the town"
    return any(c.dep_ == "prep" and c.lower_ in ("at", "on", "into") for c in tok.children) and (
        not objects
    )


def _weapon_subject(tok: Token) -> bool:
    """The subject is a weapon fired: "rockets", "dozens of rockets", "a barrage of shells"."""
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    heads = [subject, *(g for p in subject.children if p.lower_ == "of" for g in p.children)]
    return any(h.lemma_.lower() in FIRED_THINGS for h in heads)


# "took control of the town": taking control is taking territory.
CONTROL_VERBS = frozenset({"take", "gain", "regain", "seize", "assume", "wrest", "retake"})
TERRITORY = TriggerSpec("ASSAULT", None, rule="territory")
# "seized weapons", "found an arms cache": weapons taken out of use, not ground taken.
WEAPON_THINGS = frozenset(
    {
        "weapon",
        "arm",
        "ammunition",
        "munition",
        "cache",
        "explosive",
        "rifle",
        "gun",
        "grenade",
        "ied",
        "bomb",
        "mine",
        "landmine",
        "rocket",
        "missile",
        "drone",
        "shell",
    }
)
SEIZE_WEAPONS = TriggerSpec("COERCE", "seize", DISRUPTED)
BASE_NOUNS = frozenset({"base", "headquarters", "camp", "outpost", "garrison", "post"})
BASE_VERBS = frozenset({"establish", "set", "build", "open", "erect"})
BASE_SPEC = TriggerSpec("MOBILIZE", "troops", BASE)
ORDER_VERBS = frozenset({"impose", "declare", "announce", "enforce", "extend", "order"})
ORDER_NOUNS = frozenset(
    {
        "curfew",
        "lockdown",
        "emergency",
        "blockade",
        "self-administration",
        "administration",
        "autonomy",
        "strike",
        "rule",
        "law",
        "restriction",
        "ban",
    }
)
TAKE_PERSON = TriggerSpec("ASSAULT", "abduct", ABDUCTION, count="abducted")
DROPPED_THINGS = frozenset({"bomb", "barrel", "munition", "cylinder", "device", "explosive"})
DROP_FROM_AIR = TriggerSpec("ASSAULT", "aerial", AIR, count="fatalities")
THROWN_THINGS = frozenset({"stone", "rock", "molotov", "cocktail", "bomb", "brick", "grenade"})
THROW = TriggerSpec("ASSAULT", None, rule="thrown")
NOT_AN_EVENT = TriggerSpec("NONE")
AID_VERBS = frozenset({"give", "send", "provide", "deliver", "donate", "hand", "ship", "airlift"})
AID_THINGS = frozenset(
    """aid assistance grant loan dollar euro food medicine goods supply arm weapon relief
    equipment""".split()
)
AID_SPEC = TriggerSpec("AID", "economic")
EASED = frozenset({"curfew", "restriction", "ban", "emergency", "sanction", "blockade", "measure"})
EASE = TriggerSpec("CONCEDE", "ease")
SHARE = TriggerSpec("COOPERATE", "share")
TIES = TriggerSpec("SUPPORT", "diplomatic")
PROMISE = TriggerSpec("AGREE", "promise", verbal=True)
SANCTION_EXPEL = TriggerSpec("SANCTION", "expel", verbal=True)
LEFT_DEAD = TriggerSpec("ASSAULT", None, rule="violence", count="fatalities")
SWAPPED_PEOPLE = frozenset({"prisoner", "captive", "detainee", "body", "hostage", "remains"})
SWAP = TriggerSpec("AGREE", "settle", AGREEMENT)
HELD_PEOPLE = TAKEN_PEOPLE | frozenset(
    {"soldier", "schoolgirl", "inmate", "national", "hostage", "worker", "fisherman", "crew"}
)
RELEASED = TriggerSpec("CONCEDE", "release", OTHER)
WITHDRAW = TriggerSpec("RETREAT", "withdraw", TRANSFER)
GROUP_THINGS = frozenset(
    """party activity group organisation organization movement union militia faction
    brigade unit council association operation""".split()
)
CLOSED_THINGS = frozenset(
    {"border", "crossing", "entrance", "checkpoint", "airspace", "port", "airport", "road"}
)
MASS_GRAVE = TriggerSpec("INVESTIGATE", None, OTHER)
FLYING_WEAPONS = frozenset({"drone", "missile", "rocket", "uav", "projectile", "shahed"})
LEADER_TITLES = frozenset({"leader", "secretary", "emir", "commander", "chief", "successor"})
COUP = TriggerSpec("COERCE", "seize", OTHER)
LEADERS = frozenset({"president", "government", "leader", "prime", "minister", "king", "regime"})
FLED = TriggerSpec("RETREAT", "flee", OTHER, count="displaced")
RECRUIT = TriggerSpec("MOBILIZE", "troops", OTHER)
BUILDINGS = frozenset(
    """house home building school clinic hospital mosque church shop office centre center
    bridge station warehouse market headquarters tower""".split()
)
SET_ON_FIRE_PERSON = TriggerSpec("ASSAULT", "beat", rule="violence", count="fatalities")
LOOT_FIRE = TriggerSpec("ASSAULT", None, LOOTING)
CHANGE_SPEC = TriggerSpec("COERCE", "curfew", CHANGE)


def _objects(tok: Token) -> list[Token]:
    objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return objects + [o for c in objects for o in c.conjuncts]


LEAVING_WORDS = frozenset(
    {"withdrew", "withdrawn", "vacated", "abandoned", "retreated", "evacuated", "pulled"}
)


def sentence_and_tail(tok: Token) -> list[Token]:
    """The sentence, and the next when the parser cut a clause off ("... (Qalat, Zabul)
    after the officials pulled out")."""
    sent = tok.sent
    words = list(sent)
    if sent.end < len(tok.doc) and tok.doc[sent.end].is_lower:
        words += list(tok.doc[sent.end].sent)
    return words


def _moved_into_a_base(tok: Token) -> bool:
    """ "deployed to a base", "set up at Air Base 101", "moved into the former French camp"."""
    for c in tok.children:
        if c.dep_ == "prt" and c.lower_ == "up":
            continue
        if c.dep_ == "prep" and c.lower_ in ("to", "at", "in", "into"):
            for g in c.children:
                words = {g.lemma_.lower(), *(t.lemma_.lower() for t in g.children)}
                if g.dep_ == "pobj" and words & BASE_NOUNS:
                    return True
    return False


def _counted_subject(tok: Token) -> bool:
    """ "More than 10,000 people fled", "Thousands of residents fled", "families fled their
    homes": many people (not "he fled his home")."""
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    many = ("thousands", "hundreds", "dozens", "families", "residents", "villagers")
    return any(t.like_num or t.lower_ in many for t in subject.subtree)


def _verb_frame(tok: Token, lemma: str) -> TriggerSpec | None:
    """Verbs whose object decides the event: control, weapons, a base, a curfew, a person."""
    objects = _objects(tok)
    lemmas = {o.lemma_.lower() for o in objects}
    inside = {t.lemma_.lower() for o in objects for t in o.subtree}
    if lemma in CONTROL_VERBS and "control" in lemmas:
        return TERRITORY
    if lemma in ("seize", "take", "grab", "assume") and "power" in lemmas:
        return COUP  # "officers announced they had seized power": a coup, no ground taken
    if lemma in ("overthrow", "topple", "oust", "depose") and lemmas & LEADERS:
        return COUP
    if lemma == "displace" and not any(c.dep_ == "agent" for c in tok.children):
        people = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if people is not None and any(
            t.like_num or t.lower_ in ("thousands", "hundreds") for t in people.subtree
        ):
            return FLED  # "some 3,000 people were displaced from villages around the town"
    if lemma == "flee" and _counted_subject(tok):
        return FLED  # "Thousands of residents fled the neighbourhood": displacement
    if lemma == "take" and _prep_object_lemma(tok, "to") in ("street", "streets"):
        return VERBS["protest"]  # "hundreds of people took to the streets of Suez"
    if lemma in ("seize", "take", "grab", "snatch") and _takes_a_person(tok, objects):
        return TAKE_PERSON  # "gunmen seized an activist": an abduction, not ground taken
    if lemma == "drop" and lemmas & DROPPED_THINGS:
        return DROP_FROM_AIR  # "a helicopter dropped barrel bombs"
    if lemma in ("throw", "hurl", "lob", "fling", "toss") and lemmas & THROWN_THINGS:
        return THROW
    if lemma == "pelt":
        return THROW  # "pelted police with stones"
    if lemma == "enter":
        sentence = {t.lower_ for t in sentence_and_tail(tok)}
        taken = "without" in sentence and sentence & {"resistance", "fight", "fighting"}
        handed = sentence & {"deal", "agreement", "handover", "accord", "arrangement"}
        left = sentence & LEAVING_WORDS  # "entered the airport after US troops vacated it"
        return TERRITORY if taken or handed or left else NOT_AN_EVENT
    if lemma == "set" and _sets_on_fire(tok):
        # "set fire to the town hall", "set ablaze a suspected thief"
        return SET_ON_FIRE_PERSON if _takes_a_person(tok, objects, any_verb=True) else LOOT_FIRE
    if lemma in ("destroy", "down", "neutralise", "neutralize") and lemmas & FLYING_WEAPONS:
        return VERBS["intercept"]  # "air defences destroyed two drones over Podolsk"
    if lemma in ("destroy", "flatten", "level", "demolish") and _flown_by(tok):
        return NOUNS["airstrike"]  # "Israeli warplanes destroyed the tower"
    if lemma == "engage" and any(c.dep_ == "dobj" for c in tok.children):
        return VERBS["clash"]  # "fighters engaged Israeli infantry" (not "engaged in talks")
    if lemma in ("exchange", "trade") and lemmas & {"fire", "gunfire", "shot"}:
        return VERBS["clash"]  # "the two sides exchanged fire"
    if lemma in ("abuse", "assault", "attack", "harass") and any(
        c.lower_ == "sexually" for c in tok.children
    ):
        return VERBS["rape"]
    if lemma in ("swap", "exchange") and inside & SWAPPED_PEOPLE:
        return SWAP  # "swapped the bodies of 12 fighters and six captives"
    if lemma in ("burn", "blow", "destroy", "demolish", "bulldoze") and lemmas & BUILDINGS:
        if lemma != "blow" or any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
            return LOOT_FIRE  # "blew up the house of a tribal leader", "burned down a clinic"
    if lemma == "pick" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
        return TAKE_PERSON if _takes_a_person(tok, objects, any_verb=True) else NOT_AN_EVENT
    if lemma in ("push", "drive", "force") and any(
        c.dep_ in ("prt", "prep") and c.lower_ in ("out", "back", "from") for c in tok.children
    ):
        return TERRITORY  # "pushed the RSF out of the area"
    if lemma == "leave" and any(
        g.lower_ == "dead" for g in [*tok.children, *(t for o in objects for t in o.subtree)]
    ):
        return LEFT_DEAD  # "fighting that left 14 fighters dead": the toll of the fighting
    if lemma == "call" and any(
        c.dep_ == "prep" and c.lower_ in ("for", "on") for c in tok.children
    ):
        return VERBS["demand"]  # "called for a ceasefire", "called on Israel to withdraw"
    if lemma == "hand" and lemmas & (SWAPPED_PEOPLE | HELD_PEOPLE):
        return RELEASED  # "handed two hostages to the Red Cross": freed, no ground changed
    if lemma in ("hand", "give", "turn") and lemmas & {"himself", "herself", "themselves"}:
        return VERBS["surrender"]  # "handing himself over to the army": a surrender
    if lemma in ("release", "free"):
        # "freed two soldiers it had held", "released 80 prisoners": ACLED's "Other";
        # "released a statement": nothing happened.
        return RELEASED if inside & (SWAPPED_PEOPLE | HELD_PEOPLE) else NOT_AN_EVENT
    if (
        lemma in ("lay", "put", "hand", "surrender", "burn")
        and lemmas & {"arm", "weapon", "rifle", "gun", "firearm", "ammunition"}
        and (
            any(c.dep_ == "prt" and c.lower_ in ("down", "over") for c in tok.children)
            or lemma in ("surrender", "burn")
        )
    ):
        return CHANGE_SPEC  # "laying down its arms", "burned their weapons": disarmament
    if lemma == "disarm" and not objects:
        return CHANGE_SPEC  # "the group agreed to disarm"
    if lemma in ("elect", "appoint", "name", "choose") and LEADER_TITLES & {
        t.lemma_.lower() for t in tok.subtree
    }:
        return CHANGE_SPEC  # "the Shura Council elected Naim Qassem as Secretary-General"
    if lemma in ("dissolve", "disband", "suspend", "dismantle") and inside & GROUP_THINGS:
        return CHANGE_SPEC  # "dissolved all political parties", "suspended their activities"
    if lemma == "close" and lemmas & CLOSED_THINGS:
        return CHANGE_SPEC  # "closed the crossing", "closed the entrances to the old city"
    if lemma in ("find", "discover", "uncover", "exhume", "open", "pull", "unearth") and any(
        t.lower_ in ("grave", "graves", "burial")
        for t in tok.subtree  # (spaCy: "graves"→"graf")
    ):
        return MASS_GRAVE  # "found a mass grave", "pulled 11 bodies from a grave": "Other"
    if lemma == "expel":
        return SANCTION_EXPEL if inside & {"diplomat", "ambassador", "envoy"} else TERRITORY
    if lemma in ("impose", "slap") and inside & {"sanction", "embargo"}:
        return VERBS["sanction"]
    if lemma in AID_VERBS and inside & AID_THINGS:
        return AID_SPEC  # "gave Ivory Coast 5.1 million dollars of aid", "sent food aid"
    if lemma == "grant" and inside & {"asylum", "refuge", "amnesty"}:
        return AID_SPEC
    if lemma in ("lift", "ease", "cancel", "shorten", "relax", "end") and inside & EASED:
        return EASE  # "lifted a night curfew", "eased emergency measures"
    if lemma in ("share", "exchange") and inside & {
        "evidence",
        "intelligence",
        "expertise",
        "information",
    }:
        return SHARE
    if lemma in ("establish", "restore", "upgrade", "resume", "normalize", "normalise") and (
        inside & {"tie", "relation"}
    ):
        return TIES  # "upgraded their diplomatic ties"
    if lemma == "offer" and any(c.dep_ == "xcomp" for c in tok.children):
        return PROMISE  # "offered to hand over two suspects"
    if lemma == "disperse" and not objects:
        return NOT_AN_EVENT  # "the gathering dispersed peacefully"
    if lemma in ("seize", "confiscate", "recover", "find", "discover", "uncover"):
        if inside & WEAPON_THINGS:
            return SEIZE_WEAPONS
        if lemma in ("confiscate", "find", "discover", "uncover", "recover"):
            return None
    if lemma in BASE_VERBS and lemmas & BASE_NOUNS:
        return BASE_SPEC
    if lemma in ("deploy", "set", "station", "move") and _moved_into_a_base(tok):
        return BASE_SPEC  # "Russian personnel have deployed to a base in Timbuktu"
    if lemma == "break" and any(c.dep_ == "prep" and c.lower_ == "into" for c in tok.children):
        return PHRASAL[("break", "into")]  # "supporters broke into the residence"
    if lemma == "pick" and any(c.lower_ == "up" for c in tok.children):
        passive = any(c.dep_ == "auxpass" for c in tok.children)
        if _takes_a_person(tok, objects, any_verb=True) or (passive and not objects):
            return TAKE_PERSON  # "went missing after being picked up by men in plain clothes"
    if "construction" in lemmas and inside & BASE_NOUNS and inside & {"military", "new"}:
        return BASE_SPEC  # "completed the construction of a new military base"
    if lemma == "evacuate" and lemmas & (BASE_NOUNS | {"position"}):
        return WITHDRAW  # "began evacuating their observation post"
    if lemma in ORDER_VERBS and lemmas & ORDER_NOUNS:
        return CHANGE_SPEC
    return None


AIRCRAFT = frozenset(
    {"warplane", "jet", "aircraft", "drone", "plane", "helicopter", "bomber", "gunship"}
)


def _flown_by(tok: Token) -> bool:
    """The verb's subject is an aircraft ("warplanes destroyed ...")."""
    return any(
        c.dep_ == "nsubj" and (c.lemma_.lower() in AIRCRAFT or c.lower_ in ("warplanes", "jets"))
        for c in tok.children
    )


def _sets_on_fire(tok: Token) -> bool:
    words = {c.lower_ for c in tok.subtree if c.i > tok.i and c.i <= tok.i + 6}
    return bool(words & {"fire", "ablaze", "alight", "afire"})


def _takes_a_person(tok: Token, objects: list[Token], any_verb: bool = False) -> bool:
    """ "took a media activist from his home", "seized two engineers"."""
    if (
        not any_verb
        and tok.lemma_.lower() == "take"
        and not (
            any(c.dep_ in ("prt", "advmod") and c.lower_ == "away" for c in tok.children)
            or _prep_object_lemma(tok, "to") in ("location", "destination", "place")
        )
    ):
        return False
    # (as objects, or as the subject of a passive: "he was picked up by plainclothes men")
    pronouns = ("him", "her", "them", "he", "she", "they") if any_verb else ()
    return any(
        o.lemma_.lower() in TAKEN_PEOPLE or o.ent_type_ == "PERSON" or o.lower_ in pronouns
        for o in objects
    )


def _prep_object_lemma(tok: Token, prep: str) -> str | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == prep:
            for o in c.children:
                if o.dep_ == "pobj":
                    return o.lemma_.lower()
    return None


# Forms the small English model lemmatises wrongly ("raped" -> "rap").
LEMMA_FIXES = {
    "retook": "retake",
    "retaken": "retake",
    "raped": "rape",
    "overran": "overrun",
    "shelled": "shell",
    "neutralised": "neutralise",
    "neutralized": "neutralize",
    "abducted": "abduct",
    "kidnapped": "kidnap",
    "lynched": "lynch",
    "torched": "torch",
    "defused": "defuse",
}


def trigger_lemma(tok: Token) -> str:
    return LEMMA_FIXES.get(tok.lower_, tok.lemma_.lower())


def trigger_spec(tok: Token) -> TriggerSpec | None:
    """The spec of a token that reports a happening, or None."""
    lemma = trigger_lemma(tok)
    if tok.pos_ in ("VERB", "AUX"):
        negated = any(c.dep_ == "neg" for c in tok.children)
        if negated and lemma in NEGATED:
            return NEGATED[lemma]
        framed = _verb_frame(tok, lemma)
        if framed is not None:
            return None if framed is NOT_AN_EVENT else framed
        for c in tok.children:
            # (a particle the parser took for an adverb: "shot down 36 drones")
            particle = c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == tok.i + 1)
            if particle and (lemma, c.lower_) in PHRASAL:
                return PHRASAL[(lemma, c.lower_)]
        if lemma == "open" and any(c.lower_ == "fire" for c in tok.children):
            return PHRASAL[("open", "fire")]
        if lemma == "fire" and _fires_weapon(tok):
            return FIRE
        return VERBS.get(lemma)
    if (
        tok.lower_ == "in"
        and tok.i >= 2
        and tok.nbor(-1).text == "-"
        and tok.nbor(-2).lower_ == "sit"
    ):
        return NOUNS["sit-in"]  # tokenised "sit", "-", "in": the head is "in"
    if tok.lower_ == "shot" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "dead":
        return VERBS["shoot"]  # "Gunmen on a motorcycle shot dead ...", parsed as a noun
    if tok.pos_ in ("NOUN", "PROPN"):
        if lemma == "suspension" and GROUP_THINGS & {
            g.lemma_.lower() for c in tok.children if c.lower_ == "of" for g in c.children
        }:
            return CHANGE_SPEC  # "announced the suspension of its military operations"
        if tok.ent_type_ in ("DATE", "TIME"):
            return None  # "in March", "on Strike Day"
        if tok.pos_ == "PROPN" and tok.ent_type_ in ("EVENT", "WORK_OF_ART", "LAW", "FAC"):
            return None  # "the Great March of Return": a movement's name, not a march
        before = tok.doc[tok.i - 1].lower_ if tok.i else ""
        if (before, lemma) in NOT_TRIGGERS:
            return None
        for c in tok.children:
            if c.dep_ in ("compound", "amod") and (c.lower_, lemma) in MODIFIED:
                return MODIFIED[(c.lower_, lemma)]
        if (
            lemma in ("air", "drone")
            and tok.dep_ == "compound"
            and tok.head.lemma_ in ("strike", "raid", "attack")
        ):
            return None
        return NOUNS.get(lemma)
    return None
