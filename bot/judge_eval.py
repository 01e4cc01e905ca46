"""`conductbot judge-eval`: measure the message judge on a labelled JSONL file.

Each line is `{"text": ..., "label": ..., "note": ...}`. The judge reads every line in one
context (a class-story reply, or with `--context dm` a private message to a teacher) and the
command counts, per label, how many lines were kept, removed and sent to a teacher, with the
rates that matter to a school and the judge's cost per message.

"Should remove" means any label but `ok` in a story, and `abusive` only in a private
message (everything else there is delivered). For private messages the report also shows
what the relay itself would do with each line (`relay.route`, the relay's own mapping):
deliver, pause, office, divert, urgent or check. A line the judge cannot read (`check`) is
read at once by a person (the teacher in hours, a safeguarding lead out of hours), so for an
urgent line it counts as found; `ok_checked_rate` says how many ordinary lines it costs. So
does a story reply hidden unread for a teacher, who is asked at once (out of their hours a
lead is asked too, and the family given the emergency routes).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.judge import (
    DM,
    STORY,
    JudgeContext,
    Label,
    Outcome,
    Verdict,
    Where,
    judge,
)
from handlers.relay import Route, route

#: The roster used for evaluation: the most common first names given to children in England
#: and Wales (ONS baby-name tables, recent years), fixed here so that figures never depend on
#: the file being measured. A name in a line counts as a pupil only if it is in this list.
EVAL_ROSTER: frozenset[str] = frozenset(
    """
    Olivia Amelia Isla Ava Ivy Freya Lily Florence Mia Willow Rosie Sophia Isabella Grace
    Daisy Sienna Poppy Elsie Emily Ella Evelyn Phoebe Sofia Evie Charlotte Harper Millie
    Matilda Maya Sophie Alice Emilia Isabelle Ruby Luna Maisie Aria Penelope Mila Bonnie
    Eva Hallie Eliza Ada Violet Esme Arabella Imogen Jessica Delilah Thea Layla Chloe Nancy
    Georgia Aurora Lottie Orla Erin Iris Ellie Margot Darcie Lucy Hannah Zara Molly Eleanor
    Holly Harriet Robyn Scarlett Clara Edith Mabel Beatrice Lola Jasmine Niamh Lyla Hazel
    Olive Emma Bella Elodie Gracie Summer Annabelle Lilly Amber Megan Martha Abigail
    Muhammad Noah Oliver George Arthur Leo Harry Oscar Archie Henry Theodore Freddie Jack
    Charlie Theo Alfie Jacob Thomas Finley Arlo William Lucas Roman Tommy Isaac Teddy
    Alexander Luca Edward James Joshua Albie Elijah Max Mohammed Reggie Hudson Louie Ezra
    Rory Ronnie Mason Jude Samuel Sonny Ethan Jaxon Hugo Daniel Ralph Zachary Benjamin
    Toby Joseph Reuben Harrison Dylan Otis Riley Albert Jenson Frankie Louis Elliot Harvey
    Rowan Adam Ollie Sebastian Kai Yusuf Ibrahim Ali Caleb Jasper Ellis Finn Oakley Jayden
    Bobby Nathan Felix Stanley Hunter Carter Tobias Ted Jesse Kian Aaron Michael Alfred
    Leon Callum Ryan Lewis Jamie Liam Evan Dexter Nathaniel Ezekiel Gabriel Vincent
    """.split()
)

#: Labels a story reply should lose; in a private message only abuse is withheld.
SHOULD_REMOVE: dict[str, frozenset[str]] = {
    STORY: frozenset(label.value for label in Label if label is not Label.OK),
    DM: frozenset({Label.ABUSIVE.value}),
}

#: The school's targets for a story, printed beside the figures for orientation.
TARGETS = {"removed_ok_rate": 0.02, "kept_bad_rate": 0.05, "teacher_ok_rate": 0.10}

#: What the relay should do with a private message of each label.
EXPECTED_ROUTE = {
    Label.OK.value: Route.DELIVER,
    Label.COMPLAINT.value: Route.OFFICE,
    Label.NEGATIVE.value: Route.PAUSE,
    Label.ABUSIVE.value: Route.DIVERT,
    Label.URGENT.value: Route.URGENT,
}
#: Routes on which a person reads an urgent line at once.
URGENT_ROUTES = frozenset({Route.URGENT, Route.CHECK})


class EvalFileError(Exception):
    """The file cannot be read as labelled lines; the message names file and line."""


@dataclass(frozen=True)
class Example:
    text: str
    label: str
    note: str
    line: int


@dataclass
class LabelCounts:
    n: int = 0
    kept: int = 0
    removed: int = 0
    teacher: int = 0

    def count(self, outcome: Outcome) -> None:
        self.n += 1
        if outcome is Outcome.KEEP:
            self.kept += 1
        elif outcome is Outcome.REMOVE:
            self.removed += 1
        else:
            self.teacher += 1


@dataclass(frozen=True)
class Mistake:
    example: Example
    verdict: Verdict
    decision: str  # the outcome, or in a private message the relay's route


@dataclass
class EvalReport:
    where: Where
    per_label: dict[str, LabelCounts] = field(default_factory=dict)
    routes: dict[str, Counter[Route]] = field(default_factory=dict)
    # per label: judged urgent, or unread and so read by a person now (`_read_now`)
    urgent_found: Counter[str] = field(default_factory=Counter)
    costs_ns: list[int] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)

    def routed(self, label: str, *routes: Route) -> int:
        return sum(self.routes.get(label, Counter())[r] for r in routes)

    def n_of(self, label: str) -> int:
        return self.per_label[label].n if label in self.per_label else 0

    @property
    def urgent_missed_rate(self) -> float:
        """Urgent lines neither given the urgent path nor, unread, read by a person at once."""
        n = self.n_of(Label.URGENT.value)
        return self.rate(n - self.urgent_found[Label.URGENT.value], n)

    @property
    def ok_urgent_rate(self) -> float:
        """Kind or ordinary lines that raised a safeguarding alert for nothing."""
        return self.rate(self.routed(Label.OK.value, Route.URGENT), self.n_of(Label.OK.value))

    @property
    def ok_checked_rate(self) -> float:
        """Ordinary lines the judge could not read: out of hours a lead is asked to read them."""
        return self.rate(self.routed(Label.OK.value, Route.CHECK), self.n_of(Label.OK.value))

    @property
    def abusive_delivered_rate(self) -> float:
        """Abusive lines that reach the teacher without SLT deciding."""
        label = Label.ABUSIVE.value
        reach = (Route.DELIVER, Route.PAUSE, Route.OFFICE, Route.URGENT, Route.CHECK)
        return self.rate(self.routed(label, *reach), self.n_of(label))

    @property
    def ok_withheld_rate(self) -> float:
        """Ok lines paused or diverted on their way to the teacher."""
        label = Label.OK.value
        return self.rate(self.routed(label, Route.PAUSE, Route.DIVERT), self.n_of(label))

    @property
    def negative_unpaused_rate(self) -> float:
        label = Label.NEGATIVE.value
        return self.rate(
            self.n_of(label) - self.routed(label, Route.PAUSE, Route.DIVERT), self.n_of(label)
        )

    def relay_json(self) -> dict[str, Any]:
        return {
            "per_label": {
                label: {r.value: counts[r] for r in Route} for label, counts in self.routes.items()
            },
            "urgent_missed_rate": round(self.urgent_missed_rate, 4),
            "abusive_delivered_rate": round(self.abusive_delivered_rate, 4),
            "ok_withheld_rate": round(self.ok_withheld_rate, 4),
            "negative_unpaused_rate": round(self.negative_unpaused_rate, 4),
            "ok_urgent_rate": round(self.ok_urgent_rate, 4),
            "ok_checked_rate": round(self.ok_checked_rate, 4),
        }

    def total_of(self, labels: frozenset[str]) -> LabelCounts:
        """Counts summed over some labels."""
        total = LabelCounts()
        for label, c in self.per_label.items():
            if label in labels:
                total.n += c.n
                total.kept += c.kept
                total.removed += c.removed
                total.teacher += c.teacher
        return total

    @property
    def ok(self) -> LabelCounts:
        """The kind lines (label `ok`)."""
        return self.total_of(frozenset({Label.OK.value}))

    @property
    def bad(self) -> LabelCounts:
        """The lines that should not stay where they were posted."""
        return self.total_of(SHOULD_REMOVE[self.where])

    @property
    def n(self) -> int:
        return sum(c.n for c in self.per_label.values())

    def rate(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def removed_ok_rate(self) -> float:
        return self.rate(self.ok.removed, self.ok.n)

    @property
    def kept_bad_rate(self) -> float:
        return self.rate(self.bad.kept, self.bad.n)

    @property
    def teacher_ok_rate(self) -> float:
        return self.rate(self.ok.teacher, self.ok.n)

    @property
    def teacher_bad_rate(self) -> float:
        return self.rate(self.bad.teacher, self.bad.n)

    @property
    def median_us(self) -> float:
        return statistics.median(self.costs_ns) / 1000 if self.costs_ns else 0.0

    @property
    def p95_us(self) -> float:
        if not self.costs_ns:
            return 0.0
        ordered = sorted(self.costs_ns)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] / 1000

    def as_json(self) -> dict[str, Any]:
        extra: dict[str, Any] = {"urgent_missed_rate": round(self.urgent_missed_rate, 4)}
        if self.where == DM:
            extra["relay"] = self.relay_json()
        return extra | {
            "n": self.n,
            "removed_ok_rate": round(self.removed_ok_rate, 4),
            "kept_bad_rate": round(self.kept_bad_rate, 4),
            "teacher_ok_rate": round(self.teacher_ok_rate, 4),
            "teacher_bad_rate": round(self.teacher_bad_rate, 4),
            "median_us": round(self.median_us, 1),
            "p95_us": round(self.p95_us, 1),
            "per_label": {
                label: {"n": c.n, "kept": c.kept, "removed": c.removed, "teacher": c.teacher}
                for label, c in self.per_label.items()
            },
        }


def load_examples(path: Path) -> list[Example]:
    """Read a labelled JSONL file; any bad line raises EvalFileError naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise EvalFileError(f"{path}: cannot read ({reason})") from None
    known = {label.value for label in Label}
    examples: list[Example] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise EvalFileError(f"{where}: not valid JSON ({err.msg})") from None
        if not isinstance(row, dict):
            raise EvalFileError(f"{where}: expected an object with 'text' and 'label'")
        text, label = row.get("text"), row.get("label")
        if not isinstance(text, str):
            raise EvalFileError(f"{where}: 'text' must be a string")
        if label not in known:
            raise EvalFileError(
                f"{where}: 'label' must be one of {', '.join(sorted(known))}, not {label!r}"
            )
        note = row.get("note", "")
        examples.append(Example(text, label, note if isinstance(note, str) else "", number))
    if not examples:
        raise EvalFileError(f"{path}: no labelled lines")
    return examples


