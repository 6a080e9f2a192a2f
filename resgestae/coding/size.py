"""Event size: how many people were killed, injured and arrested, as the sentence counts them.

PLOVER's ``size`` object (``dead``, ``injured``, ``arrested``) and ACLED's fatalities. A count
is read where the parse attaches it to a casualty word related to the event's predicate:

- the victims of a casualty verb: its object when active ("killing 6 civilians"), its
  subject when passive or intransitive ("twelve were detained", "at least 25 people died"),
  the noun a participle modifies ("the 13 soldiers killed");
- a casualty adjective or noun with its own number ("six dead", "25 deaths", "20 hurt"), or
  through the verb it completes ("shot dead three protesters", "were taken hostage");
- a death toll ("the death toll rose to 250").

The number is digits ("6", "1,200", "1.5 million"), number words ("twelve", "two hundred and
fifty", "two dozen"), a vague plural read as its lower bound ("dozens" 24, "hundreds" 200,
"tens of thousands" 20,000: qualifier ``at least``), or a singular victim ("a police
officer was killed": 1). The words before it give the qualifier: ``exact``, ``at least``
("at least", "more than", "over"), ``about`` ("about", "some", "nearly", "an estimated") or
``at most`` ("up to", "as many as", "fewer than").

A casualty word counts for the event when one of the two is under the other in the parse and
the path between them crosses no clause of another time or cause ("after", "over",
"despite"...) and no coordinated clause with its own, uncounted subject ("...and police
arrested 20"): so "Gunmen attacked a village, killing 6" gives the attack 6 dead, and
"Police arrested 12 after clashes that killed 3" gives the arrest no dead.
"""

from __future__ import annotations

import re

from resgestae.types import Count, Parsed, Size, Token
from resgestae.words import number_words

__all__ = ["event_size"]

# Casualty words by lemma: what their count is a count of.
DEAD = frozenset(
    "kill die dead death fatality slay murder massacre execute behead perish assassinate "
    "lynch body".split()
)
INJURED = frozenset("wound wounded injure injured injury hurt maim".split())
ARRESTED = frozenset(
    "arrest detain abduct kidnap apprehend imprison jail hostage round hold".split()
)
TOTAL = frozenset({"casualty"})
# "hold" counts people only in custody ("were held in custody", "held hostage") or as a bare
# number ("twelve were held"): "held talks", "3 rallies were held" are not arrests.
CUSTODY = frozenset({"custody", "detention", "hostage", "captive", "prisoner", "incommunicado"})
INTRANSITIVE = frozenset({"die", "perish"})
# A count that is not of people, whatever the verb.
NOT_PEOPLE_ENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
NOT_PEOPLE = frozenset(
    "day week month year hour minute second time dollar euro pound percent per cent "
    "kilometre kilometer km mile metre meter ton tonne kilogram kg round shot bullet "
    "rocket missile shell bomb attack strike raid incident case".split()
)
# Nouns that count something, not somebody: "a number of people" is not 1.
COLLECTIVE = frozenset("number group total crowd lot couple few handful series".split())
# Clauses of another time or cause: a casualty behind one of these is another event's.
BARRIER = frozenset(
    "after before since despite following over against because until ahead prior for".split()
)

# The cardinal words, split by how a number is written with them (data/words/number_words.tsv)
_WORDS = number_words()
MULTIPLIERS = {w: n for w, n in _WORDS.items() if w in ("dozen", "score", "hundred")}
UNITS = {w: n for w, n in _WORDS.items() if n < 20 and w not in MULTIPLIERS}
TENS = {w: n for w, n in _WORDS.items() if 20 <= n < 100 and w not in MULTIPLIERS}
SCALES = {w: n for w, n in _WORDS.items() if n >= 1_000}
# Vague plurals: their lower bound ("dozens" is at least two dozen).
VAGUE = {
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2_000,
    "millions": 2_000_000,
    "tens": 20,
    "several": 3,
}
NUMBER_WORDS = frozenset(_WORDS)
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")

