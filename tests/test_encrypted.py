"""An encrypted message the bot cannot decrypt is answered, never ignored (real Synapse)."""

from __future__ import annotations

import nio
from conftest import BotLauncher, Matrix, School, eventually, incidents_in, notices_in
from test_relay import TUESDAY_MORNING, start

CIPHER = {
    "algorithm": "m.megolm.v1.aes-sha2",
    "ciphertext": "AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg",
    "device_id": "PARENTPHONE",
    "sender_key": "IlRMeOPX2e0MurIyfWEucYBRVOEEUMrOHqn/8mLqMjA",
    "session_id": "X3lUlvLELLYxeTx4yOVu6UDpasGEVO0Jbu+QFnm0cKQ",
}


async def test_an_encrypted_message_gets_an_answer_with_the_emergency_routes(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    talk = await start(launch, matrix, school, TUESDAY_MORNING)
    head, escalation = await talk.head_in_escalation()
    for _ in range(2):
        sent = await talk.parent.room_send(talk.parent_room, "m.room.encrypted", CIPHER)
        assert isinstance(sent, nio.RoomSendResponse), sent
        await talk.handled(sent.event_id)

    answers = [n for n in await notices_in(talk.parent, talk.parent_room) if "couldn't read" in n]
    assert len(answers) == 1  # once an hour, not once a message
    assert "999" in answers[0] and "send it again" in answers[0]

    async def reported() -> bool:
        kinds = [i["kind"] for i in await incidents_in(head, escalation)]
        return "encrypted message not read" in kinds

    assert await eventually(reported)
