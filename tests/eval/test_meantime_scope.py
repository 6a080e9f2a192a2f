"""MEANTIME annotates time expressions only up to sentence 5; creation times may be day-first."""

from __future__ import annotations

import datetime as dt

import pytest

from resgestae.eval import meantime
from resgestae.eval.temporal import anchor_date

SENTENCES = [
    "Ministers meet in Oslo .",
    "The talks began on Monday .",
    "They will end soon .",
    "Delegates arrived .",
    "Officials spoke .",
    "Nothing was agreed .",
    "A second round is planned for March .",
]


def _cat_xml(tmp_path):
    tokens, t_id = [], 0
    for n, sent in enumerate(SENTENCES):
        for word in sent.split():
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{n}" number="{t_id}">{word}</token>')
    monday = next(i for i, t in enumerate(tokens, 1) if ">Monday<" in t)
    markables = (
        '<TIMEX3 m_id="1" type="DATE" value="03-02-2009" functionInDocument="CREATION_TIME"/>'
        f'<TIMEX3 m_id="2" type="DATE" value="2009-02-02"><token_anchor t_id="{monday}"/></TIMEX3>'
    )
    xml = f'<Document doc_name="t">{"".join(tokens)}<Markables>{markables}</Markables></Document>'
    path = tmp_path / "doc.xml"
    path.write_text(xml, encoding="utf-8")
    return path


def test_text_after_the_annotated_sentences_is_skipped(tmp_path):
    (doc,) = meantime.load(_cat_xml(tmp_path))
    march = doc.text.index("March")
    assert any(s <= march < e for s, e in doc.skip)
    monday = doc.text.index("Monday")
    assert not any(s <= monday < e for s, e in doc.skip)


@pytest.mark.parametrize(
    "value, date",
    [
        ("2009-02-03", dt.date(2009, 2, 3)),
        ("2009-02-03T10:00", dt.date(2009, 2, 3)),
        ("03-02-2009", dt.date(2009, 2, 3)),
        ("soon", None),
        (None, None),
    ],
)
def test_anchor_dates(value, date):
    assert anchor_date(value) == date


def test_day_first_creation_time_anchors_the_document(tmp_path):
    (doc,) = meantime.load(_cat_xml(tmp_path))
    assert doc.anchor == dt.date(2009, 2, 3)
