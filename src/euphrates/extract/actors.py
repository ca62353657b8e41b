"""Actors in a parsed document: registry names, generic descriptions and people.

Three sources, in order of trust:
1. the registry (`data/actors.yaml`): canonical armed groups, forces and governments with
   their aliases ("Daesh" -> Islamic State);
2. descriptions built from a demonym or country and a force noun ("Turkish police" ->
   Police Forces of Turkey, "unidentified gunmen" -> Unidentified Armed Group, "civilians");
3. people (spaCy PERSON), tied to the organisation their title names ("Russian Foreign
   Minister Ahmed Karimi" -> Government of Iraq; "army spokesman Omar Haddad").
Bare references ("the militants", "the coalition") resolve to the nearest earlier mention of
a compatible registry actor.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from euphrates.records import Actor, ActorKind, ActorMention, Event, PlaceMention, Span
from euphrates.resources import Demonym, RegistryActor

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9\-]{1,5}$")

MILITARY_NOUNS = frozenset(
    {
        "army",
        "military",
        "forces",
        "force",
        "troops",
        "soldiers",
        "soldier",
        "warplanes",
        "jets",
        "aircraft",
        "navy",
        "artillery",
        "tanks",
        "drones",
        "helicopters",
        "marines",
    }
)
POLICE_NOUNS = frozenset({"police", "policemen", "gendarmes", "gendarmerie", "officers"})
GOVERNMENT_NOUNS = frozenset(
    {
        "government",
        "regime",
        "authorities",
        "officials",
        "official",
        "ministry",
        "minister",
        "president",
        "administration",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "cabinet",
        "prime",
        "diplomats",
        "envoy",
        "embassy",
        "parliament",
        "counterpart",
        "leader",
    }
)
# Attackers no one has named: "gunmen ambushed a convoy".
LONE_ATTACKER_NOUNS = frozenset(
    {
        "gunmen",
        "gunman",
        "assailant",
        "assailants",
        "attackers",
        "attacker",
        "kidnappers",
        "abductors",
        "bomber",
        "bombers",
    }
)
# With "unidentified", "unknown", "masked" these name an unidentified armed group too.
UNIDENTIFIED_NOUNS = LONE_ATTACKER_NOUNS | {"men", "militants", "group", "fighters", "individuals"}
# Armed men the text does not name (when no earlier mention is what they refer to).
UNNAMED_ARMED_NOUNS = frozenset(
    {"militants", "insurgents", "jihadists", "extremists", "militiamen", "terrorists"}
)
UNIDENTIFIED_MODIFIERS = frozenset({"unidentified", "unknown", "masked", "armed", "suspected"})
CIVILIAN_NOUNS = frozenset(
    {
        "civilians",
        "civilian",
        "residents",
        "villagers",
        "relatives",
        "crowd",
        "mob",
        "traders",
        "locals",
        "youths",
        "people",
        "prisoners",
        "detainees",
        "journalists",
        "journalist",
        "filmmaker",
        "children",
        "women",
        "worshippers",
        "students",
        "farmers",
        "doctors",
        "refugees",
        "passengers",
        "pilgrims",
        "shepherds",
        "families",
        "teachers",
        "aid workers",
        "workers",
        "inmates",
        "hostages",
        "activists",
        "family",
    }
)
PROTESTER_NOUNS = frozenset({"protesters", "protestors", "demonstrators", "marchers"})
RIOTER_NOUNS = frozenset({"rioters", "mob"})
ARMED_REFERENCES = frozenset(
    {
        "militants",
        "extremists",
        "jihadists",
        "insurgents",
        "fighters",
        "rebels",
        "group",
        "coalition",
        "militia",
        "militiamen",
        "terrorists",
        "separatists",
        "gunmen",
    }
)
# Nouns of attack whose demonym names the attacking state: "a Russian air strike".
WEAPON_NOUNS = frozenset(
    {
        "strike",
        "strikes",
        "airstrike",
        "airstrikes",
        "raid",
        "raids",
        "shelling",
        "bombardment",
        "drone",
        "drones",
        "missile",
        "missiles",
        "rocket",
        "rockets",
        "offensive",
        "incursion",
        "bombing",
        "bombings",
        "attack",
        "attacks",
        "warplane",
        "jets",
    }
)
# Force nouns that name a country's forces on their own in a report about that country.
BARE_FORCE_NOUNS = frozenset(
    {"soldiers", "troops", "policemen", "soldier", "police", "military", "army"}
)
GOVERNMENT_MODIFIERS = frozenset(
    {"government", "regime", "state", "pro-government", "security", "junta", "federal"}
)


@dataclass(frozen=True)
class ActorLexicon:
    """Matchers over the registry, built once per pipeline."""

    by_id: dict[str, RegistryActor]
    phrases: PhraseMatcher
    acronyms: PhraseMatcher
    generic_terms: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, nlp: Language, registry: Sequence[RegistryActor]) -> ActorLexicon:
        phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        terms: dict[str, list[str]] = {}
        for actor in registry:
            plain = [a for a in (actor.name, *actor.aliases) if not _ACRONYM.match(a)]
            caps = [a for a in actor.aliases if _ACRONYM.match(a)]
            if plain:
                phrases.add(actor.id, [nlp.make_doc(a) for a in plain])
            if caps:
                acronyms.add(actor.id, [nlp.make_doc(a) for a in caps])
            for term in actor.generic_terms:
                terms.setdefault(term.lower(), []).append(actor.id)
        return cls(
            {a.id: a for a in registry}, phrases, acronyms, {k: tuple(v) for k, v in terms.items()}
        )

    def actor(self, actor_id: str, on: dt.date | None = None) -> Actor:
        """The registry's actor, with the kind it had on that day."""
        rec = self.by_id[actor_id]
        return Actor(rec.id, rec.name, rec.kind_on(on), rec.country)


