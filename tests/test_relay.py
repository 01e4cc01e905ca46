"""Private messages that respect quiet hours, with real clients on a real Synapse.

The bot's clock is set by the test (the injected clock); the teacher's own sync shows what
reached the teacher's devices.
"""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime

import nio
import pytest
from conftest import (
    BotLauncher,
    Matrix,
    RunningBot,
    School,
    eventually,
    join,
    messages,
    notices_in,
    send_text,
)

from bot.provisioning import ESCALATION_KEY, parent_dm_key, teacher_dm_key

#: Also on Synapse with workers (tests/test_workers.py): the paths a trust relies on most.
HOMESERVER_KINDS = ("sqlite", "postgres", "workers")
FRIDAY_EVENING = datetime.fromisoformat("2026-11-20T17:05:00+00:00")
MONDAY_OPENING = datetime.fromisoformat("2026-11-23T08:00:01+00:00")
TUESDAY_MORNING = datetime.fromisoformat("2026-11-24T10:00:00+00:00")


class Conversation:
    """A parent of Amelia (Oak) and Miss Reid, each in their own room with the bot."""

    def __init__(self, bot: RunningBot, matrix: Matrix, school: School) -> None:
        self.bot, self.matrix, self.school = bot, matrix, school

    async def setup(self, parent_name: str = "sam") -> Conversation:
        self.parent_person = self.matrix.register(parent_name, displayname=parent_name.title())
        await self.bot.link(self.parent_person, "Amelia Hughes")
        self.teacher_id = self.school.staff["reid"].user_id
        self.parent_room = await self.bot.room(
            parent_dm_key(self.parent_person.user_id, self.teacher_id)
        )
        self.teacher_room = await self.bot.room(
            teacher_dm_key(self.teacher_id, self.parent_person.user_id)
        )
        self.parent = await self.matrix.client(self.parent_person)
        await join(self.parent, self.parent_room)
        self.teacher = await self.matrix.client(self.school.staff["reid"])
        await join(self.teacher, self.teacher_room)
        return self

    async def head_in_escalation(self) -> tuple[nio.AsyncClient, str]:
        """The head (SLT) as a client in the escalation room, and that room."""
        head = await self.matrix.client(self.school.staff["okafor"])
        escalation = await self.bot.room(ESCALATION_KEY)
        await join(head, escalation)
        return head, escalation

    async def delivered_to_teacher(self) -> list[dict]:
        """What reached the teacher's client: messages from the bot in the teacher's room."""
        return [
            e
            for e in await messages(self.teacher, self.teacher_room)
            if e["type"] == "m.room.message"
            and e["sender"] == self.bot.client.user_id
            and e["content"].get("msgtype") != "m.notice"
        ]

    async def reactions_on(self, event_id: str) -> set[str]:
        keys = set()
        for e in await messages(self.parent, self.parent_room):
            relates = e.get("content", {}).get("m.relates_to", {})
            if e["type"] == "m.reaction" and relates.get("event_id") == event_id:
                keys.add(relates["key"])
        return keys

    async def handled(self, event_id: str) -> None:
        await eventually(lambda: self.bot.store.events.outcome(event_id))


async def start(launch: BotLauncher, matrix: Matrix, school: School, at: datetime) -> Conversation:
    bot = await launch()
    bot.app.clock.set(at)
    return await Conversation(bot, matrix, school).setup()


async def test_a_friday_evening_message_is_held_until_monday_and_arrives_once(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, FRIDAY_EVENING)
    sent = await send_text(talk.parent, talk.parent_room, "Could you tell me about homework?")
    await talk.handled(sent)
    assert await eventually(lambda: _has(talk.reactions_on(sent), "⏳"))
    notices = await notices_in(talk.parent, talk.parent_room)
    assert any("delivered on Monday 23 November, 08:00" in n for n in notices)
    await talk.bot.app.release_due()
    assert await talk.delivered_to_teacher() == []  # nothing on the teacher's phone yet

    talk.bot.app.clock.set(MONDAY_OPENING)
    assert await talk.bot.app.release_due() == 1
    assert await talk.bot.app.release_due() == 0
    delivered = await eventually(talk.delivered_to_teacher)
    assert len(delivered) == 1
    assert "Could you tell me about homework?" in delivered[0]["content"]["body"]
    assert "sent Friday 20 November, 17:05" in delivered[0]["content"]["body"]
    assert await eventually(lambda: _has(talk.reactions_on(sent), "✅"))
    assert "⏳" not in await talk.reactions_on(sent)