# Words before a number, longest first within each qualifier.
QUALIFIERS = {
    "at least": "at least",
    "more than": "at least",
    "over": "at least",
    "well over": "at least",
    "just over": "at least",
    "above": "at least",
    "upwards of": "at least",
    "in excess of": "at least",
    "no fewer than": "at least",
    "no less than": "at least",
    "not less than": "at least",
    "about": "about",
    "around": "about",
    "some": "about",
    "approximately": "about",
    "roughly": "about",
    "nearly": "about",
    "almost": "about",
    "close to": "about",
    "an estimated": "about",
    "estimated": "about",
    "up to": "at most",
    "at most": "at most",
    "as many as": "at most",
    "fewer than": "at most",
    "less than": "at most",
    "under": "at most",
    "just under": "at most",
    "no more than": "at most",
}
QUALIFIER_WORDS = frozenset(w for q in QUALIFIERS for w in q.split())
# What may hang off a number inside its phrase ("two hundred and fifty", "at least 25").
PHRASE_DEPS = frozenset({"compound", "quantmod", "advmod", "amod", "cc", "conj", "punct", "nummod"})


def event_size(parsed: Parsed, i: int) -> Size | None:
    """The people killed, injured and arrested in the event whose predicate is token ``i``,
    as its sentence counts them; None when it gives no count."""
    sent = parsed.sentence_of(i)
    found: dict[str, Count] = {}
    for c in range(sent.tok_start, sent.tok_end):
        kind = _kind(parsed.tokens[c])
        if kind is None or kind in found or not _related(parsed, i, _site(parsed, c)):
            continue
        count = _count(parsed, c, kind)
        if count is not None:
            found[kind] = count
    if not found:
        return None
    total = found.get("total") or _sum(found.get("dead"), found.get("injured"))
    return Size(found.get("dead"), found.get("injured"), found.get("arrested"), total)


def _kind(tok: Token) -> str | None:
    lemma = tok.lemma.lower()
    if lemma == "toll":
        return None  # read through its own rule, in _count of the word it compounds
    if lemma in DEAD:
        return "dead"
    if lemma in INJURED:
        return "injured"
    if lemma in ARRESTED:
        return "arrested"
    if lemma in TOTAL:
        return "total"
    return None


# --- which casualty words belong to the event ---------------------------------------------


def _site(parsed: Parsed, c: int) -> int:
    """Where a casualty word sits in the clause: a death toll's is the verb it is the subject
    of ("the death toll from the airstrike rose to 25")."""
    tok = parsed.tokens[c]
    if tok.dep != "compound" or parsed.tokens[tok.head].lemma.lower() != "toll":
        return c
    toll = parsed.tokens[tok.head]
    if toll.dep in ("nsubj", "nsubjpass") and toll.head != tok.head:
        return toll.head
    return tok.head


def _related(parsed: Parsed, i: int, c: int) -> bool:
    """One of the two is under the other, by an open path. The predicate stands also for the
    verb it is the subject of ("An explosion left six dead"), and a casualty verb for the
    verb it is coordinated with ("The airstrike killed 25 and wounded 40")."""
    anchors = [i]
    tok = parsed.tokens[i]
    if tok.dep in ("nsubj", "nsubjpass", "csubj") and tok.head != i:
        anchors.append(tok.head)
    chain = [c]
    while parsed.tokens[c].dep == "conj" and parsed.tokens[c].head != c:
        if _own_subject(parsed, c):
            break
        c = parsed.tokens[c].head
        chain.append(c)
    for a in anchors:
        for x in chain:
            if a == x:
                return True
            if _dominates(parsed, a, x) and _open_path(parsed, x, a, into_subject=False):
                return True
            if _dominates(parsed, x, a) and _open_path(parsed, a, x):
                return True
    return False


def _dominates(parsed: Parsed, top: int, j: int) -> bool:
    while True:
        if j == top:
            return True
        head = parsed.tokens[j].head
        if head == j:
            return False
        j = head


