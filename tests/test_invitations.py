"""Invitation letters: `conductbot invitations` for the office and `!invitations` for a
teacher. The letters are read back as a family would (pypdf for the words, pdftoppm for the
picture, zbarimg for the QR code) and their codes are redeemed by real clients on the real
Synapse."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import nio
import pytest
from conftest import (
    REPO,
    BotLauncher,
    Matrix,
    School,
    eventually,
    join,
    messages,
    notices_in,
    send_text,
)
from PIL import Image
from pypdf import PdfReader
from test_onboarding import (
    CODE_RE,
    HEAD,
    KHAN,
    REID,
    commands,
    context,
    everything_stored,
    message,
    new_family,
    perform,
    said,
    store,  # noqa: F401 (a fixture)
)

from bot.actions import SendFile
from bot.cli import main
from bot.clock import Clock
from bot.config import load_config
from bot.letters import CSV_COLUMNS, Letter, LetterHead, letters_pdf, matrix_to
from bot.provisioning import home_key
from bot.roster import import_roster
from handlers.invitations import OFFICE, IssueInvitations, LettersRequest, letters_request
from storage.codes import normalise_code
from storage.people import Person as Someone
from storage.people import Role
from storage.store import DATABASE, Store

CONFIG = load_config(REPO / "rooms.yaml")
OAK = ["Amelia", "Arthur", "Florence", "Jasper", "Maisie", "Oliver", "Oliver", "Poppy"]
MAPLE = ["Alfie", "Elsie", "Freddie", "Harriet", "Noah", "Priya", "Rosie", "Zain"]
HOMESERVER = "https://matrix.brookfield-primary.example"
BOT = "@conductbot:brookfield-primary.example"


def letters_in(pdf: bytes) -> list[tuple[str, str, str]]:
    """(first name, class, code) of each page, as the words on it say."""
    pages = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        text = page.extract_text()
        who = re.search(r"For the family of (.+?), (\w+ Class)", text)
        codes = set(CODE_RE.findall(text))
        assert who is not None and len(codes) == 1, text
        pages.append((who[1], who[2], codes.pop()))
    return pages


def rows_in(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
        return list(reader)


def bot_command(school: School, *args: str) -> tuple[list[str], dict[str, str]]:
    """The argv and environment of a `conductbot` command as the office runs it, with the
    bot's credentials, on the school's configuration and data directory."""
    credentials = school.credentials
    env = os.environ | {
        "PYTHONPATH": str(REPO),
        "CONDUCTBOT_HOMESERVER": credentials.homeserver,
        "CONDUCTBOT_USER_ID": credentials.user_id,
        "CONDUCTBOT_PASSWORD": credentials.password or "",
    }
    argv = ["--config", str(school.config_path), "--data-dir", str(school.data_dir)]
    return [sys.executable, "-m", "bot.cli", *args[:1], *argv, *args[1:]], env


def as_the_bot(school: School, *args: str) -> subprocess.CompletedProcess[str]:
    """A `conductbot` command as the office runs it (`bot_command`), run to its end."""
    argv, env = bot_command(school, *args)
    return subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env)


async def letters_for(school: School, tmp: Path, *args: str) -> list[tuple[str, str, str]]:
    pdf = tmp / "letters.pdf"
    done = await asyncio.to_thread(
        as_the_bot, school, "invitations", "--class", "oak", "--pdf", str(pdf), *args
    )
    assert done.returncode == 0, done.stderr
    assert "the only place these codes exist" in done.stdout, done.stdout
    return letters_in(pdf.read_bytes())


# --- the command line, on a database alone -----------------------------------------------


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data directory with the demo roster, and the bot's credentials in the environment."""
    data = tmp_path / "data"

    async def roster() -> None:
        opened = await Store.open(data / DATABASE)
        await import_roster(
            opened, REPO / "demo" / "roster.csv", [c.id for c in CONFIG.classes], now="2026-09-01"
        )
        await opened.close()

    asyncio.run(roster())
    for key, value in (("HOMESERVER", HOMESERVER), ("USER_ID", BOT), ("PASSWORD", "unused")):
        monkeypatch.setenv(f"CONDUCTBOT_{key}", value)
    monkeypatch.delenv("CONDUCTBOT_NOW", raising=False)
    return data


def invitations(data: Path, *args: str) -> int:
    return main(
        ["invitations", "--config", str(REPO / "rooms.yaml"), "--data-dir", str(data), *args]
    )


def stored(data: Path) -> str:
    async def dump() -> str:
        opened = await Store.open(data / DATABASE)
        try:
            return await everything_stored(opened)
        finally:
            await opened.close()

    return asyncio.run(dump())


