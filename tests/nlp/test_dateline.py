"""Datelines and bylines as sentences of their own, on the real model (invented lines)."""

from __future__ import annotations


def sentences(nlp, text):
    return [s.text.strip() for s in nlp(text).sents]


def test_a_dateline_ends_before_the_report(nlp):
    found = sentences(nlp, "LISBON (AP) — Portuguese teachers marched on Wednesday.")
    assert found[-1] == "Portuguese teachers marched on Wednesday."


def test_a_byline_ends_before_the_dateline(nlp):
    text = "By ANA SILVA and RUI COSTA, Associated Press LISBON (AP) — Teachers marched on Monday."
    found = sentences(nlp, text)
    assert found[0] == "By ANA SILVA and RUI COSTA, Associated Press"
    assert found[-1] == "Teachers marched on Monday."


def test_a_dateline_in_a_later_paragraph_and_a_lost_dash(nlp):
    text = "Teachers march\n\nPORTO \ufffd Teachers marched through Porto on Monday."
    assert sentences(nlp, text)[-1] == "Teachers marched through Porto on Monday."


def test_a_dash_in_a_sentence_is_no_dateline(nlp):
    text = "The minister said the plan was fair. Teachers - and NURSES - marched on Monday."
    assert "Teachers - and NURSES - marched on Monday." in sentences(nlp, text)


def test_a_dateline_without_a_dash_ends_at_the_agency(nlp):
    found = sentences(nlp, "PORTO ALEGRE (AP) Brazilian teachers marched on Monday.")
    assert found[-1] == "Brazilian teachers marched on Monday."
