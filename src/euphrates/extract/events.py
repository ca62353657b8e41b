"""Events: triggers with their dependency arguments, typed, placed, dated and counted.

One pass finds triggers (`triggers.py`) and fills each one's fields from the mentions the
other extractors found; a second pass merges triggers that describe one happening (the same
stabbing told twice, "killed in an air strike"), and a last pass lends a location to events
whose own sentence names none.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from euphrates.extract.claims import ClaimScope
from euphrates.extract.people import CIVILIAN_NOUNS, PERSON_NOUNS
from euphrates.extract.places import distance_km, offset_point
from euphrates.extract.triggers import (
    ABDUCTION,
    AGREEMENT,
    AIR,
    AIRCRAFT,
    ARRESTS,
    CHANGE,
    CHEMICAL,
    CLASH,
    DISRUPTED,
    FIRED_THINGS,
    GRENADE,
    IED,
    LOOTING,
    MOB,
    RIOT,
    SEXUAL,
    SHELL,
    SUICIDE,
    TERRITORY,
    TRANSFER,
    TriggerSpec,
    sentence_and_tail,
    trigger_lemma,
    trigger_spec,
)
from euphrates.records import (
    ActorMention,
    Article,
    Count,
    DateMention,
    DateRange,
    Event,
    EventActor,
    EventDate,
    EventLocation,
    Modality,
    PlaceMention,
    Quantity,
    Span,
    event_id,
)

ARMED_KINDS = frozenset(
    {"state forces", "rebel group", "political militia", "identity militia", "external force"}
)
CIVILIAN_KINDS = frozenset({"civilians", "person", "protesters"})
PLACE_ANAPHORS = {
    "city": "P",
    "town": "P",
    "village": "P",
    "area": None,
    "region": None,
    "province": "A",
    "country": "A",
    "capital": "P",
}
PERSON_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
GROUP_PRONOUNS = frozenset({"it", "its", "they", "their", "them"})
MODAL_PLANNED = frozenset({"plan", "aim", "intend", "seek", "want", "threaten", "vow", "prepare"})
MODAL_EXPECTED = frozenset({"expect", "likely", "will", "would", "could", "may", "might"})
PERPETRATION_VERBS = frozenset(
    {
        "carry",
        "launch",
        "conduct",
        "stage",
        "mount",
        "execute",
        "perform",
        "unleash",
        "commit",
        "begin",
        "continue",
        "intensify",
        "lead",
        "wage",
        "step",
        "resume",
        "escalate",
        "hold",
        "make",
        "pay",
        "sign",
        "reach",
        "announce",
        "organise",
        "organize",
        "start",
    }
)
MATERIAL = frozenset({"ASSAULT", "COERCE", "PROTEST", "AID", "CONCEDE", "RETREAT", "MOBILIZE"})
# Words in a protest's sentence that tell how the authorities met it.
INTERVENTION = frozenset(
    {
        "disperse",
        "tear",
        "teargas",
        "cannon",
        "arrest",
        "detain",
        "baton",
        "stun",
        "rubber",
        "beat",
        "break",
        "crackdown",
        "clash",
    }
)
EXCESSIVE_FORCE = frozenset(
    {"kill", "ammunition", "dead", "massacre", "live", "die", "death", "bullet", "round"}
    | {"pellet", "birdshot", "buckshot", "shotgun"}  # lethal at close range
)
# What demonstrators do that makes a demonstration violent.
RIOTING = frozenset(
    {"stone", "rock", "molotov", "torch", "vandalize", "vandalise", "smash", "loot", "petrol"}
)
MOB_WORDS = frozenset({"mob", "lynch", "lynching", "vigilante"})
PROTEST_WORDS = frozenset(
    {
        "protest",
        "protester",
        "protestor",
        "demonstrator",
        "demonstration",
        "demonstrate",
        "rally",
        "march",
        "marcher",
        "sit",
        "protesting",
    }
)
# Possessed nouns that make a city or country name stand for its state ("Russia's Army").
AGENT_NOUNS = frozenset(
    """force army military government ministry minister president leader navy police
    authority official spokesman ambassador embassy junta regime parliament court
    intelligence guard""".split()
)
# Possessed nouns that keep a city or country name a place ("Conakry's suburbs").
LOCATING_NOUNS = frozenset(
    """square plaza street road avenue suburb outskirts district neighbourhood neighborhood
    quarter centre center downtown market airport port harbour province region state county
    city town village capital north south east west northeast northwest southeast southwest
    border coast camp university hospital area part heart countryside frontier""".split()
)
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PROTESTER_NOUNS = frozenset({"protester", "protestor", "demonstrator", "marcher", "rioter"})
IED_WORDS = frozenset({"ied", "landmine", "device", "roadside"})
ATTACK = ("Violence against civilians", "Attack")
EXCESSIVE = ("Protests", "Excessive force against protesters")
INTERVENED = ("Protests", "Protest with intervention")
PEACEFUL = ("Protests", "Peaceful protest")
CHEMICAL_WORDS = frozenset(
    {"chlorine", "sarin", "chemical", "mustard", "toxic", "nerve", "poison", "chloropicrin"}
    | {"phosgene", "poisonous", "irritant"}
)
MINE_STEPS = frozenset({"step", "hit", "strike", "detonate", "explode", "trigger", "run"})
GRENADE_WORDS = frozenset({"grenade"})
AGREEMENT_WORDS = frozenset(
    {"ceasefire", "truce", "deal", "agreement", "accord", "exchange", "swap", "peace", "release"}
)
AERIAL_WORDS = AIRCRAFT | {"air", "airstrike"}
ARTILLERY_WORDS = frozenset(
    {"missile", "rocket", "artillery", "mortar", "shell", "howitzer", "projectile", "katyusha"}
)
TOLL_LEMMAS = frozenset({"kill", "wound", "injure", "killing", "die", "shoot", "execute", "leave"})
GENERIC_MODIFIERS = frozenset(
    {
        "similar",
        "such",
        "previous",
        "past",
        "other",
        "future",
        "possible",
        "potential",
        "further",
        "any",
        "frequent",
        "repeated",
        "occasional",
        "no",
    }
)
ATTACKER_NOUNS = frozenset({"bomber", "attacker", "assailant", "gunman", "militant"})
SMALL_NUMBERS = {"one": 1, "both": 2, "two": 2, "three": 3, "four": 4, "five": 5}
ATTACKERS_DEAD = re.compile(
    r"(?i)\b(?:(?:the|all)\s+)?(?:(?P<n>both|two|three|four|five|\d)\s+)?(?:\w+\s+)?"
    r"(?P<noun>(?:suicide\s+)?(?:bomber|attacker|assailant)s?)\s+(?:was|were)?\s*(?:also\s+)?"
    r"(?:killed|died)\b"
    r"|\b(?:along|together) with (?:the )?(?:(?P<m>two|three|four|five|\d)\s+)?"
    r"(?P<noun2>(?:suicide )?(?:bomber|attacker|assailant)s?)\b"
    r"|\bin addition to (?:himself|herself)\b|\bas well as (?:himself|herself)\b"
    r"|\b(?:not including|excluding|besides|apart from|plus) the (?:suicide )?(?:bomber|attacker)\b"
)
# "killed in the final assault", "died in the fighting": a toll of a fight told before
THE_FIGHTING = re.compile(
    r"(?i)\b(?:in|during) the (?:\w+ )?(?:fighting|assault|push|battle|clashes|offensive|"
    r"operation|attack|takeover|advance|raid)\b"
)
# A detainee taken out of sight: a forced disappearance, not an arrest
DISAPPEARED = re.compile(r"(?i)\b(unknown location|undisclosed location|whereabouts)\b")
PREMISES = frozenset({"premises", "office", "embassy", "shop", "store", "warehouse"})
DATELINE_KEY = "euphrates.dateline"  # doc.user_data: the dateline's characters
TOLL_NOUNS = frozenset({"fatality", "death", "dead"})
MILITARY_TARGETS = frozenset(
    """checkpoint base post position convoy patrol barracks outpost garrison camp soldier
    troop fighter militant unit army force police policeman officer station headquarters
    tank vehicle""".split()
)
CIVILIAN_PLACES = frozenset(
    """village hamlet house home market school hospital mosque church shop farm bus car
    neighbourhood neighborhood wedding funeral gathering""".split()
)
# What a strike hits that is no person: its number counts no dead ("struck several buildings").
STRUCK_THINGS = (
    frozenset(
        """building house home vehicle position target site area facility structure car
        truck tank checkpoint base post convoy barracks outpost camp station headquarters
        depot warehouse bridge road plant boat ship aircraft plane helicopter drone rocket
        missile""".split()
    )
    | CIVILIAN_PLACES
)
FIGHT_NOUNS = frozenset(
    {"fighting", "fight", "clash", "battle", "gunfight", "firefight", "skirmish", "combat"}
)
HANDOVER_WORDS = frozenset({"agreement", "deal", "handover", "drawdown", "arrangement", "accord"})
FIGHT_WORDS = frozenset(
    {"clash", "fight", "fighting", "battle", "attack", "assault", "storm", "kill", "offensive"}
)
SUPPORTER_NOUNS = frozenset(
    {"supporter", "follower", "sympathiser", "sympathizer", "fan", "backer", "loyalist"}
    | {"activist", "partisan"}
)
MOB_NOUNS = frozenset({"crowd", "mob", "resident", "villager", "throng", "horde", "relative"})
CROWD_NOUNS = frozenset({"crowd", "mob", "youth", "men", "throng", "horde"})
STATE_KINDS = frozenset({"state forces", "government", "external force"})
NON_STATE_KINDS = frozenset({"rebel group", "political militia", "identity militia"})
REFERRING_VERBS = frozenset(
    {"claim", "condemn", "witness", "confirm", "protest", "denounce", "mourn", "decry", "probe"}
    | {"lift", "ease", "cancel", "shorten", "relax", "end"}  # "lifted a curfew": no new one
)
CONCLUDING_VERBS = frozenset(
    {"broker", "reach", "sign", "conclude", "agree", "strike", "seal", "announce", "secure"}
)
MEANS_LEMMAS = frozenset({"storm", "raid", "break", "attack", "ambush"})
CROWD_CONTROL = frozenset({"rubber", "stun", "tear", "teargas", "baton", "cannon", "pepper"})
SUBSET_LEAD = re.compile(r"(?i)\b(including|among them|among whom|of whom|of them|incl\.?)\s*$")
SUBSET_WORDS = frozenset({"including", "among", "incl", "of"})
SCENE_CHANGE = re.compile(
    r"(?i)(meanwhile|separately|elsewhere|in (another|a separate|an unrelated) (development|"
    r"incident|attack)|in neighbou?ring|in other news)\b"
)
CODER_TAG = re.compile(r"\[[a-z][a-z ]{1,30}[:=][^\]\n]{0,120}\]")
RESPONSIBILITY_WORDS = ("responsibility", "attack", "bombing", "killing", "assault", "ambush")
OPERATION_NOUNS = frozenset({"raid", "operation", "sweep", "crackdown"})
SERIES_NOUNS = frozenset({"series", "wave", "number", "string", "spate", "barrage", "round"})
# "the death toll ... rose to", "bringing the toll to", "put the death toll at": the number
# that follows is the total.
TOLL_UPDATE = re.compile(
    r"(?i)\b(?:death )?toll\b(?:(?!\btoll\b)[^.;]){0,80}?"
    r"(?:\b(?P<verb>rose|risen|rises|climbed|reached|raised|lowered|cut|revised|increased|"
    r"jumped)\b\s*(?:\w+ )?)?(?:(?P<to>to)|at)\s+"
    r"(?=(?:at least |more than |over |about |around )?\S*\d|"
    r"(?:at least |more than )?(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)"
)
BACKGROUND_DAYS = 30
DEFAULT_WINDOW_DAYS = 6


@dataclass
class _Draft:
    tok: Token
    spec: TriggerSpec
    sentence: int
    actor1: ActorMention | None = None
    actor2: ActorMention | None = None
    place: PlaceMention | None = None
    precision: int = 1
    date: DateMention | None = None
    date_range: DateRange | None = None
    counts: dict[str, Quantity] = field(default_factory=dict)
    claims: list[ClaimScope] = field(default_factory=list)
    modality: Modality = "asserted"
    sentences: set[int] = field(default_factory=set)
    related: list[Span] = field(default_factory=list)
    inherited_place: bool = False
    patient: Token | None = None
    typed: tuple[str, str] | None = None  # an ACLED type the event took from a merged one
    # Its trigger sentence's lemmas, worked out once (`_lemmas`): (sentence start, lemmas).
    words: tuple[int, frozenset[str]] | None = None


@dataclass(frozen=True)
class DocMentions:
    places: Sequence[PlaceMention]
    dates: Sequence[DateMention]
    quantities: Sequence[Quantity]
    actors: Sequence[ActorMention]
    claims: Sequence[ClaimScope]


def _mention_at(tok: Token, mentions: Sequence[ActorMention]) -> ActorMention | None:
    for m in mentions:
        if m.span.start <= tok.idx < m.span.end:
            return m
    return None


def _head_of_phrase(tok: Token, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The actor named by the phrase headed by `tok` ("hundreds of Daesh militants")."""
    found = _mention_at(tok, mentions)
    if found is not None:
        return found
    for t in tok.subtree:
        if t.dep_ in ("relcl", "acl", "appos"):
            continue
        if t.head.lower_ == "of" and tok.lemma_.lower() in CIVILIAN_NOUNS | SUPPORTER_NOUNS:
            continue  # "a critic of Hezbollah", "supporters of Imran Khan": not that group
        m = _mention_at(t, mentions)
        if m is not None and t.head.i == tok.i or (m is not None and t.head.head.i == tok.i):
            return m
    return None


