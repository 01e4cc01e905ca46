"""Long messages: bounded work, never lost, never blocking (real Synapse)."""

from __future__ import annotations

from conftest import BotLauncher, Matrix, School, eventually, is_redacted, send_text
from test_relay import TUESDAY_MORNING, start
from test_story import Story, story  # noqa: F401 (the fixture)

from bot.judge import JudgeContext, Label, judge

FILLER = "We had a lovely weekend at the seaside and the children built sandcastles. "


def test_a_long_message_is_judged_in_its_middle_and_at_its_end_too() -> None:
    dm = JudgeContext(where="dm")
    half = FILLER * 400  # about 30,000 characters
    assert judge(half + half, dm).label is Label.OK
    assert judge(half + "you useless bitch " + half, dm).label is Label.ABUSIVE
    assert judge(half + half + " you are an idiot", dm).label is Label.ABUSIVE
    assert judge(half + "he says he wants to kill himself " + half, dm).label is Label.URGENT


async def test_a_very_long_story_reply_is_removed_without_a_strike(story: Story) -> None:  # noqa: F811
    long_kind = await story.reply(story.sam, FILLER * 60)
    short_kind = await story.reply(story.sam, "What a lovely afternoon, thank you!")
    await eventually(lambda: is_redacted(story.kim, story.room, long_kind))
    await story.handled(short_kind)
    assert not await is_redacted(story.kim, story.room, short_kind)
    assert await story.bot.store.discipline.strikes(story.sam_person.user_id) == []

    async def told() -> bool:
        notices = await story.home_notices(story.sam_person)
        return any("Replies in the Class Story are short" in n for n in notices)

    assert await eventually(told)


async def test_a_message_too_long_for_one_event_reaches_the_teacher_whole_and_in_order(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, TUESDAY_MORNING)
    words = " ".join(f"word{n}" for n in range(6_300))  # about 58,000 characters
    long = await send_text(talk.parent, talk.parent_room, words)
    after = await send_text(talk.parent, talk.parent_room, "And one more thing: thank you")
    await talk.handled(long)
    await talk.handled(after)

    async def everything() -> list[str] | None:
        bodies = [e["content"]["body"] for e in await talk.delivered_to_teacher()]
        return bodies if bodies and "thank you" in bodies[-1] else None

    bodies = await eventually(everything)
    assert len(bodies) >= 3  # the long message in parts, then the next one
    joined = "".join(b.split("\n", 1)[1] for b in bodies[:-1])
    assert joined == words
    assert (await talk.bot.store.relay.by_source(long)).status == "delivered"
