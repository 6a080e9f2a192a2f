"""The plain records that flow between pipeline stages.

Every stage takes and returns these frozen, slotted dataclasses, so results pickle across
processes (``--workers``, Ray) and serialise to JSON and DuckDB rows without spaCy around.
Character offsets (``start``/``end``) always index the article's ``text``; token indexes
(``i``, ``head``, ``tok_start``/``tok_end``) index ``Parsed.tokens``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = [
    "Article",
    "Token",
    "Entity",
    "Sentence",
    "Parsed",
    "Actor",
    "Mention",
    "Timex",
    "EventDate",
    "Location",
    "Toponym",
    "Trigger",
    "Count",
    "Size",
    "Event",
]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article to code: its text and what is known about it (id, publication date,
    outlet, URL, title, author, language)."""

    id: str
    text: str
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str = ""  # where it was read from, for messages: "path", "path:line"
    author: str | None = None
    language: str | None = None  # ISO 639-1 code when detected ("en", "pt"), else None


@dataclass(frozen=True, slots=True)
class Token:
    """One spaCy token of a parsed article: its text, lemma, tags, dependency head (a token
    index) and character offset."""

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    idx: int  # character offset of the token in the article text
    ent_type: str  # "" outside entities
    ent_iob: str  # "B", "I" or "O"
    sent: int  # index of its sentence in Parsed.sentences

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity spaCy found: its token span, label (GPE, ORG, PERSON...) and text."""

    tok_start: int
    tok_end: int  # exclusive
    label: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a parsed article, as token and character spans with its text."""

    tok_start: int
    tok_end: int  # exclusive
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Parsed:
    """An article with its parse, as plain data (built in ``resgestae.nlp``)."""

    article: Article
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    children: tuple[tuple[int, ...], ...]  # children[i]: token indexes whose head is i
    model: str

    def subtree(self, i: int) -> list[int]:
        """Token indexes of the subtree rooted at ``i``, in text order."""
        out, stack = [], [i]
        while stack:
            j = stack.pop()
            out.append(j)
            stack.extend(self.children[j])
        return sorted(out)

    def sentence_of(self, i: int) -> Sentence:
        return self.sentences[self.tokens[i].sent]

    def coordinated(self, i: int) -> bool:
        """True when token i is a conjunct with a real coordinator ("and", "or", a comma) on
        its head: a small model also tags reduced relatives as conj ("the ceasefire agreed in
        2020" after a verb), and those share neither subject nor date with the head."""
        tok = self.tokens[i]
        if tok.dep != "conj" or tok.head == i:
            return False
        return any(
            self.tokens[c].dep in ("cc", "preconj") or self.tokens[c].text in (",", ";")
            for c in self.children[tok.head]
        )


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: CAMEO-style ``code``, ISO-3 ``country``, ``sector``, with evidence."""

    text: str
    code: str | None
    country: str | None
    sector: str | None
    start: int
    end: int
    rule: str | None  # lexicon entry id that resolved it ("country:AZE", "agent:protester"...)
    # A pronoun or short form that copies an earlier mention: that mention's text or entry
    # id (the ``rule`` then reads "coref:" and it). Not serialised: ``rule`` already says it.
    coref_of: str | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention in the parse: its token span, the head token, and what it resolved to."""

    tok_start: int
    tok_end: int  # exclusive
    head: int
    actor: Actor
    # A country word that only modifies an ordinary noun ("an Indian proposal", "Israeli
    # airstrikes"): not an actor phrase itself, but it says whose the thing is.
    modifier: bool = False


@dataclass(frozen=True, slots=True)
class Timex:
    """A normalised time expression (TimeML-style ``value``: 2020-11-10, 2020-W47, 2020-11,
    2020, 199 for the 1990s, PRESENT_REF...)."""

    text: str
    start: int
    end: int
    tok_start: int
    tok_end: int
    value: str | None
    precision: str  # day|week|month|year|decade|century|time|unknown
    type: str  # DATE|TIME|DURATION|SET
    rule: str