def _reporting_subject(
    tok: Token, claims: Sequence[ClaimScope], actors: Sequence[ActorMention]
) -> ActorMention | None:
    """For "X said it would ...": the speaker of the claim whose content holds `tok`."""
    for scope in claims:
        claim = scope.claim
        if (
            claim.source_span
            and scope.start <= tok.idx < scope.end
            and not claim.source_span.start <= tok.idx < claim.source_span.end
        ):
            speaker = _speaker_of(scope, actors)
            if speaker is not None:
                return speaker
    return None


def _speaker_of(scope: ClaimScope, actors: Sequence[ActorMention]) -> ActorMention | None:
    """The actor mention that names a claim's speaker."""
    src = scope.claim.source_span
    if src is None:
        return None
    return next((m for m in actors if m.span.start < src.end and src.start < m.span.end), None)


def _resolve_pronoun(
    tok: Token, actors: Sequence[ActorMention], claims: Sequence[ClaimScope]
) -> ActorMention | None:
    word = tok.lower_
    if word not in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return None
    speaker = _reporting_subject(tok, claims, actors)
    if speaker is not None and speaker.span.start < tok.idx:
        if (word in PERSON_PRONOUNS) == (speaker.person is not None):
            return speaker
    best: ActorMention | None = None
    for m in actors:
        if m.span.start >= tok.idx:
            break
        is_person = m.person is not None
        if word in PERSON_PRONOUNS and not is_person:
            continue
        if word in GROUP_PRONOUNS and (is_person or m.actor.kind in CIVILIAN_KINDS):
            continue
        best = m
    return best


def _actor(tok: Token | None, mentions: DocMentions) -> ActorMention | None:
    if tok is None:
        return None
    if tok.pos_ == "PRON":
        return _resolve_pronoun(tok, mentions.actors, mentions.claims)
    return _head_of_phrase(tok, mentions.actors)


def _implicit_count(patient: Token, text: str) -> Quantity | None:
    """ "killing a child", "shot dead a man and his son": people counted one by one."""
    # "a man and his son" are two; "a publisher and outspoken critic" is one
    people = [patient] + [
        c for c in patient.conjuncts if any(g.dep_ in ("det", "poss") for g in c.children)
    ]
    if len(people) > 4:
        return None
    for p in people:
        single = p.tag_ in ("NN", "NNP") and (
            p.lemma_.lower() in PERSON_NOUNS
            or p.ent_type_ == "PERSON"
            or _person_word(p.lemma_.lower())
        )
        counted = any(c.dep_ == "nummod" for c in p.children)
        if not single or counted:
            return None
    start = people[0].left_edge.idx
    end = max(p.i for p in people)
    last = patient.doc[end]
    stop = last.idx + len(last)
    n = len(people)
    return Quantity(Span(start, stop, text[start:stop]), n, n, n, "exact", people[0].lemma_)


def _with_bomber(q: Quantity, patient: Token) -> Quantity:
    """ "killing himself and two soldiers": the bomber is among the dead (ACLED counts him)."""
    reflexive = [
        t.lower_ in ("himself", "herself")
        or (t.lemma_.lower() in ("bomber", "attacker") and not any(c.like_num for c in t.children))
        for t in (patient, *patient.conjuncts)
    ]  # ("The bomber and at least six civilians were killed")
    if not any(reflexive) or all(reflexive):
        return q  # no bomber among the dead, or only him (the count is already his)
    return _plus(q, 1)


def _plus(q: Quantity, n: int) -> Quantity:
    """The count with `n` more (attackers who died with their victims)."""
    return replace(
        q,
        low=None if q.low is None else q.low + n,
        best=None if q.best is None else q.best + n,
        high=None if q.high is None else q.high + n,
    )


def _person_word(lemma: str) -> bool:
    """ "photojournalist", "shopkeeper", "policeman": nouns of people by their ending."""
    return lemma.endswith(("ist", "man", "woman", "keeper", "ian")) and lemma not in (
        "list",
        "mist",
        "wrist",
        "german",
    )


def _to_death(tok: Token) -> bool:
    """ "beat him to death", "shot dead", "left three fighters dead"."""
    for c in tok.children:
        if c.lower_ == "dead" and c.dep_ in ("advmod", "acomp", "oprd", "xcomp", "amod", "dep"):
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
        if c.dep_ in ("dobj", "ccomp", "xcomp") and any(g.lower_ == "dead" for g in c.children):
            return True  # "left three fighters dead"
    return False


def _protest_purpose(tok: Token) -> bool:
    """A demand made by a protest: the purpose clause of a protest, or what protesters ask."""
    head = tok
    for _ in range(2):
        if head.dep_ not in ("advcl", "xcomp", "acl", "relcl", "conj") or head.head is head:
            return False
        head = head.head
        spec = trigger_spec(head)
        if (spec is not None and spec.plover == "PROTEST") or head.lemma_.lower() in (
            "protester",
            "demonstrator",
            "protestor",
        ):
            return True
    return False


def _concluded(tok: Token) -> bool:
    """ "brokered a truce", "reached a settlement": an agreement made needs no "with X"."""
    return (
        tok.dep_ in ("dobj", "nsubjpass")
        and tok.head.lemma_.lower() in CONCLUDING_VERBS
        and tok.pos_ == "NOUN"
    )


def _negated(tok: Token) -> bool:
    """A verb negated itself or through the verb it is coordinated with; a noun said not to
    have happened ("without fighting", "no clashes were reported")."""
    if (tok.dep_ in ("pobj", "pcomp") and tok.head.lower_ == "without") or (
        tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
    ):
        return True
    while True:
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        if tok.dep_ != "conj" or tok.head is tok:
            return False
        tok = tok.head


def _child(tok: Token, *deps: str) -> Token | None:
    """The first child by one of `deps`, never a dateline's word: the parser reads "KISII -
    Four people were lynched" with "KISII" as a subject."""
    start, end = tok.doc.user_data.get(DATELINE_KEY, (0, 0))
    found = next((c for c in tok.children if c.dep_ in deps and not start <= c.idx < end), None)
    if found is not None or end == 0:
        return found
    for c in tok.children:
        if c.dep_ in deps and start <= c.idx < end:
            # "ARAUCA, Colombia — Fighting between ... left 16 dead": the words the parser
            # hung under the dateline are the subject
            return next(
                (g for g in c.subtree if g.idx >= end and g.head.idx < end and not g.is_punct),
                None,
            )
    return None


