"""`!report` with real clients on a real Synapse: a teacher reports a family's relayed message
or class story reply; it lands in the escalation room and in `!export incidents`, and the
family hears nothing. Refusals (wrong role, wrong room, not a family's message) change
nothing.

Miss Reid teaches Oak (Amelia's class); Mrs Okafor is SLT.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

import nio
import pytest
from conftest import (
    BotLauncher,
    Matrix,
    RunningBot,
    School,
    eventually,
    incidents_in,
    is_redacted,
    join,
    messages,
    notices_in,
    send_text,
)

from bot.provisioning import ESCALATION_KEY, home_key, parent_dm_key, story_key, teacher_dm_key

TUESDAY_10AM = datetime.fromisoformat("2026-11-24T10:00:00+00:00")
FROM_PARENT = "Amelia forgot her PE kit again, can she borrow one from the box today?"
NOTE = "Third message like this this week; please call the family in"
STORY_REPLY = "Lovely photos, well done everyone in Oak!"
STORY_NOTE = "Posted during the school day by a parent who is not on our contact list"


def reply_to(event_id: str) -> dict:
    return {"m.relates_to": {"m.in_reply_to": {"event_id": event_id}}}


class Reporting:
    """A parent of Amelia in conversation with Miss Reid, in her class story, and SLT."""

    def __init__(self, bot: RunningBot, matrix: Matrix, school: School) -> None:
        self.bot, self.matrix, self.school = bot, matrix, school

    async def setup(self) -> Reporting:
        self.bot.app.clock.set(TUESDAY_10AM)
        self.parent_person = self.matrix.register("sam", displayname="Sam")
        await self.bot.link(self.parent_person, "Amelia Hughes")
        reid = self.school.staff["reid"].user_id
        self.parent_room = await self.bot.room(parent_dm_key(self.parent_person.user_id, reid))
        self.teacher_room = await self.bot.room(teacher_dm_key(reid, self.parent_person.user_id))
        self.story = await self.bot.room(story_key("oak"))
        self.parent_home = await self.bot.room(home_key(self.parent_person.user_id))
        self.parent = await self.matrix.client(self.parent_person)
        for room in (self.parent_room, self.parent_home, self.story):
            await join(self.parent, room)
        self.teacher = await self.matrix.client(self.school.staff["reid"])
        self.teacher_home = await self.bot.room(home_key(reid))
        for room in (self.teacher_room, self.teacher_home, self.story):
            await join(self.teacher, room)
        self.slt = await self.matrix.client(self.school.staff["okafor"])
        self.escalation = await self.bot.room(ESCALATION_KEY)
        await join(self.slt, self.escalation)
        return self

    async def handled(self, event_id: str) -> None:
        await eventually(lambda: self.bot.store.events.outcome(event_id))

    async def relayed_copy(self, body: str) -> str:
        """The parent writes; the copy the bot delivered in the teacher's room."""
        source = await send_text(self.parent, self.parent_room, body)

        async def delivered() -> str | None:
            relayed = await self.bot.store.relay.by_source(source)
            return relayed.delivered_event if relayed and relayed.status == "delivered" else None

        return await eventually(delivered)

    async def reported(self) -> list:
        incidents = await self.bot.store.incidents.of_user(self.parent_person.user_id)
        return [i for i in incidents if i.kind == "reported by staff"]

    async def family_sees(self) -> list[str]:
        """Everything the bot has said to the family, in their conversation and home room."""
        return [
            *await notices_in(self.parent, self.parent_room),
            *await notices_in(self.parent, self.parent_home),
        ]

    async def export(self) -> list[dict[str, str]]:
        """SLT's `!export incidents` for today, read back from the file the bot posts."""
        await send_text(self.slt, self.escalation, "!export incidents 2026-11-24 2026-11-24")

        async def posted() -> dict | None:
            for event in await messages(self.slt, self.escalation):
                content = event["content"]
                if content.get("filename") == "incidents-2026-11-24-to-2026-11-24.csv":
                    return content
            return None

        content = await eventually(posted)
        download = await self.slt.download(content["url"])
        assert isinstance(download, nio.DownloadResponse | nio.MemoryDownloadResponse), download
        return list(csv.DictReader(io.StringIO(download.body.decode("utf-8-sig"))))


@pytest.fixture
async def rp(launch: BotLauncher, matrix: Matrix, school: School) -> Reporting:
    return await Reporting(await launch(), matrix, school).setup()


