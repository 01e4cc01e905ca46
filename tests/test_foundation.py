"""The foundation against a real Synapse: provisioning, power levels, exactly-once sync,
failure isolation, history skipping and the demo clock."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import nio
import pytest
from conftest import (
    BotLauncher,
    Matrix,
    School,
    eventually,
    join,
    make_school,
    messages,
    send_text,
)

from bot.homeserver import SynapseProcess, write_synapse_config
from bot.provisioning import ESCALATION_KEY, SCHOOL_STORY_KEY, home_key, story_key
from handlers import Context, Event
from storage.rooms import RoomKind


class Recorder:
    """A handler that remembers every event it was given, in order."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.seen: list[str] = []
        self.fail_on = fail_on

    async def __call__(self, event: Event, ctx: Context) -> list[Any]:
        if event.type != "m.room.message":
            return []
        if self.fail_on is not None and event.body == self.fail_on:
            raise RuntimeError("deliberate failure for the test")
        self.seen.append(event.event_id)
        return []


def story_routes(recorder: Recorder) -> dict[RoomKind, list[Any]]:
    return {RoomKind.STORY: [recorder], RoomKind.WELCOME: [recorder]}


async def state_of(client: nio.AsyncClient, room_id: str) -> dict[tuple[str, str], dict]:
    response = await client.room_get_state(room_id)
    assert isinstance(response, nio.RoomGetStateResponse), response
    return {(e["type"], e.get("state_key", "")): e["content"] for e in response.events}