def eval_context(where: Where) -> JudgeContext:
    """The context every evaluated line is judged in: the fixed roster, no staff names."""
    return JudgeContext(where=where, pupil_names=EVAL_ROSTER)


def evaluate(
    examples: Sequence[Example], where: Where = STORY, *, learned: bool = True
) -> EvalReport:
    """Judge every example in one context, timing each call (`learned=False`: the word
    rules alone)."""
    context = eval_context(where)
    judge("warm-up", context)  # lexicons and models load once, outside the timings
    report = EvalReport(where)
    for example in examples:
        start = time.perf_counter_ns()
        verdict = judge(example.text, context, learned=learned)
        report.costs_ns.append(time.perf_counter_ns() - start)
        report.per_label.setdefault(example.label, LabelCounts()).count(verdict.outcome)
        if where == DM:
            taken = route(verdict)
            report.urgent_found[example.label] += taken in URGENT_ROUTES
            report.routes.setdefault(example.label, Counter())[taken] += 1
            expected = EXPECTED_ROUTE.get(example.label, Route.DELIVER)
            fine = taken in URGENT_ROUTES if expected is Route.URGENT else taken is expected
            if not fine:
                report.mistakes.append(Mistake(example, verdict, taken.value))
        else:
            report.urgent_found[example.label] += _read_now(verdict)
            if _story_mistake(example.label, verdict):
                report.mistakes.append(Mistake(example, verdict, verdict.outcome.value))
    return report


