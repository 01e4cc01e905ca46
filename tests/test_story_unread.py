"""A story reply the judge cannot read, with real clients on a real Synapse.

Out of the teachers' hours such a reply may be a disclosure nobody reads until morning: a
safeguarding lead is asked to read it now (the private message's PLEASE READ path), and
the teacher still decides whether it goes back in the story. The clock is the bot's
injected clock. Miss Reid teaches Oak (Amelia's class); Mrs Okafor is the safeguarding
lead and a senior leader; Mrs Lewis is in the office.
"""

from __future__ import annotations

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

from bot.judge import JudgeContext, Label, Outcome, judge
from bot.provisioning import ESCALATION_KEY, SCHOOL_STORY_KEY, home_key, story_key
from storage.story import Review

FRIDAY_7PM = datetime.fromisoformat("2026-11-20T19:00:00+00:00")
TUESDAY_10AM = datetime.fromisoformat("2026-11-24T10:00:00+00:00")
SOON = 5.0  # seconds: what the safeguarding issue promises a family and a lead

#: "Amelia says her dad hits her at home and she is afraid to go back" (Polish: none of
#: its words is on the judge's lists).
UNREAD = "Amelia mówi, że tata ją bije w domu i boi się wracać"
KIND_POLISH = "Piękne słoneczniki, dziękujemy!"
#: An English reply the judge reads and is unsure about: a teacher decides, as ever.
UNSURE = "Shame Amelia missed it again"
KIND = "What a lovely sunflower day, thank you!"
STORY = JudgeContext(where="story", pupil_names=frozenset({"Amelia"}))


def test_the_judge_cannot_read_the_reply_and_reads_the_kind_one() -> None:
    unread = judge(UNREAD, STORY)
    assert unread.unread == "Polish" and unread.outcome is Outcome.ASK, unread
    kind = judge(KIND_POLISH, STORY)
    assert kind.unread is None and kind.outcome is Outcome.KEEP, kind
    unsure = judge(UNSURE, STORY)
    assert unsure.unread is None and unsure.outcome is Outcome.ASK, unsure
    assert unsure.label is Label.NEGATIVE, unsure  # a strike if a teacher removes it


class StoryReplies:
    """Amelia's parent in a story room, its deciding staff and the lead, all real clients."""

    def __init__(self, bot: RunningBot, matrix: Matrix, school: School) -> None:
        self.bot, self.matrix, self.school = bot, matrix, school

    async def setup(self, room_key: str, staff_id: str) -> StoryReplies:
        """`staff_id` writes the post and is asked about unsure replies."""
        self.room = await self.bot.room(room_key)
        self.parent_person = self.matrix.register("sam", displayname="Sam")
        await self.bot.link(self.parent_person, "Amelia Hughes")
        self.parent = await self.matrix.client(self.parent_person)
        self.parent_home = await self.bot.room(home_key(self.parent_person.user_id))
        await join(self.parent, self.parent_home)
        self.lead = await self.matrix.client(self.school.staff["okafor"])
        self.lead_home = await self.bot.room(home_key(self.school.staff["okafor"].user_id))
        await join(self.lead, self.lead_home)
        self.escalation = await self.bot.room(ESCALATION_KEY)
        await join(self.lead, self.escalation)
        self.decider = await self.matrix.client(self.school.staff[staff_id])
        self.decider_home = await self.bot.room(home_key(self.school.staff[staff_id].user_id))
        await join(self.decider, self.decider_home)
        await join(self.decider, self.room)
        self.post = await send_text(self.decider, self.room, "We planted sunflowers 🌻")
        await join(self.parent, self.room)
        return self

    def at(self, instant: datetime) -> None:
        self.bot.app.clock.set(instant)

    async def reply(self, body: str) -> str:
        relation = {"m.relates_to": {"m.in_reply_to": {"event_id": self.post}}}
        return await send_text(self.parent, self.room, body, **relation)

    async def handled(self, event_id: str) -> None:
        await eventually(lambda: self.bot.store.events.outcome(event_id))

    async def asked_to_read(self) -> list[str]:
        return [n for n in await notices_in(self.lead, self.lead_home) if "PLEASE READ" in n]

    async def decider_asked(self) -> list[str]:
        notices = await notices_in(self.decider, self.decider_home)
        return [n for n in notices if "is waiting for you" in n and "React ✅" in n]

    async def family_notices(self) -> list[str]:
        return await notices_in(self.parent, self.parent_home)

    async def safeguarding_incidents(self) -> list[dict]:
        incidents = await incidents_in(self.lead, self.escalation)
        return [i for i in incidents if i.get("kind") == "safeguarding"]

    async def strikes(self) -> list:
        return await self.bot.store.discipline.strikes(self.parent_person.user_id)

    async def decide(self, body: str, key: str) -> str:
        """The deciding teacher reacts `key` to the notice asking about the reply `body`;
        the reaction's event id."""

        async def review_notice() -> str | None:
            for event in await messages(self.decider, self.decider_home):
                said = event["content"].get("body", "")
                if "is waiting for you" in said and body in said:
                    return event["event_id"]
            return None

        notice = await eventually(review_notice)
        reaction = {"m.relates_to": {"rel_type": "m.annotation", "event_id": notice, "key": key}}
        response = await self.decider.room_send(self.decider_home, "m.reaction", reaction)
        assert isinstance(response, nio.RoomSendResponse)
        return response.event_id

    async def decided(self, reply: str) -> Review:
        async def review() -> Review | None:
            found = await self.bot.store.story.review_for_event(reply)
            return found if found is not None and found.decision is not None else None

        return await eventually(review)

    async def removals_for_slt(self) -> list[dict]:
        """The escalation room's incidents for a teacher's ❌ (posted after all the rest)."""
        incidents = await incidents_in(self.lead, self.escalation)
        return [i for i in incidents if i.get("kind") == "teacher removed a reply"]


