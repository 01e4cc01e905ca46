"""Class media stays in the class (without the Synapse module: removal after the fact)."""

from __future__ import annotations

import io
import random
from datetime import datetime

import nio
import pytest
from conftest import (
    BotLauncher,
    Matrix,
    RunningBot,
    School,
    eventually,
    is_redacted,
    join,
    notices_in,
)
from PIL import Image

from bot.provisioning import ESCALATION_KEY, home_key, parent_dm_key, story_key


def class_photo(width: int = 480, height: int = 360, seed: int = 7) -> Image.Image:
    """A stand-in photo with real structure (blocks of colour), so hashes mean something."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    for _ in range(60):
        x, y = rng.randrange(width), rng.randrange(height)
        colour = tuple(rng.randrange(256) for _ in range(3))
        image.paste(
            colour,
            (x, y, min(width, x + rng.randrange(40, 160)), min(height, y + rng.randrange(40, 160))),
        )
    return image


def encoded(image: Image.Image, fmt: str = "PNG", **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


async def upload(client: nio.AsyncClient, data: bytes, mimetype: str, name: str) -> str:
    response, _ = await client.upload(
        lambda *_: data, content_type=mimetype, filename=name, filesize=len(data)
    )
    assert isinstance(response, nio.UploadResponse), response
    return response.content_uri


async def post_image(
    client: nio.AsyncClient, room: str, mxc: str, caption: str, name: str = "photo.png"
) -> str:
    content = {
        "msgtype": "m.image",
        "body": caption or name,
        "url": mxc,
        "info": {"mimetype": "image/png"},
    }
    if caption:
        content["filename"] = name
    response = await client.room_send(room, "m.room.message", content)
    assert isinstance(response, nio.RoomSendResponse), response
    return response.event_id


class Classroom:
    def __init__(self, bot: RunningBot, matrix: Matrix, school: School) -> None:
        self.bot, self.matrix, self.school = bot, matrix, school

    async def setup(self) -> Classroom:
        self.story = await self.bot.room(story_key("oak"))
        self.teacher = await self.matrix.client(self.school.staff["reid"])
        await join(self.teacher, self.story)
        self.teacher_home = await self.bot.room(home_key(self.school.staff["reid"].user_id))
        await join(self.teacher, self.teacher_home)
        self.parent_person = self.matrix.register("sam")
        await self.bot.link(self.parent_person, "Amelia Hughes")
        self.parent = await self.matrix.client(self.parent_person)
        await join(self.parent, self.story)
        self.home = await self.bot.room(home_key(self.parent_person.user_id))
        await join(self.parent, self.home)
        self.talk = await self.bot.room(
            parent_dm_key(self.parent_person.user_id, self.school.staff["reid"].user_id)
        )
        await join(self.parent, self.talk)
        return self

    async def class_photo_posted(self) -> tuple[str, Image.Image]:
        image = class_photo()
        mxc = await upload(self.teacher, encoded(image), "image/png", "sunflowers.png")
        event = await post_image(self.teacher, self.story, mxc, "Our sunflowers!", "s.png")
        await eventually(lambda: _protected_with_bytes(self.bot, mxc), within=20)
        await eventually(lambda: self.bot.store.events.outcome(event))  # judged, and kept
        assert not await is_redacted(self.parent, self.story, event)
        return mxc, image


async def _protected_with_bytes(bot: RunningBot, mxc: str) -> bool:
    fingerprint = await bot.store.media.by_mxc(mxc)
    return fingerprint is not None and fingerprint.sha256 is not None


async def test_a_forwarded_class_photo_is_removed_with_a_strike_and_slt_told(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    room = await Classroom(await launch(), matrix, school).setup()
    mxc, _ = await room.class_photo_posted()
    forward = await post_image(room.parent, room.home, mxc, "")  # Element's forward: same mxc
    await eventually(lambda: is_redacted(room.parent, room.home, forward))
    # The strike and the notice follow the removal: wait for each, not for the first sign.
    strikes = await eventually(
        lambda: room.bot.store.discipline.strikes(room.parent_person.user_id)
    )
    assert [s.rule for s in strikes] == ["reshare"]

    async def told() -> bool:
        notices = await notices_in(room.parent, room.home)
        return any("must not be shared anywhere else" in n for n in notices)

    assert await eventually(told)
    incidents = await room.bot.store.incidents.of_user(room.parent_person.user_id)
    assert [i.kind for i in incidents] == ["class media re-shared"]
    assert await room.bot.room(ESCALATION_KEY)


async def test_a_re_encoded_resized_copy_uploaded_afresh_is_caught(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    room = await Classroom(await launch(), matrix, school).setup()
    _, image = await room.class_photo_posted()
    smaller = image.resize((320, 240)).convert("RGB")
    copy = await upload(room.parent, encoded(smaller, "JPEG", quality=70), "image/jpeg", "x.jpg")
    sent = await post_image(room.parent, room.talk, copy, "")
    await eventually(lambda: is_redacted(room.parent, room.talk, sent), within=30)
    incidents = await room.bot.store.incidents.of_user(room.parent_person.user_id)
    assert incidents and "near copy" in incidents[0].reasons[0]


@pytest.mark.parametrize(
    ("when", "quality"),
    [("2026-11-21T11:00:00+00:00", 74), ("2026-11-24T10:00:00+00:00", 78)],
    ids=["held", "in-hours"],
)
async def test_a_near_copy_sent_to_a_teacher_never_reaches_them(
    launch: BotLauncher, matrix: Matrix, school: School, when: str, quality: int
) -> None:
    """Bytes no other test uploads: Synapse quarantines by hash, server-wide."""
    room = await Classroom(await launch(), matrix, school).setup()
    room.bot.app.clock.set(datetime.fromisoformat(when))
    _, image = await room.class_photo_posted()
    smaller = image.resize((320, 240)).convert("RGB")
    data = encoded(smaller, "JPEG", quality=quality)
    copy = await upload(room.parent, data, "image/jpeg", "x")
    sent = await post_image(room.parent, room.talk, copy, "")
    await eventually(lambda: is_redacted(room.parent, room.talk, sent), within=30)

    async def gone() -> bool:
        relayed = await room.bot.store.relay.by_source(sent)
        if relayed is None or relayed.status == "cancelled":
            return True
        conversation = await room.bot.store.relay.conversation_by_id(relayed.conversation_id)
        return relayed.delivered_event is not None and await is_redacted(
            room.bot.client, conversation.teacher_room, relayed.delivered_event
        )

    assert await eventually(gone, within=30)
    room.bot.app.clock.set(datetime.fromisoformat("2026-11-23T08:00:01+00:00"))
    assert await room.bot.app.release_due() == 0  # a held copy is never released


async def test_a_different_photo_from_a_parent_is_left_alone(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    room = await Classroom(await launch(), matrix, school).setup()
    await room.class_photo_posted()
    own = await upload(room.parent, encoded(class_photo(seed=99)), "image/png", "ours.png")
    sent = await post_image(room.parent, room.talk, own, "")

    async def checked() -> bool:
        async with room.bot.store.db.execute(
            "SELECT result FROM media_checks WHERE event_id = ?", (sent,)
        ) as cursor:
            row = await cursor.fetchone()
        return row is not None and row[0] is not None

    await eventually(checked, within=30)
    assert not await is_redacted(room.parent, room.talk, sent)


async def test_a_photo_post_naming_a_pupil_without_consent_is_removed_and_the_teacher_told(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    room = await Classroom(await launch(), matrix, school).setup()
    mxc = await upload(room.teacher, encoded(class_photo(seed=3)), "image/png", "art.png")
    post = await post_image(room.teacher, room.story, mxc, "Poppy's wonderful painting", "a.png")
    await eventually(lambda: is_redacted(room.parent, room.story, post))
    seen = await room.parent.room_get_event(room.story, post)
    because = seen.event.source["unsigned"]["redacted_because"]["content"]
    assert because.get("reason") == "Removed by the school"  # not whose consent is missing

    async def told() -> bool:
        notices = await notices_in(room.teacher, room.teacher_home)
        return any("Poppy" in n and "photo consent" in n for n in notices)

    assert await eventually(told)
    await eventually(lambda: room.bot.store.events.outcome(post))
    assert await room.bot.store.discipline.strikes(school.staff["reid"].user_id) == []


async def test_staff_may_repost_their_class_media_and_surnames_get_a_suggestion(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    room = await Classroom(await launch(), matrix, school).setup()
    mxc, _ = await room.class_photo_posted()
    again = await post_image(room.teacher, room.teacher_home, mxc, "")
    await eventually(lambda: room.bot.store.events.outcome(again))
    assert not await is_redacted(room.teacher, room.teacher_home, again)

    text = await room.teacher.room_send(
        room.story,
        "m.room.message",
        {"msgtype": "m.text", "body": "Well done Oliver Bennett for a super story!"},
    )

    async def suggested() -> bool:
        return any("Oliver B." in n for n in await notices_in(room.teacher, room.teacher_home))

    await eventually(suggested)
    await eventually(lambda: room.bot.store.events.outcome(text.event_id))
    assert not await is_redacted(room.parent, room.story, text.event_id)


async def test_bytes_uploaded_again_after_a_quarantine_are_still_a_re_share(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    """Synapse quarantines a new upload of bytes it has quarantined before (once its hash
    index is built): nobody can download it, the bot included, yet it is a re-share."""
    room = await Classroom(await launch(), matrix, school).setup()
    image = class_photo(seed=45)  # bytes no other test uploads
    original = await upload(room.teacher, encoded(image), "image/png", "harvest.png")
    await post_image(room.teacher, room.story, original, "Harvest display")
    await eventually(lambda: _protected_with_bytes(room.bot, original), within=20)
    copy = await upload(room.parent, encoded(image), "image/png", "copy.png")
    await _admin(room.bot, "POST", f"/_synapse/admin/v1/media/quarantine/{copy[6:]}")
    assert await _admin(room.bot, "GET", f"/_synapse/admin/v1/media/{copy[6:]}") == 200
    assert not isinstance(await room.bot.client.download(copy), nio.DownloadResponse)
    sent = await post_image(room.parent, room.home, copy, "")
    await eventually(lambda: is_redacted(room.parent, room.home, sent), within=30)
    result = await eventually(lambda: room.bot.store.media.check_result(sent))
    assert result.startswith("re-share") and "already quarantined" in result
    strikes = await eventually(
        lambda: room.bot.store.discipline.strikes(room.parent_person.user_id)
    )
    assert [s.rule for s in strikes] == ["reshare"]


async def _admin(bot: RunningBot, method: str, path: str) -> int:
    client = bot.client
    headers = {"Authorization": f"Bearer {client.access_token}"}
    response = await client.send(method, path, "{}" if method == "POST" else None, headers)
    return response.status
