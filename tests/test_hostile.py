"""Hostile input: a raw client sends malformed events into every kind of room, and floods
the event reports; on the real Synapse with the guard module loaded, as a school runs it.

The bot never crashes, never acts on staff, and either handles each event or records why
it did not (every event id has an outcome in `processed_events`); its guard endpoint
answers every question Synapse asks about them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

import aiohttp
import nio
from conftest import (
    BotLauncher,
    Matrix,
    RunningBot,
    School,
    eventually,
    incidents_in,
    join,
    notices_in,
    send_text,
)

from bot.admin import admin
from bot.provisioning import ESCALATION_KEY, home_key, parent_dm_key, story_key
from bot.reports import EventReports

NESTED = "<div>" * 3000 + "deep" + "</div>" * 3000
BIDI = "Lovely \u202egnikcatta\u202c day \u0000\u0007\u200b\ufeff"


def hostile_contents(target: str, other_room_event: str) -> list[tuple[str, dict]]:
    """(event type, content) pairs no well-behaved client would send."""
    return [
        ("m.room.message", {"msgtype": "m.text", "body": 12345}),
        ("m.room.message", {"msgtype": "m.text", "body": ["a", "list"]}),
        ("m.room.message", {"msgtype": "m.text", "body": {"nested": {"deeper": True}}}),
        ("m.room.message", {"body": "no msgtype at all"}),
        ("m.room.message", {"msgtype": "m.text", "body": "x" * 60_000}),
        (
            "m.room.message",
            {
                "msgtype": "m.text",
                "body": "deep",
                "format": "org.matrix.custom.html",
                "formatted_body": NESTED,
            },
        ),
        (
            "m.room.message",
            {
                "msgtype": "m.text",
                "body": "odd relation",
                "m.relates_to": {"rel_type": "org.example.unknown", "event_id": target},
            },
        ),
        (
            "m.room.message",
            {
                "msgtype": "m.text",
                "body": "reply elsewhere",
                "m.relates_to": {"m.in_reply_to": {"event_id": other_room_event}},
            },
        ),
        (
            "m.room.message",
            {
                "msgtype": "m.text",
                "body": "reply to nothing",
                "m.relates_to": {"m.in_reply_to": {"event_id": "$missing"}},
            },
        ),
        (
            "m.room.message",
            {
                "msgtype": "m.text",
                "body": "* edit",
                "m.new_content": "text",
                "m.relates_to": {"rel_type": "m.replace", "event_id": target},
            },
        ),
        (
            "m.room.message",
            {
                "msgtype": "m.text",
                "body": "* edit of nothing",
                "m.new_content": {"msgtype": "m.text", "body": "new"},
                "m.relates_to": {"rel_type": "m.replace", "event_id": "$gone"},
            },
        ),
        ("m.room.message", {"msgtype": "m.image", "body": "bad mxc", "url": "mxc://"}),
        ("m.room.message", {"msgtype": "m.image", "body": "not mxc", "url": "https://x.y/z"}),
        (
            "m.room.message",
            {
                "msgtype": "m.image",
                "body": "huge",
                "url": "mxc://nowhere/x",
                "info": {"size": 2**52, "w": 10**9, "h": 10**9},
            },
        ),
        ("m.room.message", {"msgtype": "m.file", "body": "file", "file": "not an object"}),
        ("m.room.message", {"msgtype": "m.text", "body": BIDI}),
        ("m.room.message", {"msgtype": "m.text", "body": "!help " + "arg " * 10_000}),
        ("m.room.message", {"msgtype": "m.text", "body": "!clock " + "2026 " * 10_000}),
        (
            "m.reaction",
            {
                "m.relates_to": {
                    "rel_type": "m.annotation",
                    "event_id": target,
                    "key": {"not": "a string"},
                }
            },
        ),
        ("m.reaction", {"m.relates_to": "nonsense"}),
        ("org.example.custom", {"anything": [1, 2, 3]}),
    ]


async def test_malformed_events_in_every_kind_of_room_never_stop_the_bot(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    bot = await launch_guarded()
    bot.app.clock.set(datetime.fromisoformat("2026-11-24T10:00:00+00:00"))
    failed = _record_guard_failures(bot)
    parent_person = guarded_matrix.register("raw")
    await bot.link(parent_person, "Amelia Hughes")
    raw = await guarded_matrix.client(parent_person)
    teacher_id = guarded_school.staff["reid"].user_id
    rooms = {
        "story": await bot.room(story_key("oak")),
        "home": await bot.room(home_key(parent_person.user_id)),
        "parent_dm": await bot.room(parent_dm_key(parent_person.user_id, teacher_id)),
    }
    for room in rooms.values():
        await join(raw, room)
    teacher = await guarded_matrix.client(guarded_school.staff["reid"])
    await join(teacher, rooms["story"])
    staff_post = await send_text(teacher, rooms["story"], "Staff post: useless rubbish words")
    head = await guarded_matrix.client(guarded_school.staff["okafor"])
    escalation = await bot.room(ESCALATION_KEY)
    await join(head, escalation)

    # A reaction to a redacted event, and edits of edits.
    doomed = await send_text(raw, rooms["home"], "soon deleted")
    await raw.room_redact(rooms["home"], doomed)
    first = await send_text(raw, rooms["parent_dm"], "first")
    edit = await send_text(
        raw,
        rooms["parent_dm"],
        "* second",
        **{
            "m.new_content": {"msgtype": "m.text", "body": "second"},
            "m.relates_to": {"rel_type": "m.replace", "event_id": first},
        },
    )
    sent = [doomed, first, edit]
    sent.append(
        await send_text(
            raw,
            rooms["parent_dm"],
            "* third",
            **{
                "m.new_content": {"msgtype": "m.text", "body": "third"},
                "m.relates_to": {"rel_type": "m.replace", "event_id": edit},
            },
        )
    )
    reaction = await raw.room_send(
        rooms["home"],
        "m.reaction",
        {"m.relates_to": {"rel_type": "m.annotation", "event_id": doomed, "key": "👍"}},
    )
    if isinstance(reaction, nio.RoomSendResponse):
        sent.append(reaction.event_id)

    refused: list[tuple[str, str, str, str]] = []
    for name, room in rooms.items():
        for event_type, content in hostile_contents(staff_post, sent[0]):
            response = await raw.room_send(room, event_type, content)
            if isinstance(response, nio.RoomSendResponse):
                sent.append(response.event_id)
            else:  # the server refused it (power levels, validation): the bot never sees it
                refused.append((name, event_type, response.status_code, response.message))
    # SLT sending nonsense in the escalation room is handled as well, and never punished.
    sent.append(await send_text(head, escalation, "!strikes " + "@x:y " * 5000))
    sent.append(await send_text(head, escalation, "\u202e!pardon"))

    async def all_recorded() -> bool:
        outcomes = [await bot.store.events.outcome(e) for e in sent]
        return all(o is not None for o in outcomes)

    assert len(sent) > 40, refused  # most of it reached the rooms
    await eventually(all_recorded, within=90)
    assert not bot.task.done(), "the bot stopped"
    outcomes = [await bot.store.events.outcome(e) for e in sent]
    assert all(o[0] in ("handled", "ignored", "failed") for o in outcomes)
    # Never acts on staff: the teacher's post is untouched (only remembered for the weekly
    # digest) and no staff member has a strike.
    audit = await bot.store.audit.recent(5000)
    assert [row.kind for row in audit if row.target == staff_post] == ["remember_story_post"]
    # Everything the bot decided to do, it could do (nothing too large, nothing malformed).
    assert [(r.kind, r.detail.get("error")) for r in audit if r.result == "failed"] == []
    for member in guarded_school.staff.values():
        assert await bot.store.discipline.strikes(member.user_id) == []
    # The guard endpoint answered every question (an error would let the event through
    # unjudged: Synapse fails open).
    assert failed == []
    # Still working afterwards.
    after = await send_text(raw, rooms["home"], "!help")
    await eventually(lambda: bot.store.events.outcome(after))


def _record_guard_failures(bot: RunningBot) -> list[str]:
    """What the guard endpoint raised while deciding (Synapse sees an HTTP 500)."""
    failed: list[str] = []
    guard = bot.app.guard
    assert guard is not None, "the bot serves no guard endpoint"
    check_event = guard.check_event

    async def recording(*args: Any, **kwargs: Any) -> Any:
        try:
            return await check_event(*args, **kwargs)
        except Exception as err:
            failed.append(repr(err))
            raise

    guard.check_event = recording  # type: ignore[method-assign]
    return failed


async def _report(matrix: Matrix, client: nio.AsyncClient, room_id: str, event_id: str) -> None:
    url = (
        f"{matrix.settings.base_url}/_matrix/client/v3/rooms/{quote(room_id)}/report/"
        f"{quote(event_id)}"
    )
    headers = {"Authorization": f"Bearer {client.access_token}"}
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json={"reason": "Rude"}, headers=headers) as response:
            assert response.status == 200, await response.text()


async def test_a_flood_of_reports_against_a_teacher_is_one_notice_and_never_about_them(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    """Issue 11: 20 reports by one parent against a teacher's post gave SLT 20 notices and
    made the teacher the subject of an incident. The kind twin: a parent's one report about
    another parent's reply reaches SLT as an incident about that parent."""
    bot = await launch_guarded()
    reporter = guarded_matrix.register("reporter")
    other = guarded_matrix.register("other")
    await bot.link(reporter, "Amelia Hughes")
    await bot.link(other, "Oliver Bennett")
    oak = await bot.room(story_key("oak"))
    clients = {}
    for person in (reporter, other):
        clients[person.user_id] = client = await guarded_matrix.client(person)
        await join(client, oak)
    teacher = await guarded_matrix.client(guarded_school.staff["reid"])
    await join(teacher, oak)
    head = await guarded_matrix.client(guarded_school.staff["okafor"])
    escalation = await bot.room(ESCALATION_KEY)
    await join(head, escalation)
    post = await send_text(teacher, oak, "Oak class planted sunflowers")
    unkind = await send_text(
        clients[other.user_id],
        oak,
        "We did this last year too",
        **{"m.relates_to": {"m.in_reply_to": {"event_id": post}}},
    )
    await eventually(lambda: bot.store.events.outcome(unkind))
    reporting = clients[reporter.user_id]
    await _report(guarded_matrix, reporting, oak, unkind)
    for _ in range(20):
        await _report(guarded_matrix, reporting, oak, post)
    # The reports are server-wide: another test's bot on this Synapse would post these.
    reports = EventReports(bot.store, bot.app.executor, bot.app.clock, bot.config)
    try:
        await eventually(reports.check)
        assert await reports.check() == 0
        incidents = await incidents_in(head, escalation)
        about_other = [i for i in incidents if i["kind"] == "reported"]
        assert [i["event_id"] for i in about_other] == [unkind]  # the kind twin
        posted = [i for i in incidents if i["kind"] == "report about a member of staff"]
        assert len(posted) == 4  # five reports this hour, then one grouped notice
        grouped = [n for n in await notices_in(head, escalation) if "more than 5" in n]
        assert len(grouped) == 1
        assert await bot.store.incidents.of_user(guarded_school.staff["reid"].user_id) == []
        assert await bot.store.discipline.strikes(guarded_school.staff["reid"].user_id) == []
    finally:
        await _delete_reports(bot)


async def _delete_reports(bot: RunningBot) -> None:
    """Every event report on the server deleted, so no later test's bot sees them."""
    listed = await admin(bot.client, "GET", "/_synapse/admin/v1/event_reports?limit=100")
    for report in listed.get("event_reports") or []:
        await admin(bot.client, "DELETE", f"/_synapse/admin/v1/event_reports/{report['id']}")