@pytest.fixture
async def oak(launch: BotLauncher, matrix: Matrix, school: School) -> StoryReplies:
    return await StoryReplies(await launch(), matrix, school).setup(story_key("oak"), "reid")


async def _told(notices, *words: str) -> list[str]:  # noqa: ANN001 (an awaitable of notices)
    return [n for n in await notices if all(w in n for w in words)]


async def test_an_unread_story_reply_at_seven_is_read_by_a_lead_now_and_still_asked_about(
    oak: StoryReplies,
) -> None:
    oak.at(FRIDAY_7PM)
    reply = await oak.reply(UNREAD)

    [alert] = await eventually(oak.asked_to_read, within=SOON)
    assert UNREAD in alert and "Polish" in alert and "Amelia (Oak Class)" in alert
    assert "a reply in the Oak Class story (hidden until a teacher decides)" in alert
    [incident] = await eventually(oak.safeguarding_incidents)
    assert incident["rule"] == "unread" and "no strike" in incident["outcome"]
    [told] = await eventually(
        lambda: _told(oak.family_notices(), "999", "cannot read messages in your language"),
        within=SOON,
    )
    assert "waiting for a teacher to look at it" in told
    [asked] = await eventually(oak.decider_asked)  # the teacher still decides, as ever
    assert UNREAD in asked
    assert await eventually(lambda: is_redacted(oak.decider, oak.room, reply))  # hidden until then
    await oak.handled(reply)  # no strike: the bot has finished with the reply
    assert await oak.strikes() == []

    alert_record = await oak.bot.store.alerts.by_source(reply)
    await send_text(oak.lead, oak.lead_home, f"!ack {alert_record.handle}")
    await eventually(lambda: _told(oak.family_notices(), "seen by the school's safeguarding lead"))

    async def acked_by() -> str | None:  # recorded beside the family's notice
        return (await oak.bot.store.alerts.by_source(reply)).acked_by

    assert await eventually(acked_by) == oak.school.staff["okafor"].user_id

    minutes = oak.bot.config.safeguarding.chase_minutes
    oak.at(FRIDAY_7PM + timedelta(minutes=minutes + 1))
    await oak.bot.app.safeguarding_due()
    assert (await oak.bot.store.alerts.by_source(reply)).chased_at is None  # closed
    assert await oak.strikes() == []


async def test_in_hours_the_teacher_alone_is_asked_about_an_unread_story_reply(
    oak: StoryReplies,
) -> None:
    oak.at(TUESDAY_10AM)
    reply = await oak.reply(UNREAD)
    [asked] = await eventually(oak.decider_asked, within=SOON)
    assert UNREAD in asked
    await eventually(lambda: _told(oak.family_notices(), "waiting for a teacher"))
    await oak.handled(reply)
    assert await oak.bot.store.alerts.by_source(reply) is None
    assert await oak.asked_to_read() == []
    assert await oak.safeguarding_incidents() == []
    assert not any("999" in n for n in await oak.family_notices())


@pytest.mark.usefixtures("story_danger_in_doubt")
@pytest.mark.parametrize("at", [FRIDAY_7PM, TUESDAY_10AM])
async def test_a_reply_read_as_danger_in_doubt_is_read_by_a_lead_and_the_family_not_alarmed(
    oak: StoryReplies, at: datetime
) -> None:
    """Only the learned tier reads it as danger, not surely: at any hour a lead is asked to
    read it now and the teacher decides; the family is told it waits, not to ring 999."""
    oak.at(at)
    reply = await oak.reply(KIND)
    [alert] = await eventually(oak.asked_to_read, within=SOON)
    assert KIND in alert and "may be about a child's safety" in alert
    assert "The family has not been given the emergency routes" in alert
    [incident] = await eventually(oak.safeguarding_incidents)
    assert incident["rule"] == "unsure" and "no strike" in incident["outcome"]
    [asked] = await eventually(oak.decider_asked, within=SOON)
    assert KIND in asked and "a safeguarding lead has been asked to read it" in asked
    await eventually(lambda: _told(oak.family_notices(), "waiting for a teacher"), within=SOON)
    assert await eventually(lambda: is_redacted(oak.decider, oak.room, reply))
    await oak.handled(reply)
    assert not any("999" in n for n in await oak.family_notices())
    assert await oak.strikes() == []


