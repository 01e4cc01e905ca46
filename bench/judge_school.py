"""A school teaches the judge its own voice: figures before and after its decisions.

A simulated school (St Mungo's, in the East End of Glasgow; bench/data/school_voice_*.jsonl,
written for this bench in broad Glaswegian, a voice the shipped corpus barely has) uses the
bot for a term: the first half of its lines arrive, the judge decides, and staff correct it
where the bot asks them or where its decision reaches them:

- a story reply sent to a teacher is kept (✅) or removed (❌) as its true label says;
- a kind reply removed in error is given back with its strike pardoned;
- a private message held back as abuse is discarded by SLT if abusive, else delivered.

Those decisions go into the school's database as the bot would store them, then
`conductbot judge-train --data-dir` learns the school's part from them (or refuses to).
The second half of the lines, which no decision touched, is judged before and after.

Usage: .venv/bin/python bench/judge_school.py
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
from pathlib import Path

from bot import judge_model
from bot.judge import Label, Outcome, judge
from bot.judge_eval import EvalReport, Example, eval_context, evaluate, load_examples
from bot.judge_train import refit_school
from handlers.relay import Route, route
from storage.decisions import SLT_DELIVERED, SLT_DISCARDED
from storage.incidents import Incident
from storage.relay import TO_TEACHER
from storage.rooms import RoomKind
from storage.store import DATABASE, Store

DATA = Path(__file__).resolve().parent / "data"
AT = "2026-11-02T10:00:00"
#: Embeddings of the corpus, kept between runs of this bench (the slow part of a refit).
CACHE = Path(tempfile.gettempdir()) / "conductbot-judge-embeddings.npz"


def halves(path: Path) -> tuple[list[Example], list[Example]]:
    examples = load_examples(path)
    return examples[::2], examples[1::2]


async def record_term(store: Store, story: list[Example], dm: list[Example]) -> int:
    """Judge the term's lines and store the staff's corrections; how many there were."""
    await store.rooms.add("!story:s", RoomKind.STORY, "story:p4", created_at=AT)
    await store.relay.open_conversation("@parent:s", "@docherty:s", "!p:s", "!t:s", at=AT)
    conversation = await store.relay.conversation("@parent:s", "@docherty:s")
    assert conversation is not None
    decisions = 0
    for n, example in enumerate(story):
        verdict = judge(example.text, eval_context("story"))
        kind = example.label == Label.OK.value
        if verdict.outcome is Outcome.ASK:
            review = await store.story.open_review(
                f"$s{n}",
                "!story:s",
                "@parent:s",
                None,
                example.text,
                verdict.label.value,
                verdict.confidence,
                verdict.reasons,
                at=AT,
            )
            await store.story.decide(review, "keep" if kind else "remove", by="@nolan:s", at=AT)
            decisions += 1
        elif verdict.outcome is Outcome.REMOVE and kind and verdict.label is not Label.URGENT:
            incident = Incident(
                kind="removed",
                user_id="@parent:s",
                rule=verdict.label.value,
                outcome="removed",
                room_id="!story:s",
                event_id=f"$s{n}",
                evidence={"body": example.text},
            )
            found = await store.incidents.record(incident, action_id=f"a{n}", at=AT)
            await store.discipline.add_strike(
                "@parent:s",
                f"$s{n}",
                verdict.label.value,
                confirmed_by="bot",
                at=AT,
                incident_id=found,
            )
            await store.discipline.pardon("@parent:s", by="@head:s", reason="kind", at=AT)
            decisions += 1
    for n, example in enumerate(dm):
        if route(judge(example.text, eval_context("dm"))) is not Route.DIVERT:
            continue
        content = {"msgtype": "m.text", "body": example.text}
        await store.relay.add(
            conversation.id,
            TO_TEACHER,
            f"$d{n}",
            "@parent:s",
            0,
            content,
            "abusive",
            "diverted",
            None,
        )
        kind = SLT_DISCARDED if example.label == Label.ABUSIVE.value else SLT_DELIVERED
        incident = Incident(
            kind=kind, user_id="@parent:s", rule="abusive", outcome="decided", event_id=f"$d{n}"
        )
        await store.incidents.record(incident, action_id=f"d{n}", at=AT)
        decisions += 1
    await store.db.commit()
    return decisions


def figures(story: EvalReport, dm: EvalReport) -> dict[str, float]:
    return {
        "story kind removed": story.removed_ok_rate,
        "story should-remove kept": story.kept_bad_rate,
        "story kind to a teacher": story.teacher_ok_rate,
        "story should-remove to a teacher": story.teacher_bad_rate,
        "dm abusive delivered": dm.abusive_delivered_rate,
        "dm ok withheld": dm.ok_withheld_rate,
        "dm urgent missed": dm.urgent_missed_rate,
    }


async def main() -> int:
    story_term, story_later = halves(DATA / "school_voice_story.jsonl")
    dm_term, dm_later = halves(DATA / "school_voice_dm.jsonl")
    before = figures(evaluate(story_later, "story"), evaluate(dm_later, "dm"))
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        store = await Store.open(data_dir / DATABASE)
        try:
            decisions = await record_term(store, story_term, dm_term)
        finally:
            await store.close()
        print(f"staff decisions in the first half-term: {decisions}")
        adopted = await refit_school(data_dir, CACHE) == 0
        if adopted:
            judge_model.use_school_model(data_dir)
        after = figures(evaluate(story_later, "story"), evaluate(dm_later, "dm"))
        judge_model.use(None)
    print(f"refit {'adopted' if adopted else 'refused'}")
    print(f"second half-term ({len(story_later)} story, {len(dm_later)} dm lines):")
    for name, value in before.items():
        print(f"  {name:<32} {100 * value:5.1f} %  ->  {100 * after[name]:5.1f} %")
    print(json.dumps({"decisions": decisions, "before": before, "after": after}))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