def _open_path(parsed: Parsed, low: int, top: int, into_subject: bool = True) -> bool:
    """True when the path up from ``low`` to ``top`` crosses no barrier; with
    ``into_subject`` False, no subject either: what a subject's own clause reports ("The
    bombing, which killed 14, was condemned") is not the predicate's."""
    j = low
    while j != top:
        tok = parsed.tokens[j]
        if not into_subject and tok.dep in ("nsubj", "nsubjpass", "csubj", "csubjpass"):
            return False
        if tok.dep in ("prep", "mark", "agent") and tok.lemma.lower() in BARRIER:
            return False
        if any(
            parsed.tokens[k].dep == "mark" and parsed.tokens[k].lemma.lower() in BARRIER
            for k in parsed.children[j]
        ):
            return False
        if tok.dep == "conj" and _own_subject(parsed, j):
            return False
        j = tok.head
    return True


def _own_subject(parsed: Parsed, j: int) -> bool:
    """A coordinated clause with a subject of its own that is not a count ("and police
    arrested 20"; not "and 56 wounded")."""
    subjects = [k for k in parsed.children[j] if parsed.tokens[k].dep in ("nsubj", "nsubjpass")]
    return any(_number_token(parsed, k) is None for k in subjects)


# --- the victims of a casualty word --------------------------------------------------------


def _count(parsed: Parsed, c: int, kind: str) -> Count | None:
    tok = parsed.tokens[c]
    if tok.lemma.lower() == "hold":
        return _held(parsed, c)
    counts = [x for v in _victims(parsed, c) for x in _conjoined_counts(parsed, v)]
    if kind == "dead":
        counts = counts or _toll(parsed, c)
    return _sum(*counts) if counts else None


def _victims(parsed: Parsed, c: int) -> list[int]:
    tok = parsed.tokens[c]
    kids = parsed.children[c]
    own = [  # "25 deaths", "six dead", "several injured"
        k
        for k in kids
        if parsed.tokens[k].dep == "nummod"
        or (parsed.tokens[k].dep in ("amod", "npadvmod") and _is_number(parsed.tokens[k]))
    ]
    if own:
        return own
    out: list[int] = []
    if tok.pos in ("NOUN", "PROPN"):  # "the deaths of 3 students"
        out = [p for k in kids if _is(parsed, k, "prep", "of") for p in _pobjs(parsed, k)]
    elif tok.pos in ("VERB", "ADJ", "AUX") or tok.tag.startswith("VB"):
        out = _arguments(parsed, c)
        if not out and tok.dep in ("acl", "relcl", "amod") and tok.head != c:
            out = [tok.head]  # "the 13 soldiers killed", "six dead civilians"
    if not out and tok.dep in ("acomp", "oprd", "xcomp", "attr", "advmod", "ccomp"):
        head = tok.head  # "shot dead three protesters", "were taken hostage"
        if head != c and parsed.tokens[head].pos in ("VERB", "AUX"):
            out = _arguments(parsed, head, transitive=True)
    return out


def _arguments(parsed: Parsed, c: int, transitive: bool = False) -> list[int]:
    """The objects of an active transitive verb, else its subjects (passive, intransitive,
    adjectival); a relative pronoun stands for the noun it relates to."""
    tok = parsed.tokens[c]
    deps = {k: parsed.tokens[k].dep for k in parsed.children[c]}
    objects = [k for k, d in deps.items() if d == "dobj"]
    passive = "auxpass" in deps.values() or "nsubjpass" in deps.values()
    perfect = any(d == "aux" and parsed.tokens[k].lemma.lower() == "have" for k, d in deps.items())
    if objects and (transitive or not passive):
        return objects
    if not passive and tok.lemma.lower() not in INTRANSITIVE and tok.pos != "ADJ":
        if transitive or tok.tag != "VBN" or perfect:
            return []  # an active verb with no object counts nobody
    subjects = [k for k, d in deps.items() if d in ("nsubjpass", "nsubj")]
    return [
        tok.head if parsed.tokens[k].tag in ("WP", "WDT") and tok.dep == "relcl" else k
        for k in subjects
    ]