def _prep_object(tok: Token, *preps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in preps:
            obj = _child(c, "pobj")
            if obj is not None and obj.ent_type_ not in ("DATE", "TIME"):
                return obj  # "fired at protesters", not "On 28 February"
    return None


def _subject_of_verb(verb: Token) -> Token | None:
    """The subject, inherited through "expected to fight", "A and then B" chains."""
    seen = 0
    while seen < 4:
        # The subject nearest the verb: a dateline ("NAIROBI, Kenya —") can parse as one too.
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        before = [c for c in subjects if c.i < verb.i]
        if before or subjects:
            return (before or subjects)[-1]
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head is not verb:
            if verb.dep_ == "xcomp" and verb.head.dep_ == "auxpass":
                return None
            # "are expected to fight": the subject of the passive head.
            passive = _child(verb.head, "nsubjpass")
            if verb.dep_ == "xcomp" and passive is not None:
                return passive
            verb = verb.head
            seen += 1
            continue
        return None
    return None


def _arguments(tok: Token, spec: TriggerSpec) -> tuple[list[Token], Token | None]:
    """Candidate agent tokens (best first) and the patient token of a trigger."""
    if tok.pos_ in ("VERB", "AUX"):
        if tok.tag_ == "VBN" and tok.dep_ == "xcomp" and _child(tok, "dobj") is None:
            # "a publisher was found shot dead": the one found is the one shot
            found = _relative_head(_child(tok.head, "nsubjpass"))
            if found is not None:
                return [], found
        passive = _relative_head(_child(tok, "nsubjpass"))
        if passive is not None:
            by = _child(tok, "agent")
            agent = _child(by, "pobj") if by is not None else None
            return ([agent] if agent is not None else []), passive
        if tok.tag_ == "VBN" and _child(tok, "dobj") is None:
            # "Two guards killed.", "3 fatalities, 12 people injured": a toll as a caption
            if tok.dep_ == "acl":
                return [], tok.head
            caption = _child(tok, "nsubj")
            if caption is not None and _child(tok, "aux", "auxpass") is None:
                return [], caption
        obj = _child(tok, "dobj")
        if obj is None:
            # "stoned and burnt to death a female student": the object both verbs share
            shared = [c for c in tok.children if c.dep_ == "conj" and c.pos_ == "VERB"]
            obj = next((o for c in shared for o in (_child(c, "dobj"),) if o is not None), None)
        if obj is None or obj.lemma_.lower() in FIRED_THINGS | {"gas", "fire"}:
            # "fired live bullets at protesters": the target, not the ammunition
            obj = (
                _prep_object(tok, "at", "on", "against") or _prep_object(tok, "with", "from") or obj
            )
        if obj is None and tok.tag_ == "VBG" and spec.count:
            obj = _next_counted_noun(tok)  # "..., killing at least three people, a ... said"
        if obj is None and spec.count:
            # "left at least 16 people dead", parsed with the people as subject of "dead"
            dead = next((c for c in tok.children if c.lower_ == "dead"), None)
            obj = _child(dead, "nsubj") if dead is not None else None
        subj = _relative_head(_subject_of_verb(tok))
        if obj is None and subj is not None and subj.like_num and spec.count:
            return [], subj  # "nine were killed and 20 wounded": the 20 are the wounded
        if trigger_lemma(tok) == "die":
            return [], subj  # "five soldiers died": the dead, not who killed them
        return ([subj] if subj is not None else []), _relative_head(obj)
    if (
        tok.dep_ == "pobj"
        and tok.head.lower_ == "of"
        and tok.head.head.lemma_.lower() in SERIES_NOUNS
    ):
        # "carried out a series of air strikes": the arguments hang on "series".
        outer_agents, outer_patient = _arguments(tok.head.head, spec)
        inner_agents, inner_patient = _noun_arguments(tok)
        return inner_agents + outer_agents, inner_patient or outer_patient
    return _noun_arguments(tok)


def _relative_head(tok: Token | None) -> Token | None:
    """ "students who were abducted": the relative pronoun stands for the students."""
    if tok is not None and tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def _noun_arguments(tok: Token) -> tuple[list[Token], Token | None]:
    agents = [a for a in (_child(tok, "poss"), _prep_object(tok, "by")) if a is not None]
    for c in tok.children:  # "an IED planted by IS militants"
        by = _child(c, "agent") if c.dep_ == "acl" else None
        obj = _child(by, "pobj") if by is not None else None
        if obj is not None:
            agents.append(obj)
    # "coalition airstrikes", "a Russian air strike": a modifier may name the attacker.
    agents += [
        c
        for c in tok.children
        if c.dep_ in ("compound", "amod", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN")
    ]
    patient = _prep_object(tok, "on", "against", "with", "between", "to", "of")
    if tok.dep_ in ("dobj", "pobj"):
        gov = tok.head.head if tok.dep_ == "pobj" else tok.head
        circumstance = tok.dep_ == "pobj" and tok.head.lower_ in ("during", "after", "before")
        if gov.pos_ in ("VERB", "AUX") and (
            gov.lemma_.lower() in PERPETRATION_VERBS or circumstance
        ):
            # "X launched an attack"; "X said during a visit to Y": X is the agent.
            subj = _subject_of_verb(gov)
            if subj is not None:
                agents.append(subj)
    return agents, patient


def _in_scope(target: Token, trigger: Token) -> bool:
    """Whether `target` belongs to the trigger's own clause (not a nested claim)."""
    node = target
    for _ in range(6):
        if node.i == trigger.i:
            return True
        if node.head.i == node.i:
            return False
        if node.dep_ in ("ccomp", "relcl", "advcl", "conj", "parataxis") and node.i != trigger.i:
            return False
        node = node.head
    return False


def _modifier(tok: Token, pm: PlaceMention, text: str, actors: Sequence[ActorMention] = ()) -> bool:
    """A place that describes or acts rather than locates.

    "US-backed", "Syrian-led" describe; "Moscow denies", "Russia launched 56 drones",
    "Ukraine's air force" name a government or its forces (metonymy), not where it happened.
    """
    if pm.span.end < len(text) and text[pm.span.end] == "-":
        return True
    head = _place_head(tok, pm)
    if head.dep_ == "pobj" and head.head.lower_ == "by":
        return True
    if (
        head.dep_ == "pobj"
        and head.head.lower_ in ("with", "from")
        and head.head.head.lemma_
        in (
            "border",
            "frontier",
        )
    ):
        return True  # "close to the border with Niger": a neighbour named, not the place
    if head.dep_ == "poss":
        # "Ukraine's air force", "Lebanon's Hezbollah" act; "Bogota's Plaza de Bolivar",
        # "Conakry's suburbs", "Niger's Tillaberi region" locate.
        owned = head.head
        if _mention_at(owned, actors) is not None:
            return True
        return not (
            owned.lemma_.lower() in LOCATING_NOUNS
            or owned.ent_type_ in PLACE_ENTS
            or (owned.pos_ == "PROPN" and owned.lemma_.lower() not in AGENT_NOUNS)
        )
    if head.dep_ == "nsubj" and head.i > head.head.i:
        return False  # "recaptured Saraqeb (Idleb)" parsed as a second subject: the object
    return head.dep_ in ("amod", "npadvmod", "nsubj")


def _place_head(tok: Token, pm: PlaceMention) -> Token:
    """The syntactic head of a multi-word place name."""
    node = tok
    while node.head.i != node.i and node.head.idx < pm.span.end and node.head.idx >= pm.span.start:
        node = node.head
    return node


def _governing_verb(tok: Token) -> Token | None:
    node = tok
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") and node is not tok:
            return node
        if node.head.i == node.i:
            return node if node.pos_ in ("VERB", "AUX") else None
        node = node.head
    return None


def _anchors(tok: Token) -> list[Token]:
    """The trigger, the verb governing a noun trigger, and the head of a conjoined verb."""
    out = [tok]
    if tok.pos_ not in ("VERB", "AUX"):
        gov = _governing_verb(tok)
        if gov is not None:
            out.append(gov)
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        out.append(tok.head)
    return out


def _token_at(doc: Doc, char: int) -> Token | None:
    sp = doc.char_span(char, char + 1, alignment_mode="expand")
    return sp[0] if sp is not None and len(sp) else None


def _excluded_content(tok: Token, spec: TriggerSpec) -> set[int]:
    """Token ids that are the content of a speech act (what is rejected or accused)."""
    if not spec.verbal:
        return set()
    out: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("dobj", "ccomp", "xcomp", "advcl") or (
            c.dep_ == "prep" and c.lower_ in ("of", "for")
        ):
            out.update(t.i for t in c.subtree)
            if c.dep_ == "dobj" and spec.plover in ("ACCUSE", "THREATEN", "SANCTION"):
                out.discard(c.i)  # "accused the coalition (of ...)": the target stays
    return out


class EventCoder:
    """Turns a parsed document and its mentions into events."""

    def __init__(self, doc: Doc, article: Article, mentions: DocMentions) -> None:
        self.doc = doc
        self.article = article
        self.m = mentions
        self.published = article.published or dt.date.today()
        self.sentences = list(doc.sents)
        self.text = doc.text  # spaCy rebuilds Doc.text on every access
        self.sent_of = {t.i: n for n, s in enumerate(self.sentences) for t in s}
        # "[size=hundreds]", "[women targeted: Girls]": a coder's tags, not the story.
        self.tags = [(m.start(), m.end()) for m in CODER_TAG.finditer(self.text)]
        self.headline_end = _headline_end(self.text)
        self.dateline = _dateline_span(self.text, mentions.places)
        doc.user_data[DATELINE_KEY] = self.dateline
        self.qualified_ends = {
            pm.span.end
            for pm in mentions.places
            if pm.role == "location"
            and any(
                q.role == "qualifier" and 0 < q.span.start - pm.span.end <= 4
                for q in mentions.places
            )
        }

    # -- pass 1 ---------------------------------------------------------------------------
    def drafts(self) -> list[_Draft]:
        found: list[_Draft] = []
        suppressed: set[int] = set()
        alleged: set[int] = set()  # "accused the army of firing shells": told as a claim
        for tok in self.doc:
            spec = trigger_spec(tok)
            if spec is not None and tok.i in alleged and spec.plover == "ASSAULT":
                suppressed.discard(tok.i)
            if (
                spec is None
                or tok.i in suppressed
                or any(a <= tok.idx < b for a, b in self.tags)
                or self._descriptive(tok)
                or self._claimed_reference(tok)
                or self._generic_reference(tok)
            ):
                continue
            draft = self._draft(tok, spec)
            if draft is None:
                continue
            if tok.i in alleged:
                draft.modality = "claimed"
                accuser = next((f for f in reversed(found) if f.spec.plover == "ACCUSE"), None)
                if accuser is not None and draft.actor1 is None:
                    draft.actor1 = accuser.actor2  # "accused the Houthis of attacking ..."
            content = _excluded_content(tok, spec)
            suppressed |= content
            if spec.plover == "ACCUSE":
                alleged |= content
            found.append(draft)
        return [d for d in found if d.tok.i not in suppressed]

    @staticmethod
    def _claimed_reference(tok: Token) -> bool:
        """ "claimed (responsibility for) the attack": a reference to an event told already."""
        if tok.pos_ != "NOUN":
            return False
        head = tok.head
        if tok.dep_ == "dobj" and head.lemma_.lower() in REFERRING_VERBS:
            return True  # "claimed the attack", "protesting the killing of two teenagers"
        return (
            tok.dep_ == "pobj"
            and head.lower_ == "for"
            and head.head.lemma_.lower() in ("responsibility", "blame")
        )

    @staticmethod
    def _generic_reference(tok: Token) -> bool:
        """ "similar attacks", "future strikes", "any assault": kinds of event, not one event."""
        return tok.pos_ == "NOUN" and any(
            c.lower_ in GENERIC_MODIFIERS for c in tok.children if c.dep_ in ("amod", "det")
        )

    def _descriptive(self, tok: Token) -> bool:
        """ "the coalition battling Daesh": a participle describing an actor is no event."""
        if (
            tok.dep_ in ("acl", "amod")
            and tok.tag_ in ("VBG",)
            and _mention_at(tok.head, self.m.actors) is not None
        ):
            return True
        if tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.dep_ in ("nsubj", "nsubjpass"):
            return True  # "rival armed groups fighting in the capital signed a ceasefire"
        if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.i != tok.i:
            # "troops conducting a raid were hit by a bomb": the raid describes the troops
            if self._descriptive(tok.head):
                return True
        if _supporting(tok):
            return True
        return tok.dep_ == "compound"

    def _draft(self, tok: Token, spec: TriggerSpec) -> _Draft | None:
        if spec.plover == "ASSAULT" and spec.count != "fatalities" and _to_death(tok):
            spec = replace(spec, count="fatalities")  # "beat a woman to death"
        agents, patient = _arguments(tok, spec)
        d = _Draft(tok, spec, self.sent_of[tok.i])
        d.sentences = {d.sentence}
        d.actor1 = next((m for m in (_actor(a, self.m) for a in agents) if m is not None), None)
        if (
            d.actor1 is None
            and tok.dep_ == "ROOT"
            and tok.pos_ == "VERB"
            and tok.tag_ not in ("VBN", "VBG")
            and patient is not None
            and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "auxpass") for c in tok.children)
        ):
            # The parser lost the subject ("regime forces and allied militias, including
            # Hezbollah, retook ..."): the actors named before the verb are its subject.
            group = [
                m
                for m in self.m.actors
                if m.sentence == d.sentence and m.span.start < tok.idx and m.person is None
            ]
        else:
            group = [
                m
                for a in agents
                for t in (a, *a.conjuncts)
                for m in (_actor(t, self.m),)
                if m is not None
            ]
        if d.actor1 is None and group:
            d.actor1 = group[0]
        if (
            d.actor1 is None
            and tok.tag_ == "VBG"
            and (
                tok.dep_ in ("advcl", "xcomp")
                # "after driving ...", not "accused the Houthis of attacking ..."
                or (tok.dep_ == "pcomp" and tok.head.lower_ in ("after", "before", "while", "by"))
            )
        ):
            # "troops raised the flag after driving the militants from the centre": the
            # participle's subject is the clause's
            main = tok.head.head if tok.dep_ == "pcomp" else tok.head
            subject = _child(main, "nsubj")
            if subject is not None:
                d.actor1 = _actor(subject, self.m)
                group = [d.actor1] if d.actor1 is not None else group
        if spec.rule == "territory":
            # "Giants Brigades and government forces regained control": the state gains.
            state = next((m for m in group if m.actor.kind in STATE_KINDS), None)
            d.actor1 = state or d.actor1
        d.actor2 = _actor(patient, self.m)
        d.patient = patient
        if spec.acled == ABDUCTION and patient is not None and self._is_place(patient):
            spec = d.spec = TERRITORY  # "M23 rebels seized Rutshuru": ground, not a person
        if spec.reverse:
            d.actor1, d.actor2 = d.actor2, d.actor1  # "police dispersed the protesters"
        if d.actor1 is not None and d.actor2 is not None and d.actor1.actor == d.actor2.actor:
            d.actor2 = None
        d.claims = [
            c for c in self.m.claims if c.start <= tok.idx < c.end and c.claim.span.start != tok.idx
        ]
        self._locate(d)
        self._date(d)
        self._count(d, patient)
        if spec.needs_counterpart and patient is None and not _concluded(tok):
            return None
        if (spec.rule == "agreement" or tok.pos_ == "NOUN" or tok.dep_ == "pcomp") and _negated(
            tok
        ):
            return None  # "would not be a part of or agree with", "without fighting"
        if spec.plover == "REQUEST" and _protest_purpose(tok):
            return None  # "rallied to demand an end to corruption": what the protest wants
        if tok.pos_ == "NOUN" and not (d.actor1 or d.actor2 or d.place or d.date or d.counts):
            return None
        if d.actor1 is None and spec.mode == "aerial":
            # "The army reported five air strikes": the reporting force carried them out.
            for c in d.claims:
                speaker = _speaker_of(c, self.m.actors)
                if speaker is not None and speaker.actor.kind in ARMED_KINDS:
                    d.actor1 = speaker
        d.modality = self._modality(d)
        return d

    def _locate(self, d: _Draft) -> None:
        tok = d.tok
        excluded = _excluded_content(tok, d.spec)
        if d.spec.rule == "strike" or d.spec.mode in ("firearms", "aerial"):
            # "rockets fired from Lebanon": where they were launched, not where they hit (a
            # target the parser hung inside it stays: "from the countryside at Kilis")
            excluded |= {
                t.i
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "from"
                for t in c.subtree
                if not any(a.lower_ in ("at", "on", "into") for a in t.ancestors if a.i > c.i)
            }
        anchor = (
            tok
            if tok.pos_ in ("VERB", "AUX")
            else tok.head
            if tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass")
            else tok
        )
        sentence = tok.sent
        best: PlaceMention | None = None
        for pm in self.m.places:
            if pm.role != "location" or pm.place is None or pm.sentence != d.sentence:
                continue
            target = _token_at(self.doc, pm.span.start)
            if (
                target is None
                or target.i in excluded
                or _modifier(target, pm, self.text, self.m.actors)
            ):
                continue
            if _in_scope(target, tok) or _in_scope(target, anchor):
                best = _more_specific(best, pm, self._qualified)
        if best is not None:
            best = self._town_within(best, d, excluded)
            d.place = best
            d.precision = _precision(best)
            return
        for t in sentence:
            if t.i in excluded:
                continue
            ref = self._place_anaphor(t)
            if ref is not None and (
                _in_scope(t, tok) or _in_scope(t, anchor) or t.lower_ == "there"
            ):
                d.place, d.precision = ref, max(_precision(ref), 1)
                return
        for pm in self.m.places:
            if pm.role == "location" and pm.place is not None and pm.sentence == d.sentence:
                target = _token_at(self.doc, pm.span.start)
                if (
                    target is not None
                    and target.i not in excluded
                    and not _modifier(target, pm, self.text, self.m.actors)
                ):
                    best = _more_specific(best, pm, self._qualified)
        if best is not None:
            d.place, d.precision = best, _precision(best)

    def _qualified(self, pm: PlaceMention) -> bool:
        """ "Kilis (Kilis)", "Rajo (Afrin, Aleppo)": a name a coder placed in brackets."""
        return pm.span.end in self.qualified_ends

    def _is_place(self, tok: Token) -> bool:
        return any(
            pm.role == "location"
            and pm.place is not None
            and pm.span.start <= tok.idx < pm.span.end
            for pm in self.m.places
        )

    def _town_within(self, best: PlaceMention, d: _Draft, excluded: set[int]) -> PlaceMention:
        """ "at a hall in the town of Konduga in northeastern Borno state": when the parse
        reaches only the region, the town its sentence names inside it."""
        region = best.place
        if region is None or region.feature_class == "P":
            return best
        for pm in self.m.places:
            p = pm.place
            if pm.role != "location" or p is None or pm.sentence != d.sentence:
                continue
            if p.feature_class != "P" or p.country != region.country:
                continue
            if region.feature_code != "PCLI" and p.admin1 != region.admin1:
                continue
            target = _token_at(self.doc, pm.span.start)
            if target is None or target.i in excluded:
                continue
            if _modifier(target, pm, self.text, self.m.actors):
                continue
            return pm
        return best

    def _place_anaphor(self, t: Token) -> PlaceMention | None:
        """ "there", "the city", "the town": the latest earlier place of that kind."""
        if t.lower_ == "there" and t.dep_ in ("advmod", "expl") and t.dep_ != "expl":
            kind: str | None = "any"
        elif (
            t.lemma_.lower() in PLACE_ANAPHORS
            and any(c.lower_ == "the" for c in t.children)
            and t.dep_ in ("pobj", "dobj", "nsubj", "nsubjpass")
        ):
            kind = PLACE_ANAPHORS[t.lemma_.lower()] or "any"
        else:
            return None
        best: PlaceMention | None = None
        for pm in self.m.places:
            if pm.span.start >= t.idx:
                break
            if pm.role != "location" or pm.place is None:
                continue
            target = _token_at(self.doc, pm.span.start)
            if target is not None and _modifier(target, pm, self.text, self.m.actors):
                continue  # "Moscow denies ...": a government, not the city "the city" means
            code = pm.place.feature_code
            if code in ("PCLI", "CONT", "RGN"):
                continue
            if kind == "P" and pm.place.feature_class != "P":
                continue
            best = pm
        return best

    def _date(self, d: _Draft) -> None:
        tok = d.tok
        anchors = _anchors(tok)
        claim_verbs = {c.claim.span.start for c in self.m.claims}
        speech_dates: list[DateMention] = []
        loose: list[DateMention] = []
        for dm in self.m.dates:
            if dm.sentence != d.sentence or dm.range.start is None:
                continue
            if self.dateline[0] <= dm.span.start < self.dateline[1]:
                continue  # "MOGADISHU, May 15 (Reuters) -": when it was filed, not happened
            target = _token_at(self.doc, dm.span.start)
            if target is None:
                continue
            if any(_in_scope(target, a) for a in anchors):
                d.date, d.date_range = dm, dm.range
                return
            head = _governing_verb(target)
            hedge = head is not None and (
                (head.dep_ in ("acl", "advcl") and head.tag_ == "VBN")
                or head.lemma_.lower() in ("believe", "suspect", "think", "presume")
            )
            # "... recovered a cache in Datu Piang on Wednesday, the military said": a date
            # told between the event and a closing attribution is the event's, however the
            # parser hangs it on "said".
            closing = head is not None and tok.i < target.i < head.i
            if head is not None and head.idx in claim_verbs and not hedge and not closing:
                # (not "warplanes, believed to be Russian,": a hedge, not a saying)
                speech_dates.append(dm)
            else:
                loose.append(dm)
        announced = d.spec.acled in (CHANGE, AGREEMENT)  # "announced on Sunday they had merged"
        if speech_dates and (d.spec.verbal or d.spec.plover in ("CONSULT", "REJECT") or announced):
            d.date, d.date_range = speech_dates[0], speech_dates[0].range
            return
        if len(loose) == 1 and all(loose[0].span.start < s.span.start for s in speech_dates):
            # "In 1990, X invaded Kuwait and seized its capital": the sentence's one date
            # (told before any date of the saying: "... women sheltering in a school on
            # Thursday, a lawyers' group said on Saturday").
            d.date, d.date_range = loose[0], loose[0].range
            return
        end = self.published
        if speech_dates and speech_dates[0].range.end:
            end = min(end, speech_dates[0].range.end)
        d.date_range = DateRange(end - dt.timedelta(days=DEFAULT_WINDOW_DAYS), end, 2)

    def _count(self, d: _Draft, patient: Token | None) -> None:
        kind = d.spec.count
        inside: list[Quantity] = []
        bomber_too = False
        if patient is not None and patient.dep_ in ("nsubjpass", "dobj"):
            # "The bomber and at least six civilians were killed", parsed as two subjects:
            # the counted one is the patient, the bomber is counted with it
            twins = [c for c in patient.head.children if c.dep_ == patient.dep_ and c != patient]
            counted = [t for t in twins if any(c.like_num for c in t.children)]
            if counted and not any(c.like_num for c in patient.children):
                bomber_too = patient.lemma_.lower() in ("bomber", "attacker")
                patient = counted[0]
        for q in self.m.quantities:
            if q.sentence != d.sentence or q.unit:
                continue
            if q.noun_span is not None and q.noun_span.start == d.tok.idx:
                d.counts[kind or "count"] = q  # "five airstrikes"
                continue
            if patient is not None and kind and kind != "strikes":
                # (a number of strikes is only ever "five airstrikes", handled above)
                lo, hi = patient.left_edge.idx, patient.right_edge.idx + len(patient.right_edge)
                # (by its last character: "Between" may hang from the verb)
                if lo < q.span.end <= hi and not self._subset(q, patient):
                    inside.append(q)
        if patient is not None and patient.lemma_.lower() in STRUCK_THINGS:
            return  # "struck several buildings": no count of people
        if kind and kind != "strikes" and kind not in d.counts and patient is not None:
            total = self._total(inside) if inside else _implicit_count(patient, self.text)
            if total is not None and kind == "fatalities":
                total = _with_bomber(total, patient)
                if bomber_too:
                    total = _plus(total, 1)
            if total is not None:
                d.counts[kind] = total

    def _subset(self, q: Quantity, patient: Token) -> bool:
        """ "15 civilians, including four children": the four are among the fifteen."""
        tok = _token_at(self.doc, q.span.start)
        while tok is not None and tok.i != patient.i:
            if tok.lower_ in SUBSET_WORDS:
                return True
            if tok.head.i == tok.i:
                break
            tok = tok.head
        return False

    def _total(self, qs: list[Quantity]) -> Quantity:
        """ "two soldiers and three civilians": one toll of five."""
        # "seven civilians, among them three children": the three are among the seven
        qs = [
            q
            for q in qs
            if not SUBSET_LEAD.search(self.text[max(0, q.span.start - 24) : q.span.start])
        ] or qs[:1]  # (all of them after "including": the first is the count)
        if len(qs) == 1:
            return qs[0]
        first, last = qs[0], qs[-1]
        lows = [q.low for q in qs]
        highs = [q.high for q in qs]
        bests = [q.best for q in qs]
        start, end = first.span.start, last.span.end
        return Quantity(
            Span(start, end, self.text[start:end]),
            sum(v for v in lows if v is not None) if None not in lows else None,
            sum(v for v in bests if v is not None) if None not in bests else None,
            sum(v for v in highs if v is not None) if None not in highs else None,
            "sum",
            first.noun,
            None,
            None,
            first.sentence,
        )

    def _modality(self, d: _Draft) -> Modality:
        head = d.tok
        for _ in range(3):
            if head.lemma_.lower() in MODAL_PLANNED and head.i != d.tok.i:
                return "planned"
            if head.lemma_.lower() in MODAL_EXPECTED and head.i != d.tok.i:
                return "expected"
            if head.dep_ not in ("xcomp", "aux", "auxpass") or head.head.i == head.i:
                break
            head = head.head
        if any(c.lemma_.lower() in ("will", "would") and c.dep_ == "aux" for c in d.tok.children):
            return "expected" if not d.spec.verbal else "asserted"
        if d.spec.verbal:
            strong = [c for c in d.claims if c.claim.modality in ("claimed", "denied")]
            return strong[0].claim.modality if strong else "asserted"
        if d.claims:
            return d.claims[0].claim.modality
        return "asserted"

    # -- pass 2: one event per happening -------------------------------------------------
    def merge(self, drafts: list[_Draft]) -> list[_Draft]:
        # Until nothing changes: a merge can make two others one happening ("nine were killed
        # and 20 wounded when a car bomb exploded": both tolls join the bombing).
        while True:
            merged: list[_Draft] = []
            for d in drafts:
                target = next((m for m in merged if _same_happening(m, d)), None)
                if target is None:
                    merged.append(d)
                else:
                    _absorb(target, d)
            if len(merged) == len(drafts):
                return merged
            drafts = merged

    def place_in_focus(self, drafts: list[_Draft]) -> None:
        """An event no sentence near it places happened, most likely, where the article is:
        its most-named town (else region, else country), at ACLED's precision 3."""
        counts: dict[str, int] = {}
        first: dict[str, PlaceMention] = {}
        kinds: dict[str, str] = {}
        for pm in self.m.places:
            if pm.place is None or pm.relation == "in article focus":
                continue
            if pm.role in ("location", "dateline"):
                counts[pm.place.place_id] = counts.get(pm.place.place_id, 0) + 1
                first.setdefault(pm.place.place_id, pm)
                kinds[pm.place.place_id] = pm.place.feature_class
        named_again = [k for k in counts if counts[k] > 1]
        rank = {"P": 0, "A": 1}
        if named_again:
            best = max(named_again, key=lambda k: (-rank.get(kinds[k], 2), counts[k]))
            focus = first[best]
        else:
            # One mention is no focus: the event may be anywhere ("Separately, ..."), unless
            # it is the dateline of a local story that names no place abroad.
            local = self._local_dateline()
            if local is None:
                return
            focus = local
        for d in drafts:
            if d.place is None and d.spec.plover in MATERIAL:
                d.place, d.precision, d.inherited_place = focus, 3, True

    def lend_dates(self, drafts: list[_Draft]) -> None:
        """ "Troops have recaptured Balakliia, the military said. ... units entered the town
        on Thursday": a lead told without a day takes the day the next sentence tells."""
        claim_verbs = {c.claim.span.start for c in self.m.claims}
        for d in drafts:
            if d.date is not None or d.spec.plover not in MATERIAL:
                continue
            after = max(d.sentences) + 1
            if after >= len(self.sentences) or not self._same_paragraph(after - 1, after):
                continue
            for dm in self.m.dates:
                if dm.sentence != after or dm.range.start is None or dm.range.precision != 1:
                    continue
                if dm.range.start > self.published:
                    continue
                target = _token_at(self.doc, dm.span.start)
                head = _governing_verb(target) if target is not None else None
                if head is None or head.idx in claim_verbs or trigger_spec(head) is not None:
                    break  # a saying's date, or another event's
                d.date, d.date_range = dm, dm.range
                break

    def dateline_in_region(self, drafts: list[_Draft]) -> None:
        """An event placed only at a province that holds the local dateline town happened,
        most likely, in that town ("TUMACO - ... shot dead ... killed in Narino this year")."""
        local = self._local_dateline()
        if local is None or local.place is None:
            return
        for d in drafts:
            region = d.place.place if d.place is not None else None
            if region is None or region.feature_code != "ADM1":
                # (a district is specific enough; a town in its province may lie outside it)
                continue
            if region.country == local.place.country and region.admin1 == local.place.admin1:
                d.place, d.precision = local, 2

    def _local_dateline(self) -> PlaceMention | None:
        """The dateline town ("QUETTA: ...") when every place the article names is in its
        country: a reporter on the spot, not a foreign bureau ("AMMAN - ... in Daraa")."""
        line = next((p for p in self.m.places if p.role == "dateline"), None)
        if line is None or line.place is None or line.place.feature_class != "P":
            return None
        country = line.place.country
        for pm in self.m.places:
            p = pm.place
            if pm.role != "location" or p is None or p.country in (country, None):
                continue  # (a region across borders, "Darfur", "the Sahel", says nothing)
            if p.feature_code not in ("PCLI", "PCLD", "PCLS", "PCLF", "PCL"):
                return None  # a town or province abroad; other countries may just be named
        return line

    # -- pass 3: a place for events whose sentences name none ----------------------------
    def lend_places(self, drafts: list[_Draft]) -> None:
        local = self._local_dateline()
        for d in drafts:
            if d.place is not None:
                continue
            # The lead a local dateline opens happened there, not where a later sentence
            # goes on to ("BATUMI - Thousands marched ... In Tbilisi, where ...").
            lead = local is not None and min(d.sentences) == local.sentence
            for gap in (1, 2):
                donors = [
                    o
                    for o in drafts
                    if o.place is not None
                    and not o.inherited_place
                    and not (lead and min(o.sentences) > max(d.sentences))
                    # a local dateline town places better than a region told nearby
                    and (
                        local is None or o.place.place is None or o.place.place.feature_class == "P"
                    )
                    and (o.spec.plover in MATERIAL) == (d.spec.plover in MATERIAL)
                    and any(
                        abs(s - t) <= gap and self._same_paragraph(s, t)
                        for s in o.sentences
                        for t in d.sentences
                    )
                ]
                if donors:
                    # The nearest; at equal distance the earlier one (the story so far).
                    donor = min(donors, key=lambda o: self._distance(o, d))
                    d.place, d.precision, d.inherited_place = donor.place, 2, True
                    break

    def _distance(self, donor: _Draft, d: _Draft) -> tuple[int, int]:
        gap, after = min((abs(s - t), int(s > t)) for s in donor.sentences for t in d.sentences)
        return gap, after

    def _same_paragraph(self, a: int, b: int) -> bool:
        """No change of scene between two sentences ("Separately, ...", "In neighbouring X")."""
        lo, hi = sorted((a, b))
        return not any(
            SCENE_CHANGE.match(self.sentences[k].text.lstrip()) for k in range(lo + 1, hi + 1)
        )

    def fold_toll_sentences(self, drafts: list[_Draft]) -> list[_Draft]:
        """ "... attacked a checkpoint near Tarmiya. 2 PMF members killed.": a sentence that
        only counts the dead, naming no attacker and no other place, counts the attack told
        just before it."""
        kept: list[_Draft] = []
        for d in drafts:
            prev = kept[-1] if kept else None
            # The attack told last ("... opened fire on protesters who had gathered in
            # Mukalla. 1 protester was killed.": the gathering is told between them).
            attacks = [k for k in kept if k.spec.plover == "ASSAULT" and not _bare_toll(k)]
            toll_of_attack = bool(attacks) and _is_toll(d)
            if toll_of_attack:
                # the main clause's attack of the latest sentence, not a cause told inside
                # it ("... fired at worshippers protesting over the alleged rape of a girl.")
                last = max(max(k.sentences) for k in attacks)
                prev = min(
                    (k for k in attacks if max(k.sentences) == last), key=lambda k: _depth(k.tok)
                )
            if prev is not None and not toll_of_attack and self._met_protest(prev, d):
                # "Hundreds protested in Khartoum on Sunday. Police fired tear gas.": how the
                # protest was met, not another event.
                prev.typed = _acled(d)
                if prev.actor1 is None:  # "Hundreds of people protested": the people protest
                    prev.actor1, prev.actor2 = prev.actor2, None
                if d.actor1 is not None and d.actor1.actor.kind in ARMED_KINDS:
                    prev.actor2 = d.actor1  # the force that met them
                for k, q in d.counts.items():
                    prev.counts.setdefault(k, q)
                sent = d.tok.sent
                prev.related.append(Span(sent.start_char, sent.end_char, sent.text))
                continue
            if (
                prev is not None
                and _is_toll(d)
                and not _bare_toll(prev)
                and prev.spec.plover == "ASSAULT"
                and d.actor1 is None
                and min(d.sentences) - max(prev.sentences) in (0, 1)
                and self._same_paragraph(max(prev.sentences), min(d.sentences))
                and (d.place is None or _places_compatible(prev.place, d.place))
                and not any(k in prev.counts for k in d.counts)
            ):
                for k, q in d.counts.items():
                    prev.counts[k] = q
                prev.actor2 = prev.actor2 or d.actor2
                sent = d.tok.sent
                prev.related.append(Span(sent.start_char, sent.end_char, sent.text))
                continue
            kept.append(d)
        return kept

    def fold_takeover_tolls(self, drafts: list[_Draft]) -> list[_Draft]:
        """ "Troops regained Rutba on Wednesday ... At least 14 militants were killed in the
        final assault": a toll of "the fighting" told within three sentences of a change of
        ground, naming no attacker, is that takeover's toll."""
        kept: list[_Draft] = []
        for d in drafts:
            takeovers = [
                k
                for k in kept
                if k.spec.rule == "territory"
                and "fatalities" not in k.counts
                and 0 < d.sentence - max(k.sentences) <= 3
            ]
            sent = self.sentences[d.sentence].text
            toll = _bare_toll(d) and THE_FIGHTING.search(sent) is not None
            if (
                takeovers
                and (toll or self._fight_of(d, takeovers[0]))
                and "fatalities" in d.counts
                and (d.place is None or _places_compatible(takeovers[0].place, d.place))
            ):
                target = takeovers[0]
                target.counts["fatalities"] = d.counts["fatalities"]
                target.related.append(Span(*_bounds(self.sentences[d.sentence]), sent))
                continue
            kept.append(d)
        return kept

    @staticmethod
    def _fight_of(d: _Draft, takeover: _Draft) -> bool:
        """ "the fighting", "fierce clashes": the fight for the ground just taken, told as a
        noun by no other side than the taker's."""
        if d.tok.pos_ != "NOUN" or _acled(d) != CLASH:
            return False
        taker = takeover.actor1.actor.actor_id if takeover.actor1 is not None else None
        return d.actor1 is None or d.actor1.actor.actor_id == taker

    def drop_headline_repeats(self, drafts: list[_Draft]) -> list[_Draft]:
        """A headline announces the story the lead then tells: its event is the lead's when
        the body tells one of the same kind."""
        if not self.headline_end:
            return drafts
        head = [d for d in drafts if d.tok.idx < self.headline_end]
        body = [d for d in drafts if d.tok.idx >= self.headline_end]
        kinds = {d.spec.plover for d in body}
        return [d for d in head if d.spec.plover not in kinds] + body

    def _met_protest(self, protest: _Draft, d: _Draft) -> bool:
        return (
            protest.spec.plover == "PROTEST"
            and _acled(protest) == PEACEFUL
            and _acled(d) in (INTERVENED, EXCESSIVE)
            and min(d.sentences) - max(protest.sentences) in (0, 1)
            and self._same_paragraph(max(protest.sentences), min(d.sentences))
            and d.date is None
            and (d.place is None or _places_compatible(protest.place, d.place))
        )

    def attach_tolls(self, drafts: list[_Draft]) -> None:
        """ "... near al-Bukamal. 3 fatalities.": a toll standing alone counts the event before."""
        for q in self.m.quantities:
            if q.noun not in TOLL_NOUNS or q.unit:
                continue
            # Its own sentence's event (when spaCy kept "... Deir ez-Zor. 3 fatalities." as
            # one sentence), else the one just before.
            here = [d for d in drafts if q.sentence in d.sentences and d.tok.idx < q.span.start]
            before = here or [d for d in drafts if max(d.sentences) == q.sentence - 1]
            if self._toll_line(q) and (len(before) != 1 or self._background(before[0])):
                # a coder's tally closes a note: it counts the note's event, the first told
                told = [d for d in drafts if d.tok.idx < q.span.start and not self._background(d)]
                before = told[:1] or before
            if len(before) != 1:
                continue
            # A coder's closing "12 fatalities." is the event's figure, whatever the
            # narrative counted ("killing 9 people besides themselves. 12 fatalities.").
            if "fatalities" not in before[0].counts or self._toll_line(q):
                before[0].counts["fatalities"] = q

    def update_tolls(self, drafts: list[_Draft]) -> None:
        """ "The death toll from Thursday's attack rose to 42", "bringing the toll to 12": the
        latest total of the attack told there (or, in a sentence naming none, of the attack
        the story is about), replacing the first count."""
        attacks = [d for d in drafts if d.spec.plover == "ASSAULT" and not _bare_toll(d)]
        if not attacks:
            return
        for n, sent in enumerate(self.sentences):
            text = sent.text
            found = TOLL_UPDATE.search(text)
            if found is None:
                continue
            at = sent.start_char + found.end()
            q = next(
                (
                    q
                    for q in self.m.quantities
                    if q.sentence == n
                    and not q.unit
                    and q.span.start >= at - 1
                    and q.span.start <= at + 12
                ),
                None,
            )
            if q is None or not (q.low or q.best):
                continue
            here = [d for d in attacks if n in d.sentences]
            before = [d for d in attacks if max(d.sentences) < n]
            target = (here or before[-1:] or attacks)[0]
            old = target.counts.get("fatalities")
            revised = found.group("to") is not None or found.group("verb") is not None
            if old is None or revised or (old.best or 0) > (q.best or 0):
                # A revision replaces the count; another source's figure ("put the toll at
                # 13") only when it is lower: ACLED keeps the most conservative.
                target.counts["fatalities"] = q

    def count_attackers(self, drafts: list[_Draft]) -> None:
        """ "... killing three policemen. The bomber was also killed.": ACLED counts the
        attackers who died with their victims."""
        for d in drafts:
            q = d.counts.get("fatalities")
            if d.spec.plover != "ASSAULT" or q is None or q.best is None or _bomber_counted(d):
                continue
            if q.noun in ATTACKER_NOUNS:
                continue  # "the 2 attackers died": the count is theirs
            sent = self.sentences[d.sentence]
            after = self.sentences[d.sentence + 1] if d.sentence + 1 < len(self.sentences) else None
            texts = [self.text[q.span.end : sent.end_char]]
            if after is not None:  # (even past a paragraph break: the phrase says "also")
                texts.append(after.text)
            n = next((k for t in texts for k in (_attackers_dead(t),) if k), 0)
            if n:
                d.counts["fatalities"] = _plus(q, n)

    def _toll_line(self, q: Quantity) -> bool:
        """ "12 fatalities." standing as its own short sentence, or a figure the text says
        was coded ("Fatalities coded as 8", "26 fatalities coded")."""
        if q.noun != "fatality":
            return False
        sent = self.sentences[q.sentence]
        near = self.text[max(sent.start_char, q.span.start - 25) : q.span.end + 20].lower()
        return (len(sent) <= 6 and q.span.start - sent.start_char <= 12) or "coded" in near

    def credit_claims(self, drafts: list[_Draft]) -> None:
        """ "The Pakistani Taliban claimed the attack": the claimant is the attacker."""
        for scope in self.m.claims:
            claim = scope.claim
            if claim.verb != "claim" or claim.actor is None:
                continue
            if claim.actor.kind not in ARMED_KINDS:
                continue
            content = self.text[scope.start : scope.end].lower()
            sentence = self.sentences[claim.sentence].text.lower()
            if not any(w in content or w in sentence for w in RESPONSIBILITY_WORDS):
                continue
            # The attack told before the claim; one in the claim's own sentence only if none.
            near = [
                d
                for d in drafts
                if d.spec.plover == "ASSAULT"
                and min(d.sentences) <= claim.sentence
                and claim.sentence - max(d.sentences) <= 2
            ]
            before = [d for d in near if min(d.sentences) < claim.sentence] or near
            if not before:
                continue
            target = max(before, key=lambda d: max(d.sentences))
            unknown = target.actor1 is None or target.actor1.actor.actor_id.startswith(
                "unidentified"
            )
            speaker = _speaker_of(scope, self.m.actors)
            if unknown and speaker is not None:
                target.actor1 = speaker

    # -- records ---------------------------------------------------------------------------
    def events(self) -> list[Event]:
        drafts = self.fold_toll_sentences(self.merge(self.drop_headline_repeats(self.drafts())))
        drafts = self.fold_takeover_tolls(drafts)
        # "a patient who died": a death no attack is told with is no event
        drafts = [
            d for d in drafts if trigger_lemma(d.tok) != "die" or d.related or d.actor1 is not None
        ]
        self.lend_dates(drafts)
        self.lend_places(drafts)
        self.place_in_focus(drafts)
        self.dateline_in_region(drafts)
        self.credit_claims(drafts)
        self.count_attackers(drafts)
        self.attach_tolls(drafts)
        self.update_tolls(drafts)
        return [self._record(d) for d in drafts]

    def _background(self, d: _Draft) -> bool:
        """Told as what happened before: ended weeks before the article was written."""
        rng = d.date_range or DateRange(self.published, self.published, 1)
        return bool(rng.end and (self.published - rng.end).days > BACKGROUND_DAYS)

    def _record(self, d: _Draft) -> Event:
        sent = self.sentences[d.sentence]
        evidence = Span(sent.start_char, sent.end_char, sent.text)
        acled = d.typed or _acled(d)
        rng = d.date_range or DateRange(self.published, self.published, 1)
        counts = {k: Count(q.low, q.best, q.high, q.qualifier, q.span) for k, q in d.counts.items()}
        fatalities = counts.get("fatalities")
        background = self._background(d)
        location = None
        if d.place is not None and d.place.place is not None:
            location = EventLocation(
                d.place.place,
                None if d.inherited_place else d.place.span,
                d.precision,
                offset_point(d.place.place, d.place.relation),
                d.place.relation,
            )
        confidence = (
            0.4
            + 0.15 * bool(d.actor1)
            + 0.15 * bool(d.actor2)
            + 0.15 * bool(location)
            + 0.15 * bool(d.date)
        )
        trigger = Span(d.tok.idx, d.tok.idx + len(d.tok), d.tok.text)
        return Event(
            event_id=event_id(self.article.id, evidence, trigger),
            article_id=self.article.id,
            source=self.article.source,
            url=self.article.url,
            trigger=trigger,
            event_type=acled[0] if acled else None,
            sub_event_type=acled[1] if acled else None,
            plover_type=d.spec.plover,
            plover_mode=d.spec.mode,
            actor1=_event_actor(d.actor1),
            actor2=_event_actor(d.actor2),
            assoc_actor_1=None,
            assoc_actor_2=None,
            location=location,
            date=EventDate(rng, d.date.span if d.date else None),
            fatalities=fatalities,
            counts=counts,
            sources=[c.claim for c in d.claims],
            modality=d.modality,
            background=background,
            evidence=evidence,
            confidence=round(min(confidence, 1.0), 2),
            related_evidence=d.related,
        )


