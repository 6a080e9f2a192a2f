"""``clusters.Known``: the stored mention rows the clustering read lately, kept only as the
transaction that read or moved them commits."""

from __future__ import annotations

from resgestae.cluster import Member
from resgestae.store.clusters import Known


def row(i, event="e1"):
    d = {"id": i, "article_id": "a", "event": "PROTEST", "cameo": "141", "event_id": event}
    return d, Member.from_dict(d)


def test_what_a_rolled_back_transaction_read_is_not_kept():
    known = Known()
    known.put({"m1": row("m1")})
    assert known.get(["m1"])[1] == []  # held while the transaction runs
    known.discard()
    assert known.get(["m1"]) == ({}, ["m1"])


def test_a_move_is_kept_only_once_committed():
    known = Known()
    known.put({"m1": row("m1")})
    known.commit()
    known.moved([("m1", "e2")])
    known.discard()
    assert known.get(["m1"])[0]["m1"][0]["event_id"] == "e1"
    known.moved([("m1", "e2"), ("m9", "e2")])  # m9 is not held: nothing to change
    known.commit()
    found, missing = known.get(["m1", "m9"])
    assert found["m1"][0]["event_id"] == "e2" and missing == ["m9"]


def test_the_least_recently_used_rows_go_first():
    known = Known(size=2)
    for i in ("m1", "m2"):
        known.put({i: row(i)})
        known.commit()
    known.put({"m1": known.get(["m1"])[0]["m1"]})  # read again: now the newest
    known.put({"m3": row("m3")})
    known.commit()
    assert known.get(["m1", "m2", "m3"])[1] == ["m2"]


def test_the_articles_carrying_events_follow_the_transaction_too():
    from resgestae.cluster import Seen

    known = Known()
    known.seen.put({"a": [Seen("a", "wire", None, None)]})
    known.discard()
    assert known.seen.get(["a"]) == ({}, ["a"])
    known.seen.put({"a": [Seen("a", "wire", None, None)]})
    known.put({"m1": row("m1")})
    known.commit()  # one commit keeps both
    assert known.seen.get(["a"])[1] == [] and known.get(["m1"])[1] == []
    known.seen.drop(["a"])  # a near-duplicate of a was stored
    assert known.seen.get(["a"]) == ({}, ["a"])
    known.seen.put({"b": [Seen("b", "daily", None, None)]})
    known.clear()
    assert known.seen.get(["b"]) == ({}, ["b"])
