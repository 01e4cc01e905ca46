"""Security: nobody reaches a room or a conversation that is not theirs, and roles come
from the database, never from display names or power levels someone could change.

On the real Synapse with the guard module loaded, as a school runs it (issue 11), but for
one test of what the bot does on its own, which the module never lets happen."""

from __future__ import annotations

from datetime import datetime

import nio
from conftest import (
    BotLauncher,
    Matrix,
    School,
    eventually,
    is_redacted,
    join,
    messages,
    notices_in,
    send_text,
)
from test_media import Classroom, class_photo, encoded, post_image, upload

from bot.provisioning import home_key, story_key


async def test_a_parent_let_into_another_class_story_is_removed(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    bot = await launch_guarded()
    parent = guarded_matrix.register("sam")
    await bot.link(parent, "Amelia Hughes")  # Oak
    willow = await bot.room(story_key("willow"))
    # Someone with power invites them (here the bot's own account, as an admin might).
    invited = await bot.client.room_invite(willow, parent.user_id)
    assert isinstance(invited, nio.RoomInviteResponse)
    client = await guarded_matrix.client(parent)
    await join(client, willow)

    async def removed() -> bool:
        state = await bot.client.room_get_state_event(willow, "m.room.member", parent.user_id)
        return state.content.get("membership") == "leave"

    await eventually(removed)
    incidents = await bot.store.incidents.of_user(parent.user_id)
    assert [i.kind for i in incidents] == ["joined another class's story"]
    assert await bot.store.discipline.strikes(parent.user_id) == []


async def test_invites_from_strangers_and_to_group_rooms_are_declined(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    """Without the guard module: the bot's own defence. With it, Synapse refuses such a
    room before the bot is invited (the next test), so this can only be seen here."""
    bot = await launch()
    stranger = await matrix.client(matrix.register("stranger"))
    group = await stranger.room_create(name="Not a DM", invite=[school.bot.user_id])
    assert isinstance(group, nio.RoomCreateResponse)

    async def declined() -> bool:
        state = await stranger.room_get_state_event(
            group.room_id, "m.room.member", school.bot.user_id
        )
        return getattr(state, "content", {}).get("membership") == "leave"

    await eventually(declined)
    assert await bot.store.rooms.get(group.room_id) is None


def _refused(response: object) -> bool:
    return isinstance(response, nio.ErrorResponse) and response.status_code == "M_FORBIDDEN"


async def test_a_family_cannot_open_a_chat_with_the_bot_to_others_but_a_private_one_is_welcomed(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    """Issue 11: a parent made a "direct chat with the bot" readable by anyone and posted
    gossip in it that a parent of another class read through /messages."""
    bot = await launch_guarded()
    newcomer = await guarded_matrix.client(guarded_matrix.register("newcomer"))
    readable = {"history_visibility": "world_readable"}
    bot_id = guarded_school.bot.user_id
    assert _refused(await newcomer.room_create(name="Not a DM", invite=[bot_id]))
    born_open = await newcomer.room_create(
        is_direct=True,
        invite=[bot_id],
        initial_state=[{"type": "m.room.history_visibility", "content": readable}],
    )
    assert _refused(born_open)
    public = await newcomer.room_create(
        is_direct=True, invite=[bot_id], preset=nio.RoomPreset.public_chat
    )
    assert _refused(public)

    chat = await newcomer.room_create(is_direct=True, invite=[bot_id])  # the kind twin
    assert isinstance(chat, nio.RoomCreateResponse), chat

    async def welcomed() -> bool:
        return any("send me the code" in n for n in await notices_in(newcomer, chat.room_id))

    assert await eventually(welcomed)
    exposed = await newcomer.room_put_state(chat.room_id, "m.room.history_visibility", readable)
    assert _refused(exposed)
    opened = await newcomer.room_put_state(
        chat.room_id, "m.room.join_rules", {"join_rule": "public"}
    )
    assert _refused(opened)
    gossip = await send_text(newcomer, chat.room_id, "Did you hear about Miss Reid?")
    other_class = guarded_matrix.register("kim")
    await bot.link(other_class, "Isla Patel")  # Willow
    kim = await guarded_matrix.client(other_class)
    read = await kim.room_messages(chat.room_id, start="", limit=20)
    assert isinstance(read, nio.RoomMessagesError), read  # not theirs to read
    assert isinstance(await kim.room_get_event(chat.room_id, gossip), nio.RoomGetEventError)


async def test_a_near_copy_of_a_class_photo_sent_to_a_teacher_comes_down_in_both_rooms(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    """Issue 11: the parent's copy came down but the relayed one stayed with the teacher.
    Bytes no other test on this server uploads: Synapse quarantines by hash, server-wide."""
    room = await Classroom(await launch_guarded(), guarded_matrix, guarded_school).setup()
    room.bot.app.clock.set(datetime.fromisoformat("2026-11-24T10:00:00+00:00"))  # in hours
    _, image = await room.class_photo_posted()
    copy = await upload(
        room.parent,
        encoded(image.resize((320, 240)).convert("RGB"), "JPEG", quality=77),
        "image/jpeg",
        "x",
    )
    sent = await post_image(room.parent, room.talk, copy, "")
    await eventually(lambda: is_redacted(room.parent, room.talk, sent), within=30)

    async def gone_from_the_teacher() -> bool:
        relayed = await room.bot.store.relay.by_source(sent)
        if relayed is None or relayed.status == "cancelled":
            return True
        conversation = await room.bot.store.relay.conversation_by_id(relayed.conversation_id)
        return relayed.delivered_event is not None and await is_redacted(
            room.bot.client, conversation.teacher_room, relayed.delivered_event
        )

    assert await eventually(gone_from_the_teacher, within=30)
    own = await upload(room.parent, encoded(class_photo(seed=98)), "image/png", "ours.png")
    kind = await post_image(room.parent, room.talk, own, "")  # the kind twin: their own photo

    async def delivered() -> bool:
        relayed = await room.bot.store.relay.by_source(kind)
        return relayed is not None and relayed.status == "delivered"

    assert await eventually(delivered, within=30)
    # Delivered before the media worker has looked: wait for its finding, then check.
    await eventually(lambda: room.bot.store.media.check_result(kind), within=30)
    assert not await is_redacted(room.parent, room.talk, kind)


async def test_roles_come_from_the_database_not_display_names_or_power(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    bot = await launch_guarded()
    impostor = guarded_matrix.register("imp", displayname="Mrs Okafor (Headteacher)")
    await bot.link(impostor, "Oliver Bennett")
    client = await guarded_matrix.client(impostor)
    home = await bot.room(home_key(impostor.user_id))
    await join(client, home)
    # Even with full power in their own room, a parent is still a parent to the bot.
    await bot.client.room_put_state(
        home,
        "m.room.power_levels",
        {
            "users": {impostor.user_id: 100},
            "users_default": 0,
            "events_default": 0,
            "state_default": 100,
        },
    )
    command = await send_text(client, home, "!incidents")
    await eventually(lambda: bot.store.events.outcome(command))
    replies = [e["content"].get("body", "") for e in await messages(client, home)]
    assert any("not available to you" in r or "can't be used in this room" in r for r in replies)
    assert not any("Incidents" in r for r in replies)