async def _has(keys: Awaitable[set[str]], key: str) -> bool:
    return key in await keys


@pytest.mark.parametrize(
    ("sent_at", "promised", "too_early", "opening"),
    [
        # Early May bank holiday, Monday 3 May 2027 (British Summer Time).
        (
            "2027-04-30T17:05:00+01:00",
            "Tuesday 4 May, 08:00",
            "2027-05-03T09:00:00+01:00",
            "2027-05-04T08:00:01+01:00",
        ),
        # Autumn half term, 26–30 October 2026 (the clocks change on the 25th).
        (
            "2026-10-23T17:05:00+01:00",
            "Monday 2 November, 08:00",
            "2026-10-28T10:00:00+00:00",
            "2026-11-02T08:00:01+00:00",
        ),
    ],
)
async def test_bank_holidays_and_half_term_are_quiet_too(
    launch: BotLauncher,
    matrix: Matrix,
    school: School,
    sent_at: str,
    promised: str,
    too_early: str,
    opening: str,
) -> None:
    talk = await start(launch, matrix, school, datetime.fromisoformat(sent_at))
    sent = await send_text(talk.parent, talk.parent_room, "A question about the trip")
    await talk.handled(sent)
    assert any(promised in n for n in await notices_in(talk.parent, talk.parent_room))
    talk.bot.app.clock.set(datetime.fromisoformat(too_early))
    assert await talk.bot.app.release_due() == 0
    talk.bot.app.clock.set(datetime.fromisoformat(opening))
    assert await talk.bot.app.release_due() == 1
    assert len(await eventually(talk.delivered_to_teacher)) == 1


async def test_an_edit_before_release_delivers_the_edited_text_and_a_deletion_nothing(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, FRIDAY_EVENING)
    first = await send_text(talk.parent, talk.parent_room, "Pick up at 3pm")
    edit = await send_text(
        talk.parent,
        talk.parent_room,
        "* Pick up at 2pm please",
        **{
            "m.new_content": {"msgtype": "m.text", "body": "Pick up at 2pm please"},
            "m.relates_to": {"rel_type": "m.replace", "event_id": first},
        },
    )
    withdrawn = await send_text(talk.parent, talk.parent_room, "Sorry, ignore me")
    await talk.handled(edit)
    await talk.handled(withdrawn)
    redaction = await talk.parent.room_redact(talk.parent_room, withdrawn, "changed my mind")
    assert isinstance(redaction, nio.RoomRedactResponse)
    await talk.handled(redaction.event_id)

    talk.bot.app.clock.set(MONDAY_OPENING)
    assert await talk.bot.app.release_due() == 1
    bodies = [e["content"]["body"] for e in await eventually(talk.delivered_to_teacher)]
    assert len(bodies) == 1 and "Pick up at 2pm please" in bodies[0]
    assert "3pm" not in bodies[0]
    assert not any("ignore me" in b for b in bodies)


async def test_replies_and_images_cross_in_both_directions(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, TUESDAY_MORNING)
    question = await send_text(talk.teacher, talk.teacher_room, "How was Amelia's weekend?")

    async def relayed_question() -> dict | None:
        for e in await messages(talk.parent, talk.parent_room):
            if "How was Amelia's weekend?" in e["content"].get("body", ""):
                return e
        return None

    copy = await eventually(relayed_question)
    assert copy["sender"] == talk.bot.client.user_id
    answer = await send_text(
        talk.parent,
        talk.parent_room,
        "Lovely, thanks!",
        **{"m.relates_to": {"m.in_reply_to": {"event_id": copy["event_id"]}}},
    )
    upload, _ = await talk.parent.upload(
        lambda *_: b"\x89PNG\r\n\x1a\n" + b"0" * 64,
        content_type="image/png",
        filename="drawing.png",
        filesize=72,
    )
    assert isinstance(upload, nio.UploadResponse)
    image = await talk.parent.room_send(
        talk.parent_room,
        "m.room.message",
        {
            "msgtype": "m.image",
            "body": "drawing.png",
            "url": upload.content_uri,
            "info": {"mimetype": "image/png", "size": 72},
        },
    )
    await talk.handled(answer)
    await talk.handled(image.event_id)
    delivered = await eventually(talk.delivered_to_teacher)
    reply = next(e for e in delivered if "Lovely, thanks!" in e["content"]["body"])
    assert reply["content"]["m.relates_to"]["m.in_reply_to"]["event_id"] == question
    picture = next(e for e in delivered if e["content"].get("msgtype") == "m.image")
    assert picture["content"]["url"] == upload.content_uri  # reused, not uploaded again


