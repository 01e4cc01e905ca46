"""Long messages: bounded work, never lost, never blocking (real Synapse with the guard
module: a long message must not make the guard wait, nor let a hostile reply through)."""

from __future__ import annotations

from conftest import BotLauncher, Matrix, School, eventually, join, notices_in, send_text
from test_relay import TUESDAY_MORNING, start
from test_story_guarded import BOUND, FILLER, GuardedStory, _reply, story  # noqa: F401

from bot.judge import JudgeContext, Label, judge
from bot.provisioning import home_key, parent_dm_key


def test_a_long_message_is_judged_in_its_middle_and_at_its_end_too() -> None:
    dm = JudgeContext(where="dm")
    half = FILLER * 400  # about 30,000 characters
    assert judge(half + half, dm).label is Label.OK
    assert judge(half + "you useless bitch " + half, dm).label is Label.ABUSIVE
    assert judge(half + half + " you are an idiot", dm).label is Label.ABUSIVE
    assert judge(half + "he says he wants to kill himself " + half, dm).label is Label.URGENT


async def test_a_very_long_story_reply_goes_without_a_strike_and_a_short_one_stays(
    story: GuardedStory,  # noqa: F811
) -> None:
    long_kind = _reply(story, FILLER * 60)
    short_kind = _reply(story, "What a lovely afternoon, thank you!")
    await story.kept_out(await story.send(story.sam, "m.room.message", long_kind), long_kind)
    await story.stays(await story.send(story.sam, "m.room.message", short_kind), short_kind)
    assert await story.bot.store.discipline.strikes(story.sam_person.user_id) == []

    async def told() -> bool:
        notices = await story.home_notices(story.sam_person)
        return any("Replies in the Class Story are short" in n for n in notices)

    assert await eventually(told)


async def test_a_20000_character_message_stalls_neither_the_guard_nor_the_bot(
    story: GuardedStory,  # noqa: F811
) -> None:
    """Issue 11: one long private message made the guard time out and fail open, so an
    abusive story reply a second later was accepted. Here the reply right after it is still
    kept out, the kind one beside it stays, and `!help` is answered."""
    story.bot.app.clock.set(TUESDAY_MORNING)
    sam = story.sam_person.user_id
    talk = await story.bot.room(parent_dm_key(sam, story.school.staff["reid"].user_id))
    await join(story.sam, talk)
    long = " ".join(f"word{n}" for n in range(2_300))  # about 20,000 characters
    sent = await send_text(story.sam, talk, long)
    hostile = _reply(story, "This is rubbish, worst class ever, the teacher is useless")
    kind = _reply(story, "What a lovely afternoon, thank you!")
    await story.kept_out(await story.send(story.sam, "m.room.message", hostile), hostile)
    await story.stays(await story.send(story.sam, "m.room.message", kind), kind)
    home = await story.bot.room(home_key(sam))
    await send_text(story.sam, home, "!help")

    async def answered() -> bool:
        return any("Commands you can use here" in n for n in await notices_in(story.sam, home))

    assert await eventually(answered, within=BOUND)

    async def delivered() -> bool:
        relayed = await story.bot.store.relay.by_source(sent)
        return relayed is not None and relayed.status == "delivered"

    assert await eventually(delivered)


async def test_a_message_too_long_for_one_event_reaches_the_teacher_whole_and_in_order(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    talk = await start(launch_guarded, guarded_matrix, guarded_school, TUESDAY_MORNING)
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
