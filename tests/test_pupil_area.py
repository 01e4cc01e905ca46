"""The pupil's own area (issue 15, item 5): `!avatar` and the built-in pictures, a pupil's
other avatars refused by the guard or set back by the bot (kindly, never a strike), and
`!points` in the pupil's own room. Fast tests first (a real database, no server; the guard
module on a mocked ModuleApi), then real clients on the real Synapse with the guard loaded.
"""

from __future__ import annotations

import io
from collections.abc import Awaitable, Callable
from typing import Any

import nio
import pytest
import test_guard_module
import test_points
from conftest import (
    PROFILE_SPREAD,
    BotLauncher,
    Matrix,
    Person,
    RunningBot,
    School,
    eventually,
    incidents_in,
    join,
    messages,
    notices_in,
    send_text,
)
from PIL import Image
from synapse.module_api.errors import SynapseError
from test_guard_module import FakeBot, Guard, _event, _school
from test_media import class_photo, encoded, upload
from test_points import (
    AMELIA_OWN,
    BOT,
    CONFIG,
    FRIDAY_AFTER_CLOSE,
    REID,
    SAM,
    TUESDAY,
    Desk,
    said,
)

from bot.actions import RecordIncident, SendFile, SendMessage, SetAvatar, UploadPicture
from bot.avatar_pictures import PICTURES, SIZE, picture_key, render
from bot.guard_api import GuardApi
from bot.provisioning import ESCALATION_KEY, home_key
from bot.roster import find_pupil
from handlers import Event
from handlers.discipline import AddStrike
from handlers.pupil_area import (
    REFUSED_KIND,
    RESET_KIND,
    choice_key,
    handle_pupil_avatar,
    picture_upload_actions,
    pupil_avatar_refusal,
)

# Fixtures of the modules these tests build on: the points desk, and the guard module on a
# mocked ModuleApi with a fake bot.
desk = test_points.desk
make_guard = test_guard_module.make_guard
start_bot = test_guard_module.start_bot
stopped_bot_url = test_guard_module.stopped_bot_url
MODULE_BOT, MODULE_PARENT = test_guard_module.BOT, test_guard_module.PARENT

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Synapse and Twisted

FOREIGN = "mxc://test/SomebodysHolidayPhoto"


# --- the pictures -----------------------------------------------------------------------------


def test_the_built_in_pictures_are_a_dozen_friendly_pngs_drawn_the_same_each_time() -> None:
    assert 8 <= len(PICTURES) <= 12
    names = [p.name for p in PICTURES]
    assert len(set(names)) == len(names) and all(n.isalpha() and n.islower() for n in names)
    drawn = {render(name) for name in names}
    assert len(drawn) == len(names)  # each its own drawing
    for name in names:
        image = Image.open(io.BytesIO(render(name)))
        assert (image.format, image.size) == ("PNG", (SIZE, SIZE))
        assert len(image.getcolors(SIZE * SIZE) or []) > 3  # a picture, not a blank square
    render.cache_clear()
    assert render("owl") in drawn  # the same bytes again: the same hash, never re-uploaded
    assert picture_key("owl").startswith("pupil_avatar_picture:owl:")


async def _uploaded(desk: Desk) -> dict[str, str]:
    """Each picture as if the bot had uploaded it: its mxc URI in the bot's state."""
    ctx = desk.context()
    uploads = await picture_upload_actions(ctx)
    assert len(uploads) == len(PICTURES) and all(isinstance(a, UploadPicture) for a in uploads)
    mxcs = {}
    for action in uploads:
        name = action.filename.removesuffix(".png")
        mxcs[name] = f"mxc://test/builtin-{name}"
        await desk.store.state.set(action.remember_as, mxcs[name])
    assert await picture_upload_actions(ctx) == []  # once
    return mxcs


# --- !avatar ----------------------------------------------------------------------------------


