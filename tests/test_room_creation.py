"""The rooms the bot makes open with their permissions already set and a word from the bot."""

from __future__ import annotations

from conftest import BotLauncher, Matrix, School, eventually, messages

from bot.provisioning import (
    ESCALATION_KEY,
    conduct_text,
    home_key,
    parent_dm_key,
    story_key,
    teacher_dm_key,
)

MESSAGES = ("m.room.message", "m.room.encrypted")


async def test_each_room_is_made_with_its_power_levels_and_opens_with_a_word_from_the_bot(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    parent = matrix.register("sam", displayname="Sam")
    await bot.link(parent, "Amelia Hughes")
    reid = school.staff["reid"].user_id
    keys = [
        ESCALATION_KEY,
        story_key("oak"),
        home_key(reid),
        home_key(parent.user_id),
        parent_dm_key(parent.user_id, reid),
        teacher_dm_key(reid, parent.user_id),
    ]
    for key in keys:
        room = await bot.room(key)

        async def worded(room: str = room) -> list[dict]:
            timeline = await messages(bot.client, room)
            return timeline if any(e["type"] in MESSAGES for e in timeline) else []

        timeline = await eventually(worded)
        types = [e["type"] for e in timeline]
        assert types.count("m.room.power_levels") == 1, (key, types)  # set once, at creation
        invites = [
            i
            for i, e in enumerate(timeline)
            if e["type"] == "m.room.member" and e["content"].get("membership") == "invite"
        ]
        assert types.index("m.room.power_levels") < min(invites), key
        first = next(e for e in timeline if e["type"] in MESSAGES)
        assert first["sender"] == bot.client.user_id, key
        if first["type"] == "m.room.message":  # readable (an encrypted room's is not, here)
            spec_text = first["content"]["body"]
            topic = next(e for e in timeline if e["type"] == "m.room.topic")["content"]["topic"]
            expected = conduct_text(bot.config) if key == story_key("oak") else topic
            assert spec_text == expected, key
