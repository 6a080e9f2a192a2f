"""``resgestae eval``: score the pipeline on gold-standard files (library: ``resgestae.eval``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from resgestae.cli.options import one_line_errors, quiet_option
from resgestae.eval import KINDS, Score, System, evaluate, gate
from resgestae.nlp import DEFAULT_MODEL


def _progress(quiet: bool):
    if quiet or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return lambda it, total, desc: tqdm(it, total=total, desc=desc, unit=" docs", file=sys.stderr)


def format_table(score: Score) -> str:
    lines = [f"{score.kind}  {score.path}  (n={score.n})"]
    width = max(map(len, score.metrics), default=0)
    lines += [
        f"  {name:<{width}}  {value:8d}"
        if isinstance(value, int)
        else f"  {name:<{width}}  {value:8.4f}"
        for name, value in score.metrics.items()
    ]
    return "\n".join(lines)


def format_outcome(o: dict) -> str:
    """One article-level outcome as the reference scorer prints it (HIT, DUP, FALSE, MISS)."""
    kind, doc, event = o["kind"], o["doc"], o["event"]
    if kind == "HIT":
        return f"  HIT   {doc} {o['gold_id']} {event} {' '.join(o.get('wrong', []))}".rstrip()
    if kind == "DUP":
        return f"  DUP   {doc} {event} {o.get('trigger')!r}"
    if kind == "FALSE":
        return f"  FALSE {doc} {event} {o.get('trigger')!r} | {o.get('sentence', '')[:90]!r}"
    return f"  MISS  {doc} {o['gold_id']} {event} {o.get('what', '')}"


def format_details(score: Score, top: int = 3) -> str:
    lines = [format_outcome(o) for o in score.details.get("outcomes", [])]
    for gold, row in sorted(score.details.get("confusion", {}).items()):
        n = sum(row.values())
        right = row.get(gold, 0)
        wrong = ", ".join(f"{p} x{c}" for p, c in row.items() if p != gold)
        lines.append(
            f"  {gold:<30} {right:>4}/{n:<4} -> {wrong}"
            if wrong
            else f"  {gold:<30} {right:>4}/{n}"
        )
    for name, table in score.details.items():
        if name not in ("confusion", "outcomes"):
            lines.append(f"  {name}: {json.dumps(table)}")
    return "\n".join(lines)


def _echo(score: Score, as_json: bool, details: bool) -> None:
    if as_json:
        click.echo(json.dumps(score.to_dict(details=details)))
    else:
        click.echo(format_table(score))
        if details:
            click.echo(format_details(score))


@click.command("eval")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--kind", type=click.Choice(sorted(KINDS)), help="Gold format [default: detected].")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per scored file set.")
@click.option(
    "--details",
    is_flag=True,
    help="Add a per-class confusion summary (articles: each HIT, DUP, FALSE and MISS).",
)
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline used.")
@click.option(
    "--baseline",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Check the scores against these floors (eval/baseline.json); exit 1 on a drop.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write floors from these scores (rounded down) to this file.",
)
@quiet_option
def evaluate_command(path, kind, as_json, details, model, baseline, write_baseline, quiet):
    """Score resgestae on gold-standard files: whole-article event gold (articles), PLOVER,
    CASE 2021, PETRARCH-2, MEANTIME, TimeML and geoparsing (GeoWebNews, GeoVirus, LGL,
    TR-News) corpora.

    PATH is a gold file or a folder walked recursively; each file's kind is detected from its
    content unless --kind is given. Parses are cached under $RESGESTAE_CACHE (default
    ~/.cache/resgestae), so a second run is fast. See docs/accuracy.md for the metrics.
    """
    system = System(model=model, progress=_progress(quiet))
    scores = []
    with one_line_errors():
        for score in evaluate(path, kind, system):
            scores.append(score)
            _echo(score, as_json, details)
    if not scores:
        raise click.ClickException(
            f"no gold files found under {path}; give an article gold .json, a PLOVER .json, "
            f"CASE .tsv, PETRARCH .xml, MEANTIME/TimeML or geoparsing XML file or folder, or "
            f"force one with --kind"
        )
    root = path if path.is_dir() else path.parent
    if write_baseline:
        gate.write(write_baseline, gate.make_baseline(scores, root))
    if baseline:
        failures = gate.check(scores, gate.read(baseline), root)
        for line in failures:
            click.echo(f"below baseline: {line}", err=True)
        if failures:
            raise SystemExit(1)
