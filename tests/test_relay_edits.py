"""Edits are judged as the message they now show, before anyone sees them (real Synapse)."""

from __future__ import annotations

from datetime import datetime

import pytest
from conftest import (
    BotLauncher,
    Matrix,
    School,
    eventually,
    incidents_in,
    join,
    messages,
    notices_in,
    send_text,
)
from test_relay import FRIDAY_EVENING, MONDAY_OPENING, TUESDAY_MORNING, start

from bot.judge import Label, Outcome, Verdict
from bot.provisioning import home_key
from handlers import relay

ABUSE = "You useless cow, I know what car you drive and I'll be waiting for you"
DANGER = "He said he wants to die and he's been hiding a knife under his bed"
FRIDAY_7PM = datetime.fromisoformat("2026-11-20T19:00:00+00:00")
UNSURE = "Her uncle is picking her up again and she doesn't want to go with him"


async def _edit(client, room: str, target: str, body: str) -> str:  # noqa: ANN001
    return await send_text(
        client,
        room,
        f"* {body}",
        **{
            "m.new_content": {"msgtype": "m.text", "body": body},
            "m.relates_to": {"rel_type": "m.replace", "event_id": target},
        },
    )


async def test_a_held_message_edited_into_abuse_is_diverted_and_never_released(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    talk = await start(launch_guarded, guarded_matrix, guarded_school, FRIDAY_EVENING)
    head, escalation = await talk.head_in_escalation()
    first = await send_text(talk.parent, talk.parent_room, "Can we talk about reading?")
    await talk.handled(first)
    await talk.handled(await _edit(talk.parent, talk.parent_room, first, ABUSE))
    [incident] = await eventually(lambda: incidents_in(head, escalation))
    assert incident["kind"] == "private message diverted to SLT"
    assert incident["evidence"]["body"] == ABUSE
    assert (await talk.bot.store.relay.by_source(first)).status == "diverted"
    talk.bot.app.clock.set(MONDAY_OPENING)
    assert await talk.bot.app.release_due() == 0
    assert await talk.delivered_to_teacher() == []


async def test_a_held_message_edited_kindly_is_released_with_the_new_text(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    talk = await start(launch_guarded, guarded_matrix, guarded_school, FRIDAY_EVENING)
    first = await send_text(talk.parent, talk.parent_room, "Can we talk about reading?")
    await talk.handled(first)
    await talk.handled(await _edit(talk.parent, talk.parent_room, first, "Can we talk maths?"))
    talk.bot.app.clock.set(MONDAY_OPENING)
    assert await talk.bot.app.release_due() == 1
    [body] = [e["content"]["body"] for e in await eventually(talk.delivered_to_teacher)]
    assert "Can we talk maths?" in body


async def test_a_delivered_message_edited_into_abuse_is_not_passed_on(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    talk = await start(launch_guarded, guarded_matrix, guarded_school, TUESDAY_MORNING)
    head, escalation = await talk.head_in_escalation()
    first = await send_text(talk.parent, talk.parent_room, "Thanks for today")
    await eventually(talk.delivered_to_teacher)
    edit = await _edit(talk.parent, talk.parent_room, first, ABUSE)
    await talk.handled(edit)
    [incident] = await eventually(lambda: incidents_in(head, escalation))
    assert "edit was not passed on" in incident["outcome"]
    seen = [e["content"].get("body", "") for e in await messages(talk.teacher, talk.teacher_room)]
    assert not any("useless" in body for body in seen)


async def test_a_delivered_message_edited_kindly_changes_the_teachers_copy(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    talk = await start(launch_guarded, guarded_matrix, guarded_school, TUESDAY_MORNING)
    first = await send_text(talk.parent, talk.parent_room, "Thanks for today")
    await eventually(talk.delivered_to_teacher)
    await talk.handled(await _edit(talk.parent, talk.parent_room, first, "Thanks for the trip"))

    async def edited() -> bool:
        bodies = [
            e["content"].get("body", "") for e in await messages(talk.teacher, talk.teacher_room)
        ]
        return any(b.startswith("* ") and "Thanks for the trip" in b for b in bodies)

    assert await eventually(edited)


async def test_a_held_message_edited_into_danger_alerts_the_lead_and_goes_first(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    talk = await start(launch_guarded, guarded_matrix, guarded_school, FRIDAY_EVENING)
    lead = await guarded_matrix.client(guarded_school.staff["okafor"])
    lead_home = await talk.bot.room(home_key(guarded_school.staff["okafor"].user_id))
    await join(lead, lead_home)
    ordinary = await send_text(talk.parent, talk.parent_room, "Is there PE on Monday?")
    first = await send_text(talk.parent, talk.parent_room, "Can we have a chat on Monday?")
    await talk.handled(ordinary)
    await talk.handled(first)
    await talk.handled(await _edit(talk.parent, talk.parent_room, first, DANGER))

    async def alerted() -> list[str]:
        return [
            e["content"]["body"]
            for e in await messages(lead, lead_home)
            if "URGENT" in e["content"].get("body", "")
        ]

    [alert] = await eventually(alerted, within=5)
    assert DANGER in alert and "edited to say this" in alert

    async def leads_told() -> bool:  # recorded just after the notice (and its ✅) went out
        raised = await talk.bot.store.alerts.by_source(first)
        return raised is not None and raised.notified_at is not None

    await eventually(leads_told)  # else the release below would find the alert still due
    talk.bot.app.clock.set(MONDAY_OPENING)
    assert await talk.bot.app.release_due() == 2
    bodies = [e["content"]["body"] for e in await eventually(talk.delivered_to_teacher)]
    assert "URGENT" in bodies[0] and DANGER in bodies[0]


async def test_an_unsure_message_edited_into_danger_at_7pm_gets_the_family_the_emergency_routes(
    launch_guarded: BotLauncher,
    guarded_matrix: Matrix,
    guarded_school: School,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A lead was only asked to read it (the family not alarmed); edited into clear danger,
    the alert becomes urgent: the family answered, the lead alerted again, the teacher first."""
    readings = {
        UNSURE: Verdict(Label.OK, 0.8, ("reads danger",), Outcome.KEEP, doubt="reads danger"),
        DANGER: Verdict(Label.URGENT, 0.97, ("wants to die",), Outcome.KEEP),
    }
    real = relay.judge
    monkeypatch.setattr(relay, "judge", lambda text, ctx: readings.get(text) or real(text, ctx))
    talk = await start(launch_guarded, guarded_matrix, guarded_school, FRIDAY_7PM)
    lead = await guarded_matrix.client(guarded_school.staff["okafor"])
    lead_home = await talk.bot.room(home_key(guarded_school.staff["okafor"].user_id))
    await join(lead, lead_home)
    first = await send_text(talk.parent, talk.parent_room, UNSURE)
    await talk.handled(first)

    async def lead_notices(word: str) -> list[str]:
        return [n for n in await notices_in(lead, lead_home) if word in n]

    await eventually(lambda: lead_notices("PLEASE READ"), within=5)
    unsure = await talk.bot.store.alerts.by_source(first)
    assert unsure is not None and unsure.reply_room == "" and unsure.notified_at, unsure

    await talk.handled(await _edit(talk.parent, talk.parent_room, first, DANGER))

    async def upgraded() -> bool:
        alert = await talk.bot.store.alerts.by_source(first)
        return alert is not None and alert.reply_room == talk.parent_room and alert.notified_at

    await eventually(upgraded, within=5)

    async def family_answered() -> list[str]:
        emergency = talk.bot.app.config.safeguarding.emergency
        return [n for n in await notices_in(talk.parent, talk.parent_room) if emergency in n]

    [answer] = await eventually(family_answered, within=5)
    assert "999" in answer, answer
    [alert] = await eventually(lambda: lead_notices("URGENT"), within=5)
    assert DANGER in alert and "edited to say this" in alert, alert
    talk.bot.app.clock.set(MONDAY_OPENING)
    assert await talk.bot.app.release_due() == 1
    [copy] = [e["content"]["body"] for e in await eventually(talk.delivered_to_teacher)]
    assert "URGENT" in copy and DANGER in copy, copy


async def test_a_familys_html_cannot_forge_a_heading_or_a_picture_for_the_teacher(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    talk = await start(launch_guarded, guarded_matrix, guarded_school, TUESDAY_MORNING)
    forged = "<h1>Mrs Okafor (Headteacher):</h1><img src='mxc://x/y'>School closes at 1pm"
    await send_text(
        talk.parent,
        talk.parent_room,
        "School closes at 1pm",
        format="org.matrix.custom.html",
        formatted_body=forged,
    )
    [copy] = await eventually(talk.delivered_to_teacher)
    shown = copy["content"]["formatted_body"]
    assert "<h1>" not in shown and "<img" not in shown and "Headteacher" not in shown
    assert shown.startswith("<b>") and "parent" in shown.split("</b>")[0]

    reply = "<b>Thank you</b>, see you tomorrow"
    await send_text(
        talk.teacher,
        talk.teacher_room,
        "Thank you, see you tomorrow",
        format="org.matrix.custom.html",
        formatted_body=reply,
    )

    async def teacher_formatting_kept() -> bool:
        return any(
            "<b>Thank you</b>" in e["content"].get("formatted_body", "")
            for e in await messages(talk.parent, talk.parent_room)
        )

    assert await eventually(teacher_formatting_kept)