def _event_actor(m: ActorMention | None) -> EventActor | None:
    return EventActor(m.actor, m.span) if m is not None else None


def _precision(pm: PlaceMention) -> int:
    assert pm.place is not None
    if pm.place.feature_class in ("A", "L"):
        return 3
    return 2 if pm.relation else 1


def _more_specific(
    a: PlaceMention | None,
    b: PlaceMention,
    qualified: Callable[[PlaceMention], bool] = lambda pm: False,
) -> PlaceMention:
    if a is None or a.place is None or b.place is None:
        return b
    rank = {"P": 0, "A": 1, "L": 2}
    # the finer kind of place first; between two towns the one a coder qualified in
    # brackets ("Ankara (Ankara)", not "TAK" read as Takamatsu)
    ra = (rank.get(a.place.feature_class, 1), a.place.feature_code == "PCLI", not qualified(a))
    rb = (rank.get(b.place.feature_class, 1), b.place.feature_code == "PCLI", not qualified(b))
    return b if rb < ra else a


def _acled(d: _Draft) -> tuple[str, str] | None:
    typed = _acled_by_rule(d)
    if typed == INTERVENED and _deadly(d):
        return EXCESSIVE  # "... opened fire on protesters. 2 protesters were killed."
    sexual = bool(_lemmas(d) & {"rape", "sexually"})
    if typed in (ATTACK, ABDUCTION, ARRESTS) and sexual and not _deadly(d):
        return SEXUAL  # "raided a village and raped six women", "abducted and sexually ..."
    if typed == ABDUCTION and _deadly(d):
        return ATTACK  # "abducted and executed two men": the killing is the event
    if typed is None or d.spec.plover != "ASSAULT" or typed == DISRUPTED:
        return typed
    # The weapon named anywhere in the sentence outranks the trigger word: "a bomb exploded"
    # is an IED unless the bomber wore it; anything carrying chlorine is a chemical weapon.
    words = _lemmas(d)
    if words & CHEMICAL_WORDS or {"toxic", "gas"} <= words:
        return CHEMICAL
    carried_gas = any(t.lower_ == "gas" and t.dep_ != "compound" for t in d.tok.sent)
    if carried_gas and typed in (AIR, GRENADE, SHELL) and not words & PROTEST_WORDS:
        # "drones dropped grenades loaded with CS gas on positions" (not "a gas pipeline")
        return CHEMICAL
    if typed in (CLASH, ATTACK) and _suicide(d):
        return SUICIDE  # "attacked a police convoy with a suicide car bomb"
    if typed[0] != "Explosions/Remote violence" or typed == AIR:
        return typed
    if typed == SHELL and _aerial(d) and not words & ARTILLERY_WORDS:
        return AIR  # "jets pounded the outskirts"
    if typed in (IED, SHELL) and _suicide(d):
        return SUICIDE
    if typed == IED and not _aerial(d) and ("bomber" in words or _bomber_counted(d)):
        return SUICIDE  # "37 fatalities, including the bomber"
    if typed == IED and words & GRENADE_WORDS:
        return GRENADE
    return typed


