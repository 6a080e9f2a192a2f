"""The code tables: CAMEO -> PLOVER, Goldstein, quad class, PLOVER scores, ACLED types."""

from __future__ import annotations

import pytest

from resgestae.coding import load_lexicon

PLOVER_TYPES = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
}


@pytest.fixture(scope="module")
def lex():
    return load_lexicon()


def test_every_cameo_root_has_a_row(lex):
    for root in range(1, 21):
        assert f"{root:02d}" in lex.codes


@pytest.mark.parametrize(
    "cameo, plover, mode, goldstein, quad",
    [
        ("141", "PROTEST", "demo", -6.5, 4),
        ("057", "SUPPORT", None, 8.0, 1),
        ("173", "COERCE", "arrest", -5.0, 4),
        ("0871", "RETREAT", "ceasefire", 9.0, 2),
        ("111", "ACCUSE", "disapprove", -2.0, 3),
    ],
)
def test_cameo_rows_carry_plover_goldstein_and_quad(lex, cameo, plover, mode, goldstein, quad):
    info = lex.info(cameo)
    assert (info.plover, info.mode, info.goldstein, info.quad_class) == (
        plover,
        mode,
        goldstein,
        quad,
    )


def test_statements_have_no_plover_type(lex):
    assert lex.info("010").plover is None


def test_lexicon_reaches_all_sixteen_plover_types(lex):
    entries = [e for table in (lex.verbs, lex.nouns) for lst in table.values() for e in lst]
    assert {lex.info(e.cameo).plover for e in entries} >= PLOVER_TYPES


def test_entry_ids_are_unique(lex):
    entries = [e for table in (lex.verbs, lex.nouns) for lst in table.values() for e in lst]
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "plover, mode, score",
    [
        ("ASSAULT", "aerial", -9.5),
        ("ASSAULT", None, -9.0),
        ("PROTEST", "riot", -7.0),
        ("AID", "anything", 10.0),
    ],
)
def test_plover_scores_fall_back_to_the_type(lex, plover, mode, score):
    assert lex.plover_score(plover, mode) == score


@pytest.mark.parametrize(
    "plover, mode, cameo, subtype",
    [
        ("PROTEST", "demo", "141", "Peaceful protest"),
        ("PROTEST", "riot", "145", "Violent demonstration"),
        ("ASSAULT", "aerial", "195", "Air/drone strike"),
        ("ASSAULT", "firearms", "193", "Armed clash"),
        ("COERCE", "arrest", "173", "Arrests"),
        ("SUPPORT", None, "057", "Agreement"),
    ],
)
def test_acled_subtypes(lex, plover, mode, cameo, subtype):
    assert lex.acled_for(plover, mode, cameo).subtype == subtype


def test_verbal_events_have_no_acled_type(lex):
    assert lex.acled_for("ACCUSE", "disapprove", "111") is None


def _entries(lex):
    return [e for table in (lex.verbs, lex.nouns) for lst in table.values() for e in lst]


def test_entry_id_prefixes_agree_with_source_and_part(lex):
    # The output's rule starts with the entry id; readers of the output (the calibration
    # fit) take the rule kind from its prefix, so the prefix must say what the entry is.
    for e in _entries(lex):
        want = "p." if e.source == "petrarch" else "n." if e.pos == "noun" else "v."
        assert e.id.startswith(want), (e.id, e.source, e.pos)
    assert {e.source for e in _entries(lex)} == {"hand", "petrarch"}


def test_our_verbs_shadow_petrarchs(lex):
    for lemma, entries in lex.verbs.items():
        sources = {e.source for e in entries}
        assert sources in ({"hand"}, {"petrarch"}), lemma


def test_roles_are_the_documented_ones(lex):
    roles = {e.role for e in _entries(lex)} - {None}
    state = {r for r in roles if r.startswith("state:")}
    assert roles - state == {"fail", "receive", "casualty"}
    assert {r.split(":", 1)[1] for r in state} == {"COP", "JUD"}  # police and courts


def test_constructions_code_under_their_own_root(lex):
    for c in lex.constructions.values():
        assert c.cameo[:2] == c.root, c
        assert lex.info(c.cameo).cameo.startswith(c.root)
    announced = {r.announced for r in lex.roots.values()} - {None}
    assert announced <= set(lex.constructions)


def test_a_refined_code_stays_under_its_control_root(lex):
    for (control, embedded), cameo in lex.refine.items():
        assert cameo.startswith(control), (control, embedded, cameo)
        assert lex.info(cameo).cameo.startswith(control)


def test_refined_falls_back_to_the_construction_code(lex):
    threat = lex.constructions["threat"]
    refined = {e: c for (k, e), c in lex.refine.items() if k == threat.root}
    for root in ("16", "01"):
        assert lex.refined("threat", root) == refined.get(root, threat.cameo)


def test_speech_verbs_that_quote_are_speech_verbs(lex):
    assert lex.quoting and lex.quoting < lex.speech