async def test_an_abusive_message_reaches_slt_and_not_the_teacher(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, TUESDAY_MORNING)
    head, escalation = await talk.head_in_escalation()
    abuse = "You are a useless f***ing idiot and I will be waiting for you after school"
    sent = await send_text(talk.parent, talk.parent_room, abuse)
    await talk.handled(sent)

    async def reported() -> list[dict]:
        return [
            e["content"]["org.conductbot.incident"]
            for e in await messages(head, escalation)
            if "org.conductbot.incident" in e["content"]
        ]

    incident = (await eventually(reported))[0]
    assert incident["kind"] == "private message diverted to SLT"
    assert incident["evidence"]["body"] == abuse
    assert await talk.delivered_to_teacher() == []
    notices = await notices_in(talk.parent, talk.parent_room)
    assert any("senior leadership team" in n for n in notices)
    handle = incident["outcome"].split("!discard ")[1]
    await send_text(head, escalation, f"!discard {handle}")
    relayed = await eventually(lambda: _status(talk, sent, "discarded"))
    assert relayed
    assert await talk.delivered_to_teacher() == []


async def _status(talk: Conversation, source: str, status: str) -> bool:
    relayed = await talk.bot.store.relay.by_source(source)
    return relayed is not None and relayed.status == status


async def test_separated_parents_each_have_their_own_private_conversation(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, TUESDAY_MORNING)
    other = await Conversation(talk.bot, matrix, school).setup("alex")
    assert other.parent_room != talk.parent_room and other.teacher_room != talk.teacher_room
    members = await talk.bot.client.joined_members(talk.parent_room)
    invited = await talk.bot.client.room_get_state(talk.parent_room)
    in_room = {m.user_id for m in members.members} | {
        e["state_key"]
        for e in invited.events
        if e["type"] == "m.room.member" and e["content"]["membership"] in ("join", "invite")
    }
    assert in_room == {talk.bot.client.user_id, talk.parent_person.user_id}
    joined = await other.parent.join(talk.parent_room)
    assert isinstance(joined, nio.JoinError)  # invite-only: the other parent cannot get in
    secret = await send_text(talk.parent, talk.parent_room, "Private to Miss Reid")
    await talk.handled(secret)
    other_view = await other.parent.room_messages(talk.parent_room, start="")
    assert isinstance(other_view, nio.RoomMessagesError)


async def test_a_negative_message_pauses_for_a_re_read_and_send_releases_it(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, TUESDAY_MORNING)
    cross = "This is ridiculous, the homework is rubbish and pointless"
    sent = await send_text(talk.parent, talk.parent_room, cross)
    await talk.handled(sent)
    notices = await notices_in(talk.parent, talk.parent_room)
    assert any("Is it kind? Is it necessary?" in n for n in notices)
    assert await talk.bot.app.release_due() == 0  # still within the pause
    assert await talk.delivered_to_teacher() == []
    command = await send_text(talk.parent, talk.parent_room, "!send")
    await talk.handled(command)
    delivered = await eventually(talk.delivered_to_teacher)
    assert len(delivered) == 1 and cross in delivered[0]["content"]["body"]


async def test_the_complaint_route_is_pointed_out_once_and_complaints_are_delivered(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, TUESDAY_MORNING)
    for text in (
        "I want to make a formal complaint about the lunch arrangements",
        "I would like to make a complaint about the school trip cost",
    ):
        await talk.handled(await send_text(talk.parent, talk.parent_room, text))
    told = await notices_in(talk.parent, talk.parent_room)
    office = [n for n in told if "complaints are handled there" in n]  # not the room's welcome
    assert len(office) == 1
    assert len(await eventually(lambda: _count(talk, 2))) == 2


async def _count(talk: Conversation, n: int) -> list[dict] | None:
    delivered = await talk.delivered_to_teacher()
    return delivered if len(delivered) >= n else None


async def test_the_reply_window_reminds_the_teacher_then_tells_slt(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, TUESDAY_MORNING)
    await talk.handled(await send_text(talk.parent, talk.parent_room, "When is sports day?"))
    await eventually(talk.delivered_to_teacher)
    # Tuesday 10:00 + 24 working hours (9 a day) is Thursday 16:00; + 48 is Tuesday 13:00.
    talk.bot.app.clock.set(datetime.fromisoformat("2026-11-26T16:30:00+00:00"))
    await talk.bot.app.chase_unanswered()
    reminders = [n for n in await notices_in(talk.teacher, talk.teacher_room) if "A reminder" in n]
    assert len(reminders) == 1
    await talk.bot.app.chase_unanswered()  # once only
    assert (
        len([n for n in await notices_in(talk.teacher, talk.teacher_room) if "A reminder" in n])
        == 1
    )
    talk.bot.app.clock.set(datetime.fromisoformat("2026-12-01T16:00:00+00:00"))
    await talk.bot.app.chase_unanswered()
    incidents = await talk.bot.store.incidents.of_user(talk.parent_person.user_id)
    assert [i.kind for i in incidents] == ["message unanswered"]