def _protest_told(d: _Draft) -> bool:
    """A protest word that names a protest, not one that describes ("a protest movement
    activist", "protest leaders")."""
    return any(
        trigger_lemma(t) in PROTEST_WORDS and t.dep_ not in ("compound", "amod") for t in d.tok.sent
    )


def _supporters_subject(d: _Draft) -> bool:
    """The doers are a party's or a leader's supporters ("Enraged supporters of Imran Khan")."""
    subject = _clause_subject(d.tok)
    return subject is not None and _noun_lemma(subject) in SUPPORTER_NOUNS


def _subject_lemmas(d: _Draft) -> set[str]:
    """The lemmas of the doers: the clause subject and what it counts ("dozens of
    relatives"); none for unnamed doers ("unidentified persons broke into an office")."""
    subject = _clause_subject(d.tok)
    if subject is None or any(c.lower_ in ("unidentified", "unknown") for c in subject.children):
        return set()
    heads = [subject, *(g for p in subject.children if p.lower_ == "of" for g in p.children)]
    return {_noun_lemma(h) for h in heads}


def _mob_subject(d: _Draft) -> bool:
    """The doers are a crowd by name ("a crowd", "residents", "dozens of relatives"), not a
    few men ("two men on a motorcycle")."""
    return bool(_subject_lemmas(d) & MOB_NOUNS)


