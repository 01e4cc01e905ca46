"""Data rights with real clients: `!mydata` holds the family's data and no other family's;
after `!forget` the data is gone (the safeguarding record stays)."""

from __future__ import annotations

import json
from datetime import datetime

import nio
from conftest import (
    BotLauncher,
    Matrix,
    Person,
    RunningBot,
    School,
    eventually,
    is_redacted,
    join,
    messages,
    send_text,
)

from bot.provisioning import home_key, parent_dm_key, story_key

TUESDAY_MORNING = datetime.fromisoformat("2026-11-24T10:00:00+00:00")


async def family(
    bot: RunningBot, matrix: Matrix, school: School, name: str, pupil: str
) -> tuple[Person, nio.AsyncClient, str, str]:
    person = matrix.register(name, displayname=name.title())
    await bot.link(person, pupil)
    client = await matrix.client(person)
    home = await bot.room(home_key(person.user_id))
    await join(client, home)
    teacher = school.staff["reid"].user_id
    talk = await bot.room(parent_dm_key(person.user_id, teacher))
    await join(client, talk)
    return person, client, home, talk


async def test_mydata_holds_the_family_and_no_other_and_forget_erases_it(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    bot = await launch_guarded()
    bot.app.clock.set(TUESDAY_MORNING)
    sam, sam_client, sam_home, sam_talk = await family(
        bot, guarded_matrix, guarded_school, "sam", "Amelia Hughes"
    )
    kim, kim_client, _, kim_talk = await family(
        bot, guarded_matrix, guarded_school, "kim", "Oliver Bennett"
    )
    mine = await send_text(sam_client, sam_talk, "Amelia has a dentist appointment on Friday")
    theirs = await send_text(kim_client, kim_talk, "Oliver's grandma will collect him today")
    oak = await bot.room(story_key("oak"))
    teacher = await guarded_matrix.client(guarded_school.staff["reid"])
    await join(teacher, oak)
    post = await send_text(teacher, oak, "Oak class planted sunflowers")
    await join(sam_client, oak)
    await join(kim_client, oak)
    relation = {"m.relates_to": {"m.in_reply_to": {"event_id": post}}}
    sam_reply = await send_text(sam_client, oak, "Lovely sunflowers!", **relation)
    kim_reply = await send_text(kim_client, oak, "So tall already!", **relation)
    reaction = await sam_client.room_send(
        oak,
        "m.reaction",
        {"m.relates_to": {"rel_type": "m.annotation", "event_id": post, "key": "🌻"}},
    )
    assert isinstance(reaction, nio.RoomSendResponse)
    for event_id in (mine, theirs, sam_reply, kim_reply, reaction.event_id):
        await eventually(lambda event_id=event_id: bot.store.events.outcome(event_id))
    copy = (await bot.store.relay.by_source(mine)).delivered_event
    assert copy is not None
    teacher_room = (await bot.store.relay.conversation_in(sam_talk)).teacher_room
    await join(teacher, teacher_room)

    command = await send_text(sam_client, sam_home, "!mydata")

    async def exported() -> dict | None:
        for event in await messages(sam_client, sam_home):
            if event["content"].get("msgtype") == "m.file":
                return event
        return None

    file_event = await eventually(exported)
    assert file_event["content"]["info"]["mimetype"] == "application/json"
    download = await sam_client.download(file_event["content"]["url"])
    assert isinstance(download, nio.DownloadResponse)
    data = json.loads(download.body)
    text = json.dumps(data)
    assert [c["first_name"] for c in data["children"]] == ["Amelia"]
    assert "dentist appointment" in text
    assert "Oliver" not in text and "grandma" not in text and kim.user_id not in text
    assert command  # the command itself was handled

    await send_text(sam_client, sam_home, "!forget")
    await send_text(sam_client, sam_home, "!forget confirm")

    async def gone() -> bool:
        return await bot.store.people.get(sam.user_id) is None

    await eventually(gone)
    after = await bot.store.personal.export(sam.user_id)
    assert after["children"] == [] and after["messages_written"] == []
    assert after["person"] == [] and after["links"] == []
    oak = await bot.room(story_key("oak"))

    async def removed_from_story() -> bool:
        state = await bot.client.room_get_state_event(oak, "m.room.member", sam.user_id)
        return state.content.get("membership") == "leave"

    await eventually(removed_from_story)
    # What they wrote is gone from the rooms too: replies, reactions, the teacher's copy.
    for room, event_id in ((oak, sam_reply), (oak, reaction.event_id), (teacher_room, copy)):
        await eventually(lambda r=room, e=event_id: is_redacted(teacher, r, e))
    assert not await is_redacted(teacher, oak, kim_reply)
    # The other family is untouched.
    other = await bot.store.personal.export(kim.user_id)
    assert [c["first_name"] for c in other["children"]] == ["Oliver"]
    assert len(other["messages_written"]) == 1


async def test_forget_needs_confirming_and_staff_cannot_use_it(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    bot = await launch_guarded()
    sam, client, home, _ = await family(bot, guarded_matrix, guarded_school, "sam", "Amelia Hughes")
    early = await send_text(client, home, "!forget confirm")
    await eventually(lambda: bot.store.events.outcome(early))
    assert await bot.store.people.get(sam.user_id) is not None

    teacher = await guarded_matrix.client(guarded_school.staff["reid"])
    teacher_home = await bot.room(home_key(guarded_school.staff["reid"].user_id))
    await join(teacher, teacher_home)
    refused = await send_text(teacher, teacher_home, "!forget")
    await eventually(lambda: bot.store.events.outcome(refused))
    bodies = [e["content"].get("body", "") for e in await messages(teacher, teacher_home)]
    assert any("not available to you" in b for b in bodies)


async def test_retention_removes_old_relayed_bodies(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    bot = await launch_guarded()
    bot.app.clock.set(TUESDAY_MORNING)
    _, client, _, talk = await family(bot, guarded_matrix, guarded_school, "sam", "Amelia Hughes")
    sent = await send_text(client, talk, "Please could Amelia bring her recorder?")
    await eventually(lambda: _delivered(bot, sent))
    assert await bot.app.retention() == 0  # still within the retention period
    bot.app.clock.set(datetime.fromisoformat("2027-03-01T10:00:00+00:00"))
    assert await bot.app.retention() == 1
    relayed = await bot.store.relay.by_source(sent)
    assert relayed is not None and relayed.content is None and relayed.status == "delivered"


async def _delivered(bot: RunningBot, source: str) -> bool:
    relayed = await bot.store.relay.by_source(source)
    return relayed is not None and relayed.status == "delivered"