async def test_a_relayed_message_reported_lands_in_the_export_and_the_family_is_not_told(
    rp: Reporting,
) -> None:
    copy = await rp.relayed_copy(FROM_PARENT)
    before = await rp.family_sees()
    command = await send_text(rp.teacher, rp.teacher_room, f"!report {NOTE}", **reply_to(copy))

    async def answered() -> bool:
        return any("reported" in n for n in await notices_in(rp.teacher, rp.teacher_room))

    await eventually(answered)
    [incident] = await eventually(rp.reported)
    assert incident.evidence["body"] == FROM_PARENT and incident.event_id == copy
    assert incident.confirmed_by == rp.school.staff["reid"].user_id

    async def escalated() -> dict | None:
        found = [i for i in await incidents_in(rp.slt, rp.escalation) if i["rule"] == "report"]
        return found[0] if found else None

    seen = await eventually(escalated)
    assert seen["user_id"] == rp.parent_person.user_id and NOTE in seen["outcome"]
    assert seen["evidence"]["body"] == FROM_PARENT

    rows = [r for r in await rp.export() if r["category"] == "report"]
    assert len(rows) == 1
    assert rows[0]["evidence"] == FROM_PARENT and NOTE in rows[0]["action_taken"]
    assert rows[0]["matrix_id"] == "'" + rp.parent_person.user_id  # '@' neutralised for Excel

    await rp.handled(command)
    assert await rp.family_sees() == before  # nothing said to the family, anywhere
    parent_side = [e["content"].get("body", "") for e in await messages(rp.parent, rp.parent_room)]
    assert not any("report" in body.lower() for body in parent_side)


async def test_a_story_reply_reported_is_recorded_and_the_command_never_shows(
    rp: Reporting,
) -> None:
    post = await send_text(rp.teacher, rp.story, "Our trip to the farm today!")
    await rp.handled(post)
    family_reply = await send_text(rp.parent, rp.story, STORY_REPLY, **reply_to(post))
    await rp.handled(family_reply)
    assert not await is_redacted(rp.parent, rp.story, family_reply)  # a kind reply stays
    command = await send_text(
        rp.teacher, rp.story, f"!report {STORY_NOTE}", **reply_to(family_reply)
    )

    await eventually(lambda: is_redacted(rp.parent, rp.story, command))
    [incident] = await eventually(rp.reported)
    assert incident.evidence["body"] == STORY_REPLY and incident.evidence["note"] == STORY_NOTE
    assert incident.room_id == rp.story and incident.event_id == family_reply

    async def escalated() -> list[str]:
        return [n for n in await notices_in(rp.slt, rp.escalation) if STORY_NOTE in n]

    [shown] = await eventually(escalated)
    assert f"Evidence: «{STORY_REPLY}»" in shown and "Oak" in shown

    async def thanked() -> bool:
        return any("reported" in n for n in await notices_in(rp.teacher, rp.teacher_home))

    await eventually(thanked)
    rows = [r for r in await rp.export() if r["category"] == "report"]
    assert [(r["evidence"], r["room"]) for r in rows] == [(STORY_REPLY, "Oak Class story")]
    await rp.handled(command)  # the bot is done with the report: nothing more will follow
    assert not await is_redacted(rp.parent, rp.story, family_reply)  # SLT decide, not the bot
    assert not any("report" in n.lower() for n in await rp.family_sees())


async def test_refusals_change_nothing(rp: Reporting) -> None:
    copy = await rp.relayed_copy("Thank you for the reading book")
    # a parent may not report (in their own conversation room)
    by_parent = await send_text(rp.parent, rp.parent_room, "!report rude", **reply_to(copy))
    # a teacher, in the wrong room (their home room)
    wrong_room = await send_text(rp.teacher, rp.teacher_home, f"!report {NOTE}")
    # a teacher, replying to their own message rather than the family's
    own = await send_text(rp.teacher, rp.teacher_room, "You're welcome!")
    not_family = await send_text(rp.teacher, rp.teacher_room, f"!report {NOTE}", **reply_to(own))
    # a teacher, not replying to anything; and without a note
    no_reply = await send_text(rp.teacher, rp.teacher_room, f"!report {NOTE}")
    no_note = await send_text(rp.teacher, rp.teacher_room, "!report", **reply_to(copy))
    for event in (by_parent, wrong_room, not_family, no_reply, no_note):
        await rp.handled(event)

    async def replies(client: nio.AsyncClient, room: str) -> list[str]:
        return [
            e["content"]["body"]
            for e in await messages(client, room)
            if e["content"].get("msgtype") == "m.notice"
            and e["content"].get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id")
            in (by_parent, wrong_room, not_family, no_reply, no_note)
        ]

    async def all_answered() -> list[str] | None:
        said = [
            *await replies(rp.parent, rp.parent_room),
            *await replies(rp.teacher, rp.teacher_home),
            *await replies(rp.teacher, rp.teacher_room),
        ]
        return said if len(said) == 5 else None

    said = "\n".join(await eventually(all_answered))
    assert "!report is not available to you" in said
    assert "!report can't be used in this room" in said
    assert "I can only report a message the family sent you" in said
    assert "Reply to the family's message with !report" in said
    assert "note is missing" in said
    assert await rp.reported() == []
    assert [i for i in await incidents_in(rp.slt, rp.escalation) if i["rule"] == "report"] == []
