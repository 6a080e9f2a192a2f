"""What resolved an actor is typed: the table a name came from, the antecedent of a copy."""

from __future__ import annotations

from .helpers import actor


def test_lexicon_entries_name_their_table(lex):
    assert lex.lookup("Chile").kind == "country"
    assert lex.lookup("Ottawa").kind == "capital"


def test_a_pronoun_records_its_antecedent(mentions):
    ms = mentions("Chilean students blocked the road. They demanded lower fees.")
    they = actor(ms, "They")
    assert they.coref_of == "Chilean students"
    assert actor(ms, "Chilean students").coref_of is None
