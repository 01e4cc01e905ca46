"""`!phone` with real clients on a real Synapse: the family is asked, kindly, to phone the
school, with the office's number and hours from rooms.yaml; refusals send them nothing.

Miss Reid teaches Oak (Amelia's class); Mr Khan teaches other classes; Mrs Okafor is SLT.
"""

from __future__ import annotations

from datetime import datetime

import nio
from conftest import BotLauncher, Matrix, School, eventually, join, messages, notices_in, send_text

from bot.config import OfficeHours
from bot.provisioning import home_key, parent_dm_key, teacher_dm_key

TUESDAY_10AM = datetime.fromisoformat("2026-11-24T10:00:00+00:00")
NUMBER = "0121 496 0000"  # rooms.yaml's school.office_phone
HOURS = "Monday to Friday, 08:30 to 16:30"  # rooms.yaml's school.office_hours


def test_office_hours_read_as_a_family_would_say_them() -> None:
    def hours(*days: str) -> str:
        return OfficeHours(days=days, open="08:30", close="16:00").describe()

    assert hours("mon", "tue", "wed", "thu", "fri") == "Monday to Friday, 08:30 to 16:00"
    assert hours("fri", "mon", "wed") == "Monday, Wednesday and Friday, 08:30 to 16:00"
    assert hours("tue") == "Tuesday, 08:30 to 16:00"


async def bot_says(client: nio.AsyncClient, room: str, replying_to: str) -> list[str]:
    return [
        e["content"]["body"]
        for e in await messages(client, room)
        if e["content"].get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id")
        == replying_to
    ]


async def test_phone_reaches_the_parent_with_the_number_and_hours_and_refusals_send_nothing(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    bot.app.clock.set(TUESDAY_10AM)
    parent_person = matrix.register("sam", displayname="Sam")
    await bot.link(parent_person, "Amelia Hughes")
    reid = school.staff["reid"].user_id
    parent_room = await bot.room(parent_dm_key(parent_person.user_id, reid))
    teacher_room = await bot.room(teacher_dm_key(reid, parent_person.user_id))
    parent = await matrix.client(parent_person)
    parent_home = await bot.room(home_key(parent_person.user_id))
    for room in (parent_room, parent_home):
        await join(parent, room)
    teacher = await matrix.client(school.staff["reid"])
    teacher_home = await bot.room(home_key(reid))
    for room in (teacher_room, teacher_home):
        await join(teacher, room)

    # Refusals first: a parent, and a teacher in their home room. The family gets nothing.
    by_parent = await send_text(parent, parent_room, "!phone")
    home = await send_text(teacher, teacher_home, "!phone")
    extra = await send_text(teacher, teacher_room, "!phone please")
    assert await eventually(lambda: bot_says(parent, parent_room, by_parent)) == [
        "Sorry, !phone is not available to you."
    ]
    assert await eventually(lambda: bot_says(teacher, teacher_home, home)) == [
        "Sorry, !phone can't be used in this room."
    ]
    [too_many] = await eventually(lambda: bot_says(teacher, teacher_room, extra))
    assert "too many words" in too_many
    assert not any(NUMBER in n for n in await notices_in(parent, parent_room))

    command = await send_text(teacher, teacher_room, "!phone")

    async def asked() -> list[str]:
        return [n for n in await notices_in(parent, parent_room) if NUMBER in n]

    [sent] = await eventually(asked)
    assert "Miss Reid would like to talk this through with you by phone" in sent
    assert f"Please ring the school office on {NUMBER} (the office is open {HOURS})" in sent
    [confirmed] = await eventually(lambda: bot_says(teacher, teacher_room, command))
    assert confirmed.startswith("Sent to Sam") and sent in confirmed
    # nothing of it in the parent's home room, and only once in their conversation
    assert not any(NUMBER in n for n in await notices_in(parent, parent_home))
    assert len(await asked()) == 1