@dataclass(frozen=True, slots=True)
class EventDate:
    """When an event happened: a TimeML-style ``value`` at a ``precision``, where it came
    from (the text or the publication date) and the first and last day it covers."""

    value: str | None  # "2020-11-10", "2020-11", "2020", "1990s"; None when unknown
    precision: str  # day|week|month|year|decade|unknown
    source: str  # text|publication|unknown
    first: dt.date | None  # first and last day covered, for range queries
    last: dt.date | None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """Where a place is: its gazetteer name, ISO-3 country, region, coordinates and GeoNames
    id, how precise it is, and the text span it was read from."""

    text: str
    name: str
    country: str | None  # ISO-3
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str  # city|admin1|country
    start: int | None = None
    end: int | None = None
    rule: str | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "precision": self.precision,
            "start": self.start,
            "end": self.end,
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in the text, with its tokens and its resolution (None if unresolved)."""

    text: str
    start: int
    end: int
    tok_start: int
    tok_end: int
    location: Location | None


@dataclass(frozen=True, slots=True)
class Trigger:
    """The words of a sentence that made the coder see an event, with their character span."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Count:
    """A number of people as the text gives it: ``value`` with its ``qualifier``, and the
    words that say it ("at least 25", "hundreds"); a sum of counts ("6 soldiers and 3
    civilians", dead and injured as a total) joins their words: "6 + 3"."""

    value: int
    qualifier: str  # exact | at least | about | at most
    text: str
    start: int  # offsets in the article text, of the first and last part for a sum
    end: int

    def to_dict(self) -> dict:
        return {
            "value": self.value,
            "qualifier": self.qualifier,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Size:
    """PLOVER's size object: people killed (``dead``), injured and arrested (or detained,
    abducted, taken hostage); ``total`` is the casualties, dead and injured, as stated or
    summed."""

    dead: Count | None = None
    injured: Count | None = None
    arrested: Count | None = None
    total: Count | None = None

    def to_dict(self) -> dict:
        return {
            name: c.to_dict() if (c := getattr(self, name)) else None
            for name in ("dead", "injured", "arrested", "total")
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: its PLOVER/CAMEO/ACLED codes, actors, date, place, sentence and
    evidence (``to_dict`` gives the output contract)."""

    id: str
    article_id: str
    source_name: str | None
    published: dt.date | None
    date: EventDate
    event: str  # PLOVER event type
    mode: str | None
    cameo: str
    quad_class: int
    goldstein: float
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    location: Location | None
    sentence: str
    span: tuple[int, int]  # the sentence's character offsets in the article text
    trigger: Trigger
    rule: str
    negated: bool
    confidence: float
    acled_type: str | None = None  # ACLED-style event type and sub-type, where one applies
    acled_subtype: str | None = None
    plover_score: float | None = None  # PLOVER manual's conflict/cooperation score
    context: tuple[str, ...] = ()  # PLOVER contexts evident in the text
    size: Size | None = None  # people killed, injured, arrested, where the text counts them
    # spans of later sentences of the article that state the same event again
    restated: tuple[tuple[int, int], ...] = ()
    # the article's story names (``resgestae.cluster.story``), compared across articles
    story: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """The documented output contract (README, "Output")."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "source_name": self.source_name,
            "published": self.published.isoformat() if self.published else None,
            "date": self.date.value,
            "date_precision": self.date.precision,
            "date_source": self.date.source,
            "event": self.event,
            "mode": self.mode,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [a.to_dict() for a in self.recipient],
            "location": self.location.to_dict() if self.location else None,
            "sentence": self.sentence,
            "span": list(self.span),
            "trigger": {
                "text": self.trigger.text,
                "start": self.trigger.start,
                "end": self.trigger.end,
            },
            "rule": self.rule,
            "negated": self.negated,
            "confidence": self.confidence,
            "acled_type": self.acled_type,
            "acled_subtype": self.acled_subtype,
            "plover_score": self.plover_score,
            "context": list(self.context),
            "size": self.size.to_dict() if self.size else None,
            "fatalities": self.size.dead.value if self.size and self.size.dead else None,
            "restated": [list(s) for s in self.restated],
            "story": list(self.story),
        }