def test_the_csv_and_the_pdf_agree_and_a_pupil_without_photo_consent_gets_a_letter(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, sheet = tmp_path / "oak.pdf", tmp_path / "oak.csv"
    assert invitations(office, "--class", "oak", "--pdf", str(pdf), "--csv", str(sheet)) == 0
    printed = capsys.readouterr().out
    assert "Oak Class: 8 letters" in printed and "8 new join codes" in printed
    assert f"{pdf} and {sheet} are the only place these codes exist" in printed

    pages, rows = letters_in(pdf.read_bytes()), rows_in(sheet)
    assert [(r["first_name"], r["class"], r["code"]) for r in rows] == pages
    assert sorted(name for name, _, _ in pages) == OAK
    assert {r["surname"] for r in rows if r["first_name"] == "Poppy"} == {"Featherstone"}
    expires = {r["expires"] for r in rows}
    assert len(expires) == 1 and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", expires.pop())
    assert len({code for _, _, code in pages}) == 8  # one code each, all different

    text = PdfReader(pdf).pages[0].extract_text()
    for words in (CONFIG.school.name, "Element", HOMESERVER, BOT, CONFIG.school.office_email):
        assert words in text
    assert "online code of conduct" in text and "kind, positive replies" in text

    # Stored only as keyed hashes, and each one finds its own pupil.
    dump = normalise_code(stored(office))
    assert not any(normalise_code(code) in dump for _, _, code in pages)

    async def owners() -> list[str]:
        opened = await Store.open(office / DATABASE)
        try:
            found = [await opened.codes.find(code) for _, _, code in pages]
            assert all(c and c.used_by is None and c.created_by == OFFICE for c in found)
            return [(await opened.pupils.get(c.pupil_id)).first_name for c in found]
        finally:
            await opened.close()

    assert asyncio.run(owners()) == [name for name, _, _ in pages]


def first_page_as_png(pdf: Path, folder: Path, *, dpi: int) -> Path:
    """Page 1 rendered as a picture by poppler's pdftoppm, as a printer or viewer would."""
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf), str(folder / "p")],
        check=True,
    )
    [page] = folder.glob("p-*.png")
    return page