def _crowd_subject(d: _Draft) -> bool:
    """The doers are a crowd of unarmed people ("hundreds of enraged men", "a crowd")."""
    return bool(_subject_lemmas(d) & (CIVILIAN_NOUNS | CROWD_NOUNS))


def _arrested_at_protest(d: _Draft) -> bool:
    """ "arrested 40 protesters", "arrests during a rally" (not "arrested 20 people in
    connection with the protests": arrests, not how a protest was met)."""
    p = d.patient
    if p is not None and p.lemma_.lower() in PROTESTER_NOUNS:
        return True
    if "disperse" in _lemmas(d):
        return True
    for t in d.tok.sent:
        lemma = trigger_lemma(t)
        if t.pos_ == "VERB" and lemma in PROTEST_WORDS | {"gather"}:
            return True  # "... as they gathered for a rally"
        if lemma not in PROTEST_WORDS | {"gathering"}:
            continue
        if t.dep_ == "pobj" and t.head.lower_ in ("at", "during", "outside", "near"):
            return True
        if t.dep_ == "dobj" and t.head.lemma_.lower() in ("join", "attend", "break", "stage"):
            return True  # "detained 30 people who joined a march", "broke up a gathering"
    return False


def _attackers_dead(text: str) -> int:
    """How many attackers a sentence says died too: "The bomber was also killed" (1), "along
    with the two attackers" (2), "in addition to himself" (1), "Both bombers died" (2)."""
    found = ATTACKERS_DEAD.search(text)
    if found is None or text[max(0, found.start() - 4) : found.start()].lower() == "and ":
        return 0  # ("4 officers and the attacker were killed": counted with the officers)
    number = (found.group("n") or found.group("m") or "").lower()
    plural = (found.group("noun") or found.group("noun2") or "").lower().endswith("s")
    if not number:
        return 0 if plural else 1
    return SMALL_NUMBERS.get(number, 0) if not number.isdigit() else int(number)


def _bomber_counted(d: _Draft) -> bool:
    """The toll counts the bomber: "37 fatalities, including the bomber"."""
    q = d.counts.get("fatalities")
    if q is None:
        return False
    after = d.tok.doc.text[q.span.end : q.span.end + 40].lower()
    return bool(
        re.search(r"(?<!not )\b(including|among them|incl\.?) the (suicide )?bomber", after)
    )


