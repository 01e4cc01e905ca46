"""Safeguarding before quiet hours, with real clients on a real Synapse.

The clock is the bot's injected clock. Miss Reid teaches Oak (Amelia's class); Mrs Okafor is
the safeguarding lead in rooms.yaml and a senior leader.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

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

from bot.judge import JudgeContext, Label, judge
from bot.provisioning import ESCALATION_KEY, home_key, parent_dm_key, story_key, teacher_dm_key

FRIDAY_7PM = datetime.fromisoformat("2026-11-20T19:00:00+00:00")
SATURDAY = datetime.fromisoformat("2026-11-21T11:00:00+00:00")
MONDAY_OPENING = datetime.fromisoformat("2026-11-23T08:00:01+00:00")
TUESDAY_10AM = datetime.fromisoformat("2026-11-24T10:00:00+00:00")

URGENT = (
    "Amelia told me she wants to die and that everyone would be better off without her. She's 7."
)
WORRY = "Amelia's been upset since her nan died, she might be a bit teary this week"
#: Also on Synapse with workers (tests/test_workers.py): the paths a trust relies on most.
HOMESERVER_KINDS = ("sqlite", "postgres", "workers")
SOON = 5.0  # seconds: what the issue promises a family and a lead


class Safeguarding:
    """A parent of Amelia with Miss Reid, and Mrs Okafor (lead, SLT) in her rooms."""

    def __init__(self, bot: RunningBot, matrix: Matrix, school: School) -> None:
        self.bot, self.matrix, self.school = bot, matrix, school

    async def setup(self) -> Safeguarding:
        self.parent_person = self.matrix.register("sam", displayname="Sam")
        await self.bot.link(self.parent_person, "Amelia Hughes")
        teacher_id = self.school.staff["reid"].user_id
        self.parent_room = await self.bot.room(
            parent_dm_key(self.parent_person.user_id, teacher_id)
        )
        self.teacher_room = await self.bot.room(
            teacher_dm_key(teacher_id, self.parent_person.user_id)
        )
        self.parent = await self.matrix.client(self.parent_person)
        await join(self.parent, self.parent_room)
        self.parent_home = await self.bot.room(home_key(self.parent_person.user_id))
        await join(self.parent, self.parent_home)
        self.teacher = await self.matrix.client(self.school.staff["reid"])
        await join(self.teacher, self.teacher_room)
        self.lead = await self.matrix.client(self.school.staff["okafor"])
        self.lead_home = await self.bot.room(home_key(self.school.staff["okafor"].user_id))
        await join(self.lead, self.lead_home)
        self.escalation = await self.bot.room(ESCALATION_KEY)
        await join(self.lead, self.escalation)
        return self

    def at(self, instant: datetime) -> None:
        self.bot.app.clock.set(instant)

    async def delivered_to_teacher(self) -> list[str]:
        return [
            e["content"].get("body", "")
            for e in await messages(self.teacher, self.teacher_room)
            if e["type"] == "m.room.message"
            and e["sender"] == self.bot.client.user_id
            and e["content"].get("msgtype") != "m.notice"
        ]

    async def parent_notices(self) -> list[str]:
        return await notices_in(self.parent, self.parent_room)

    async def lead_alerts(self) -> list[str]:
        return [n for n in await notices_in(self.lead, self.lead_home) if "URGENT" in n]

    async def incidents(self) -> list[dict]:
        return await incidents_in(self.lead, self.escalation)

    async def safeguarding_incidents(self) -> list[dict]:
        return [i for i in await self.incidents() if i.get("kind") == "safeguarding"]

    async def status_is(self, source: str, status: str) -> bool:
        """The bot records a delivery just after the teacher's client can see it."""
        relayed = await self.bot.store.relay.by_source(source)
        return relayed is not None and relayed.status == status

    async def handled(self, event_id: str) -> None:
        await eventually(lambda: self.bot.store.events.outcome(event_id))


@pytest.fixture
async def sg(launch: BotLauncher, matrix: Matrix, school: School) -> Safeguarding:
    return await Safeguarding(await launch(), matrix, school).setup()


async def _any(notices, *words: str) -> bool:  # noqa: ANN001 (an awaitable of notices)
    return any(all(w in n for w in words) for n in await notices)