def _span(sp: SpacySpan) -> Span:
    return Span(sp.start_char, sp.end_char, sp.text)


def _sentence_index(doc: Doc) -> list[int]:
    """Token index -> sentence number."""
    out = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            out[i] = n
    return out


def _country_name(iso: str | None, names: dict[str, str]) -> str:
    return names.get(iso or "", iso or "unknown")


def generic_actor(kind_name: str, kind: ActorKind, iso: str | None, names: dict[str, str]) -> Actor:
    country = _country_name(iso, names) if iso else None
    if kind_name in ("Military Forces", "Police Forces", "Government"):
        name = f"{kind_name} of {country}" if country else kind_name
    else:
        name = f"{kind_name} ({country})" if country else kind_name
    slug = re.sub(r"[^a-z0-9]+", "-", f"{kind_name}-{iso or 'xx'}".lower()).strip("-")
    return Actor(slug, name, kind, iso, generic=True)


def _modifiers(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod")]


def _country_of(
    tok: Token, demonyms: dict[str, Demonym], place_countries: dict[int, str]
) -> str | None:
    for mod in _modifiers(tok):
        for t in mod.subtree:
            dem = demonyms.get(t.lower_)
            if dem and dem.country:
                return dem.country
            if t.i in place_countries:
                return place_countries[t.i]
    return None


def _np_span(tok: Token) -> SpacySpan:
    """The noun phrase of a head noun without its relative clauses or prepositions."""
    left = tok
    for c in tok.lefts:
        if c.dep_ in ("amod", "compound", "det", "poss", "nummod", "nmod", "quantmod"):
            left = c if c.i < left.i else left
            for t in c.subtree:
                left = t if t.i < left.i else left
    start = left.i
    doc = tok.doc
    while start < tok.i and doc[start].dep_ == "det":
        start += 1
    while start < tok.i and doc[start].like_num:
        start += 1
    return doc[start : tok.i + 1]


class ActorExtractor:
    """Finds actor mentions in one document."""

    def __init__(
        self, lexicon: ActorLexicon, demonyms: dict[str, Demonym], country_names: dict[str, str]
    ) -> None:
        self.lexicon = lexicon
        self.demonyms = demonyms
        self.country_names = country_names
        self._country_words = {n.lower() for n in country_names.values()} | set(demonyms)

    def registry_spans(self, doc: Doc) -> list[tuple[SpacySpan, str]]:
        matches = [*self.lexicon.phrases(doc), *self.lexicon.acronyms(doc)]
        spans = sorted(
            ((doc[s:e], doc.vocab.strings[mid]) for mid, s, e in matches),
            key=lambda x: (-(x[0].end - x[0].start), x[0].start),
        )
        chosen: list[tuple[SpacySpan, str]] = []
        used: set[int] = set()
        for sp, aid in spans:
            if used.intersection(range(sp.start, sp.end)):
                continue
            used.update(range(sp.start, sp.end))
            chosen.append((sp, aid))
        return sorted(chosen, key=lambda x: x[0].start)

    def extract(
        self,
        doc: Doc,
        focus_country: str | None = None,
        place_countries: dict[int, str] | None = None,
        place_tokens: set[int] | None = None,
        on: dt.date | None = None,
    ) -> list[ActorMention]:
        place_countries = place_countries or {}
        sent_of = _sentence_index(doc)
        # A description without its own country belongs to its sentence's country first:
        # the country of a place it names, not of a demonym ("regime forces and
        # Iranian-backed militias retook Al Bukamal" is about Syria).
        named = {
            i: iso
            for i, iso in place_countries.items()
            if place_tokens is None or i in place_tokens
        }
        sentence_country = _sentence_countries(named, sent_of)
        mentions: list[ActorMention] = []
        covered: set[int] = set(place_tokens or ())
        for sp, aid in self.registry_spans(doc):
            actor = self.lexicon.actor(aid, on)
            mentions.append(ActorMention(_span(sp), actor, sent_of[sp.start]))
            covered.update(range(sp.start, sp.end))
        people = self._people(doc, covered, sent_of, mentions, place_countries)
        mentions.extend(people)
        for tok in doc:
            if tok.i in covered or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            focus = sentence_country.get(sent_of[tok.i], focus_country)
            found = self._generic(tok, focus, place_countries, mentions, sent_of, covered)
            if found is not None:
                mentions.append(found)
                covered.update(range(tok.i, tok.i + 1))
        mentions.sort(key=lambda m: m.span.start)
        return mentions

    def _people(
        self,
        doc: Doc,
        covered: set[int],
        sent_of: list[int],
        mentions: list[ActorMention],
        place_countries: dict[int, str],
    ) -> list[ActorMention]:
        """PERSON entities, tied to the organisation their title or apposition names."""
        people: list[ActorMention] = []
        affiliation: dict[str, Actor] = {}
        surnames: dict[str, str] = {}
        registry_at = {
            i: m
            for m in mentions
            for i in range(_tok_range(doc, m.span)[0], _tok_range(doc, m.span)[1])
        }
        for ent in doc.ents:
            if ent.label_ != "PERSON" or covered.intersection(range(ent.start, ent.end)):
                continue
            if ent.text.lower() in self._country_words:
                continue  # "Mali's army seized ...": a country the model took for a person
            head = ent.root
            org = self._title_actor(head, ent, registry_at, place_countries)
            full = ent.text
            if org is not None:
                affiliation[full] = org
            surname = ent[-1].text
            surnames.setdefault(surname, full)
            actor = (
                org
                or affiliation.get(surnames.get(surname, full))
                or Actor(
                    "person-" + re.sub(r"[^a-z0-9]+", "-", full.lower()).strip("-"), full, "person"
                )
            )
            start = min([ent.start, *[t.i for t in _title_tokens(head, ent)]])
            sp = doc[start : ent.end]
            people.append(ActorMention(_span(sp), actor, sent_of[ent.start], person=full))
            covered.update(range(start, ent.end))
        # Later bare surnames ("Haddad said") that the model labelled as something else.
        for tok in doc:
            if tok.i in covered or tok.pos_ != "PROPN" or tok.text not in surnames:
                continue
            full = surnames[tok.text]
            actor = affiliation.get(full) or Actor(
                "person-" + re.sub(r"[^a-z0-9]+", "-", full.lower()).strip("-"), full, "person"
            )
            people.append(
                ActorMention(_span(doc[tok.i : tok.i + 1]), actor, sent_of[tok.i], person=full)
            )
            covered.add(tok.i)
        return people

    def _title_actor(
        self,
        head: Token,
        ent: SpacySpan,
        registry_at: dict[int, ActorMention],
        place_countries: dict[int, str],
    ) -> Actor | None:
        for t in _title_tokens(head, ent):
            if t.i in registry_at:
                return registry_at[t.i].actor
        titles = list(_title_tokens(head, ent))
        words = {t.lower_ for t in titles}
        if words & GOVERNMENT_NOUNS:
            for t in titles:
                dem = self.demonyms.get(t.lower_)
                iso = dem.country if dem else place_countries.get(t.i)
                if iso:
                    return generic_actor("Government", "government", iso, self.country_names)
        return None

    def _generic(
        self,
        tok: Token,
        focus: str | None,
        place_countries: dict[int, str],
        earlier: list[ActorMention],
        sent_of: list[int],
        covered: set[int],
    ) -> ActorMention | None:
        word = tok.lower_
        mods = {t.lower_ for m in _modifiers(tok) for t in m.subtree}
        if any(
            t.i in covered and t.i not in place_countries
            for m in _modifiers(tok)
            for t in m.subtree
        ):
            return None  # "Daesh militants": the registry mention already names it
        iso = _country_of(tok, self.demonyms, place_countries)
        sp = _np_span(tok)
        if word in WEAPON_NOUNS and iso:
            dem = next(
                (t for m in _modifiers(tok) for t in m.subtree if self.demonyms.get(t.lower_)), None
            )
            if dem is not None:
                forces = generic_actor("Military Forces", "state forces", iso, self.country_names)
                return ActorMention(_span(doc_span(dem)), forces, sent_of[tok.i])
        if word in POLICE_NOUNS | MILITARY_NOUNS and not iso and not mods & GOVERNMENT_MODIFIERS:
            ref = self._force_antecedent(tok, earlier, word in POLICE_NOUNS)
            if ref is not None:
                return ActorMention(_span(sp), ref.actor, sent_of[tok.i], ref.span)
            if word in BARE_FORCE_NOUNS and focus:
                kind_name = "Police Forces" if word in POLICE_NOUNS else "Military Forces"
                forces = generic_actor(kind_name, "state forces", focus, self.country_names)
                return ActorMention(_span(sp), forces, sent_of[tok.i])
        actor: Actor | None = None
        if word in ARMED_REFERENCES and not mods - {"the", "these", "those"}:
            # Only a bare reference ("the militants") points back; "Kurdish-led fighters" not.
            ref = self._antecedent(word, tok, earlier)
            if ref is not None:
                return ActorMention(_span(sp), ref.actor, sent_of[tok.i], ref.span)
        if mods & UNIDENTIFIED_MODIFIERS and word in MILITARY_NOUNS:
            # "unidentified warplanes": ACLED's Unidentified Military Forces
            actor = generic_actor("Unidentified Military Forces", "external force", None, {})
        elif (
            (mods & UNIDENTIFIED_MODIFIERS and word in UNIDENTIFIED_NOUNS)
            or (word in LONE_ATTACKER_NOUNS and not mods - {"the", "a", "an", "two", "three"})
            or (word in UNNAMED_ARMED_NOUNS and not mods - {"a", "some", "several", "dozens"})
        ):
            # "gunmen", "militants" no earlier name stands for: an unidentified armed group
            actor = generic_actor(
                "Unidentified Armed Group", "political militia", iso or focus, self.country_names
            )
        elif word in MILITARY_NOUNS and (iso or mods & GOVERNMENT_MODIFIERS):
            if "pro-government" in mods:
                actor = generic_actor(
                    "Pro-Government Militia", "political militia", iso or focus, self.country_names
                )
            else:
                actor = generic_actor(
                    "Military Forces", "state forces", iso or focus, self.country_names
                )
        elif word in POLICE_NOUNS and (iso or word != "officers"):
            actor = generic_actor("Police Forces", "state forces", iso or focus, self.country_names)
        elif word in GOVERNMENT_NOUNS and iso:
            actor = generic_actor("Government", "government", iso, self.country_names)
        elif (
            word in ("government", "authorities", "regime")
            and focus
            and mods <= {"the"}
            and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos")
        ):
            # "the government": the government of the country the sentence is about.
            actor = generic_actor("Government", "government", focus, self.country_names)
        elif tok.tag_ in ("NNS", "NNPS") and self._people_of(word) is not None:
            # "15 Palestinians", "three Afghans": people of a country, civilians unless armed.
            actor = generic_actor(
                "Civilians", "civilians", self._people_of(word) or focus, self.country_names
            )
        elif word in CIVILIAN_NOUNS and tok.pos_ == "NOUN":
            actor = generic_actor("Civilians", "civilians", iso or focus, self.country_names)
        elif word in PROTESTER_NOUNS:
            actor = generic_actor("Protesters", "protesters", iso or focus, self.country_names)
        elif word in RIOTER_NOUNS:
            actor = generic_actor("Rioters", "rioters", iso or focus, self.country_names)
        if actor is None:
            return None
        return ActorMention(_span(sp), actor, sent_of[tok.i])

    def _people_of(self, word: str) -> str | None:
        """The country of a plural demonym ("Syrians" -> SY), or None."""
        dem = self.demonyms.get(word)
        if dem is None or dem.word.lower() != word or not word.endswith("s"):
            return None
        return dem.country

    def _force_antecedent(
        self, tok: Token, earlier: list[ActorMention], police: bool
    ) -> ActorMention | None:
        """ "the officers", "the troops": the nearest earlier state force of the same arm."""
        if not any(c.lower_ in ("the", "these", "those") for c in tok.children):
            return None
        best = None
        for m in earlier:
            if (
                m.span.start < tok.idx
                and m.actor.kind == "state forces"
                and m.actor.name.startswith("Police") == police
                and (best is None or m.span.start > best.span.start)
            ):
                best = m
        return best

    def _antecedent(
        self, word: str, tok: Token, earlier: list[ActorMention]
    ) -> ActorMention | None:
        """The nearest earlier mention of a registry actor this common noun can refer to."""
        owners = set(self.lexicon.generic_terms.get(word, ()))
        best: ActorMention | None = None
        for m in earlier:
            if m.span.start >= tok.idx or m.actor.generic or m.actor.kind == "person":
                continue
            compatible = m.actor.actor_id in owners or (
                not owners
                and m.actor.kind in ("rebel group", "political militia", "identity militia")
            )
            if compatible and (best is None or m.span.start > best.span.start):
                best = m
        return best


def _title_tokens(head: Token, ent: SpacySpan) -> list[Token]:
    """Words before a name that give its title: "Russian Foreign Minister", "Col."."""
    out: list[Token] = []
    for c in head.lefts:
        if c.i < ent.start and c.dep_ in ("compound", "amod", "nmod", "poss"):
            out.extend(t for t in c.subtree if t.i < ent.start)
    # "army spokesman, Col. Omar Haddad": the name is in apposition to its title.
    if head.dep_ == "appos":
        out.extend(
            t
            for t in head.head.subtree
            if t.i < ent.start and t.dep_ != "det" and t.i >= head.head.left_edge.i
        )
    return sorted(set(out), key=lambda t: t.i)


# Descriptions whose country is where they are found, unless the text names theirs.
LOCAL_KINDS = {
    "civilians": "Civilians",
    "protesters": "Protesters",
    "rioters": "Rioters",
}


def localise_actors(
    events: Sequence[Event], places: Sequence[PlaceMention], names: dict[str, str]
) -> None:
    """Give "civilians" the country of the event's place when the text named no other.

    The country of a description first comes from its sentence or the article; once the
    event has a place, that place says more ("Civilians (Syria)" for a market in Ariha, even
    in a sentence that names Russian warplanes).
    """
    for event in events:
        if event.location is None or not event.location.place.country:
            continue
        iso = event.location.place.country
        for slot in (event.actor1, event.actor2):
            if slot is None or not slot.actor.generic or slot.actor.country == iso:
                continue
            label = LOCAL_KINDS.get(slot.actor.kind)
            if label is None or _names_country(slot.span, slot.actor.country, places):
                continue
            slot.actor = generic_actor(label, slot.actor.kind, iso, names)


def _names_country(span: Span, iso: str | None, places: Sequence[PlaceMention]) -> bool:
    return any(
        m.place is not None and m.place.country == iso and span.start <= m.span.start < span.end
        for m in places
    )


def doc_span(tok: Token) -> SpacySpan:
    return tok.doc[tok.i : tok.i + 1]


def _sentence_countries(place_countries: dict[int, str], sent_of: list[int]) -> dict[int, str]:
    """Sentence -> the country of its first place."""
    out: dict[int, str] = {}
    for i in sorted(place_countries):
        out.setdefault(sent_of[i], place_countries[i])
    return out


def _tok_range(doc: Doc, span: Span) -> tuple[int, int]:
    sp = doc.char_span(span.start, span.end, alignment_mode="expand")
    return (sp.start, sp.end) if sp is not None else (0, 0)