def _suicide(d: _Draft) -> bool:
    """A suicide attack, an explosive vest or belt, or a bomber who blew himself up (not
    "Security Belt forces", not "committed suicide")."""
    sent = d.tok.sent
    words = _lemmas(d)
    if "suicide" in words and "commit" not in words:
        return True
    if "vest" in words or _self_detonation(sent):
        return True
    return any(
        t.lemma_.lower() == "belt"
        and any(c.lower_ in ("explosive", "explosives", "suicide") for c in t.children)
        for t in sent
    )


def _deadly(d: _Draft) -> bool:
    q = d.counts.get("fatalities")
    return q is not None and bool(q.low or q.best)


def _aerial(d: _Draft) -> bool:
    """Aircraft named in the sentence; "fired in the air" is a warning, not an air strike."""
    words = _lemmas(d) & AERIAL_WORDS
    if words != {"air"}:
        return bool(words)
    return any(t.lower_ == "air" and t.dep_ != "pobj" for t in d.tok.sent)


def _target(d: _Draft) -> Token | None:
    """What was attacked, if the text names it ("opened fire" names only the fire)."""
    p = d.patient
    return None if p is None or p.lemma_.lower() in ("fire", "shot", "gunfire") else p


def _next_counted_noun(tok: Token) -> Token | None:
    """The counted noun right after a participle the parser left without an object (it
    made "people" the subject of "said" in "killing at least three people, a doctor said")."""
    for t in tok.doc[tok.i + 1 : tok.i + 6]:
        if t.is_punct:
            return None
        if t.pos_ in ("NOUN", "PROPN") and any(c.like_num for c in t.children):
            return t
    return None


def _military_target(d: _Draft) -> bool:
    p = d.patient
    return p is not None and p.lemma_.lower() in MILITARY_TARGETS


def _clause_subject(tok: Token) -> Token | None:
    """The subject of `tok`'s clause, up the parse when the verb has none of its own
    ("Mobs armed with sticks looted ...", "barricaded roads, stoned vehicles")."""
    for _ in range(4):
        subject = _child(tok, "nsubj")
        if subject is not None:
            return subject
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None