def _read_now(verdict: Verdict) -> bool:
    """A story reply a person reads at once: judged urgent (in doubt too: hidden for a teacher
    and a lead asked to read it), or hidden unread for a teacher, who is asked at once (out of
    their hours a safeguarding lead is asked too, and the family given the emergency routes),
    as an unread private message is."""
    unread = verdict.unread is not None and verdict.outcome is Outcome.ASK
    return verdict.label is Label.URGENT or unread


def _story_mistake(label: str, verdict: Verdict) -> bool:
    if label == Label.OK.value:
        return verdict.outcome is not Outcome.KEEP
    if label == Label.URGENT.value:
        return not _read_now(verdict)
    return verdict.outcome is Outcome.KEEP or verdict.label is Label.URGENT


def _pct(rate: float) -> str:
    return f"{100 * rate:.1f} %"


def format_report(report: EvalReport, path: Path) -> str:
    ok, bad = report.ok, report.bad
    rows = [f"{path} ({report.where} context, {report.n} lines)"]
    rows.append(f"{'label':<12}{'n':>6}{'kept':>8}{'removed':>9}{'teacher':>9}")
    for label, c in report.per_label.items():
        rows.append(f"{label:<12}{c.n:>6}{c.kept:>8}{c.removed:>9}{c.teacher:>9}")
    total = report.total_of(frozenset(report.per_label))
    rows.append(f"{'overall':<12}{total.n:>6}{total.kept:>8}{total.removed:>9}{total.teacher:>9}")
    target = report.where == STORY
    rows.append(
        f"kind (ok) lines removed:        {_pct(report.removed_ok_rate):>8} "
        f"({ok.removed}/{ok.n})" + ("  target ≤ 2 %" if target else "")
    )
    rows.append(
        f"should-remove lines kept:       {_pct(report.kept_bad_rate):>8} "
        f"({bad.kept}/{bad.n})" + ("  target ≤ 5 %" if target else "")
    )
    rows.append(
        f"kind lines sent to a teacher:   {_pct(report.teacher_ok_rate):>8} "
        f"({ok.teacher}/{ok.n})" + ("  target ≤ 10 %" if target else "")
    )
    rows.append(
        f"should-remove sent to teacher:  {_pct(report.teacher_bad_rate):>8} "
        f"({bad.teacher}/{bad.n})"
    )
    if report.n_of(Label.URGENT.value):
        missed = report.n_of(Label.URGENT.value) - report.urgent_found[Label.URGENT.value]
        rows.append(
            f"urgent lines missed:            {_pct(report.urgent_missed_rate):>8} "
            f"({missed}/{report.n_of(Label.URGENT.value)})  target 0"
        )
    if report.where == DM:
        rows.append(f"relay:{'':<6}" + "".join(f"{r.value:>9}" for r in Route))
        for label, counts in report.routes.items():
            rows.append(f"{label:<12}" + "".join(f"{counts[r]:>9}" for r in Route))
        rows.append(
            f"urgent missed {_pct(report.urgent_missed_rate)}, abusive delivered "
            f"{_pct(report.abusive_delivered_rate)}, ok withheld "
            f"{_pct(report.ok_withheld_rate)}, negative unpaused "
            f"{_pct(report.negative_unpaused_rate)}, ok alerted as urgent "
            f"{_pct(report.ok_urgent_rate)}, ok unread (a lead reads it out of hours) "
            f"{_pct(report.ok_checked_rate)}"
        )
    rows.append(f"cost per message: median {report.median_us:.0f} µs, p95 {report.p95_us:.0f} µs")
    rows.append(
        f"summary: {report.n} lines, {report.where}: {_pct(report.removed_ok_rate)} of kind "
        f"removed, {_pct(report.kept_bad_rate)} of should-remove kept, "
        f"{_pct(report.teacher_ok_rate)} of kind to a teacher; median "
        f"{report.median_us:.0f} µs"
    )
    return "\n".join(rows)


