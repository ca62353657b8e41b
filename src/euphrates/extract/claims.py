"""Who says so: reporting verbs, their speakers, and the modality they lend their content.

"Haddad said ..." reports; "the group claimed ..." claims; "police denied ..." denies;
"according to X" reports.  Each claim keeps the character range of its content, so the event
coder can tell which events the claim covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from euphrates.records import ActorMention, Claim, Modality, Span

REPORTED = frozenset(
    {
        "say",
        "tell",
        "report",
        "announce",
        "confirm",
        "state",
        "add",
        "note",
        "explain",
        "write",
        "describe",
        "quote",
        "cite",
        "post",
        "publish",
        "show",
        "reveal",
        "indicate",
        "estimate",
        "believe",
        "think",
        "suggest",
        "document",
        "record",
        "count",
        "disclose",
    }
)
CLAIMED = frozenset({"claim", "allege", "insist", "contend", "assert", "maintain"})
DENIED = frozenset({"deny", "dismiss", "refute"})
EXPECTED = frozenset({"expect", "predict", "anticipate", "forecast"})


@dataclass(frozen=True)
class ClaimScope:
    """A claim and the character range of what it covers."""

    claim: Claim
    start: int
    end: int


def _modality(lemma: str) -> Modality | None:
    if lemma in REPORTED:
        return "reported"
    if lemma in CLAIMED:
        return "claimed"
    if lemma in DENIED:
        return "denied"
    if lemma in EXPECTED:
        return "expected"
    return None


def _speaker(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.dep_ == "nsubj":
            return c
    for c in verb.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def _content(verb: Token) -> tuple[int, int] | None:
    """Character range of what the verb reports: its clausal complement, or the sentence."""
    for c in verb.children:
        if c.dep_ in ("ccomp", "xcomp", "dobj") and c.pos_ in ("VERB", "AUX", "NOUN"):
            return c.left_edge.idx, c.right_edge.idx + len(c.right_edge)
    sent = verb.sent
    # "X happened, he said": the reported clause is the rest of the sentence.
    return sent.start_char, sent.end_char


def _actor_for(tok: Token, actors: Sequence[ActorMention]) -> ActorMention | None:
    for m in actors:
        if m.span.start <= tok.idx < m.span.end:
            return m
    return None


def extract_claims(doc: Doc, actors: Sequence[ActorMention] = ()) -> list[ClaimScope]:
    sent_index = {s.start: n for n, s in enumerate(doc.sents)}
    scopes: list[ClaimScope] = []
    for tok in doc:
        if tok.lower_ == "according" or tok.pos_ not in ("VERB", "AUX"):
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                obj = next((c for c in doc[tok.i + 1].children if c.dep_ == "pobj"), None)
                scopes.append(
                    _scope(
                        doc,
                        tok,
                        obj,
                        "reported",
                        sent_index,
                        actors,
                        (tok.sent.start_char, tok.sent.end_char),
                    )
                )
            continue
        modality = _modality(tok.lemma_)
        if modality is None:
            continue
        # "are believed to be holed up": a passive belief reports without a speaker.
        speaker = _speaker(tok)
        if speaker is None and tok.lemma_ not in (
            "believe",
            "report",
            "estimate",
            "expect",
            "think",
            "say",
        ):
            continue
        content = _content(tok)
        if content is None:
            continue
        scopes.append(_scope(doc, tok, speaker, modality, sent_index, actors, content))
    return scopes


def _scope(
    doc: Doc,
    verb: Token,
    speaker: Token | None,
    modality: Modality,
    sent_index: dict[int, int],
    actors: Sequence[ActorMention],
    content: tuple[int, int],
) -> ClaimScope:
    source_span = None
    source = None
    actor = None
    if speaker is not None:
        left, right = speaker.left_edge, speaker.right_edge
        # Keep the speaker's noun phrase short: "army spokesman Col. Omar Haddad".
        for c in speaker.rights:
            if c.dep_ in ("relcl", "acl", "prep", "punct", "appos") and c.i > speaker.i:
                right = doc[c.i - 1]
                break
        source_span = Span(left.idx, right.idx + len(right), doc[left.i : right.i + 1].text)
        source = source_span.text
        mention = _actor_for(speaker, actors)
        actor = mention.actor if mention else None
    claim = Claim(
        Span(verb.idx, verb.idx + len(verb), verb.text),
        source,
        source_span,
        verb.lemma_,
        modality,
        sent_index.get(verb.sent.start, 0),
        actor,
    )
    return ClaimScope(claim, *content)