def _held(parsed: Parsed, c: int) -> Count | None:
    """The custody sense of "held": with a custody word, or a bare number as its subject."""
    sub = parsed.subtree(c)
    custody = any(parsed.tokens[k].lemma.lower() in CUSTODY for k in sub)
    victims = _arguments(parsed, c)
    if not custody:
        victims = [v for v in victims if _number_token(parsed, v) == v]
    counts = [x for v in victims for x in _conjoined_counts(parsed, v)]
    return _sum(*counts) if counts else None


def _toll(parsed: Parsed, c: int) -> list[Count]:
    """A death toll: "the toll rose to 250", "a death toll of 25", "the death toll is 25"."""
    tok = parsed.tokens[c]
    toll = tok.head
    if tok.dep != "compound" or parsed.tokens[toll].lemma.lower() != "toll":
        return []
    places = [toll]
    if parsed.tokens[toll].dep in ("nsubj", "nsubjpass") and parsed.tokens[toll].head != toll:
        places.append(parsed.tokens[toll].head)
    for place in places:
        for k in parsed.children[place]:
            t = parsed.tokens[k]
            if t.dep == "prep" and t.lemma.lower() in ("of", "to", "at"):
                nums = [p for p in _pobjs(parsed, k) if _number_token(parsed, p) is not None]
            elif t.dep in ("attr", "dobj") and place != toll:
                nums = [k] if _number_token(parsed, k) is not None else []
            else:
                continue
            if nums:
                return [x for n in nums for x in _conjoined_counts(parsed, n)]
    return []


def _conjoined_counts(parsed: Parsed, v: int) -> list[Count]:
    """The counts of victim ``v`` and the victims coordinated with it ("6 soldiers and 3
    civilians"); [] unless each one has a count."""
    out = []
    for w in _conjuncts(parsed, v):
        count = _victim_count(parsed, w)
        if count is None:
            return []
        out.append(count)
    return out


def _conjuncts(parsed: Parsed, v: int) -> list[int]:
    out, stack = [], [v]
    while stack:
        j = stack.pop()
        out.append(j)
        stack.extend(
            k
            for k in parsed.children[j]
            if parsed.tokens[k].dep == "conj" and parsed.tokens[k].pos in ("NOUN", "NUM", "PRON")
        )
    return sorted(out)


def _victim_count(parsed: Parsed, v: int) -> Count | None:
    tok = parsed.tokens[v]
    if tok.lemma.lower() in NOT_PEOPLE or tok.ent_type in NOT_PEOPLE_ENTS:
        return None
    n = _number_token(parsed, v)
    if n is not None:
        return _phrase(parsed, n)
    det = [k for k in parsed.children[v] if parsed.tokens[k].dep == "det"]
    if (
        tok.tag == "NN"
        and tok.lemma.lower() not in COLLECTIVE
        and any(parsed.tokens[k].text.lower() in ("a", "an", "another") for k in det)
    ):
        start = parsed.tokens[min(det)]  # "a police officer": one person
        return Count(1, "exact", parsed.article.text[start.idx : tok.end], start.idx, tok.end)
    return None


def _number_token(parsed: Parsed, v: int) -> int | None:
    """``v`` itself when it is a number, else its number modifier."""
    for j in (v, *(k for k in parsed.children[v] if parsed.tokens[k].dep == "nummod")):
        t = parsed.tokens[j]
        if t.ent_type in NOT_PEOPLE_ENTS:
            return None
        if _is_number(t):
            return j
    return None


def _is_number(t: Token) -> bool:
    w = t.text.lower()
    return bool(DIGITS.match(w)) or w in NUMBER_WORDS or w in VAGUE or w in ("one", "a")


# --- reading the number ---------------------------------------------------------------------