async def cmd_judge_eval(args: argparse.Namespace) -> int:
    """Print the judge's figures on a labelled file; 2 if the file is malformed."""
    try:
        examples = load_examples(args.file)
    except EvalFileError as err:
        print(f"judge-eval: {err}", file=sys.stderr)
        return 2
    report = evaluate(examples, args.context)
    if args.errors:
        for mistake in report.mistakes:
            reasons = "; ".join(mistake.verdict.reasons)
            print(
                f"{args.file}:{mistake.example.line}: {mistake.example.label} -> "
                f"{mistake.decision} ({mistake.verdict.label}: {reasons}): {mistake.example.text}"
            )
        return 0
    if args.json:
        print(json.dumps(report.as_json()))
    else:
        print(format_report(report, args.file))
    return 0


def add_parser(commands: Any) -> None:
    """Add `judge-eval` to the CLI's subparsers."""
    parser = commands.add_parser(
        "judge-eval",
        help="measure the message judge on a labelled JSONL file",
        description=(
            "Judge every line of a labelled JSONL file ({text, label, note}) and print how "
            "many were kept, removed and sent to a teacher, per label and overall."
        ),
    )
    parser.add_argument("file", type=Path, help="labelled JSONL file")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument(
        "--errors", action="store_true", help="print every wrong decision with its text"
    )
    parser.add_argument(
        "--context",
        choices=(STORY, DM),
        default=STORY,
        help="judge lines as class-story replies (default) or private messages to a teacher",
    )
    parser.set_defaults(run=cmd_judge_eval)