async def test_an_urgent_message_on_friday_evening_is_answered_alerted_and_first_on_monday(
    sg: Safeguarding,
) -> None:
    sg.at(FRIDAY_7PM)
    ordinary = await send_text(sg.parent, sg.parent_room, "Can she bring in a cake on Monday?")
    await sg.handled(ordinary)
    urgent = await send_text(sg.parent, sg.parent_room, URGENT)

    await eventually(lambda: _any(sg.parent_notices(), "999", "safeguarding lead"), within=SOON)
    alerts = await eventually(sg.lead_alerts, within=SOON)
    assert URGENT in alerts[0] and "Sam" in alerts[0] and "Amelia (Oak Class)" in alerts[0]
    [incident] = await eventually(sg.safeguarding_incidents)
    assert incident["rule"] == "urgent" and "no strike" in incident["outcome"]
    assert "!discard" not in incident["outcome"]
    await sg.handled(urgent)  # its records may trail the incident's post
    assert await sg.bot.store.discipline.active_strikes(sg.parent_person.user_id, since="") == []
    relayed = await sg.bot.store.relay.by_source(urgent)
    assert relayed is not None and relayed.status == "held"  # for the teacher, not SLT

    for quiet in (FRIDAY_7PM, SATURDAY):
        sg.at(quiet)
        assert await sg.bot.app.release_due() == 0
    assert await sg.delivered_to_teacher() == []  # nothing on the teacher's phone

    sg.at(MONDAY_OPENING)
    assert await sg.bot.app.release_due() == 2
    delivered = await eventually(sg.delivered_to_teacher)
    assert len(delivered) == 2
    assert "URGENT" in delivered[0] and URGENT in delivered[0]  # first, and marked
    assert "cake" in delivered[1]

    handle = (await sg.bot.store.alerts.by_source(urgent)).handle
    await send_text(sg.lead, sg.lead_home, f"!ack {handle}")
    await eventually(lambda: _any(sg.parent_notices(), "seen by the school's safeguarding lead"))
    assert await eventually(lambda: _acked(sg, urgent))  # recorded beside the family's notice


async def _acked(sg: Safeguarding, source: str) -> bool:
    alert = await sg.bot.store.alerts.by_source(source)
    return alert is not None and alert.acked_at is not None


async def test_in_hours_the_teacher_gets_it_at_once_too(sg: Safeguarding) -> None:
    sg.at(TUESDAY_10AM)
    urgent = await send_text(sg.parent, sg.parent_room, URGENT)
    delivered = await eventually(sg.delivered_to_teacher, within=SOON)
    assert "URGENT" in delivered[0] and URGENT in delivered[0]
    await eventually(sg.lead_alerts, within=SOON)
    await eventually(lambda: _any(sg.parent_notices(), "999", "has your message now"))
    assert await eventually(lambda: sg.status_is(urgent, "delivered"))


async def test_an_urgent_message_that_swears_is_not_diverted(sg: Safeguarding) -> None:
    sg.at(TUESDAY_10AM)
    panic = "WHERE THE FUCK IS MY DAUGHTER she wasn't at the gate and nobody knows where she is"
    sent = await send_text(sg.parent, sg.parent_room, panic)
    delivered = await eventually(sg.delivered_to_teacher, within=SOON)
    assert panic in delivered[0]
    await eventually(sg.lead_alerts, within=SOON)
    assert await eventually(lambda: sg.status_is(sent, "delivered"))
    await sg.handled(sent)  # proof that any diversion would have been posted by now
    kinds = {i["kind"] for i in await eventually(sg.incidents)}
    assert "private message diverted to SLT" not in kinds


async def test_an_ordinary_worry_at_seven_is_held_as_today_with_no_alert_and_no_pause(
    sg: Safeguarding,
) -> None:
    sg.at(FRIDAY_7PM)
    sent = await send_text(sg.parent, sg.parent_room, WORRY)
    await sg.handled(sent)
    notices = await eventually(sg.parent_notices)
    assert any("held and will be delivered on Monday 23 November, 08:00" in n for n in notices)
    assert not any("golden rule" in n or "999" in n for n in notices)
    assert await sg.bot.store.alerts.by_source(sent) is None
    assert (await sg.bot.store.relay.by_source(sent)).status == "held"
    assert await sg.lead_alerts() == []


UNREAD = "Wojtek mówi, że tata go bije w domu i boi się wracać"  # Polish, not on any list