async def test_a_kind_polish_story_reply_at_seven_stays_with_no_alert(oak: StoryReplies) -> None:
    oak.at(FRIDAY_7PM)
    reply = await oak.reply(KIND_POLISH)
    await oak.handled(reply)
    assert not await is_redacted(oak.decider, oak.room, reply)
    assert await oak.bot.store.alerts.by_source(reply) is None
    assert await incidents_in(oak.lead, oak.escalation) == []
    assert await oak.decider_asked() == []


async def test_an_unread_school_story_reply_at_seven_alerts_the_lead_and_is_chased(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    replies = await StoryReplies(await launch(), matrix, school).setup(SCHOOL_STORY_KEY, "lewis")
    replies.at(FRIDAY_7PM)
    reply = await replies.reply(UNREAD)

    [alert] = await eventually(replies.asked_to_read, within=SOON)
    assert UNREAD in alert and "a reply in the School Story" in alert
    await eventually(lambda: _told(replies.family_notices(), "999"), within=SOON)
    [asked] = await eventually(replies.decider_asked)  # SLT and the office decide here
    assert "in the School Story is waiting for you" in asked

    async def leads_told() -> bool:  # recorded just after the notices go out
        record = await replies.bot.store.alerts.by_source(reply)
        return record is not None and record.notified_at is not None

    await eventually(leads_told)
    minutes = replies.bot.config.safeguarding.chase_minutes
    replies.at(FRIDAY_7PM + timedelta(minutes=minutes + 1))
    await replies.bot.app.safeguarding_due()

    async def chased() -> list[str]:
        return [
            e["content"]["body"]
            for e in await messages(replies.lead, replies.escalation)
            if "No safeguarding lead has acknowledged" in e["content"].get("body", "")
        ]

    [chase] = await eventually(chased)
    assert UNREAD in chase
    await replies.handled(reply)
    assert await replies.strikes() == []


async def test_out_of_hours_the_teachers_tick_still_puts_the_reply_back(
    oak: StoryReplies,
) -> None:
    oak.at(FRIDAY_7PM)
    reply = await oak.reply(UNREAD)
    await eventually(oak.asked_to_read, within=SOON)
    tick = await oak.decide(UNREAD, "✅")
    assert (await oak.decided(reply)).decision == "keep"
    await eventually(lambda: _told(oak.family_notices(), "now in the class story"))
    await oak.handled(reply)
    await oak.handled(tick)  # no strike from the reply or the decision
    assert await oak.strikes() == []


async def test_out_of_hours_the_teachers_cross_keeps_an_unread_reply_out_with_no_strike(
    oak: StoryReplies,
) -> None:
    """It may be a disclosure: nobody could read it, so removing it never punishes the
    family; SLT still have the incident, with the evidence and who decided."""
    oak.at(FRIDAY_7PM)
    reply = await oak.reply(UNREAD)
    await eventually(oak.asked_to_read, within=SOON)
    cross = await oak.decide(UNREAD, "❌")
    review = await oak.decided(reply)
    assert review.decision == "remove" and review.unread == "Polish"

    [removed] = await eventually(oak.removals_for_slt)  # the last of the decision's actions
    assert removed["confirmed_by"] == "Miss Reid" and removed["rule"] == "unread"
    assert removed["evidence"]["body"] == UNREAD and "no strike" in removed["outcome"]
    await oak.handled(cross)  # its records, and no re-post, once the bot is done with it
    assert await oak.strikes() == []
    [recorded] = [
        i
        for i in await oak.bot.store.incidents.of_user(oak.parent_person.user_id)
        if i.kind == "teacher removed a reply"
    ]
    assert recorded.confirmed_by == "Miss Reid" and recorded.evidence["body"] == UNREAD
    [told] = await eventually(lambda: _told(oak.family_notices(), "has not been put back"))
    assert "Miss Reid has looked at your reply" in told and "the Oak Class story" in told
    assert "strike" not in told and "This is a warning" not in told
    assert await is_redacted(oak.decider, oak.room, reply)  # out of the story, and not re-posted
    assert not any(UNREAD in n for n in await notices_in(oak.decider, oak.room))


async def test_the_teachers_cross_on_an_english_reply_still_gives_a_strike(
    oak: StoryReplies,
) -> None:
    """The twin: a reply the judge read and asked about is removed with a strike, as ever."""
    oak.at(FRIDAY_7PM)
    reply = await oak.reply(UNSURE)
    cross = await oak.decide(UNSURE, "❌")
    review = await oak.decided(reply)
    assert review.decision == "remove" and review.unread is None

    [removed] = await eventually(oak.removals_for_slt)
    assert removed["confirmed_by"] == "Miss Reid" and removed["rule"] == "negative"
    assert "strike 1" in removed["outcome"]
    await oak.handled(reply)
    await oak.handled(cross)  # the strike is recorded and no lead was asked
    [strike] = await oak.strikes()
    assert strike.event_id == reply and strike.rule == "negative"
    assert strike.confirmed_by == "Miss Reid"
    await eventually(lambda: _told(oak.family_notices(), "This is a warning"))
    assert await is_redacted(oak.decider, oak.room, reply)
    assert await oak.asked_to_read() == []