def test_the_letters_qr_code_opens_a_chat_with_the_bot(office: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "maple.pdf"
    assert invitations(office, "--class", "maple", "--pdf", str(pdf)) == 0
    page = first_page_as_png(pdf, tmp_path, dpi=150)
    read = subprocess.run(["zbarimg", "-q", "--raw", str(page)], capture_output=True, text=True)
    assert read.stdout.split() == [matrix_to(BOT)] == ["https://matrix.to/#/" + BOT]


def test_a_page_rendered_as_a_picture_is_a_whole_a4_page(office: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "willow.pdf"
    assert invitations(office, "--class", "willow", "--pdf", str(pdf)) == 0
    page = first_page_as_png(pdf, tmp_path, dpi=60)
    with Image.open(page) as image:
        assert image.format == "PNG"
        width, height = image.size
        assert abs(width - 210 / 25.4 * 60) <= 2 and abs(height - 297 / 25.4 * 60) <= 2
        assert abs(height / width - 2**0.5) < 0.01  # A4's proportions
        grey = image.convert("L")
        dark = sum(grey.histogram()[:128])
        assert 0.02 < dark / (width * height) < 0.5  # printed on, not blank or black
        top, bottom = (
            grey.crop((0, 0, width, height // 8)),
            grey.crop((0, height // 2, width, height)),
        )
        assert top.getextrema()[0] < 100 and bottom.getextrema()[0] < 100  # text top and bottom


def test_a_child_already_at_the_limit_gets_no_letter_and_renew_replaces_live_codes(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    async def link_two_adults() -> None:
        opened = await Store.open(office / DATABASE)
        [amelia] = await opened.pupils.by_name("Amelia")
        [noah] = await opened.pupils.by_name("Noah")
        for adult, pupil in (("@mum:x", amelia), ("@dad:x", amelia), ("@gran:x", noah)):
            await opened.people.upsert(adult, adult, Role.PARENT, now="")
            await opened.pupils.link_parent(adult, pupil.id, linked_by="test", now="")
        await opened.close()

    asyncio.run(link_two_adults())
    first = tmp_path / "first.pdf"
    assert invitations(office, "--all", "--pdf", str(first)) == 0
    names = [name for name, _, _ in letters_in(first.read_bytes())]
    assert len(names) == 23 and "Amelia" not in names and "Noah" in names  # one of two
    assert "none for Amelia (already 2 adults connected, the limit)" in capsys.readouterr().out

    again = tmp_path / "again.pdf"
    assert invitations(office, "--all", "--pdf", str(again)) == 0
    assert "No new letters" in capsys.readouterr().out and not again.exists()

    renewed = tmp_path / "renewed.pdf"
    assert invitations(office, "--class", "oak", "--renew", "--pdf", str(renewed)) == 0
    assert "Oak Class: 7 letters; 7 earlier codes cancelled" in capsys.readouterr().out
    assert len(letters_in(renewed.read_bytes())) == 7


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--class", "fir", "--pdf", "{tmp}/x.pdf"], "there is no class 'fir'"),
        (["--pdf", "{tmp}/x.pdf"], "either --class CLASS_ID or --all"),
        (["--class", "oak", "--all", "--pdf", "{tmp}/x.pdf"], "either --class CLASS_ID or --all"),
        (["--class", "oak"], "--pdf FILE, --csv FILE or both"),
        (["--class", "oak", "--pdf", "{tmp}/missing/x.pdf"], "cannot write there"),
        (["--class", "oak", "--pdf", "{tmp}/x.pdf", "--csv", "{tmp}"], "cannot write there"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_changed(
    office: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    says: str,
) -> None:
    before = stored(office)
    status = invitations(office, *(a.format(tmp=tmp_path) for a in args))
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2 and len(err) == 1 and says in err[0], err
    assert stored(office) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # no file, no leftover


def test_the_demo_letter_in_the_readme_is_a_rendered_page() -> None:
    image = REPO / "docs" / "images" / "invitation-letter.png"
    with Image.open(image) as shown:
        width, height = shown.size
        assert shown.format == "PNG" and abs(height / width - 2**0.5) < 0.01
    assert "docs/images/invitation-letter.png" in (REPO / "README.md").read_text()


# --- !invitations decided, with a database and no server ---------------------------------


def test_the_class_and_renew_are_read_from_the_command() -> None:
    assert letters_request("") == LettersRequest(None, renew=False)
    assert letters_request("oak") == LettersRequest("oak", renew=False)
    assert letters_request("Oak Class —renew") == LettersRequest("Oak Class", renew=True)
    assert letters_request("--renew") == LettersRequest(None, renew=True)


async def test_invitations_in_chat_are_the_teachers_classes_only(store: Store) -> None:  # noqa: F811
    clock = Clock(datetime(2026, 9, 7, 9, tzinfo=UTC))
    mine = await commands(message("!invitations", REID.user_id), context(store, REID, clock))
    files = [a for a in mine if isinstance(a, SendFile)]
    assert [f.filename for f in files] == [
        "invitations-oak-2026-09-07.pdf",
        "invitations-maple-2026-09-07.pdf",
    ]
    assert [sorted(n for n, _, _ in letters_in(f.data)) for f in files] == [OAK, MAPLE]
    issued = [a for a in mine if isinstance(a, IssueInvitations)]
    assert [len(i.codes) for i in issued] == [8, 8] and issued[0].created_by == REID.user_id
    assert "the only place these codes exist" in said(mine)
    assert "Monday 21 September 2026 at 10:00" in said(mine)  # 14 days, in London time

    await perform(store, mine, clock)
    again = await commands(message("!invitations oak", REID.user_id), context(store, REID, clock))
    assert not any(isinstance(a, SendFile) for a in again)
    assert "No new letters" in said(again) and "--renew" in said(again)

    khan = await commands(message("!invitations oak", KHAN.user_id), context(store, KHAN, clock))
    assert "can't make letters for 'oak'" in said(khan)
    assert not any(isinstance(a, IssueInvitations) for a in khan)
    head = await commands(message("!invitations", HEAD.user_id), context(store, HEAD, clock))
    assert "Which class?" in said(head) and not any(isinstance(a, SendFile) for a in head)
    willow = await commands(
        message("!invitations Willow Class", HEAD.user_id), context(store, HEAD, clock)
    )
    [sent] = [a for a in willow if isinstance(a, SendFile)]
    assert {c for _, c, _ in letters_in(sent.data)} == {"Willow Class"}
    elsewhere = message("!invitations", REID.user_id, owner=KHAN.user_id)
    assert "your own room" in said(await commands(elsewhere, context(store, REID, clock)))
    parent = Someone("@p:x", "P", Role.PARENT, None)
    refused = await commands(message("!invitations", "@p:x"), context(store, parent, clock))
    assert "not available to you" in said(refused)


# --- with a real homeserver --------------------------------------------------------------


async def test_a_code_read_from_the_pdf_links_a_parent_through_a_real_client(
    launch: BotLauncher, matrix: Matrix, school: School, tmp_path: Path
) -> None:
    bot = await launch()
    for adult in ("mum", "dad"):
        await bot.link(matrix.register(adult, displayname=adult.title()), "Amelia Hughes")
    pages = await letters_for(school, tmp_path)
    assert sorted(name for name, _, _ in pages) == [n for n in OAK if n != "Amelia"]
    [(_, _, code)] = [page for page in pages if page[0] == "Poppy"]  # no photo consent

    sam = await new_family(bot, matrix, "sam")
    told = await sam.send(code)
    assert any("connected to Poppy (Oak Class)" in n for n in told), told
    [poppy] = await bot.store.pupils.by_name("Poppy")
    assert await bot.store.pupils.parents_of(poppy.id) == [sam.user_id]
    spent = await bot.store.codes.find(code)
    assert spent.used_by == sam.user_id and spent.created_by == OFFICE


async def test_renew_voids_the_old_code_and_the_new_one_works(
    launch: BotLauncher, matrix: Matrix, school: School, tmp_path: Path
) -> None:
    bot = await launch()
    old = dict((name, code) for name, _, code in await letters_for(school, tmp_path))
    new = dict((n, c) for n, _, c in await letters_for(school, tmp_path, "--renew"))
    assert set(new) == set(old) and not set(new.values()) & set(old.values())

    sam = await new_family(bot, matrix, "sam")
    refused = await sam.send(old["Florence"])
    assert any("expired" in n and "ask the school office" in n for n in refused), refused
    [florence] = await bot.store.pupils.by_name("Florence")
    assert await bot.store.pupils.parents_of(florence.id) == []
    told = await sam.send(new["Florence"])
    assert any("connected to Florence (Oak Class)" in n for n in told), told


async def test_invitations_in_a_teachers_home_room_posts_the_class_pdf(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    teacher = await matrix.client(school.staff["reid"])
    home = await bot.room(home_key(school.staff["reid"].user_id))
    await join(teacher, home)
    sent = await send_text(teacher, home, "!invitations oak")
    await eventually(lambda: bot.store.events.outcome(sent))

    async def posted() -> dict | None:
        for event in await messages(teacher, home):
            if event["content"].get("msgtype") == "m.file":
                return event["content"]
        return None

    content = await eventually(posted)
    assert content["info"]["mimetype"] == "application/pdf"
    assert content["filename"].startswith("invitations-oak-")
    download = await teacher.download(content["url"])
    assert isinstance(download, nio.DownloadResponse), download
    pages = letters_in(download.body)
    assert sorted(name for name, _, _ in pages) == OAK
    assert {class_name for _, class_name, _ in pages} == {"Oak Class"}
    text = PdfReader(io.BytesIO(download.body)).pages[0].extract_text()
    assert bot.client.user_id in text and school.settings.base_url in text
    for name, _, code in pages:
        found = await bot.store.codes.find(code)
        assert found and (await bot.store.pupils.get(found.pupil_id)).first_name == name
    assert any("the only place these codes exist" in n for n in await notices_in(teacher, home))


async def test_a_file_sent_in_an_encrypted_room_is_encrypted_before_upload(
    launch_encrypted: BotLauncher, matrix: Matrix, encrypted_school: School
) -> None:
    school = encrypted_school
    bot = await launch_encrypted()
    home = await bot.room(home_key(school.staff["reid"].user_id))
    head = LetterHead.of(bot.config, school.settings.base_url, bot.client.user_id)
    letter = Letter("Amelia", "Hughes", "Oak Class", "KQ7D-MAXR", datetime.now(UTC))
    pdf = letters_pdf([letter], head)
    send = SendFile(home, "letters.pdf", pdf, "application/pdf", "letters.pdf")
    [done] = await bot.app.executor.run([send], cause="test")
    assert done.ok, done.error

    teacher = await matrix.client(school.staff["reid"])  # reads what the server holds
    await join(teacher, home)
    seen = await teacher.room_get_event(home, done.result)
    assert seen.event.source["type"] == "m.room.encrypted"

    own = await bot.client.room_get_event(home, done.result)  # the bot decrypts it
    assert isinstance(own.event, nio.RoomEncryptedFile), own.event
    content = own.event.source["content"]
    assert "url" not in content and content["file"]["v"] == "v2"
    stored_bytes = (await teacher.download(content["file"]["url"])).body
    assert stored_bytes != pdf and b"%PDF" not in stored_bytes  # ciphertext only
    key = content["file"]
    plain = nio.crypto.decrypt_attachment(
        stored_bytes, key["key"]["k"], key["hashes"]["sha256"], key["iv"]
    )
    assert plain == pdf
