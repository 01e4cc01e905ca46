"""The judge's figures, side by side: the word rules alone, and with the learned tier.

Story context: the frozen held-back set (tests/eval_holdout23/story.jsonl), the school's
development set, and the half of VADER's tweets never trained on (mean rating above 0.5
kind, below -0.5 should go). Private messages: the frozen held-back set
(tests/eval_holdout23/dm.jsonl), dm_dev.jsonl, and the half of Davidson's tweets never
trained on (hate speech or offensive as abusive, neither as ok). None of these is in the
training data (`bot.judge_external` says how the public sets were split).

Usage: .venv/bin/python bench/judge_figures.py [--errors]
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot import judge_external
from bot.judge_eval import EvalReport, Example, Where, evaluate, load_examples

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "eval"
SAMPLE = 1500  # Davidson lines of each kind (the whole set takes minutes)


def davidson_sample() -> list[Example]:
    tweets = judge_external.davidson("test")
    abusive = [e for e in tweets if e.label == "abusive"][:SAMPLE]
    return abusive + [e for e in tweets if e.label == "ok"][:SAMPLE]


def story_row(name: str, report: EvalReport) -> str:
    return (
        f"| {name} | {report.n} | {100 * report.removed_ok_rate:.1f} % | "
        f"{100 * report.kept_bad_rate:.1f} % | {100 * report.teacher_ok_rate:.1f} % | "
        f"{100 * report.urgent_missed_rate:.1f} % | {report.median_us / 1000:.1f} ms |"
    )


def dm_row(name: str, report: EvalReport) -> str:
    return (
        f"| {name} | {report.n} | {100 * report.abusive_delivered_rate:.1f} % | "
        f"{100 * report.ok_withheld_rate:.1f} % | {100 * report.urgent_missed_rate:.1f} % | "
        f"{100 * report.negative_unpaused_rate:.1f} % | {100 * report.ok_checked_rate:.1f} % | "
        f"{report.median_us / 1000:.1f} ms |"
    )


def main(errors: bool) -> None:
    holdout = REPO / "tests" / "eval_holdout23"
    story = {
        "frozen set 23 (story)": load_examples(holdout / "story.jsonl"),
        "school_dev": load_examples(SHARED / "school_dev.jsonl"),
        "VADER tweets (test half)": judge_external.vader("test"),
    }
    dm = {
        "frozen set 23 (dm)": load_examples(holdout / "dm.jsonl"),
        "dm_dev": load_examples(SHARED / "dm_dev.jsonl"),
        f"Davidson (test half, {SAMPLE} + {SAMPLE})": davidson_sample(),
    }
    table(story, "story", errors)
    print()
    table(dm, "dm", errors)


def table(sets: dict[str, list[Example]], where: Where, errors: bool) -> None:
    if where == "story":
        columns = "kind removed | should-remove kept | kind to a teacher | urgent missed"
    else:
        columns = (
            "abusive delivered | ok withheld | urgent missed | negative unpaused | "
            "ok unread (a lead reads it out of hours)"
        )
    print(f"| {where} set | n | {columns} | p50 |")
    print("|---|" + "---|" * (columns.count("|") + 3))
    row = story_row if where == "story" else dm_row
    for name, examples in sets.items():
        for learned in (False, True):
            report = evaluate(examples, where, learned=learned)
            print(row(f"{name}, {'with learned tier' if learned else 'rules alone'}", report))
            if errors and learned and name.startswith("frozen"):
                print_errors(report)


def print_errors(report: EvalReport) -> None:
    for mistake in report.mistakes:
        print(
            f"    {mistake.example.label} -> {mistake.decision} "
            f"({mistake.verdict.label}): {mistake.example.text}"
        )


if __name__ == "__main__":
    main("--errors" in sys.argv[1:])