async def test_provisioning_creates_rooms_once_and_converges(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    bot = await launch(start=False)
    config = school.config()
    homes = [home_key(person.user_id) for person in school.staff.values()]
    assert sorted(bot.report.created) == sorted(
        [ESCALATION_KEY, *(story_key(c.id) for c in config.classes), SCHOOL_STORY_KEY, *homes]
    )
    oak = await bot.room(story_key("oak"))
    state = await state_of(bot.client, oak)
    reid, khan = school.staff["reid"].user_id, school.staff["khan"].user_id
    levels = state[("m.room.power_levels", "")]
    assert levels["users"] == {reid: 50}
    assert levels["events_default"] == 50 and levels["state_default"] == 100
    assert levels["redact"] == 50 and levels["invite"] == 100
    assert levels["events"]["m.room.message"] == 0 and levels["events"]["m.reaction"] == 0
    assert state[("m.room.join_rules", "")]["join_rule"] == "invite"
    assert "kind, positive comments only" in state[("m.room.topic", "")]["topic"]
    assert state[("m.room.member", reid)]["membership"] == "invite"
    pinned = state[("m.room.pinned_events", "")]["pinned"]
    assert len(pinned) == 1
    escalation = await state_of(bot.client, await bot.room(ESCALATION_KEY))
    assert escalation[("m.room.member", school.staff["okafor"].user_id)]["membership"] == "invite"

    # A second run changes nothing.
    again = await bot.app.provisioner.provision()
    assert again.created == [] and again.changed == []
    assert len(again.unchanged) == 2 + len(config.classes) + len(homes)

    # rooms.yaml edited: a new class, a new teacher in oak, reid taken off maple.
    newcomer = matrix.register("ward", displayname="Ms Ward")

    def edit(document: dict) -> None:
        document["staff"].append(
            {"id": "ward", "name": "Ms Ward", "user": newcomer.user_id, "role": "teacher"}
        )
        document["classes"][0]["teachers"].append("ward")
        maple = next(c for c in document["classes"] if c["id"] == "maple")
        maple["teachers"] = ["khan"]
        document["classes"].append({"id": "elm", "name": "Elm Class", "teachers": ["ward"]})

    reid_client = await matrix.client(school.staff["reid"])
    maple = await bot.room(story_key("maple"))
    await join(reid_client, maple)
    school.edit_config(edit)
    await bot.stop()
    edited = await launch(start=False)
    assert sorted(edited.report.created) == [home_key(newcomer.user_id), story_key("elm")]
    assert sorted(edited.report.changed) == [story_key("maple"), story_key("oak")]
    oak_state = await state_of(edited.client, oak)
    assert oak_state[("m.room.power_levels", "")]["users"] == {reid: 50, newcomer.user_id: 50}
    assert oak_state[("m.room.member", newcomer.user_id)]["membership"] == "invite"
    maple_state = await state_of(edited.client, maple)
    assert maple_state[("m.room.power_levels", "")]["users"] == {khan: 50}
    assert maple_state[("m.room.member", reid)]["membership"] == "leave"
    # The people table follows rooms.yaml too.
    ward = await edited.store.people.get(newcomer.user_id)
    assert ward is not None and ward.role.value == "teacher"


async def test_power_levels_let_parents_reply_but_not_post_stickers_or_change_state(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    bot = await launch(start=False)
    oak = await bot.room(story_key("oak"))
    parent = matrix.register("parent", displayname="Sam Hughes")
    await bot.link(parent, "Amelia Hughes")
    teacher = await matrix.client(school.staff["reid"])
    family = await matrix.client(parent)
    await join(teacher, oak)
    await join(family, oak)

    post = await send_text(teacher, oak, "Oak class planted sunflowers today 🌻")
    reply = await send_text(
        family, oak, "Lovely!", **{"m.relates_to": {"m.in_reply_to": {"event_id": post}}}
    )
    assert reply.startswith("$")
    reaction = await family.room_send(
        oak,
        "m.reaction",
        {"m.relates_to": {"rel_type": "m.annotation", "event_id": post, "key": "👏"}},
    )
    assert isinstance(reaction, nio.RoomSendResponse), reaction

    sticker = await family.room_send(
        oak, "m.sticker", {"body": "sticker", "url": "mxc://x/y", "info": {}}
    )
    assert isinstance(sticker, nio.RoomSendError) and sticker.status_code == "M_FORBIDDEN"
    topic = await family.room_put_state(oak, "m.room.topic", {"topic": "hijacked"})
    assert isinstance(topic, nio.RoomPutStateError) and topic.status_code == "M_FORBIDDEN"
    invite = await family.room_invite(oak, school.staff["khan"].user_id)
    assert isinstance(invite, nio.RoomInviteError)

    # Teachers may remove a comment themselves.
    removed = await teacher.room_redact(oak, reply, "testing teacher redaction")
    assert isinstance(removed, nio.RoomRedactResponse), removed


async def test_events_sent_while_the_bot_is_stopped_are_handled_exactly_once(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    recorder = Recorder()
    bot = await launch(story_routes(recorder))
    oak = await bot.room(story_key("oak"))
    parent = matrix.register("parent")
    await bot.link(parent, "Oliver Bennett")
    family = await matrix.client(parent)
    await join(family, oak)

    first = await send_text(family, oak, "first")
    await eventually(lambda: first in recorder.seen)
    old_cursor = await bot.store.state.get("sync_cursor")
    await bot.stop()

    while_down = [await send_text(family, oak, f"while down {i}") for i in range(3)]
    bot = await launch(story_routes(recorder))
    await eventually(lambda: all(e in recorder.seen for e in while_down))
    after = await send_text(family, oak, "after restart")
    await eventually(lambda: after in recorder.seen)
    assert recorder.seen == [first, *while_down, after]

    # A crash after handling but before the cursor was saved replays the batch: dedupe
    # on event id means nothing is handled twice.
    await bot.stop()
    bot = await launch(story_routes(recorder), start=False)
    await bot.store.state.set("sync_cursor", old_cursor)
    await bot.start()
    last = await send_text(family, oak, "last")
    await eventually(lambda: last in recorder.seen)
    assert recorder.seen == [first, *while_down, after, last]


async def test_a_limited_timeline_is_back_filled_in_order(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    recorder = Recorder()
    bot = await launch(story_routes(recorder))
    oak = await bot.room(story_key("oak"))
    parent = matrix.register("parent")
    await bot.link(parent, "Amelia Hughes")
    family = await matrix.client(parent)
    await join(family, oak)
    marker = await send_text(family, oak, "before the gap")
    await eventually(lambda: marker in recorder.seen)
    await bot.stop()

    # More than the sync filter's timeline limit (100), so the next sync is `limited`.
    gap = [await send_text(family, oak, f"in the gap {i}") for i in range(130)]
    await launch(story_routes(recorder))
    await eventually(lambda: gap[-1] in recorder.seen, within=30)
    assert recorder.seen == [marker, *gap]


async def test_a_failing_handler_is_reported_and_the_bot_carries_on(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    recorder = Recorder(fail_on="boom")
    bot = await launch(story_routes(recorder))
    oak = await bot.room(story_key("oak"))
    escalation = await bot.room(ESCALATION_KEY)
    parent = matrix.register("parent")
    await bot.link(parent, "Isla Patel")  # willow; use the willow room
    willow = await bot.room(story_key("willow"))
    family = await matrix.client(parent)
    await join(family, willow)

    bad = await send_text(family, willow, "boom")
    good = await send_text(family, willow, "fine")
    await eventually(lambda: good in recorder.seen)
    assert bad not in recorder.seen
    # Its failure, and the report of it, are recorded when the bot has done with it.
    outcome = await eventually(lambda: bot.store.events.outcome(bad))
    assert outcome is not None and outcome[0] == "failed"

    head = await matrix.client(school.staff["okafor"])
    await join(head, escalation)
    notices = await messages(head, escalation)
    reports = [e for e in notices if e["content"].get("org.conductbot.incident")]
    assert len(reports) == 1
    incident = reports[0]["content"]["org.conductbot.incident"]
    assert incident == {
        "kind": "handler_failed",
        "event_id": bad,
        "room_id": willow,
        "handler": "Recorder",
        "error": "RuntimeError",
    }
    assert "boom" not in reports[0]["content"]["body"]  # no message bodies in reports
    assert oak != willow


async def test_the_first_sync_skips_history_and_pre_join_events_are_ignored(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    recorder = Recorder()
    bot = await launch(story_routes(recorder), start=False)
    oak = await bot.room(story_key("oak"))
    parent = matrix.register("parent")
    await bot.link(parent, "Amelia Hughes")
    family = await matrix.client(parent)
    await join(family, oak)
    history = await send_text(family, oak, "sent before the bot ever synced")
    await bot.start()
    now = await send_text(family, oak, "sent while the bot runs")
    await eventually(lambda: now in recorder.seen)
    assert history not in recorder.seen

    # A room the bot joins later (a new account's direct chat): what was said there
    # before the bot joined is not its business.
    newcomer = await matrix.client(matrix.register("newcomer"))
    created = await newcomer.room_create(name="Hello", is_direct=True)
    assert isinstance(created, nio.RoomCreateResponse)
    before = await send_text(newcomer, created.room_id, "before the bot joined")
    # A direct-chat invite, as clients send it when starting a chat with the bot.
    invite = await newcomer.room_put_state(
        created.room_id,
        "m.room.member",
        {"membership": "invite", "is_direct": True},
        state_key=school.bot.user_id,
    )
    assert isinstance(invite, nio.RoomPutStateResponse), invite
    await eventually(lambda: bot.store.rooms.get(created.room_id))
    after = await send_text(newcomer, created.room_id, "after the bot joined")
    await eventually(lambda: after in recorder.seen)
    assert before not in recorder.seen


@pytest.mark.parametrize("demo", [True, False])
async def test_clock_command_moves_the_clock_only_in_demo_mode(
    school: School, launch: BotLauncher, matrix: Matrix, demo: bool
) -> None:
    bot = await launch(demo=demo)
    escalation = await bot.room(ESCALATION_KEY)
    head = await matrix.client(school.staff["okafor"])
    await join(head, escalation)
    before = bot.app.clock.now()
    command = await send_text(head, escalation, "!clock 2026-11-23T08:00:00+00:00")

    async def answer() -> dict | None:
        for event in await messages(head, escalation):
            relates = event["content"].get("m.relates_to", {})
            if relates.get("m.in_reply_to", {}).get("event_id") == command:
                return event
        return None

    reply = await eventually(answer)
    if demo:
        assert "Monday 23 November 2026, 08:00" in reply["content"]["body"]
        assert abs((bot.app.clock.now() - before).total_seconds()) > 3600
    else:
        assert "only works in demo mode" in reply["content"]["body"]
        assert abs((bot.app.clock.now() - before).total_seconds()) < 60


async def test_the_bot_reconnects_when_the_homeserver_comes_back(tmp_path: Path) -> None:
    """A homeserver of its own, so stopping it does not disturb other tests."""
    settings = write_synapse_config(tmp_path / "synapse", server_name="reconnect.test")
    synapse = SynapseProcess(settings)
    synapse.start()
    matrix = Matrix(settings)
    launcher = BotLauncher(make_school(matrix, tmp_path))
    try:
        recorder = Recorder()
        bot = await launcher(story_routes(recorder))
        oak = await bot.room(story_key("oak"))
        parent = matrix.register("parent")
        await bot.link(parent, "Amelia Hughes")
        family = await matrix.client(parent)
        await join(family, oak)
        before = await send_text(family, oak, "before the outage")
        await eventually(lambda: before in recorder.seen)

        synapse.stop()
        await asyncio.sleep(3)  # the bot's sync fails and backs off meanwhile
        assert not bot.task.done()
        synapse.start()
        after = await send_text(family, oak, "after the outage")
        await eventually(lambda: after in recorder.seen, within=60)
        assert recorder.seen == [before, after]
    finally:
        await launcher.aclose()
        await matrix.aclose()
        synapse.stop()