async def test_a_pupil_lists_the_pictures_and_chooses_one(desk: Desk) -> None:
    mxcs = await _uploaded(desk)
    listed = await desk.send(AMELIA_OWN, "!avatar")
    [listing] = said(listed)
    assert all(p.name in listing for p in PICTURES) and "!avatar owl" in listing
    [sheet] = [a for a in listed if isinstance(a, SendFile)]  # the pictures themselves
    assert sheet.msgtype == "m.image" and sheet.room_id == await desk.room_of(AMELIA_OWN)
    assert Image.open(io.BytesIO(sheet.data)).size == (sheet.info["w"], sheet.info["h"])
    chose = await desk.send(AMELIA_OWN, "!avatar Owl")
    assert [a for a in chose if isinstance(a, SetAvatar)] == [SetAvatar(AMELIA_OWN, mxcs["owl"])]
    assert said(chose) == ["Your picture is now a purple owl. It may take a minute to show."]
    assert await desk.store.state.get(choice_key(AMELIA_OWN)) == "owl"
    [again] = said(await desk.send(AMELIA_OWN, "!avatar"))
    assert again.startswith("Your picture now: a purple owl.")


@pytest.mark.parametrize(
    ("body", "answer"),
    [
        ("!avatar unicorn", "I don't have a picture called 'unicorn'; nothing was changed."),
        ("!avatar mxc://test/SomebodysHolidayPhoto", "I don't have a picture called"),
        ("!avatar owl please", "too many words after !avatar. Usage: !avatar [NAME]"),
    ],
)
async def test_a_wrong_name_changes_nothing(desk: Desk, body: str, answer: str) -> None:
    await _uploaded(desk)
    await desk.send(AMELIA_OWN, "!avatar cat")
    actions = await desk.send(AMELIA_OWN, body)
    [text] = said(actions)
    assert text.startswith(answer) and "\n" not in text
    assert all(isinstance(a, SendMessage) for a in actions)  # nothing set, nothing recorded
    assert await desk.store.state.get(choice_key(AMELIA_OWN)) == "cat"


async def test_only_a_pupil_may_choose_and_only_once_the_pictures_are_there(desk: Desk) -> None:
    for user in (SAM, REID):
        actions = await desk.send(user, "!avatar owl")
        assert said(actions) == ["Sorry, !avatar is not available to you."]
        assert all(isinstance(a, SendMessage) for a in actions)
    early = await desk.send(AMELIA_OWN, "!avatar owl")  # before the bot has uploaded them
    assert said(early) == [
        "The pictures are not ready yet; nothing was changed. Please try again soon."
    ]
    assert all(isinstance(a, SendMessage) for a in early)
    assert await desk.store.state.get(choice_key(AMELIA_OWN)) is None


# --- any other avatar -------------------------------------------------------------------------


async def _member(desk: Desk, user: str, avatar: str | None, event_id: str = "$m1") -> Event:
    room = await desk.store.rooms.by_key(home_key(user))
    assert room is not None
    content: dict[str, Any] = {"membership": "join", "displayname": "Amelia"}
    if avatar is not None:
        content["avatar_url"] = avatar
    raw = {
        "event_id": event_id,
        "sender": user,
        "state_key": user,
        "type": "m.room.member",
        "origin_server_ts": 1,
        "content": content,
    }
    return Event.from_raw(room, raw)


async def test_another_avatar_is_set_back_to_the_chosen_picture_kindly_and_without_a_strike(
    desk: Desk,
) -> None:
    mxcs = await _uploaded(desk)
    await desk.send(AMELIA_OWN, "!avatar fox")
    pupil = await desk.store.people.get(AMELIA_OWN)
    for fine in (mxcs["fox"], mxcs["star"], None, ""):
        event = await _member(desk, AMELIA_OWN, fine)
        assert await handle_pupil_avatar(event, desk.context(pupil)) == []
    event = await _member(desk, AMELIA_OWN, FOREIGN)
    actions = await handle_pupil_avatar(event, desk.context(pupil))
    assert SetAvatar(AMELIA_OWN, mxcs["fox"]) in actions
    assert not any(isinstance(a, AddStrike) for a in actions)
    [record] = [a for a in actions if isinstance(a, RecordIncident)]
    assert record.incident.kind == RESET_KIND and record.incident.evidence["avatar_url"] == FOREIGN
    [told] = said(actions, await desk.room_of(AMELIA_OWN))
    assert told.startswith("Your picture is a red fox again.") and "not in any trouble" in told
    assert "strike" not in told and "warning" not in told
    for number, action in enumerate(actions):
        if isinstance(action, RecordIncident):
            await action.apply(desk.store, f"r{number}", desk.clock.iso())
    # The same picture shown in another of her rooms: set back once.
    again = await _member(desk, AMELIA_OWN, FOREIGN, "$m2")
    assert await handle_pupil_avatar(again, desk.context(pupil)) == []
    # A parent's avatar is not this rule's (handlers/profiles.py reads it).
    sam = await desk.store.people.get(SAM)
    parent = await _member(desk, SAM, FOREIGN)
    assert await handle_pupil_avatar(parent, desk.context(sam)) == []


