"""Portfolios under the data rights (issue 15, item 6), from a temporary database without a
server: `!mydata` gives a parent their child's approved work and their own comments, and a
pupil their own portfolio, never another family's or pupil's; `!forget` takes down a parent's
comments and keeps the pupil's work (the school's education record), saying so; the
school's `portfolio_retention_days` (none by default) deletes older work; a pupil's
portfolio is exported as a zip (`conductbot portfolio-export`), its media downloaded from a
real Synapse in the last test."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import nio
import pytest
from conftest import BotLauncher, Matrix, School, eventually
from nio import AsyncClient
from test_portfolio import (
    AMELIA_OWN,
    BOT,
    CONFIG,
    FAMILY_VIEW,
    PNG,
    PORTFOLIO,
    REID,
    REPO,
    SAM,
    SERVER,
    TUESDAY,
    Desk,
    Portfolios,
    png_message,
)

from bot.actions import Kick, LeaveRoom, Redact, SendFile, SendMessage
from bot.app import App
from bot.cli import parser
from bot.clock import Clock
from bot.portfolio_export import (
    MediaUnavailable,
    client_fetch,
    export_portfolio,
)
from bot.provisioning import family_portfolio_key, home_key, portfolio_key
from handlers.data_rights import PORTFOLIO_KEPT_PARENT, PORTFOLIO_KEPT_PUPIL
from handlers.portfolio import KeepAttachment, RecordComment
from storage.people import Role
from storage.portfolio import CommentKind
from storage.rooms import RoomKind
from storage.store import DATABASE, Store

KIM, OLIVER_OWN = f"@kim:{SERVER}", f"@oliver:{SERVER}"
OLIVER_PORTFOLIO = f"!portfolio-oliver:{SERVER}"
KIM_VIEW = f"!portfolio-oliver-kim:{SERVER}"


class Families(Desk):
    """The Desk's Amelia (Sam, her own account) and a second family: Oliver Bennett, his
    parent Kim with her view of his portfolio, and his own account."""

    async def setup(self) -> Families:
        await super().setup()
        now = "2026-11-20T10:00:00+00:00"
        for user, role in ((KIM, Role.PARENT), (OLIVER_OWN, Role.PUPIL)):
            await self.store.people.upsert(user, user, role, now=now)
            await self.store.rooms.add(
                f"!home-{user}", RoomKind.HOME, home_key(user), created_at=now, owner=user
            )
        oliver = await self.store.pupils.by_mis_id("DEMO0002")
        assert oliver is not None
        self.oliver = oliver
        await self.store.pupils.link_parent(KIM, oliver.id, linked_by="t", now=now)
        await self.store.codes.link_pupil_account(OLIVER_OWN, oliver.id, at=now)
        await self.store.rooms.add(
            OLIVER_PORTFOLIO,
            RoomKind.PORTFOLIO,
            portfolio_key(oliver.id),
            created_at=now,
            class_id="oak",
        )
        await self.store.rooms.add(
            KIM_VIEW,
            RoomKind.PORTFOLIO,
            family_portfolio_key(oliver.id, KIM),
            created_at=now,
            class_id="oak",
            owner=KIM,
        )
        return self

    async def work(self, user: str, content: dict[str, Any], room_id: str) -> str:
        await self.event(user, "m.room.message", content, room_id)
        return f"$ev{self.count}"

    async def mydata(self, user: str) -> dict[str, Any]:
        [sent] = [a for a in await self.send(user, "!mydata") if isinstance(a, SendFile)]
        return json.loads(sent.data)


@pytest.fixture
async def families(tmp_path: Path) -> AsyncIterator[Families]:
    store = await Store.open(tmp_path / "db.sqlite")
    try:
        yield await Families(store).setup()
    finally:
        await store.close()


@pytest.fixture
async def cli_families(tmp_path: Path) -> AsyncIterator[Families]:
    """The same, in the database the command line reads (`--data-dir tmp_path`)."""
    store = await Store.open(tmp_path / DATABASE)
    try:
        yield await Families(store).setup()
    finally:
        await store.close()


def _text(body: str) -> dict[str, Any]:
    return {"msgtype": "m.text", "body": body}


def _tick(event_id: str, key: str = "✅") -> dict[str, Any]:
    return {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}}


async def _two_portfolios(families: Families) -> dict[str, str]:
    """Activities, approved, waiting and returned work in both portfolios; kind comments in
    both family views. The event ids by name."""
    await families.send(REID, "!activity Amelia Draw a tiger")
    await families.send(REID, "!activity Oliver B Write about a storm")
    ids = {
        "tiger": await families.work(
            AMELIA_OWN,
            {"msgtype": "m.image", "body": "tiger.png", "url": "mxc://test/tiger"},
            PORTFOLIO,
        ),
        "waiting": await families.work(AMELIA_OWN, _text("My second tiger, half done"), PORTFOLIO),
        "returned": await families.work(AMELIA_OWN, _text("A tiger with no stripes"), PORTFOLIO),
        "storm": await families.work(
            OLIVER_OWN, _text("The storm was loud and wild"), OLIVER_PORTFOLIO
        ),
    }
    await families.event(REID, "m.reaction", _tick(ids["tiger"]), PORTFOLIO)
    await families.event(REID, "m.reaction", _tick(ids["returned"], "❌"), PORTFOLIO)
    await families.event(REID, "m.reaction", _tick(ids["storm"]), OLIVER_PORTFOLIO)
    comment = await families.event(
        SAM, "m.room.message", _text("What a fierce tiger!"), FAMILY_VIEW
    )
    assert [type(a) for a in comment] == [RecordComment]
    ids["sam_comment"] = f"$ev{families.count}"
    await families.event(SAM, "m.reaction", _tick("$copy", "😍"), FAMILY_VIEW)
    ids["sam_reaction"] = f"$ev{families.count}"
    await families.event(KIM, "m.room.message", _text("Brilliant storm writing!"), KIM_VIEW)
    ids["kim_comment"] = f"$ev{families.count}"
    return ids


async def test_mydata_gives_a_parent_the_approved_work_and_their_own_comments(
    families: Families,
) -> None:
    await _two_portfolios(families)
    data = await families.mydata(SAM)
    shared = data["portfolio_work_shared_with_you"]
    assert [w["content"].get("url") for w in shared] == ["mxc://test/tiger"]
    assert all(w["status"] == "approved" for w in shared)
    comments = [(c["kind"], c["body"]) for c in data["portfolio_comments"]]
    assert comments == [("comment", "What a fierce tiger!"), ("reaction", "😍")]
    assert data["own_portfolio"] == {"activities": [], "work": []}  # a parent has none
    text = json.dumps(data, ensure_ascii=False)
    # Never the waiting or returned work, nor the teacher's id, nor the other family's.
    assert "half done" not in text and "no stripes" not in text and REID not in text
    assert "storm" not in text and "Brilliant" not in text and KIM not in text


async def test_mydata_gives_a_pupil_their_own_portfolio_and_no_other(families: Families) -> None:
    await _two_portfolios(families)
    data = await families.mydata(AMELIA_OWN)
    own = data["own_portfolio"]
    assert [a["text"] for a in own["activities"]] == ["Draw a tiger"]
    statuses = [(w["status"], w["content"]["body"]) for w in own["work"]]
    assert statuses == [
        ("approved", "tiger.png"),
        ("waiting", "My second tiger, half done"),
        ("returned", "A tiger with no stripes"),
    ]
    text = json.dumps(data, ensure_ascii=False)
    assert "storm" not in text and "Brilliant" not in text and "fierce" not in text
    assert OLIVER_OWN not in text and KIM not in text and SAM not in text and REID not in text
    oliver = await families.mydata(OLIVER_OWN)
    assert [w["content"]["body"] for w in oliver["own_portfolio"]["work"]] == [
        "The storm was loud and wild"
    ]
    assert "tiger" not in json.dumps(oliver, ensure_ascii=False)


async def test_a_kept_comment_reaction_and_photo_are_recorded_as_the_parents(
    families: Families,
) -> None:
    photo = {"msgtype": "m.image", "body": "us.png", "url": "mxc://test/us"}
    [record] = await families.event(SAM, "m.room.message", photo, FAMILY_VIEW)
    assert isinstance(record, RecordComment) and record.comment is CommentKind.MEDIA
    assert record.body is None  # no copy of a parent's own photo is kept
    removed = await families.event(SAM, "m.room.message", _text("This is rubbish"), FAMILY_VIEW)
    assert not [a for a in removed if isinstance(a, RecordComment)]
    assert await families.store.portfolios.comments_by(SAM) == [
        (FAMILY_VIEW, f"$ev{families.count - 1}")
    ]


# --- !forget ---------------------------------------------------------------------------------


def _answer(actions: list[Any]) -> str:
    [said] = [a.content["body"] for a in actions if isinstance(a, SendMessage)]
    return said


async def test_a_parents_forget_takes_down_their_comments_and_keeps_the_childs_work(
    families: Families,
) -> None:
    ids = await _two_portfolios(families)
    asked = _answer(await families.send(SAM, "!forget"))
    assert PORTFOLIO_KEPT_PARENT in asked
    actions = await families.send(SAM, "!forget confirm")
    assert PORTFOLIO_KEPT_PARENT in _answer(actions)
    redacted = {(a.room_id, a.event_id) for a in actions if isinstance(a, Redact)}
    assert redacted == {(FAMILY_VIEW, ids["sam_comment"]), (FAMILY_VIEW, ids["sam_reaction"])}
    assert [a.room_id for a in actions if isinstance(a, LeaveRoom)] == [
        FAMILY_VIEW,
        f"!home-{SAM}",
    ]
    assert not [a for a in actions if isinstance(a, Kick) and a.room_id == PORTFOLIO]
    assert await families.store.portfolios.comments_by(SAM) == []
    assert (await families.store.personal.export(SAM))["portfolio_comments"] == []
    # Amelia's work is the school's record: all of it stays. Kim's comment is untouched.
    amelia = await families.store.personal.export(AMELIA_OWN)
    assert len(amelia["own_portfolio"]["work"]) == 3
    assert await families.store.portfolios.comments_by(KIM) == [(KIM_VIEW, ids["kim_comment"])]


async def test_a_pupils_forget_leaves_the_portfolio_and_keeps_the_work(
    families: Families,
) -> None:
    await _two_portfolios(families)
    assert PORTFOLIO_KEPT_PUPIL in _answer(await families.send(AMELIA_OWN, "!forget"))
    actions = await families.send(AMELIA_OWN, "!forget confirm")
    answer = _answer(actions)
    assert PORTFOLIO_KEPT_PUPIL in answer and "education record" in answer
    assert [(a.room_id, a.user_id) for a in actions if isinstance(a, Kick)] == [
        (PORTFOLIO, AMELIA_OWN)
    ]
    assert not [a for a in actions if isinstance(a, Redact)]  # her work is not taken down
    assert await families.store.points.pupil_of_account(AMELIA_OWN) is None
    assert len(await families.store.portfolios.approved(families.amelia.id)) == 1
    assert [text for text, _ in await families.store.portfolios.activities(families.amelia.id)] == [
        "Draw a tiger"
    ]
    # Sam still sees the approved work; Oliver's own account is untouched.
    assert len((await families.store.personal.export(SAM))["portfolio_work_shared_with_you"]) == 1
    assert await families.store.points.pupil_of_account(OLIVER_OWN) == families.oliver.id


# --- retention -------------------------------------------------------------------------------


def _app(store: Store, days: int | None) -> App:
    policy = CONFIG.policy.model_copy(update={"portfolio_retention_days": days})
    config = CONFIG.model_copy(update={"policy": policy})
    client = AsyncClient("http://localhost", BOT)  # retention never calls the homeserver
    return App(config, store, client, Clock(TUESDAY))


async def test_portfolios_are_kept_until_the_school_deletes_them_by_default(
    families: Families,
) -> None:
    await _two_portfolios(families)
    app = _app(families.store, None)
    app.clock.set(TUESDAY + timedelta(days=3_000))
    assert await app.retention() == 0
    assert len((await families.store.personal.export(AMELIA_OWN))["own_portfolio"]["work"]) == 3
    await app.client.close()


async def test_the_schools_portfolio_retention_deletes_older_work(families: Families) -> None:
    await _two_portfolios(families)
    sheet = {"msgtype": "m.file", "body": "sheet.pdf", "url": "mxc://test/sheet"}
    kept = KeepAttachment("$sheet", f"!home-{REID}", REID, sheet)
    await kept.apply(families.store, "keep", TUESDAY.isoformat())
    app = _app(families.store, 30)
    app.clock.set(TUESDAY + timedelta(days=29))
    assert await app.retention() == 0  # not yet 30 days old
    assert len(await families.store.portfolios.approved(families.amelia.id)) == 1
    assert await families.store.portfolios.attachment("$sheet") is not None
    app.clock.set(TUESDAY + timedelta(days=31))
    assert await app.retention() == 4  # Amelia's three pieces and Oliver's one
    for user in (AMELIA_OWN, OLIVER_OWN):
        assert (await families.store.personal.export(user))["own_portfolio"] == {
            "activities": [],
            "work": [],
        }
    sam = await families.store.personal.export(SAM)
    assert sam["portfolio_work_shared_with_you"] == [] and sam["portfolio_comments"] == []
    assert await families.store.portfolios.work(f"$ev{families.count}") is None
    assert await families.store.portfolios.attachment("$sheet") is None  # a teacher's file too
    assert await app.retention() == 0  # nothing left to delete
    await app.client.close()


# --- a leaver's portfolio as a zip ---------------------------------------------------------------


def _zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


async def test_the_export_holds_the_activities_and_approved_work_only(families: Families) -> None:
    await _two_portfolios(families)
    asked: list[dict[str, Any]] = []

    async def fetch(content: dict[str, Any]) -> bytes:
        asked.append(content)
        return PNG

    exported = await export_portfolio(
        families.store, CONFIG, families.amelia, fetch, now=TUESDAY + timedelta(days=200)
    )
    assert (exported.activities, exported.work, exported.files, exported.missing) == (1, 1, 1, 0)
    files = _zip(exported.data)
    assert set(files) == {"index.html", "media/01-tiger.png"}
    assert files["media/01-tiger.png"] == PNG and asked[0]["url"] == "mxc://test/tiger"
    index = files["index.html"].decode()
    assert "Amelia Hughes&#x27;s portfolio" in index and "Draw a tiger" in index
    assert "<img src='media/01-tiger.png'" in index and "Tuesday 24 November 2026" in index
    for never in ("half done", "no stripes", "storm", "fierce", REID, SAM, AMELIA_OWN):
        assert never not in index  # waiting, returned, another pupil's, comments, who


async def test_media_that_cannot_be_fetched_is_named_in_the_index(families: Families) -> None:
    await _two_portfolios(families)

    async def gone(content: dict[str, Any]) -> bytes:
        raise MediaUnavailable("Not found")

    exported = await export_portfolio(families.store, CONFIG, families.amelia, gone, now=TUESDAY)
    assert (exported.files, exported.missing) == (0, 1)
    files = _zip(exported.data)
    assert set(files) == {"index.html"}
    assert "tiger.png: this file could not be fetched (Not found)" in files["index.html"].decode()


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


async def _cli(*argv: str) -> int:
    args = parser().parse_args(["portfolio-export", *argv])
    return await args.run(args)


async def test_the_command_writes_the_zip(
    cli_families: Families, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    await _two_portfolios(cli_families)
    out = tmp_path / "oliver.zip"
    common = ("--data-dir", str(tmp_path), "--config", str(REPO / "rooms.yaml"))
    assert await _cli("DEMO0002", "--out", str(out), *common) == 0  # writing only: no login
    said = capsys.readouterr().out
    assert said.startswith(f"{out}: Oliver Bennett's portfolio: 1 activity and 1 piece of ")
    index = _zip(out.read_bytes())["index.html"].decode()
    assert "Write about a storm" in index and "The storm was loud and wild" in index
    assert "tiger" not in index
    assert [name for name in _names(tmp_path) if name.endswith(".partial")] == []


@pytest.mark.parametrize(
    ("pupil", "out", "line"),
    [
        (
            "Zed Quill",
            "zed.zip",
            "portfolio-export: no pupil 'Zed Quill' in the roster; give an MIS id or "
            "'First Surname' (nothing was written)",
        ),
        (
            "Oliver",
            "oliver.zip",
            "portfolio-export: 'Oliver' matches several pupils: Oliver Bennett (oak, DEMO0002), "
            "Oliver Thornbury (oak, DEMO0003); give the MIS id (nothing was written)",
        ),
        ("DEMO0002", "no/such/folder/oliver.zip", "cannot write there: No such file or directory"),
        ("DEMO0002", ".", "cannot write there: that is a folder"),
    ],
)
async def test_bad_input_gets_one_line_and_writes_nothing(
    cli_families: Families,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    pupil: str,
    out: str,
    line: str,
) -> None:
    before = _names(tmp_path)
    target = tmp_path / out
    common = ("--data-dir", str(tmp_path), "--config", str(REPO / "rooms.yaml"))
    assert await _cli(pupil, "--out", str(target), *common) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and line in err, err
    assert _names(tmp_path) == before


# --- on a real Synapse: the media is downloaded by the bot --------------------------------------


@pytest.fixture
async def synapse(school: School, launch: BotLauncher, matrix: Matrix) -> Portfolios:
    """test_portfolio's real school: Miss Reid, and Amelia with her own account."""
    return await Portfolios(await launch(), matrix, school).setup()


async def test_the_export_downloads_the_approved_photo_from_the_homeserver(
    synapse: Portfolios,
) -> None:
    portfolios = synapse
    bot = portfolios.bot
    await portfolios.parent("sam", "Amelia Hughes")
    room = await portfolios.portfolio()
    image = await png_message(portfolios.amelia_own)
    photo = await portfolios.amelia_own.room_send(room, "m.room.message", image)
    assert isinstance(photo, nio.RoomSendResponse), photo
    await portfolios.handled(photo.event_id)
    await portfolios.react(room, photo.event_id, "✅")
    await portfolios.share_text(room, "My tiger lives in the jungle")

    async def approved() -> bool:
        return len(await bot.store.portfolios.approved(portfolios.amelia.id)) == 2

    await eventually(approved)
    exported = await export_portfolio(
        bot.store, bot.app.config, portfolios.amelia, client_fetch(bot.client), now=TUESDAY
    )
    assert (exported.work, exported.files, exported.missing) == (2, 1, 0)
    files = _zip(exported.data)
    assert files["media/01-tiger.png"] == PNG
    assert "My tiger lives in the jungle" in files["index.html"].decode()