async def test_a_teachers_reply_stops_the_reply_window(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, TUESDAY_MORNING)
    await talk.handled(await send_text(talk.parent, talk.parent_room, "When is sports day?"))
    await eventually(talk.delivered_to_teacher)
    await talk.handled(await send_text(talk.teacher, talk.teacher_room, "In June!"))
    talk.bot.app.clock.set(datetime.fromisoformat("2026-12-01T16:00:00+00:00"))
    await talk.bot.app.chase_unanswered()
    assert not [n for n in await notices_in(talk.teacher, talk.teacher_room) if "A reminder" in n]


async def test_a_suspended_parent_cannot_send_but_earlier_held_messages_are_delivered(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, FRIDAY_EVENING)
    held = await send_text(talk.parent, talk.parent_room, "Before the removal")
    await talk.handled(held)
    await talk.bot.store.discipline.suspend(
        talk.parent_person.user_id, reason="test", by="test", at="2026-11-20T17:10:00+00:00"
    )
    refused = await send_text(talk.parent, talk.parent_room, "After the removal")
    await talk.handled(refused)
    notices = await notices_in(talk.parent, talk.parent_room)
    assert any("suspended" in n and "office@" in n for n in notices)
    talk.bot.app.clock.set(MONDAY_OPENING)
    await talk.bot.app.release_due()
    bodies = [e["content"]["body"] for e in await eventually(talk.delivered_to_teacher)]
    assert len(bodies) == 1 and "Before the removal" in bodies[0]


async def test_a_teacher_leaving_the_class_closes_the_conversation_with_a_notice(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, TUESDAY_MORNING)

    def reid_leaves_oak(document: dict) -> None:
        oak = next(c for c in document["classes"] if c["id"] == "oak")
        oak["teachers"] = ["khan"]

    school.edit_config(reid_leaves_oak)
    await talk.bot.stop()
    again = await launch(start=False)
    conversation = await again.store.relay.conversation(talk.parent_person.user_id, talk.teacher_id)
    assert conversation is not None and conversation.closed_at is not None
    notices = await notices_in(talk.parent, talk.parent_room)
    assert any("This conversation is now closed" in n for n in notices)
    # Mr Khan now teaches Oak: a new conversation was opened with him.
    khan = school.staff["khan"].user_id
    assert await again.store.relay.conversation(talk.parent_person.user_id, khan) is not None


async def test_the_seen_marker_shows_only_in_working_hours(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, TUESDAY_MORNING)
    first = await send_text(talk.parent, talk.parent_room, "Is it PE tomorrow?")
    [copy] = await eventually(talk.delivered_to_teacher)
    read = await talk.teacher.room_read_markers(
        talk.teacher_room, copy["event_id"], copy["event_id"]
    )
    assert isinstance(read, nio.RoomReadMarkersResponse)
    assert await eventually(lambda: _has(talk.reactions_on(first), "👀"))

    # Read after hours: no marker until the teacher's next opening.
    second = await send_text(talk.parent, talk.parent_room, "And is it swimming on Friday?")
    await eventually(lambda: _count(talk, 2))
    delivered = await talk.delivered_to_teacher()
    talk.bot.app.clock.set(datetime.fromisoformat("2026-11-24T18:30:00+00:00"))
    await talk.teacher.room_read_markers(
        talk.teacher_room, delivered[-1]["event_id"], delivered[-1]["event_id"]
    )
    relayed = await eventually(lambda: _read(talk, second))
    assert relayed
    assert "👀" not in await talk.reactions_on(second)
    talk.bot.app.clock.set(datetime.fromisoformat("2026-11-25T08:00:01+00:00"))
    await talk.bot.app.release_due()
    assert await eventually(lambda: _has(talk.reactions_on(second), "👀"))


async def _read(talk: Conversation, source: str) -> bool:
    async with talk.bot.store.db.execute(
        "SELECT read_at FROM relays WHERE source_event = ?", (source,)
    ) as cursor:
        row = await cursor.fetchone()
    return row is not None and row[0] is not None