async def test_the_guard_refuses_a_pupils_other_avatar_once_for_all_her_rooms(desk: Desk) -> None:
    await _uploaded(desk)
    ctx = desk.context()
    photo = {"membership": "join", "avatar_url": FOREIGN}
    first = await pupil_avatar_refusal(ctx, "!home:test", AMELIA_OWN, photo)
    second = await pupil_avatar_refusal(ctx, "!other:test", AMELIA_OWN, photo)
    assert first is not None and second is not None
    reason, cause, plan = first
    assert "built-in pictures" in reason and cause == second[1]  # one cause: performed once
    assert SetAvatar(AMELIA_OWN, "") in plan  # she had chosen none: no picture
    assert not any(isinstance(a, AddStrike) for a in plan)
    [record] = [a for a in plan if isinstance(a, RecordIncident)]
    assert record.incident.kind == REFUSED_KIND
    escalation = [a for a in plan if isinstance(a, SendMessage)]
    assert escalation  # told, kindly, in her home room (the escalation room is not set up here)
    for content in (
        {"membership": "join", "avatar_url": (await _uploaded_again(desk))["owl"]},
        {"membership": "join"},
        {"membership": "leave", "avatar_url": FOREIGN},
    ):
        assert await pupil_avatar_refusal(ctx, "!home:test", AMELIA_OWN, content) is None
    assert await pupil_avatar_refusal(ctx, "!home:test", SAM, photo) is None  # a parent
    guard = GuardApi(desk.store, CONFIG, BOT, "a-guard-secret-of-sixteen")
    refusal = await guard.check_event("!home:test", AMELIA_OWN, "m.room.member", photo)
    assert refusal is not None and refusal.rule == "pupil_avatar"
    assert await guard.check_event("!home:test", SAM, "m.room.member", photo) is None


async def _uploaded_again(desk: Desk) -> dict[str, str]:
    return {p.name: await desk.store.state.get(picture_key(p.name)) for p in PICTURES}


# --- the guard module: member events carrying an avatar are asked about -----------------------


PUPIL_ID = f"@amelia:{test_guard_module.SERVER}"


def _joined(user: str, avatar: str | None) -> Any:
    content: dict[str, Any] = {"membership": "join", "displayname": "Amelia"}
    if avatar is not None:
        content["avatar_url"] = avatar
    return _event("m.room.member", user, "!home:s", content, state_key=user)


async def test_the_module_asks_about_member_events_with_an_avatar_and_refuses_as_told(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]]
) -> None:
    bot = await start_bot()
    made = make_guard(_school(bot.url))
    allowed = made.callbacks["check_event_allowed"]

    async def ask(event: Any) -> Any:
        return await made.call("check_event_allowed", event, {})

    assert allowed is not None
    assert await ask(_joined(PUPIL_ID, None)) == (True, None)  # no avatar: not asked
    assert await ask(_joined(MODULE_BOT, "mxc://s/x")) == (
        True,
        None,
    )  # the bot: not asked
    message = _event("m.room.message", PUPIL_ID, "!home:s", {"msgtype": "m.text", "body": "hi"})
    assert await ask(message) == (True, None)  # not a member event: the spam checks' work
    assert bot.asked == []
    assert await ask(_joined(MODULE_PARENT, "mxc://s/parent")) == (True, None)
    [asked] = bot.asked
    assert asked.body["type"] == "m.room.member" and asked.body["sender"] == MODULE_PARENT
    bot.answer = {"allow": False, "reason": "A pupil's picture can only be a built-in one."}
    with pytest.raises(SynapseError) as refused:
        await ask(_joined(PUPIL_ID, "mxc://s/photo"))
    assert refused.value.code == 403 and "built-in" in refused.value.msg