async def test_a_message_the_bot_cannot_read_at_seven_is_read_by_a_lead_now(
    sg: Safeguarding,
) -> None:
    sg.at(FRIDAY_7PM)
    sent = await send_text(sg.parent, sg.parent_room, UNREAD)

    told = await eventually(
        lambda: _any(sg.parent_notices(), "999", "cannot read messages in your language"),
        within=SOON,
    )
    assert told

    async def asked_to_read() -> list[str]:
        return [n for n in await notices_in(sg.lead, sg.lead_home) if "PLEASE READ" in n]

    [alert] = await eventually(asked_to_read, within=SOON)
    assert UNREAD in alert and "Polish" in alert and "Amelia (Oak Class)" in alert
    [incident] = await eventually(sg.safeguarding_incidents)
    assert incident["rule"] == "unread" and "no strike" in incident["outcome"]
    await sg.handled(sent)  # the held record may trail the alert and the incident
    assert (await sg.bot.store.relay.by_source(sent)).status == "held"
    assert await sg.bot.app.release_due() == 0
    assert await sg.delivered_to_teacher() == []  # the teacher's evening stays quiet

    sg.at(MONDAY_OPENING)
    assert await sg.bot.app.release_due() == 1
    [delivered] = await eventually(sg.delivered_to_teacher)
    assert UNREAD in delivered and "URGENT" not in delivered


async def test_in_hours_the_teacher_reads_it_at_once_and_no_lead_is_asked(
    sg: Safeguarding,
) -> None:
    sg.at(TUESDAY_10AM)
    sent = await send_text(sg.parent, sg.parent_room, UNREAD)
    [delivered] = await eventually(sg.delivered_to_teacher, within=SOON)
    assert UNREAD in delivered
    assert await eventually(lambda: sg.status_is(sent, "delivered"))
    await sg.handled(sent)  # no lead asked: proven once the bot has finished with it
    assert await sg.bot.store.alerts.by_source(sent) is None
    assert not any("PLEASE READ" in n for n in await notices_in(sg.lead, sg.lead_home))


async def test_a_few_kind_words_in_polish_at_seven_are_held_with_no_alert(
    sg: Safeguarding,
) -> None:
    sg.at(FRIDAY_7PM)
    sent = await send_text(sg.parent, sg.parent_room, "Dziękuję bardzo, pani Reid!")
    await sg.handled(sent)
    assert (await sg.bot.store.relay.by_source(sent)).status == "held"
    assert await sg.bot.store.alerts.by_source(sent) is None
    notices = await eventually(sg.parent_notices)
    assert not any("999" in n for n in notices)


async def test_an_alert_nobody_acknowledges_reaches_every_slt_member(sg: Safeguarding) -> None:
    sg.at(FRIDAY_7PM)
    urgent = await send_text(sg.parent, sg.parent_room, URGENT)
    await eventually(sg.lead_alerts, within=SOON)

    async def leads_told() -> bool:  # recorded just after the notices go out
        alert = await sg.bot.store.alerts.by_source(urgent)
        return alert is not None and alert.notified_at is not None

    await eventually(leads_told)
    minutes = sg.bot.config.safeguarding.chase_minutes
    sg.at(FRIDAY_7PM + timedelta(minutes=minutes - 1))
    await sg.bot.app.safeguarding_due()
    assert (await sg.bot.store.alerts.by_source(urgent)).chased_at is None

    sg.at(FRIDAY_7PM + timedelta(minutes=minutes + 1))
    await sg.bot.app.safeguarding_due()

    async def chased() -> list[dict]:
        return [
            e["content"]
            for e in await messages(sg.lead, sg.escalation)
            if "No safeguarding lead has acknowledged" in e["content"].get("body", "")
        ]

    [chase] = await eventually(chased)
    assert set(chase["m.mentions"]["user_ids"]) == {sg.school.staff["okafor"].user_id}
    await sg.bot.app.safeguarding_due()
    assert len(await chased()) == 1  # chased once


async def test_an_acknowledged_alert_is_not_chased(sg: Safeguarding) -> None:
    sg.at(FRIDAY_7PM)
    urgent = await send_text(sg.parent, sg.parent_room, URGENT)
    await eventually(sg.lead_alerts, within=SOON)
    [alert_event] = [
        e["event_id"]
        for e in await messages(sg.lead, sg.lead_home)
        if "URGENT" in e.get("content", {}).get("body", "")
    ]
    reaction = {"m.relates_to": {"rel_type": "m.annotation", "event_id": alert_event, "key": "✅"}}
    response = await sg.lead.room_send(sg.lead_home, "m.reaction", reaction)
    assert isinstance(response, nio.RoomSendResponse)
    await eventually(lambda: _any(sg.parent_notices(), "seen by the school's safeguarding lead"))
    await eventually(lambda: _acked(sg, urgent))  # else the chase below could come first
    sg.at(FRIDAY_7PM + timedelta(hours=2))
    await sg.bot.app.safeguarding_due()
    assert (await sg.bot.store.alerts.by_source(urgent)).chased_at is None


