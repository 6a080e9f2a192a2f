"""An ingest killed with SIGKILL mid-run resumes when run again: no article lost, none coded
twice, and the skipped records and the near-duplicate index survive (issue 7)."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time

import duckdb
import pytest

ACTORS = ["Police", "Protesters", "The army", "Rebels", "The government", "Union members",
          "The president", "Students", "Farmers", "The opposition"]  # fmt: skip
ACTIONS = ["met officials", "protested", "attacked a convoy", "signed an agreement",
           "criticised the plan", "demanded reforms"]  # fmt: skip
PLACES = ["Lagos", "Lima", "Manila", "Nairobi", "Dhaka", "Quito", "Tunis", "Hanoi"]
FILLER = ("market traffic weather river school bridge harvest railway hospital museum "
          "festival library stadium airport factory").split()  # fmt: skip
N, DUPLICATES, FOREIGN = 240, 20, 20
RUN = [sys.executable, "-c", "from resgestae.cli.main import cli; cli()", "ingest"]


def corpus(path):
    rng = random.Random(7)
    lines = []
    for i in range(N):
        text = (
            " ".join(
                f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} in {rng.choice(PLACES)} on Monday."
                for _ in range(3)
            )
            + " Officials said "
            + " ".join(rng.choice(FILLER) for _ in range(25))
            + f" {i}."
        )
        lines.append({"id": f"a{i}", "published": "2024-05-06", "text": text})
    for i in range(DUPLICATES):  # republished copies of earlier articles
        lines.append({"id": f"dup{i}", "text": "WIRE - " + lines[i * 5]["text"]})
    for i in range(FOREIGN):
        text = f"A polícia disse na segunda-feira que os manifestantes bloquearam a estrada {i}."
        lines.append({"id": f"pt{i}", "text": text})
    tail = lines[N // 2 :]  # copies and foreign articles among the later originals too
    rng.shuffle(tail)
    lines[N // 2 :] = tail
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")


def stored(db) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


@pytest.mark.slow
def test_sigkill_mid_run_then_resume(tmp_path):
    src, db = tmp_path / "corpus.jsonl", tmp_path / "r.duckdb"
    corpus(src)
    proc = subprocess.Popen([*RUN, str(src), "--db", str(db), "--quiet"],
                            stderr=subprocess.DEVNULL)  # fmt: skip
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + 45
    while time.monotonic() < deadline and proc.poll() is None:  # until a few commits are in
        if wal.exists() and wal.stat().st_size > 200_000:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed; make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = stored(db)
    assert 0 < partial < N + DUPLICATES + FOREIGN

    done = subprocess.run([*RUN, str(src), "--db", str(db)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"{partial} already stored" in done.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        rows = dict(con.execute("SELECT status, count(*) FROM articles GROUP BY 1").fetchall())
        assert rows == {"coded": N, "duplicate": DUPLICATES, "skipped": FOREIGN}
        linked = con.execute(
            "SELECT count(*) FROM articles d JOIN articles o ON o.id = d.duplicate_of "
            "WHERE d.status = 'duplicate' AND o.status = 'coded'"
        ).fetchone()[0]
        assert linked == DUPLICATES  # found through the stored index, across the kill
        query = "SELECT count(*), count(DISTINCT id) FROM mentions"
        mentions, distinct = con.execute(query).fetchone()
        assert mentions == distinct > 0  # none coded twice
        # the real-world events agree with the mentions across the kill: each mention in
        # the one event that lists it
        held = con.execute(
            "SELECT count(*), count(DISTINCT m) FROM (SELECT unnest(mention_ids) AS m, id "
            "FROM events) e JOIN mentions ON mentions.id = e.m AND mentions.event_id = e.id"
        ).fetchone()
        assert held == (mentions, mentions)
        signed = con.execute("SELECT count(minhash) FROM articles").fetchone()[0]
        assert signed == N  # every original keeps the signature the index is rebuilt from
        runs = con.execute("SELECT count(*), count(finished_at) FROM runs").fetchone()
        assert runs == (2, 1)  # the killed run stays unfinished