async def test_the_module_lets_an_avatar_through_when_the_bot_is_silent(
    make_guard: Callable[..., Guard], stopped_bot_url: str
) -> None:
    made = make_guard(_school(stopped_bot_url))
    answer = await made.call("check_event_allowed", _joined(PUPIL_ID, "mxc://s/photo"), {})
    assert answer == (True, None)  # the bot sets it back when it sees it


# --- with real clients on the real Synapse, the guard module loaded ---------------------------


async def pupil_at_home(bot: RunningBot, matrix: Matrix) -> tuple[Person, nio.AsyncClient, str]:
    """Amelia's own account (as `!code Amelia --pupil` makes it), in her home room."""
    person = matrix.register("amelia", displayname="Amelia")
    pupil = await find_pupil(bot.store, "Amelia Hughes")
    await bot.app.provisioner.link_pupil(person.user_id, pupil, linked_by="test")
    client = await matrix.client(person)
    home = await bot.room(home_key(person.user_id))
    await join(client, home)
    return person, client, home


async def command(bot: RunningBot, client: nio.AsyncClient, room: str, body: str) -> str:
    """Send a command; the bot's reply to it once it has one."""
    sent = await send_text(client, room, body)

    async def answer() -> str | None:
        response = await client.room_messages(
            room, start="", limit=50, direction=nio.MessageDirection.back
        )
        for event in response.chunk:
            content = event.source.get("content", {})
            if content.get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id") == sent:
                return content.get("body")
        return None

    return await eventually(answer)


async def shown_in(client: nio.AsyncClient, room: str, user: str) -> str | None:
    """The avatar the room's member event shows for `user` (what other members see)."""
    state = await client.room_get_state_event(room, "m.room.member", user)
    assert isinstance(state, nio.RoomGetStateEventResponse), state
    return state.content.get("avatar_url")


async def test_a_pupil_chooses_a_built_in_picture_and_it_shows(
    launch_guarded: BotLauncher, guarded_matrix: Matrix
) -> None:
    bot = await launch_guarded()
    uploaded = {p.name: await bot.store.state.get(picture_key(p.name)) for p in PICTURES}
    assert all(mxc and mxc.startswith("mxc://") for mxc in uploaded.values())  # at start
    person, client, home = await pupil_at_home(bot, guarded_matrix)
    listing = await command(bot, client, home, "!avatar")
    assert all(p.name in listing for p in PICTURES)

    async def sheet() -> list[dict]:
        return [
            e
            for e in await messages(client, home)
            if e["content"].get("msgtype") == "m.image" and e["sender"] == bot.client.user_id
        ]

    [shown] = await eventually(sheet)  # the pictures, to see before choosing
    assert shown["content"]["body"] == "The school's pictures, each with its name"
    unknown = await command(bot, client, home, "!avatar unicorn")
    assert unknown.startswith("I don't have a picture called 'unicorn'; nothing was changed.")
    chose = await command(bot, client, home, "!avatar owl")
    assert chose.startswith("Your picture is now a purple owl.")

    async def profile() -> str | None:
        got = await client.get_avatar(person.user_id)
        return getattr(got, "avatar_url", None)

    assert await eventually(lambda: profile()) == uploaded["owl"]
    owl = await eventually(lambda: shown_in(client, home, person.user_id), within=PROFILE_SPREAD)
    assert owl == uploaded["owl"]
    download = await client.download(uploaded["owl"])  # clients can show it
    assert isinstance(download, nio.DownloadResponse), download
    assert download.body == render("owl")
    assert await bot.store.incidents.of_user(person.user_id) == []  # a built-in one is fine


