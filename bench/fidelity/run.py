"""``python -m bench.fidelity [--set dev|holdout|all|ROUND] [--json FILE] [--misses]``

Imports the real pages of a set into a throwaway archive (a temporary data directory: SQLite,
Whoosh) through the whole pipeline, as ``manage.py ingest`` does with a ``.jsonl`` of captures
that carry only the page's text and URL, then compares what was stored with the cases' facts:

- grouping: precision and recall over pairs of pages (same meeting ⇔ same event);
- officials: share of each page's key officials that the article names;
- dates: publication dates right, flagged (``no_date``/``year_inferred``), wrong and unflagged;
  the event's date against the day of the meeting;
- outlets: pages whose outlet is named, and named right (its domain or name);
- pages rejected, with the importer's reason.

Pages whose text is missing (``bench/fidelity/pages/`` is git-ignored) are listed with the query
that finds them again, and left out of the figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from bench.fidelity.cases import SETS, Case, capture_line, load_cases
from bench.fidelity.score import Figures, Outcome, score


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.fidelity", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--set",
        dest="which",
        default="dev",
        help=f"{', '.join(SETS)}, all, or one round: a file of cases/ (dev-i)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--keep", type=Path, help="keep the archive here (for a closer look)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    cases = load_cases(args.which)
    present = [case for case in cases if case.page_path.exists()]
    missing = [case for case in cases if not case.page_path.exists()]
    for case in missing:
        print(f"missing page {case.page_path.name}: re-collect {case.url} (query: {case.query!r})")
    if not present:
        print("no page texts: nothing to measure", file=sys.stderr)
        return 1
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=False)
        outcomes = ingest(present, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="fidelity-") as data_dir:
            outcomes = ingest(present, Path(data_dir))
    outcomes, proposals = outcomes
    figures = score(present, outcomes, proposals)
    print(report(args.which, present, figures))
    if args.misses:
        print("\n".join(figures.misses))
    if args.json:
        args.json.write_text(json.dumps(as_dict(figures), indent=2) + "\n", encoding="utf-8")
    return 0


def ingest(
    cases: list[Case], data_dir: Path
) -> tuple[dict[str, Outcome], frozenset[frozenset[int]]]:
    """Import the cases' pages into a new archive under ``data_dir``; what became of each, and
    the pairs of events the importer proposed to merge."""
    from bench.size import configure_environment

    configure_environment(data_dir / "var")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from archive.importer import import_captures

    captures = data_dir / "captures.jsonl"
    with captures.open("w", encoding="utf-8") as out:
        for case in cases:
            text = case.page_path.read_text(encoding="utf-8")
            out.write(json.dumps(capture_line(case, text), ensure_ascii=False) + "\n")
    report = import_captures([captures])
    from archive import models

    proposed = getattr(models, "MergeProposal", None)  # None in code older than the proposals
    pairs = proposed.objects.values_list("event_id", "candidate_id") if proposed else ()
    proposals = frozenset(frozenset(pair) for pair in pairs)
    return _outcomes(cases, report.files), proposals


def _outcomes(cases: list[Case], files) -> dict[str, Outcome]:
    from archive.models import Article

    outcomes: dict[str, Outcome] = {}
    for case, result in zip(cases, files, strict=True):
        if result.status == "rejected":
            outcomes[case.id] = Outcome(case.id, rejected=result.error or "rejected")
            continue
        article = (
            Article.objects.select_related("event", "outlet", "original_outlet")
            .prefetch_related("people")
            .get(pk=result.article_id)
        )
        outcomes[case.id] = Outcome(
            case_id=case.id,
            event_id=article.event_id,
            event_date=article.event.date,
            published_on=article.published_on,
            flags=tuple(article.review_reasons),
            outlet=article.outlet.name,
            outlet_domain=article.outlet.domain,
            outlet_other_domains=tuple(getattr(article.outlet, "other_domains", ())),
            original_outlet=article.original_outlet.name if article.original_outlet else "",
            people=tuple(person.slug for person in article.people.all()),
        )
    return outcomes


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.2f})" if whole else "0/0"


def report(which: str, cases: list[Case], figures: Figures) -> str:
    meetings = {case.meeting for case in cases}
    outlets = {case.domain or case.outlet for case in cases}
    languages = sorted({case.language for case in cases})
    stored = figures.pages - len(figures.rejected)
    dated = (
        figures.dates_right + figures.dates_flagged + figures.dates_wrong + figures.dates_missing
    )
    lines = [
        f"## Fidelity on the {which} set: {figures.pages} pages, {len(meetings)} meetings, "
        f"{len(outlets)} outlets, {len(languages)} languages ({', '.join(languages)})",
        "",
        "| measure | figure |",
        "| --- | --- |",
        f"| grouping precision (pairs) | {_share(figures.pairs_right, figures.pairs_found)} |",
        f"| grouping recall (pairs) | {_share(figures.pairs_right, figures.pairs_true)} |",
        f"| pairs apart but proposed for merging: right / wrong | "
        f"{figures.pairs_proposed_right} / {figures.pairs_proposed_wrong} |",
        f"| recall once the right proposals are merged | "
        f"{_share(figures.pairs_right + figures.pairs_proposed_right, figures.pairs_true)} |",
        f"| key officials found | {_share(figures.officials_found, figures.officials_expected)} |",
        f"| publication dates right | {_share(figures.dates_right, dated)} |",
        f"| dates missing (flagged no_date) | {figures.dates_missing} |",
        f"| dates off but flagged | {figures.dates_flagged} |",
        f"| **dates wrong, unflagged** | {figures.dates_wrong} |",
        f"| pages with no date to check | {figures.dates_unknowable} |",
        f"| event date = day of the meeting | "
        f"{_share(figures.event_dates_right, figures.event_dates_total)} |",
        f"| outlets named | {_share(figures.outlets_named, stored)} |",
        f"| outlets named right | {_share(figures.outlets_right, stored)} |",
        f"| pages rejected | {len(figures.rejected)} |",
    ]
    return "\n".join(lines)


def as_dict(figures: Figures) -> dict:
    return {
        "pages": figures.pages,
        "rejected": figures.rejected,
        "grouping_precision": round(figures.precision, 4),
        "grouping_recall": round(figures.recall, 4),
        "pairs": {
            "true": figures.pairs_true,
            "found": figures.pairs_found,
            "right": figures.pairs_right,
            "proposed_right": figures.pairs_proposed_right,
            "proposed_wrong": figures.pairs_proposed_wrong,
        },
        "officials_recall": round(figures.officials_recall, 4),
        "dates": {
            "right": figures.dates_right,
            "missing": figures.dates_missing,
            "flagged": figures.dates_flagged,
            "wrong": figures.dates_wrong,
            "unknowable": figures.dates_unknowable,
        },
        "event_dates": {"right": figures.event_dates_right, "total": figures.event_dates_total},
        "outlets": {"named": figures.outlets_named, "right": figures.outlets_right},
        "misses": figures.misses,
    }


if __name__ == "__main__":
    sys.exit(main())
