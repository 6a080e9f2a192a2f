"""Finding a predicate's actor and recipient in the dependency parse."""

from __future__ import annotations

from collections import deque

from resgestae.types import Actor, Mention, Parsed
from resgestae.words import word_list

SUBJ = ("nsubj", "csubj")
PASSIVE_SUBJ = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "obj")
# Prepositions whose object is the recipient, in order of preference.
RECIPIENT_PREPS = (
    "against",
    "with",
    "to",
    "on",
    "at",
    "for",
    "toward",
    "towards",
    "upon",
    "from",
    "by",
    "into",
    "of",
)
# Heads that stand for the people in their "of" phrase ("a group of senators").
PARTITIVE = word_list("collective_heads")
OBJECT_CONTROL = word_list("object_control")
FIRST_PERSON = frozenset({"we", "i", "us", "our"})


class Mentions:
    """Mentions indexed by head and by token, for argument lookups."""

    def __init__(self, parsed: Parsed, mentions: tuple[Mention, ...]):
        self.parsed = parsed
        self.by_head = {m.head: m for m in mentions}
        self.by_token: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.modifier):  # phrases before modifiers
            for i in range(m.tok_start, m.tok_end):
                self.by_token.setdefault(i, m)

    def at(self, i: int) -> Mention | None:
        return self.by_head.get(i) or self.by_token.get(i)


def resolved(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.code or actor.country or actor.sector)


def children(parsed: Parsed, i: int, *deps: str) -> list[int]:
    return [c for c in parsed.children[i] if parsed.tokens[c].dep in deps]


def conjuncts(parsed: Parsed, i: int) -> list[int]:
    """i and the tokens coordinated with it ("Azerbaijan and Armenia")."""
    out, stack = [i], [i]
    while stack:
        for c in children(parsed, stack.pop(), "conj"):
            if parsed.tokens[c].pos in ("NOUN", "PROPN", "PRON"):
                out.append(c)
                stack.append(c)
    return out


def noun_text(parsed: Parsed, i: int) -> tuple[str, int, int]:
    """Text and character span of the noun phrase headed by i (without clauses)."""
    keep = {i}
    for c in parsed.children[i]:
        if parsed.tokens[c].dep in (
            "det",
            "amod",
            "compound",
            "nmod",
            "poss",
            "nummod",
            "case",
            "quantmod",
            "advmod",
        ):
            keep.update(parsed.subtree(c))
    toks = [parsed.tokens[j] for j in sorted(keep)]
    start, end = toks[0].idx, toks[-1].end
    return parsed.article.text[start:end], start, end


def actor_for(parsed: Parsed, ms: Mentions, i: int, *, search: bool = False) -> Actor:
    """The actor a noun phrase headed by i denotes; unresolved (null codes) if none.

    With ``search`` the phrase's subtree is searched too ("the termination of ties with
    France" -> France); without it only partitive heads are looked into ("a group of
    senators" -> the senators).
    """
    m = ms.at(i)
    if m is not None:
        return m.actor
    tok = parsed.tokens[i]
    if search or tok.lemma.lower() in PARTITIVE:
        found = search_subtree(parsed, ms, i)
        if found is not None:
            return found
    text, start, end = noun_text(parsed, i)
    return Actor(text=text, code=None, country=None, sector=None, start=start, end=end, rule=None)


def search_subtree(parsed: Parsed, ms: Mentions, i: int, exclude=()) -> Actor | None:
    """Breadth-first search below i for the nearest resolved actor mention."""
    queue = deque(parsed.children[i])
    while queue:
        j = queue.popleft()
        tok = parsed.tokens[j]
        if tok.dep in ("relcl", "acl", "advcl", "ccomp", "punct"):
            continue
        if tok.dep == "amod" and tok.pos == "VERB":
            continue  # "a Russia-brokered deal", "US-backed forces": a third party
        m = ms.at(j)
        if m is not None and resolved(m.actor) and m.actor not in exclude:
            return m.actor
        queue.extend(parsed.children[j])
    return None


def expand(parsed: Parsed, ms: Mentions, heads: list[int], *, search: bool) -> list[Actor]:
    out = []
    for h in heads:
        for j in conjuncts(parsed, h):
            a = actor_for(parsed, ms, j, search=search)
            if a not in out:
                out.append(a)
    return out


def is_passive(parsed: Parsed, i: int) -> bool:
    """Passive, also when a coordinated verb shares the passive auxiliary ("was discussed
    and adopted"), and a participle modifying a noun ("soldiers killed in the raid")."""
    if children(parsed, i, "auxpass", "nsubjpass", "csubjpass"):
        return True
    tok = parsed.tokens[i]
    if tok.dep == "acl" and tok.tag == "VBN":
        return True
    if tok.dep == "conj" and tok.head != i and tok.tag == "VBN" and not children(parsed, i, *SUBJ):
        return is_passive(parsed, tok.head)
    return False


def lemmas(tok) -> list[str]:
    """The lemma, and for verbs the forms a small model's lemmatiser may have missed
    ("staged" -> "stag" instead of "stage")."""
    out = [tok.lemma.lower()]
    if tok.pos in ("VERB", "AUX"):
        w = tok.text.lower()
        for suffix, repl in (
            ("ied", "y"),
            ("ed", "e"),
            ("ed", ""),
            ("ing", "e"),
            ("ing", ""),
            ("es", ""),
            ("s", ""),
        ):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                out.append(w[: -len(suffix)] + repl)
        if w.endswith("ed") and len(w) > 5 and w[-3] == w[-4]:
            out.append(w[:-3])  # "planned" -> "plan"
        if w.endswith("ing") and len(w) > 6 and w[-4] == w[-5]:
            out.append(w[:-4])
    return out


def subject(parsed: Parsed, i: int, seen=None) -> list[int]:
    """Subject heads of the clause whose predicate is i, inheriting through coordination,
    control and purpose clauses ("staged a rally to protest", "chanted ... and condemned");
    an infinitive under a verb of ``object_control`` takes its object ("urged the envoy to
    leave")."""
    seen = seen or set()
    if i in seen:
        return []
    seen.add(i)
    subj = children(parsed, i, *SUBJ)
    # The parser sometimes hangs the subject on an auxiliary ("Group co-chaired by ...").
    subj = subj or [
        s
        for a in children(parsed, i, "aux", "auxpass")
        for s in children(parsed, a, *SUBJ, *PASSIVE_SUBJ)
    ]
    if subj:
        return subj
    tok = parsed.tokens[i]
    if (
        tok.dep == "xcomp"
        and tok.head != i
        and parsed.tokens[tok.head].lemma.lower() in OBJECT_CONTROL
        and (objects := children(parsed, tok.head, *OBJ))
    ):
        return objects  # the one told, asked or led to do it: "prompted the outlets to withdraw"
    if tok.dep in ("conj", "xcomp", "advcl", "acomp") and tok.head != i:
        return subject(parsed, tok.head, seen)
    if tok.dep == "relcl" and not is_passive(parsed, i):
        return [tok.head]
    return []