async def test_a_pupils_own_picture_is_refused_and_set_back_kindly_without_a_strike(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    bot = await launch_guarded()
    head = await guarded_matrix.client(guarded_school.staff["okafor"])
    escalation = await bot.room(ESCALATION_KEY)
    await join(head, escalation)
    person, client, home = await pupil_at_home(bot, guarded_matrix)
    fox = await bot.store.state.get(picture_key("fox"))
    await command(bot, client, home, "!avatar fox")
    assert await eventually(lambda: shown_in(client, home, person.user_id), PROFILE_SPREAD) == fox

    photo = await upload(client, encoded(class_photo(seed=91)), "image/png", "me.png")
    assert isinstance(await client.set_avatar(photo), nio.ProfileSetAvatarResponse)

    async def reported() -> list[dict]:
        return [i for i in await incidents_in(head, escalation) if i["rule"] == "pupil_avatar"]

    [incident] = await eventually(reported, within=PROFILE_SPREAD)
    assert incident["kind"] == REFUSED_KIND  # the guard stopped it before any room showed it
    assert incident["evidence"]["avatar_url"] == photo
    assert "no strike" in incident["outcome"]

    async def set_back() -> bool:
        got = await client.get_avatar(person.user_id)
        return getattr(got, "avatar_url", None) == fox

    assert await eventually(set_back, within=PROFILE_SPREAD)

    async def told() -> list[str]:
        return [n for n in await notices_in(client, home) if "not in any trouble" in n]

    [kindly] = await eventually(told)
    assert kindly.startswith("Your picture is a red fox again.")
    assert await shown_in(client, home, person.user_id) == fox
    shown = [e["content"].get("avatar_url") for e in await messages(client, home, limit=200)]
    assert photo not in shown  # no member event in her room ever carried the photo
    assert await bot.store.discipline.active_strikes(person.user_id, since="") == []


async def test_a_pupil_sees_her_own_points_and_her_weekly_summary_at_home(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    bot = await launch_guarded()
    bot.app.clock.set(TUESDAY)
    teacher = await guarded_matrix.client(guarded_school.staff["reid"])
    teacher_home = await bot.room(home_key(guarded_school.staff["reid"].user_id))
    await join(teacher, teacher_home)
    _, client, home = await pupil_at_home(bot, guarded_matrix)
    awarded = await command(bot, teacher, teacher_home, "!award Amelia Kindness 2 kind to all")
    assert awarded.startswith("Awarded 2 points for Kindness to Amelia Hughes")
    await command(bot, teacher, teacher_home, "!award Oliver B Respect 5")
    own = await command(bot, client, home, "!points")
    assert own.startswith("Your points") and "Kindness 2" in own
    assert "Oliver" not in own and "Respect 5" not in own
    nosy = await command(bot, client, home, "!points Oliver")
    assert nosy == "Sorry, you can only see your own points."

    bot.app.clock.set(FRIDAY_AFTER_CLOSE)
    await bot.app.send_weekly_summaries()

    async def summary() -> list[str]:
        return [n for n in await notices_in(client, home) if n.startswith("Your week")]

    [week] = await eventually(summary)
    assert "Kindness 2" in week and "Respect" not in week


async def test_without_the_guard_the_bot_sets_a_pupils_own_picture_back_after_it_shows(
    launch: BotLauncher, matrix: Matrix
) -> None:
    """A homeserver without the guard module: the photo reaches her rooms, and the bot sets
    her picture back when it sees it there."""
    bot = await launch()
    person, client, home = await pupil_at_home(bot, matrix)
    cat = await bot.store.state.get(picture_key("cat"))
    await command(bot, client, home, "!avatar cat")
    assert await eventually(lambda: shown_in(client, home, person.user_id), PROFILE_SPREAD) == cat
    photo = await upload(client, encoded(class_photo(seed=92)), "image/png", "me.png")
    assert isinstance(await client.set_avatar(photo), nio.ProfileSetAvatarResponse)

    async def reset() -> list:
        return [
            i for i in await bot.store.incidents.of_user(person.user_id) if i.kind == RESET_KIND
        ]

    [incident] = await eventually(reset, within=PROFILE_SPREAD)
    assert incident.evidence["avatar_url"] == photo and "no strike" in incident.outcome

    async def back_to_cat() -> bool:
        return await shown_in(client, home, person.user_id) == cat

    assert await eventually(back_to_cat, within=PROFILE_SPREAD)

    async def told() -> list[str]:
        return [n for n in await notices_in(client, home) if "not in any trouble" in n]

    [kindly] = await eventually(told)
    assert kindly.startswith("Your picture is a ginger cat again.")
    assert await bot.store.discipline.active_strikes(person.user_id, since="") == []
