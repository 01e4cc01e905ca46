"""Security: nobody reaches a room or a conversation that is not theirs, and roles come
from the database, never from display names or power levels someone could change."""

from __future__ import annotations

import nio
from conftest import BotLauncher, Matrix, School, eventually, join, messages, send_text

from bot.provisioning import home_key, story_key


async def test_a_parent_let_into_another_class_story_is_removed(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    parent = matrix.register("sam")
    await bot.link(parent, "Amelia Hughes")  # Oak
    willow = await bot.room(story_key("willow"))
    # Someone with power invites them (here the bot's own account, as an admin might).
    invited = await bot.client.room_invite(willow, parent.user_id)
    assert isinstance(invited, nio.RoomInviteResponse)
    client = await matrix.client(parent)
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


async def test_roles_come_from_the_database_not_display_names_or_power(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    impostor = matrix.register("imp", displayname="Mrs Okafor (Headteacher)")
    await bot.link(impostor, "Oliver Bennett")
    client = await matrix.client(impostor)
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