def _phrase(parsed: Parsed, n: int) -> Count | None:
    """The count of the number phrase headed by token ``n``, with its qualifier."""
    toks = parsed.tokens
    members, stack = [], [n]
    while stack:
        j = stack.pop()
        members.append(j)
        for k in parsed.children[j]:
            t = toks[k]
            if t.dep in PHRASE_DEPS and (
                _is_number(t) or t.text.lower() in QUALIFIER_WORDS or t.text in ("-", "and")
            ):
                stack.append(k)
            elif t.dep == "prep" and t.text.lower() == "of":  # "tens of thousands"
                stack.extend(p for p in _pobjs(parsed, k) if _is_number(toks[p]))
                if any(_is_number(toks[p]) for p in _pobjs(parsed, k)):
                    stack.append(k)
    members.sort()
    at = members.index(n)  # one run of words: "killing one and injuring scores" is two
    lo, hi = at, at
    while lo > 0 and members[lo - 1] == members[lo] - 1:
        lo -= 1
    while hi + 1 < len(members) and members[hi + 1] == members[hi] + 1:
        hi += 1
    members = members[lo : hi + 1]
    if members[0] > 0 and toks[members[0] - 1].text.lower() in ("no", "not"):
        return None  # "no one was killed"
    numbers = [j for j in members if _is_number(toks[j]) or toks[j].text in ("-", "and", "of")]
    while numbers and not _is_number(toks[numbers[0]]):
        numbers.pop(0)
    while numbers and not _is_number(toks[numbers[-1]]):
        numbers.pop()
    if not numbers:
        return None
    value, vague = _value([toks[j].text.lower() for j in numbers])
    if value is None or value <= 0:
        return None
    first = numbers[0]
    # The qualifier: words just before the number, inside the phrase or before it in the text.
    lead: list[int] = []
    j = first - 1
    sent = parsed.sentence_of(n)
    while j >= sent.tok_start and toks[j].text.lower() in QUALIFIER_WORDS and len(lead) < 3:
        lead.insert(0, j)
        j -= 1
    qualifier = "at least" if vague else "exact"
    for k in range(len(lead)):
        words = " ".join(toks[x].text.lower() for x in lead[k:])
        if words in QUALIFIERS:
            qualifier = QUALIFIERS[words]
            first = lead[k]
            break
    last = max(numbers)
    start, end = toks[first].idx, toks[last].end
    return Count(value, qualifier, parsed.article.text[start:end], start, end)


def _value(words: list[str]) -> tuple[int | None, bool]:
    """The number the words say, and whether it is a vague plural's lower bound.
    "two hundred and fifty" 250, "1.5 million" 1500000, "two dozen" 24, "tens of thousands"
    20000; None for anything else."""
    total, current, vague, seen = 0.0, 0.0, False, False
    for w in words:
        if w in ("-", "and", "of"):
            continue
        if DIGITS.match(w):
            current += float(w.replace(",", ""))
        elif w in ("a", "an"):
            current += 1
        elif w in UNITS:
            current += UNITS[w]
        elif w in TENS:
            current += TENS[w]
        elif w in MULTIPLIERS:
            current = (current or 1) * MULTIPLIERS[w]
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        elif w in VAGUE:
            vague = True
            base = VAGUE[w]
            if w in ("hundreds", "dozens", "scores") and current:
                current *= base // 2  # "several hundred" is read by the rules above
            elif w in ("thousands", "millions") and (current or total):
                total += (current or 1) * base // 2
                current = 0
            else:
                current += base
        else:
            return None, False
        seen = True
    if not seen:
        return None, False
    return round(total + current), vague


def _sum(*counts: Count | None) -> Count | None:
    """One count of several ("6 soldiers and 3 civilians"; dead and injured as the total):
    exact when all are, else their one shared qualifier, else about. Its text joins the
    parts' ("6 + 3") and its offsets run from the first to the last."""
    parts = sorted((c for c in counts if c is not None), key=lambda c: c.start)
    if len(parts) < 2:
        return parts[0] if parts else None
    quals = {c.qualifier for c in parts} - {"exact"}
    qualifier = "exact" if not quals else quals.pop() if len(quals) == 1 else "about"
    text = " + ".join(c.text for c in parts)
    return Count(sum(c.value for c in parts), qualifier, text, parts[0].start, parts[-1].end)


def _pobjs(parsed: Parsed, prep: int) -> list[int]:
    return [k for k in parsed.children[prep] if parsed.tokens[k].dep == "pobj"]


def _is(parsed: Parsed, k: int, dep: str, lower: str) -> bool:
    t = parsed.tokens[k]
    return t.dep == dep and t.text.lower() == lower
