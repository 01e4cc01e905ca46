"""Welcome rooms do not pile up: the bot leaves them when the newcomer does, or once unused."""

from __future__ import annotations

from datetime import timedelta

from conftest import BotLauncher, Matrix, School, eventually
from test_onboarding import new_family


async def _bot_left(bot, room_id: str) -> bool:  # noqa: ANN001
    room = await bot.store.rooms.get(room_id)
    joined = await bot.client.joined_rooms()
    return room is not None and room.closed_at is not None and room_id not in joined.rooms


async def test_the_bot_leaves_a_welcome_room_when_the_newcomer_does(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    bot = await launch_guarded()
    leaving = await new_family(bot, guarded_matrix, "leaving")
    staying = await new_family(bot, guarded_matrix, "staying")
    await leaving.client.room_leave(leaving.room)
    assert await eventually(lambda: _bot_left(bot, leaving.room))
    assert not await _bot_left(bot, staying.room)  # the kind twin


async def test_an_unused_welcome_room_is_closed_after_the_codes_lifetime(
    launch_guarded: BotLauncher, guarded_matrix: Matrix, guarded_school: School
) -> None:
    bot = await launch_guarded()
    family = await new_family(bot, guarded_matrix, "quiet")
    await bot.app.close_stale_welcomes()
    assert not await _bot_left(bot, family.room)  # a fresh one stays
    bot.app.clock.set(bot.app.clock.now() + timedelta(days=15))
    await bot.app.close_stale_welcomes()
    assert await eventually(lambda: _bot_left(bot, family.room))