async def test_an_urgent_story_reply_is_removed_and_alerts_the_lead_with_no_strike(
    sg: Safeguarding, matrix: Matrix
) -> None:
    sg.at(FRIDAY_7PM)
    story = await sg.bot.room(story_key("oak"))
    teacher = await matrix.client(sg.school.staff["reid"])
    await join(teacher, story)
    post = await send_text(teacher, story, "Oak class planted sunflowers 🌻")
    await join(sg.parent, story)
    text = "Please someone help, her dad hit me and he's threatening to take Amelia tomorrow"
    relation = {"m.relates_to": {"m.in_reply_to": {"event_id": post}}}
    reply = await send_text(sg.parent, story, text, **relation)
    await eventually(lambda: is_redacted(teacher, story, reply), within=SOON)
    await eventually(sg.lead_alerts, within=SOON)
    home = await eventually(lambda: _any(notices_in(sg.parent, sg.parent_home), "999"))
    assert home
    [incident] = await eventually(sg.safeguarding_incidents)
    assert incident["rule"] == "urgent"
    await sg.handled(reply)  # no strike and no "reply removed": the bot is done with it
    assert await sg.bot.store.discipline.active_strikes(sg.parent_person.user_id, since="") == []
    kinds = {i["kind"] for i in await sg.incidents()}
    assert "reply removed" not in kinds  # not treated as a rule broken


async def test_with_alerts_kept_for_the_opening_the_leads_get_it_first_thing(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    school.edit_config(lambda doc: doc["safeguarding"].update(alert_out_of_hours=False))
    sg = await Safeguarding(await launch(), matrix, school).setup()
    sg.at(FRIDAY_7PM)
    urgent = await send_text(sg.parent, sg.parent_room, URGENT)
    await eventually(lambda: _any(sg.parent_notices(), "999", "first thing when school opens"))
    [incident] = await eventually(sg.safeguarding_incidents)
    assert "at the next opening" in incident["outcome"]
    await sg.handled(urgent)  # the alert is recorded, to be kept from the weekend
    sg.at(SATURDAY)
    await sg.bot.app.release_due()
    assert await sg.lead_alerts() == []  # an alert at the weekend is what the school declined

    sg.at(MONDAY_OPENING)
    # The scheduled job may run beside these two catch-ups: each lead is still told once (the
    # notice goes under the same transaction id from each).
    await asyncio.gather(sg.bot.app.release_due(), sg.bot.app.release_due())
    [alert_text] = await sg.lead_alerts()  # sent (and marked told) before release_due returns
    assert URGENT in alert_text
    alert = await sg.bot.store.alerts.by_source(urgent)
    teacher_copy = await sg.bot.store.relay.by_source(urgent)
    assert alert.notified_at is not None and teacher_copy.delivered_at is not None
    assert alert.notified_at <= teacher_copy.delivered_at  # the leads first


async def test_a_family_can_say_it_is_urgent_when_the_bot_did_not_see_it(
    sg: Safeguarding,
) -> None:
    sg.at(FRIDAY_7PM)
    # Nothing in the words says danger; only the family knows what it is about. (Hinting at
    # what a child said, or asking to be rung tonight, the judge already reads as danger.)
    unseen = "Could I have a quick word before school tomorrow about Amelia please?"
    assert judge(unseen, JudgeContext(where="dm")).label is Label.OK
    held = await send_text(sg.parent, sg.parent_room, unseen)
    await sg.handled(held)
    notices = await eventually(sg.parent_notices)
    assert any("held" in n and "!urgent" in n for n in notices)  # told how to ask for help
    assert await sg.lead_alerts() == []

    command = await send_text(sg.parent, sg.parent_room, "!urgent")
    await eventually(lambda: _any(sg.parent_notices(), "999", "safeguarding lead"), within=SOON)
    alerts = await eventually(sg.lead_alerts, within=SOON)
    assert unseen in alerts[0] and "which the family marked urgent" in alerts[0]
    [incident] = await eventually(sg.safeguarding_incidents)
    assert incident["confirmed_by"] == "the family (!urgent)"
    await sg.handled(command)  # the label is recorded after the alert goes out
    assert (await sg.bot.store.relay.by_source(held)).label == "urgent"

    sg.at(MONDAY_OPENING)
    await sg.bot.app.release_due()
    delivered = await eventually(sg.delivered_to_teacher)
    assert "URGENT" in delivered[0] and unseen in delivered[0]
