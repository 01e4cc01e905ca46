"""Photo consent in chat, with real clients on a real Synapse: a parent's `!consent photos off`
takes effect at once (the next class story photo post naming the child comes down), the class
teacher and SLT are told, SLT's `!consent PUPIL on` gives it back; bad input changes nothing.

Miss Reid teaches Oak (Amelia, Oliver Bennett, Poppy: no consent); Mrs Okafor is SLT.
"""

from __future__ import annotations

from datetime import datetime

import nio
from conftest import BotLauncher, Matrix, School, eventually, is_redacted, join, messages, send_text
from test_media import class_photo, encoded, post_image, upload

from bot.provisioning import ESCALATION_KEY, home_key, parent_dm_key, story_key

TUESDAY_10AM = datetime.fromisoformat("2026-11-24T10:00:00+00:00")


async def answer(client: nio.AsyncClient, room: str, command: str) -> str:
    """The bot's reply to one command (waits for exactly that reply)."""

    async def found() -> str | None:
        for event in await messages(client, room):
            relates = event["content"].get("m.relates_to", {})
            if relates.get("m.in_reply_to", {}).get("event_id") == command:
                return event["content"].get("body", "")
        return None

    return await eventually(found)


async def consent_of(bot, first: str, surname: str) -> bool:  # noqa: ANN001 (RunningBot)
    [pupil] = await bot.store.pupils.by_name(first, surname)
    return pupil.photo_consent


async def test_withdrawn_in_chat_the_next_photo_naming_the_child_comes_down_until_slt_give_it_back(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    bot.app.clock.set(TUESDAY_10AM)
    reid = school.staff["reid"].user_id
    story, escalation = await bot.room(story_key("oak")), await bot.room(ESCALATION_KEY)
    teacher = await matrix.client(school.staff["reid"])
    teacher_home = await bot.room(home_key(reid))
    for room in (story, teacher_home):
        await join(teacher, room)
    slt = await matrix.client(school.staff["okafor"])
    await join(slt, escalation)
    parent_person = matrix.register("sam", displayname="Sam")
    await bot.link(parent_person, "Amelia Hughes")
    parent = await matrix.client(parent_person)
    home = await bot.room(home_key(parent_person.user_id))
    for room in (home, story):
        await join(parent, room)

    async def photo(caption: str, seed: int) -> str:
        mxc = await upload(teacher, encoded(class_photo(seed=seed)), "image/png", "p.png")
        post = await post_image(teacher, story, mxc, caption, "p.png")
        await eventually(lambda: bot.store.events.outcome(post))
        return post

    # With consent, a photo naming Amelia stays up (the twin of what follows).
    before = await photo("Amelia's wonderful painting", 1)
    assert not await is_redacted(parent, story, before)

    command = await send_text(parent, home, "!consent photos off")
    done = await answer(parent, home, command)
    assert done.startswith("Done: photo consent for Amelia is withdrawn from now")
    assert await consent_of(bot, "Amelia", "Hughes") is False

    async def teacher_told() -> bool:
        return any(
            "Photo consent for Amelia (Oak Class) has been withdrawn"
            in e["content"].get("body", "")
            for e in await messages(teacher, teacher_home)
        )

    async def slt_told() -> bool:
        return any(
            "Photo consent withdrawn for Amelia Hughes (Oak Class)" in e["content"].get("body", "")
            for e in await messages(slt, escalation)
        )

    await eventually(teacher_told)
    await eventually(slt_told)

    after = await photo("Amelia at sports day", 2)
    await eventually(lambda: is_redacted(parent, story, after))
    assert not await is_redacted(parent, story, before)  # only later posts are checked
    other = await photo("Oliver's rocket", 3)
    assert not await is_redacted(parent, story, other)  # a child with consent is untouched

    given = await send_text(slt, escalation, "!consent Amelia Hughes on")
    assert "Photo consent given back for Amelia Hughes" in await answer(slt, escalation, given)
    assert await consent_of(bot, "Amelia", "Hughes") is True
    again = await photo("Amelia's clay pot", 4)
    assert not await is_redacted(parent, story, again)


async def test_bad_input_gets_a_clear_answer_and_changes_nothing(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    reid = school.staff["reid"].user_id
    escalation = await bot.room(ESCALATION_KEY)
    slt = await matrix.client(school.staff["okafor"])
    await join(slt, escalation)
    teacher = await matrix.client(school.staff["reid"])
    teacher_home = await bot.room(home_key(reid))
    await join(teacher, teacher_home)
    one = matrix.register("sam", displayname="Sam")
    await bot.link(one, "Amelia Hughes")
    two = matrix.register("jo", displayname="Jo")
    await bot.link(two, "Oliver Bennett")
    await bot.link(two, "Isla Patel")
    sam, jo = await matrix.client(one), await matrix.client(two)
    sam_home, jo_home = await bot.room(home_key(one.user_id)), await bot.room(home_key(two.user_id))
    sam_talk = await bot.room(parent_dm_key(one.user_id, reid))
    for room in (sam_home, sam_talk):
        await join(sam, room)
    await join(jo, jo_home)

    tries = [
        (sam, sam_talk, "!consent photos off", "!consent can't be used in this room"),
        (sam, sam_home, "!consent photos off Poppy", "None of your children here is called"),
        (sam, sam_home, "!consent photos on", "Only the school office can give photo consent"),
        (sam, sam_home, "!consent Poppy on", "Only the school office can give photo consent"),
        (sam, sam_home, "!consent please", "To withdraw photo consent, send !consent photos off"),
        (jo, jo_home, "!consent photos off", "You have more than one child here (Isla, Oliver)"),
        (teacher, teacher_home, "!consent Poppy on", "!consent is not available to you"),
        (slt, escalation, "!consent Zebedee on", "I can't find a pupil called 'Zebedee'"),
        (slt, escalation, "!consent Oliver on", "More than one pupil matches 'Oliver'"),
        (slt, escalation, "!consent Poppy maybe", "Usage: !consent PUPIL on|off"),
    ]
    for client, room, body, expected in tries:
        command = await send_text(client, room, body)
        said = await answer(client, room, command)
        assert expected in said, (body, said)
        assert "Nothing was changed" in said or "not available" in said or "can't be used" in said

    consents = {
        name: await consent_of(bot, *name.split())
        for name in ("Amelia Hughes", "Poppy Featherstone", "Oliver Bennett", "Isla Patel")
    }
    assert consents == {
        "Amelia Hughes": True,
        "Poppy Featherstone": False,
        "Oliver Bennett": True,
        "Isla Patel": True,
    }
    assert await bot.store.audit.recent(kind="set_photo_consent") == []

    # Naming the child is how a parent of several says which: only that child changes.
    command = await send_text(jo, jo_home, "!consent photos off oliver")
    assert (await answer(jo, jo_home, command)).startswith("Done: photo consent for Oliver")
    assert await consent_of(bot, "Oliver", "Bennett") is False
    assert await consent_of(bot, "Isla", "Patel") is True
