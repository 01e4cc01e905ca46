"""Families without Matrix (issue 16, item 2): the weekly digest by e-mail and on paper.

A real teacher posts in the class story on the real Synapse; the bot remembers the posts and
keeps small copies of their photos; the digest is sent through a real SMTP server on loopback
(aiosmtpd) and read back as it arrives. The printable PDF is rendered with pdftoppm.
"""

from __future__ import annotations

import asyncio
import email
import io
import re
import socket
from datetime import UTC, date, datetime, timedelta
from email.message import Message
from pathlib import Path

import aiohttp
import imagehash
import pytest
from aiosmtpd.controller import Controller
from conftest import REPO, BotLauncher, Matrix, School, conductbot, eventually, join, send_text
from PIL import Image
from pypdf import PdfReader
from test_invitations import first_page_as_png
from test_media import class_photo, encoded, post_image, upload

from bot.clock import stamp
from bot.config import WEEKDAYS
from bot.media_worker import digest_copy
from bot.provisioning import story_key
from bot.roster import import_roster
from handlers.digest import NOT_SHOWN
from handlers.points import week_start
from storage.digest import PostKind, StoryPost
from storage.store import DATABASE, Store

# --- a real SMTP server on loopback ------------------------------------------------------


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        data = envelope.content  # type: ignore[attr-defined]
        self.messages.append(
            (list(envelope.rcpt_tos), email.message_from_bytes(data))  # type: ignore[attr-defined]
        )
        return "250 OK"

    def to(self, address: str) -> list[Message]:
        return [m for rcpts, m in self.messages if address in rcpts]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Inbox:
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setenv("CONDUCTBOT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("CONDUCTBOT_SMTP_PORT", str(controller.port))
    monkeypatch.setenv("CONDUCTBOT_SMTP_STARTTLS", "no")
    monkeypatch.setenv("CONDUCTBOT_SMTP_FROM", "Brookfield Primary <no-reply@brookfield.example>")
    unsubscribe_port = free_port()
    monkeypatch.setenv("CONDUCTBOT_UNSUBSCRIBE_PORT", str(unsubscribe_port))
    monkeypatch.setenv(
        "CONDUCTBOT_UNSUBSCRIBE_URL", f"http://127.0.0.1:{unsubscribe_port}/unsubscribe"
    )
    yield inbox
    controller.stop()


def images_in(message: Message) -> list[Image.Image]:
    return [
        Image.open(io.BytesIO(part.get_payload(decode=True)))
        for part in message.walk()
        if part.get_content_maintype() == "image"
    ]


def text_of(message: Message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/plain")
    return part.get_payload(decode=True).decode()


def looks_like(image: Image.Image, original: Image.Image) -> bool:
    return imagehash.phash(image) - imagehash.phash(original) <= 8


# --- e-mail: through the real bot, the real Synapse and a real SMTP server ------------------


@pytest.mark.synapse
async def test_an_email_only_family_gets_the_weeks_posts_without_a_photo_lacking_consent(
    matrix: Matrix, school: School, launch: BotLauncher, smtp: Inbox
) -> None:
    today = datetime.now(UTC).astimezone(school.config().school.tz)
    # Due from the start of today, so the test need not wait for Friday at 16:00.
    school.edit_config(
        lambda doc: doc.update(digest={"day": WEEKDAYS[today.weekday()], "time": "00:00"})
    )
    bot = await launch()
    config = school.config()
    if not any(
        bot.app.calendar.is_working_day(week_start(today.date()) + timedelta(n)) for n in range(7)
    ):
        pytest.skip("this week has no working day in rooms.yaml: no digest is due")
    story = await bot.room(story_key("oak"))
    teacher = await matrix.client(school.staff["reid"])
    await join(teacher, story)

    text_post = await send_text(teacher, story, "We planted sunflowers in the garden today!")
    kept_photo = class_photo(seed=61)
    mxc = await upload(teacher, encoded(kept_photo), "image/png", "garden.png")
    kept = await post_image(teacher, story, mxc, "Amelia and her sunflower", "garden.png")
    # Arthur has consent when this is posted (so it stays up) and loses it before the digest.
    withdrawn_photo = class_photo(seed=62)
    mxc2 = await upload(teacher, encoded(withdrawn_photo), "image/png", "pond.png")
    withdrawn = await post_image(teacher, story, mxc2, "Arthur at the pond", "pond.png")

    async def remembered() -> bool:
        posts = await bot.store.digests.posts("oak", "0", "9")
        ids = {p.event_id for p in posts}
        photos = [await bot.store.digests.photo(m) for m in (mxc, mxc2)]
        return {text_post, kept, withdrawn} <= ids and all(photos)

    await eventually(remembered, within=30)
    [arthur] = await bot.store.pupils.by_name("Arthur")
    await bot.store.pupils.update(
        arthur.id, arthur.first_name, arthur.surname, "oak", False, now=stamp(today)
    )

    data_dir, cfg = str(school.data_dir), str(school.config_path)
    for address in ("amelia.family@example.com", "amelia.gran@example.com"):
        status = await asyncio.to_thread(
            conductbot,
            "family",
            "add-email",
            "Amelia Hughes",
            address,
            "--data-dir",
            data_dir,
            "--config",
            cfg,
        )
        assert status == 0

    await bot.app.send_digests()
    await eventually(lambda: len(smtp.messages) == 2, within=20)
    [message] = smtp.to("amelia.family@example.com")
    assert " ".join(str(message["Subject"]).split()) == (
        f"{config.school.name}: Oak Class, week beginning "
        f"{week_start(today.date()):%A} {week_start(today.date()).day} "
        f"{week_start(today.date()):%B %Y}"
    )
    body = text_of(message)
    assert "We planted sunflowers in the garden today!" in body
    assert "Amelia and her sunflower" in body
    assert "Arthur at the pond" in body and NOT_SHOWN in body
    assert "0121 496 0000" in body  # the office's phone, since replies are not read
    [photo] = images_in(message)  # one photo: the consented one
    assert looks_like(photo, kept_photo) and not looks_like(photo, withdrawn_photo)

    # Unsubscribe: the link opens a page; only its button (a POST) removes the address.
    link = re.search(r"To stop these e-mails, open this link: (\S+)", body).group(1)
    assert str(message["List-Unsubscribe"]).strip() == f"<{link}>"
    async with aiohttp.ClientSession() as http:
        async with http.get(link) as page:
            assert page.status == 200 and "Stop the e-mails" in await page.text()
        assert len(await bot.store.digests.recipients()) == 2  # looking changed nothing
        async with http.post(link, data={"List-Unsubscribe": "One-Click"}) as done:
            assert done.status == 200
    addresses = [r.address for r in await bot.store.digests.recipients()]
    assert addresses == ["amelia.gran@example.com"]

    # The next digest: as if a week had passed (the sends are forgotten), one more post.
    await bot.store.db.execute("DELETE FROM digest_sends")
    await send_text(teacher, story, "Harvest festival next week.")
    await eventually(lambda: _has_post(bot.store, "Harvest festival next week."), within=20)
    await bot.app.send_digests()
    await eventually(lambda: len(smtp.to("amelia.gran@example.com")) == 2, within=20)
    assert "Harvest festival next week." in text_of(smtp.to("amelia.gran@example.com")[1])
    # No sleep: `send_digests` performs its sends before it returns (the executor awaits
    # each SMTP answer, given once the inbox holds the message), so this run is over.
    assert len(smtp.to("amelia.family@example.com")) == 1  # unsubscribed: nothing more


async def _has_post(store: Store, text: str) -> bool:
    return any(p.text == text for p in await store.digests.posts("oak", "0", "9"))


# --- the PDF and the office's command ----------------------------------------------------

MONDAY = date(2026, 11, 23)


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A data directory with the demo roster and two posts of one week, one with a photo."""

    async def fill() -> None:
        config_dir = tmp_path / "data"
        config_dir.mkdir()
        store = await Store.open(config_dir / DATABASE)
        try:
            await import_roster(
                store, REPO / "demo" / "roster.csv", ["oak", "willow", "maple"], now="2026-11-20"
            )
            at = stamp(datetime(2026, 11, 24, 10, 30, tzinfo=UTC))
            photo = digest_copy(encoded(class_photo(seed=70)))
            assert photo is not None
            await store.digests.keep_photo("mxc://x/sunflower", photo, at=at)
            await store.digests.keep_photo("mxc://x/poppy", photo, at=at)
            posts = [
                ("$1", "Our class assembly was wonderful.", None, PostKind.TEXT),
                ("$2", "Amelia with her sunflower", "mxc://x/sunflower", PostKind.PHOTO),
                ("$3", "Poppy's painting", "mxc://x/poppy", PostKind.PHOTO),
            ]
            for event_id, text, mxc, kind in posts:
                post = StoryPost(event_id, "!oak", "oak", "@reid:x", at, text, mxc, kind)
                await store.digests.remember_post(post)
        finally:
            await store.close()

    asyncio.run(fill())
    return tmp_path / "data"


def test_the_printable_digest_renders_with_the_weeks_posts(office: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "oak.pdf"
    status = conductbot(
        "digest",
        "--pdf",
        str(pdf),
        "--class",
        "oak",
        "--week",
        "2026-11-26",
        "--data-dir",
        str(office),
        "--config",
        str(REPO / "rooms.yaml"),
    )
    assert status == 0
    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 8  # one digest per child in Oak (8 in the demo roster)
    first = reader.pages[0].extract_text()
    assert "For the family of Amelia" in first
    assert "week beginning Monday 23 November 2026" in first
    assert "Our class assembly was wonderful." in first
    assert "0121 496 0000" in first
    whole = "\n".join(page.extract_text() for page in reader.pages[:2])
    assert "not shown here" in whole.replace("\n", " ")  # Poppy has no photo consent
    images = sum(len(page.images) for page in reader.pages[:2])
    assert images == 1  # Amelia's sunflower, not Poppy's painting
    picture = Image.open(first_page_as_png(pdf, tmp_path, dpi=60))
    width, height = picture.size
    assert abs(width / height - 210 / 297) < 0.01  # a whole A4 page
    assert picture.convert("L").getextrema()[0] < 60  # with something printed on it


def test_add_email_refuses_a_bad_address_or_unknown_pupil_and_changes_nothing(
    office: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = str(REPO / "rooms.yaml")
    bad = conductbot(
        "family",
        "add-email",
        "Amelia Hughes",
        "not-an-address",
        "--data-dir",
        str(office),
        "--config",
        cfg,
    )
    assert bad == 2
    assert "not an e-mail address" in capsys.readouterr().err
    unknown = conductbot(
        "family",
        "add-email",
        "Nobody Atall",
        "sam@example.com",
        "--data-dir",
        str(office),
        "--config",
        cfg,
    )
    assert unknown == 2
    err = capsys.readouterr().err
    assert "nothing was changed" in err and "sam@example.com" not in err

    async def recipients() -> int:
        store = await Store.open(office / DATABASE)
        try:
            return len(await store.digests.recipients())
        finally:
            await store.close()

    assert asyncio.run(recipients()) == 0
    good = conductbot(
        "family",
        "add-email",
        "Amelia Hughes",
        "sam@example.com",
        "--data-dir",
        str(office),
        "--config",
        cfg,
    )
    assert good == 0 and asyncio.run(recipients()) == 1
    assert "sam@example.com" not in capsys.readouterr().out  # never echoed or logged


def test_no_address_is_written_to_the_audit_log(office: Path) -> None:
    cfg = str(REPO / "rooms.yaml")
    assert (
        conductbot(
            "family",
            "add-email",
            "DEMO0001",
            "secret.family@example.com",
            "--data-dir",
            str(office),
            "--config",
            cfg,
        )
        == 0
    )

    async def audit_rows() -> list[str]:
        store = await Store.open(office / DATABASE)
        try:
            async with store.db.execute("SELECT * FROM audit") as cur:
                return [repr(tuple(row)) for row in await cur.fetchall()]
        finally:
            await store.close()

    rows = asyncio.run(audit_rows())
    assert any("add_digest_recipient" in row for row in rows)
    assert not any("secret.family" in row for row in rows)