def _noun_lemma(tok: Token) -> str:
    """The lemma, also of a plural the tagger took for a name ("Mobs" -> "mob")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "PROPN" and lemma.endswith("s") and tok.text[1:].islower():
        return lemma[:-1]
    return lemma


def _unarmed_target(d: _Draft) -> bool:
    """ "shot dead a man", "stormed a hamlet": people or places, not a force or its posts."""
    p = d.patient
    if p is None:
        return False
    lemma = p.lemma_.lower()
    if lemma in MILITARY_TARGETS:
        return False
    return lemma in CIVILIAN_NOUNS or lemma in CIVILIAN_PLACES


def _lemmas(d: _Draft) -> frozenset[str]:
    """The sentence's words as lemmas, leaving out dates ("in March"), the words of
    a dispersal without an object ("the crowd dispersed peacefully") and the verbs of dated
    clauses ("mourning protesters killed in 2011").

    Kept on the draft: merging asks for a draft's type many times, and a merge can move its
    trigger to another sentence, so the cache is keyed by the sentence."""
    sent = d.tok.sent
    if d.words is not None and d.words[0] == sent.start:
        return d.words[1]
    out = set()
    for t in sentence_and_tail(d.tok):
        if t.ent_type_ in ("DATE", "TIME"):
            continue
        lemma = trigger_lemma(t)
        if lemma == "disperse" and not any(c.dep_ in ("dobj", "nsubjpass") for c in t.children):
            continue
        if _dated_clause(t):
            continue  # "... to commemorate a man killed during the 2011 protests"
        out.add(lemma)
    d.words = (sent.start, frozenset(out))
    return d.words[1]


SUPPORT_VERBS = frozenset({"back", "support", "aid", "assist", "cover", "accompany", "help"})


def _supporting(tok: Token) -> bool:
    """ "government forces, backed by coalition airstrikes, recaptured the town": the strikes
    are how the advance was supported, not the event told."""
    if tok.pos_ != "NOUN":
        return False
    node = tok
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    by = node.head
    return (
        node.dep_ == "pobj"
        and by.lower_ == "by"
        and by.dep_ in ("agent", "prep")
        and by.head.lemma_.lower() in SUPPORT_VERBS
        and by.head.dep_ in ("acl", "advcl", "amod")
    )


DATELINE_END = re.compile(r"\s[-—–]+\s|:\s|\)\s*[-—–]+")


def _dateline_span(text: str, places: Sequence[PlaceMention]) -> tuple[int, int]:
    """Where the dateline runs ("BOGOTA, Jan 3 (Reuters) - "), or (0, 0)."""
    line = next((p for p in places if p.role == "dateline"), None)
    if line is None:
        return (0, 0)
    found = DATELINE_END.search(text, line.span.end, line.span.end + 60)
    return (line.span.start, found.end()) if found is not None else (0, 0)


def _headline_end(text: str) -> int:
    """Where the body starts after a headline line ("Taliban ban women from universities"
    then the story), or 0: a short first line with no closing punctuation."""
    first, sep, rest = text.partition("\n")
    line = first.strip()
    if not sep or not rest.strip() or not line or len(line) > 160:
        return 0
    if line[-1] in ".!?\"'”’:;," or len(line.split()) < 3:
        return 0
    return len(first) + 1


def _dated_clause(t: Token) -> bool:
    """A clause on a noun that carries its own date ("killed during the 2011 protests"):
    another time, another event (not "protesting after Friday prayers")."""
    return t.dep_ in ("acl", "relcl") and any(
        x.ent_type_ == "DATE" and x.like_num for x in t.subtree
    )


def _self_detonation(sent: SpacySpan) -> bool:
    """ "blew himself up", "detonated his explosive belt"."""
    return any(
        t.lower_ in ("himself", "herself", "themselves")
        and t.head.lemma_.lower() in ("blow", "detonate", "explode")
        for t in sent
    )


def _acled_by_rule(d: _Draft) -> tuple[str, str] | None:
    spec = d.spec
    a1 = d.actor1.actor.kind if d.actor1 else None
    a2 = d.actor2.actor.kind if d.actor2 else None
    words = _lemmas(d)
    at_protest = bool(words & PROTEST_WORDS) and _protest_told(d)
    if spec.acled == ARRESTS and at_protest and _arrested_at_protest(d):
        return INTERVENED  # arrests at a demonstration are how it was met
    if spec.acled == ARRESTS and (a2 == "protesters" or words & CROWD_CONTROL):
        # "detained scores of protesters"; "used water cannon to clear activists blocking
        # the avenue, detaining five": how a protest was met
        return INTERVENED
    if spec.plover == "ASSAULT" and spec.acled == CLASH and a1 is None and _supporters_subject(d):
        return RIOT  # "supporters of the party clashed with police": partisans rioting
    if spec.acled == ARRESTS and DISAPPEARED.search(d.tok.sent.text):
        return ABDUCTION  # "arrested a lawyer and took him to an unknown location"
    if spec.acled == ARRESTS and a1 in NON_STATE_KINDS:
        return ABDUCTION  # only a state arrests; an armed group "rounding up" abducts
    if spec.acled == LOOTING and (
        a1 in ("protesters", "rioters")
        or at_protest
        or "supporter" in words
        or "hartal" in words
        or _supporters_subject(d)
    ):
        return RIOT  # demonstrators torched the town hall
    if spec.acled == LOOTING and (a1 == "civilians" or (a1 is None and _crowd_subject(d))):
        return MOB  # "hundreds of enraged men torched churches": a crowd, no demonstration
    if spec.acled is not None:
        return spec.acled
    if spec.rule == "explosion":
        return IED
    if spec.rule == "agreement":
        return AGREEMENT if words & AGREEMENT_WORDS else None
    if spec.rule == "thrown":
        if (
            a1 == "civilians"
            and a2 not in STATE_KINDS
            and not at_protest
            and ("grenade" not in words)
        ):
            # "youths threw stones at settler vehicles": a crowd, no demonstration (stoning
            # the police is rioting against the state)
            return MOB
        if a1 in ("protesters", "rioters", "civilians") or at_protest or a1 is None:
            return RIOT  # "demonstrators threw stones at the police"
        return GRENADE if "grenade" in words else ATTACK
    if spec.rule == "strike":
        if _aerial(d):
            return AIR
        strike = d.tok if d.tok.pos_ == "NOUN" else _child(d.tok, "nsubj")
        if (
            strike is not None
            and strike.lemma_.lower() == "strike"
            and a1 in STATE_KINDS
            and not words & (IED_WORDS | ARTILLERY_WORDS)
        ):
            return AIR  # "a suspected Israeli strike hit a building": a state strikes from the air
        if words & IED_WORDS:
            return IED  # "the minibus struck an explosive device"
        if words & ARTILLERY_WORDS:
            return SHELL
    if spec.rule in ("violence", "strike"):
        weapon = _child(d.tok, "nsubj")
        if weapon is not None and weapon.lemma_.lower() in AIRCRAFT | {"airstrike"}:
            return AIR  # "coalition aircraft raided a market", "drones slammed into ..."
        if weapon is not None and weapon.lemma_.lower() in ARTILLERY_WORDS:
            return SHELL  # "a Russian missile slammed into central Kramatorsk"
        if a1 is None and ("landmine" in words or ("mine" in words and words & MINE_STEPS)):
            return IED  # "killed when one of them stepped on an anti-personnel mine"
        if words & MOB_WORDS:
            return MOB  # "a mob beat the man to death"
        if a1 in ("protesters", "rioters"):
            return RIOT  # "protesters stormed parliament"
        crowd_control = bool(words & CROWD_CONTROL)  # "fired stun grenades and rubber bullets"
        target = _target(d)
        aimed = _prep_object(d.tok, "at", "on")  # "fired live rounds at protesters"
        at_crowd = a2 == "protesters" or any(
            t is not None and t.lemma_.lower() in PROTESTER_NOUNS for t in (target, aimed)
        )
        state = a1 in ("state forces", "government", "external force")
        if (
            (state and (at_crowd or at_protest or crowd_control))
            # armed groups and unnamed guards who fire on a crowd or break up a rally
            or (a1 in ARMED_KINDS and (at_crowd or (at_protest and "disperse" in words)))
            or (a1 is None and at_crowd)
            # tear gas, water cannon, batons: only those policing a crowd use them
            or (crowd_control and a1 not in ("protesters", "rioters", "civilians"))
        ):
            lethal = EXCESSIVE_FORCE - ({"bullet", "round"} if "rubber" in words else set())
            return EXCESSIVE if words & lethal else INTERVENED
        if a1 is None and _supporters_subject(d):
            return RIOT  # "supporters of the candidate stoned vehicles": partisans rioting
        if a1 is None and not at_protest and not crowd_control and _mob_subject(d):
            return MOB  # "residents chased down and beat to death a man"
        if a1 in CIVILIAN_KINDS or (a1 is None and at_protest and a2 != "protesters"):
            # Unarmed people attacking: a demonstration turned violent, else a mob.
            return RIOT if at_protest else MOB
        unnamed = d.actor1 is not None and d.actor1.actor.name.startswith("Unidentified Armed")
        if a1 is None and a2 is None and _military_target(d):
            return CLASH  # "fighters stormed a military base": the base's troops fought
        cause = _child(d.tok, "nsubj", "csubj")
        if a1 is None and cause is not None and cause.lemma_.lower() in FIGHT_NOUNS:
            return CLASH  # "Fighting between the ELN and dissidents left 16 people dead"
        if a2 in CIVILIAN_KINDS or (
            a2 is None
            and (_unarmed_target(d) or a1 not in ARMED_KINDS or (unnamed and not _target(d)))
        ):
            # (unnamed gunmen opening fire at no one named: on people, far more often than not)
            return ATTACK
        return CLASH
    if spec.rule == "territory":
        if d.patient is not None and d.patient.lemma_.lower() in PREMISES:
            return LOOTING  # "stormed the UN office, taking over the premises"
        if "without" in words and words & {"fight", "resistance", "shot", "clash", "bloodshed"}:
            return TRANSFER  # "took over the base without a fight"
        if words & HANDOVER_WORDS and not words & FIGHT_WORDS and not _deadly(d):
            return TRANSFER  # "took over the checkpoints as part of the Sinjar agreement"
        if "vacate" in words and not words & FIGHT_WORDS and not _deadly(d):
            return TRANSFER  # "entered the airport after coalition troops vacated it"
        if a1 in ("state forces", "government", "external force"):
            return ("Battles", "Government regains territory")
        return ("Battles", "Non-state actor overtakes territory")
    if spec.rule == "protest":
        if words & EXCESSIVE_FORCE and words & (INTERVENTION | {"shoot", "fire", "open"}):
            return EXCESSIVE
        if words & RIOTING:
            return RIOT  # the demonstrators threw stones, burned tyres
        if words & INTERVENTION:
            return INTERVENED
        return ("Protests", "Peaceful protest")
    return None


def _overlap(a: DateRange | None, b: DateRange | None) -> bool:
    if a is None or b is None or a.start is None or b.start is None:
        return True
    return not (a.end is not None and a.end < b.start) and not (
        b.end is not None and b.end < a.start
    )


def _places_compatible(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    if a is None or b is None or a.place is None or b.place is None:
        return True
    pa, pb = a.place, b.place
    if pa.place_id == pb.place_id:
        return True
    if pa.feature_code in ("CONT", "RGN") or pb.feature_code in ("CONT", "RGN"):
        return True  # a continent or region holds too much to tell two events apart
    if pa.feature_code == "PCLI" or pb.feature_code == "PCLI":
        return pa.country == pb.country
    return distance_km(pa, pb) < 25


def _actor_ids(d: _Draft) -> set[str]:
    return {m.actor.actor_id for m in (d.actor1, d.actor2) if m is not None}


def _roles_compatible(a: ActorMention | None, b: ActorMention | None) -> bool:
    if a is None or b is None or a.actor.actor_id == b.actor.actor_id:
        return True
    kinds = {a.actor.kind, b.actor.kind}
    return kinds <= CIVILIAN_KINDS  # "a journalist" and "Leila Nasser"


def _is_toll(d: _Draft) -> bool:
    return (
        d.spec.rule == "violence"
        and d.spec.count in ("fatalities", "injured")
        and (d.tok.lemma_.lower() in TOLL_LEMMAS)
    )


def _depth(tok: Token) -> int:
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok, n = tok.head, n + 1
    return n


def _bounds(sent: SpacySpan) -> tuple[int, int]:
    return sent.start_char, sent.end_char


def _bare_toll(d: _Draft) -> bool:
    """A toll that names no one who did it: "12 protesters were killed" (but not "Israeli
    forces shot at Palestinians")."""
    return _is_toll(d) and d.actor1 is None


def _linked(a: Token, b: Token) -> bool:
    """Whether two triggers are parts of one clause: they meet within three steps up the parse
    ("a bomber blew himself up, killing 18 and wounding 40")."""
    return bool(_ancestors(a, 3) & _ancestors(b, 3))


def _ancestors(tok: Token, steps: int) -> set[int]:
    out = {tok.i}
    for _ in range(steps):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        out.add(tok.i)
    return out


def _toll_of(a: _Draft, b: _Draft) -> bool:
    """ "killed in an air strike", "a bomb exploded, killing four": the toll of the attack."""
    if a.spec.plover != "ASSAULT" or b.spec.plover != "ASSAULT" or a.sentence != b.sentence:
        return False
    if _is_toll(a) == _is_toll(b):
        return False
    return _linked(a.tok, b.tok) and _places_compatible(a.place, b.place)


def _argument_of(a: _Draft, b: _Draft) -> bool:
    """ "air strikes hit the market": the attack noun is the subject of the attack verb."""
    if a.spec.plover != b.spec.plover or a.sentence != b.sentence:
        return False
    for noun, verb in ((a.tok, b.tok), (b.tok, a.tok)):
        if noun.head.i == verb.i and noun.dep_ in ("nsubj", "nsubjpass", "dobj"):
            return noun.pos_ in ("NOUN", "PROPN") and _places_compatible(a.place, b.place)
    return False


def _operation_of(a: _Draft, b: _Draft) -> bool:
    """ "arrested 15 people in overnight raids": the raid is how the arrest was made."""
    if a.sentence != b.sentence:
        return False
    for noun, verb in ((a.tok, b.tok), (b.tok, a.tok)):
        prep = noun.head
        if (
            noun.dep_ == "pobj"
            and prep.lower_ in ("in", "during")
            and prep.head.i == verb.i
            and noun.lemma_.lower() in OPERATION_NOUNS
        ):
            return True
    return False


def _outcome_of(a: _Draft, b: _Draft) -> bool:
    """ "regained the village after clashes with ...": the fight is how the ground changed."""
    if a.sentence != b.sentence:
        return False
    kinds = {a.spec.rule, b.spec.rule}
    return "territory" in kinds and (_acled(a) == CLASH or _acled(b) == CLASH)


def _damage_of(a: _Draft, b: _Draft) -> bool:
    """ "fired rockets at the town, setting buildings ablaze": the damage the attack did."""
    if a.sentence != b.sentence or a.spec.plover != "ASSAULT" or b.spec.plover != "ASSAULT":
        return False
    for damage, attack in ((a, b), (b, a)):
        if damage.spec.acled == LOOTING and attack.spec.acled != LOOTING:
            if damage.tok.head.i == attack.tok.i and damage.tok.dep_ in ("advcl", "conj", "xcomp"):
                return True
    return False


def _means_of(a: _Draft, b: _Draft) -> bool:
    """ "stormed a house and took away a politician": the storming is how it was done."""
    if a.sentence != b.sentence:
        return False
    for means, act in ((a, b), (b, a)):
        if trigger_lemma(means.tok) in MEANS_LEMMAS and _acled(act) in (
            ABDUCTION,
            ARRESTS,
            DISRUPTED,  # "raided a house and seized a cache of weapons"
        ):
            if act.tok.dep_ == "conj" and act.tok.head.i == means.tok.i and not means.counts:
                return True
    return False


def _intercepted(a: _Draft, b: _Draft) -> bool:
    """ "air defences shot down 36 drones in the largest drone attack on the capital": the
    attack told beside its interception is the one intercepted."""
    if a.sentence != b.sentence:
        return False
    for stop, attack in ((a, b), (b, a)):
        if stop.spec.mode == "intercept" and attack.tok.pos_ == "NOUN":
            if _acled(attack) in (AIR, SHELL) and not attack.counts.keys() - {"fatalities"}:
                return True
    return False


def _same_happening(a: _Draft, b: _Draft) -> bool:
    if _means_of(a, b) or _intercepted(a, b):
        return True
    if (
        _toll_of(a, b)
        or _argument_of(a, b)
        or _operation_of(a, b)
        or _outcome_of(a, b)
        or _damage_of(a, b)
    ):
        return True
    if a.spec.plover != b.spec.plover or _acled(a) != _acled(b):
        return False
    if not (_overlap(a.date_range, b.date_range) and _places_compatible(a.place, b.place)):
        return False
    if a.spec.plover in ("CONSULT", "AGREE"):
        # Symmetric meetings: the same parties, in any role.
        named = {i for i in _actor_ids(a) & _actor_ids(b) if not i.startswith("civilians")}
        return bool(named)
    if not (_roles_compatible(a.actor1, b.actor1) and _roles_compatible(a.actor2, b.actor2)):
        return False
    participle = any(t.tag_ == "VBG" and t.dep_ in ("advcl", "xcomp") for t in (a.tok, b.tok))
    if a.sentence == b.sentence and participle and _linked(a.tok, b.tok) and _acled(a):
        return True  # "carried out airstrikes on Ariha, hitting a farm": one strike told twice
    close = min(abs(s - t) for s in a.sentences for t in b.sentences) <= 1
    same_word = a.tok.lemma_ == b.tok.lemma_
    # ACLED's unit: one type, one place, one day ("overran a base in Marte, ... taking
    # control of the town").
    same_place = (
        a.sentence == b.sentence
        and a.place is not None
        and b.place is not None
        and a.place.place is not None
        and b.place.place is not None
        and a.place.place.place_id == b.place.place.place_id
        and _acled(a) is not None
    )
    return close and (same_word or same_place or a.place is None or b.place is None)


def _info(d: _Draft) -> int:
    return 2 * bool(d.date) + 2 * bool(d.counts) + bool(d.actor1) + bool(d.actor2) + bool(d.place)


def _absorb(into: _Draft, other: _Draft) -> None:
    if _intercepted(into, other):
        if into.spec.mode != "intercept":
            into.tok, other.tok = other.tok, into.tok
            into.spec, other.spec = other.spec, into.spec
        into.counts.pop("fatalities", None)  # (drones counted, no one killed)
        other.counts.pop("fatalities", None)
    elif _means_of(into, other):
        if trigger_lemma(into.tok) in MEANS_LEMMAS:
            into.tok, other.tok = other.tok, into.tok
            into.spec, other.spec = other.spec, into.spec
    elif _outcome_of(into, other) or _damage_of(into, other):
        # The ground that changed hands names it; the attack, not the damage it did.
        if other.spec.rule == "territory" or into.spec.acled == LOOTING:
            into.tok, other.tok = other.tok, into.tok
            into.spec, other.spec = other.spec, into.spec
    elif _operation_of(into, other) and into.tok.lemma_.lower() in OPERATION_NOUNS:
        # The verb names what happened; the raid only how.
        into.tok, other.tok = other.tok, into.tok
        into.spec, other.spec = other.spec, into.spec
    elif (_is_toll(into) and not _is_toll(other)) or (
        into.spec.acled is None and other.spec.acled is not None and _argument_of(into, other)
    ):
        # The attack names the happening; the killing gives its toll.
        into.tok, other.tok = other.tok, into.tok
        into.spec, other.spec = other.spec, into.spec
    elif _info(other) > _info(into) and not _is_toll(other):
        # The richer sentence becomes the evidence; the other becomes related evidence.
        into.tok, other.tok = other.tok, into.tok
        into.sentence, other.sentence = other.sentence, into.sentence
        into.modality, other.modality = other.modality, into.modality
    if into.spec.plover in ("CONSULT", "AGREE"):
        parties = [
            m for m in (into.actor1, into.actor2, other.actor1, other.actor2) if m is not None
        ]
        unique = list({m.actor.actor_id: m for m in reversed(parties)}.values())[::-1]
        into.actor1 = unique[0] if unique else None
        into.actor2 = unique[1] if len(unique) > 1 else None
    else:
        into.actor1 = into.actor1 or other.actor1
        into.actor2 = into.actor2 or other.actor2
    if into.place is None or (
        other.place is not None and _more_specific(into.place, other.place) is other.place
    ):
        if other.place is not None:
            into.place, into.precision = other.place, other.precision
    if other.date is not None and (
        into.date is None or _narrower(other.date.range, into.date.range)
    ):
        into.date, into.date_range = other.date, other.date_range
    for k, q in other.counts.items():
        into.counts.setdefault(k, q)
    into.claims.extend(c for c in other.claims if c not in into.claims)
    into.sentences |= other.sentences
    sent = other.tok.sent
    into.related.append(Span(sent.start_char, sent.end_char, sent.text))


def _narrower(a: DateRange, b: DateRange) -> bool:
    if a.start is None or a.end is None:
        return False
    if b.start is None or b.end is None:
        return True
    return (a.end - a.start) < (b.end - b.start)


def extract_events(doc: Doc, article: Article, mentions: DocMentions) -> list[Event]:
    return EventCoder(doc, article, mentions).events()


__all__ = ["DocMentions", "EventCoder", "extract_events"]
