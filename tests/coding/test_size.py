"""Event size: dead, injured and arrested counts, read from the parse (issue 4). Sentences
written for these tests."""

from __future__ import annotations

import pytest

from resgestae.coding.size import event_size


@pytest.fixture(scope="module")
def size(parse):
    """size(text, trigger) -> the Size of the event whose predicate is the word ``trigger``."""

    def _size(text: str, trigger: str):
        parsed = parse(text)
        i = next(t.i for t in parsed.tokens if t.text == trigger)
        return event_size(parsed, i)

    return _size


def counts(s) -> dict:
    """{field: (value, qualifier, text)} for the counts a Size has."""
    if s is None:
        return {}
    return {
        name: (c.value, c.qualifier, c.text)
        for name in ("dead", "injured", "arrested")
        if (c := getattr(s, name)) is not None
    }


@pytest.mark.parametrize(
    "text, trigger, expected",
    [
        # digits
        (
            "Gunmen attacked a village on Sunday, killing 6 civilians.",
            "attacked",
            {"dead": (6, "exact", "6")},
        ),
        (
            "The blast killed 1,200 people in the port.",
            "blast",
            {"dead": (1200, "exact", "1,200")},
        ),
        (
            "Shelling killed 1.5 million people.",
            "killed",
            {"dead": (1_500_000, "exact", "1.5 million")},
        ),
        # number words
        (
            "Police said twelve were detained after the protest.",
            "detained",
            {"arrested": (12, "exact", "twelve")},
        ),
        (
            "Police detained two hundred and fifty people.",
            "detained",
            {"arrested": (250, "exact", "two hundred and fifty")},
        ),
        (
            "Twenty-five people were killed on 5 May 2019.",
            "killed",
            {"dead": (25, "exact", "Twenty-five")},
        ),
        ("Gunmen kidnapped four aid workers.", "kidnapped", {"arrested": (4, "exact", "four")}),
        (
            "A police officer was killed in the attack.",
            "attack",
            {"dead": (1, "exact", "A police officer")},
        ),
        # compound counts
        (
            "13 soldiers were killed and 56 wounded in the ambush.",
            "ambush",
            {"dead": (13, "exact", "13"), "injured": (56, "exact", "56")},
        ),
        (
            "An explosion left six dead and two dozen injured.",
            "explosion",
            {"dead": (6, "exact", "six"), "injured": (24, "exact", "two dozen")},
        ),
        (
            "Militants killed three and wounded four in an attack on a checkpoint.",
            "attack",
            {"dead": (3, "exact", "three"), "injured": (4, "exact", "four")},
        ),
        (
            "Fighting killed 6 soldiers and 3 civilians.",
            "Fighting",
            {"dead": (9, "exact", "6 + 3")},
        ),
        # other shapes: a toll, a noun count, shot dead, custody, hostages
        (
            "The death toll from the Israeli airstrike rose to 25.",
            "airstrike",
            {"dead": (25, "exact", "25")},
        ),
        ("The airstrike had a death toll of 25.", "airstrike", {"dead": (25, "exact", "25")}),
        ("The attack caused 25 deaths, officials said.", "attack", {"dead": (25, "exact", "25")}),
        ("Troops shot dead three protesters on Monday.", "shot", {"dead": (3, "exact", "three")}),
        (
            "Five people were held in custody after the raid.",
            "held",
            {"arrested": (5, "exact", "Five")},
        ),
        (
            "Four journalists were taken hostage by militants.",
            "taken",
            {"arrested": (4, "exact", "Four")},
        ),
    ],
)
def test_counts(size, text, trigger, expected):
    assert counts(size(text, trigger)) == expected


@pytest.mark.parametrize(
    "text, trigger, field, value, qualifier, words",
    [
        (
            "At least 25 people died in the bombing.",
            "bombing",
            "dead",
            25,
            "at least",
            "At least 25",
        ),
        (
            "The airstrike killed 9 people and wounded more than 40 others.",
            "airstrike",
            "injured",
            40,
            "at least",
            "more than 40",
        ),
        (
            "Security forces arrested some 30 activists.",
            "arrested",
            "arrested",
            30,
            "about",
            "some 30",
        ),
        (
            "The blast killed 12 people and injured about 300.",
            "blast",
            "injured",
            300,
            "about",
            "about 300",
        ),
        (
            "Two people were killed and nearly 20 hurt in clashes.",
            "clashes",
            "injured",
            20,
            "about",
            "nearly 20",
        ),
        (
            "An estimated 40 people were killed in the strike.",
            "strike",
            "dead",
            40,
            "about",
            "An estimated 40",
        ),
        (
            "Rebels abducted up to 40 schoolgirls.",
            "abducted",
            "arrested",
            40,
            "at most",
            "up to 40",
        ),
        (
            "The attack wounded as many as 15 people.",
            "attack",
            "injured",
            15,
            "at most",
            "as many as 15",
        ),
        (
            "The riots left 5 people dead and over 100 injured.",
            "riots",
            "injured",
            100,
            "at least",
            "over 100",
        ),
        # vague plurals: their lower bound
        (
            "Tens of thousands of people were detained.",
            "detained",
            "arrested",
            20_000,
            "at least",
            "Tens of thousands",
        ),
        (
            "Hundreds of protesters were arrested in Minsk.",
            "arrested",
            "arrested",
            200,
            "at least",
            "Hundreds",
        ),
        (
            "Dozens of people were injured in the stampede.",
            "stampede",
            "injured",
            24,
            "at least",
            "Dozens",
        ),
        (
            "Several hundred demonstrators were detained by police.",
            "detained",
            "arrested",
            300,
            "at least",
            "Several hundred",
        ),
    ],
)
def test_qualifiers(size, text, trigger, field, value, qualifier, words):
    c = getattr(size(text, trigger), field)
    assert (c.value, c.qualifier, c.text) == (value, qualifier, words)
    assert text[c.start : c.end] == words


@pytest.mark.parametrize(
    "text, trigger",
    [
        ("The government spent 5 million dollars on the army in 2019.", "spent"),
        ("Rebels held the town for two days.", "held"),
        ("The minister held 3 meetings with rebel leaders.", "held"),
        ("Thousands of people protested in Dhaka on Monday.", "protested"),
        ("No one was killed in the attack.", "attack"),
        ("Police arrested the suspects on Tuesday.", "arrested"),
        ("The court sentenced 5 men to death on Monday.", "sentenced"),
        # a count that belongs to another event of the sentence
        ("The bombing, which killed 14 people, was condemned by the UN.", "condemned"),
    ],
)
def test_no_size(size, text, trigger):
    assert size(text, trigger) is None


def test_each_event_keeps_its_own_count(size):
    text = "Police arrested 12 protesters after clashes that killed 3."
    assert counts(size(text, "arrested")) == {"arrested": (12, "exact", "12")}
    assert counts(size(text, "clashes")) == {"dead": (3, "exact", "3")}
    text = "Rebels killed 6 villagers and the army arrested 20 suspects."
    assert counts(size(text, "killed")) == {"dead": (6, "exact", "6")}
    assert counts(size(text, "arrested")) == {"arrested": (20, "exact", "20")}


def test_total_is_dead_and_injured(size):
    s = size("13 soldiers were killed and at least 56 wounded in the ambush.", "ambush")
    assert (s.total.value, s.total.qualifier, s.total.text) == (69, "at least", "13 + at least 56")
    # arrests are not casualties
    assert size("Police detained 40 people.", "detained").total is None


def test_stated_casualties_are_the_total(size):
    s = size("The attack caused 30 casualties.", "attack")
    assert s.dead is None and (s.total.value, s.total.text) == (30, "30")


def test_pipeline_gives_an_assault_its_fatalities(code):
    events = code("Gunmen attacked a village in northern Nigeria on Sunday, killing 6 civilians.")
    assault = [e for e in events if e.event == "ASSAULT"]
    assert assault, [(e.event, e.trigger.text) for e in events]
    e = assault[0]
    assert (e.size.dead.value, e.size.dead.qualifier) == (6, "exact")
    d = e.to_dict()
    assert d["fatalities"] == 6
    assert d["size"]["dead"] == {"value": 6, "qualifier": "exact", "text": "6",
                                 "start": e.size.dead.start, "end": e.size.dead.end}  # fmt: skip
    assert d["size"]["injured"] is None and d["size"]["arrested"] is None


def test_pipeline_event_without_counts_has_no_size(code):
    (e,) = [e for e in code("Kenya and Uganda signed a trade agreement on Tuesday.")]
    assert e.size is None and e.to_dict()["size"] is None and e.to_dict()["fatalities"] is None
