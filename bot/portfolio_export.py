"""A leaver's portfolio for the family, from the command line:

* `conductbot portfolio-export PUPIL --out FILE.zip [--data-dir DIR] [--secrets FILE]`:
  a zip with `index.html` (the activities set and the work a teacher approved, oldest first,
  writing shown in it) and `media/` (each approved photo, recording or file, downloaded from
  the homeserver with the bot's account, decrypted when the room was encrypted). PUPIL is as
  `link-parent` takes it: 'First Surname' or the MIS id.

Only what the family was shown or set: never work waiting for a teacher or returned, never
teachers' comments or who decided. The bot logs in only when there is media to fetch.
"""

from __future__ import annotations

import argparse
import html
import io
import logging
import mimetypes
import re
import zipfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from nio import AsyncClient, DownloadResponse
from nio.exceptions import EncryptionError

from bot.cli_common import CannotWrite, Output, one_line_errors
from bot.clock import Clock
from bot.config import Config, ConfigError, load_config
from bot.matrix import Credentials, CredentialsError, login, make_client
from bot.media_worker import plain_bytes
from bot.roster import UnknownPupil, find_pupil
from handlers.media import MEDIA_MSGTYPES
from storage.portfolio import Work
from storage.pupils import Pupil
from storage.store import DATABASE, Store

log = logging.getLogger(__name__)

#: Fetches the bytes of one piece of work's media (its content as posted); raises
#: `MediaUnavailable` with a short reason when it cannot.
Fetch = Callable[[dict[str, Any]], Awaitable[bytes]]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class ExportError(Exception):
    """Something the operator can fix: one line, exit status 2."""


class MediaUnavailable(Exception):
    pass


@dataclass(frozen=True)
class Exported:
    data: bytes  # the zip
    activities: int
    work: int
    files: int
    missing: int  # media that could not be fetched (named in the index)


def _when(stamp: str | None, config: Config) -> str:
    if not stamp:
        return ""
    day = datetime.fromisoformat(stamp).astimezone(config.school.tz)
    return f"{day:%A} {day.day} {day:%B %Y}"


def _day(iso: str) -> str:
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day:%A} {day.day} {day:%B %Y}"


def _media_name(number: int, content: dict[str, Any]) -> str:
    name = content.get("filename") or content.get("body") or "file"
    safe = _UNSAFE.sub("-", str(name)).strip(".-") or "file"
    if not Path(safe).suffix:
        mimetype = (content.get("info") or {}).get("mimetype")
        safe += (mimetypes.guess_extension(mimetype) if isinstance(mimetype, str) else "") or ""
    return f"media/{number:02d}-{safe[:80]}"


def client_fetch(client: AsyncClient) -> Fetch:
    """Media through the bot's client: downloaded, and decrypted when the room was."""

    async def fetch(content: dict[str, Any]) -> bytes:
        file = content.get("file")
        mxc = file.get("url") if isinstance(file, dict) else content.get("url")
        if not isinstance(mxc, str) or not mxc.startswith("mxc://"):
            raise MediaUnavailable("it has no media address")
        response = await client.download(mxc)
        if not isinstance(response, DownloadResponse):
            raise MediaUnavailable(getattr(response, "message", None) or "download failed")
        try:
            return plain_bytes(response.body, content)
        except (EncryptionError, KeyError, TypeError, ValueError):
            raise MediaUnavailable("it could not be decrypted") from None

    return fetch


async def export_portfolio(
    store: Store, config: Config, pupil: Pupil, fetch: Fetch | None, *, now: datetime
) -> Exported:
    """The zip of one pupil's activities and approved work. `fetch` None: there is no media
    to fetch (the caller looked first: `has_media`)."""
    activities = await store.portfolios.activities(pupil.id)
    work = await store.portfolios.approved(pupil.id)
    school_class = config.class_by_id(pupil.class_id)
    where = school_class.name if school_class else pupil.class_id
    title = f"{pupil.full_name}'s portfolio"
    out = io.BytesIO()
    files = missing = 0
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title></head>",
        "<body style='font-family: sans-serif; max-width: 40em; margin: 2em auto'>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p>{html.escape(where)}, {html.escape(config.school.name)}. Exported "
        f"{html.escape(_when(now.isoformat(), config))}: the activities set and the work a "
        "teacher shared with the family.</p>",
        "<h2>Activities</h2>",
    ]
    if activities:
        parts.append("<ol>")
        for text, due in activities:
            due_text = f" <em>(due {html.escape(_day(due))})</em>" if due else ""
            parts.append(f"<li>{_paragraphs(text)}{due_text}</li>")
        parts.append("</ol>")
    else:
        parts.append("<p>No activities.</p>")
    parts.append("<h2>Work</h2>")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if work:
            parts.append("<ol>")
        for number, piece in enumerate(work, start=1):
            when = html.escape(_when(piece.submitted_at, config))
            item, fetched = await _item(archive, number, piece, fetch)
            files += fetched is True
            missing += fetched is False
            parts.append(f"<li><p><strong>{when}</strong></p>{item}</li>")
        parts.append("</ol>" if work else "<p>No work has been shared yet.</p>")
        parts.append("</body></html>\n")
        archive.writestr("index.html", "\n".join(parts))
    return Exported(out.getvalue(), len(activities), len(work), files, missing)


def _paragraphs(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.splitlines())


def has_media(work: list[Work]) -> bool:
    return any(piece.content.get("msgtype") in MEDIA_MSGTYPES for piece in work)


async def _item(
    archive: zipfile.ZipFile, number: int, piece: Work, fetch: Fetch | None
) -> tuple[str, bool | None]:
    """The index entry for one piece, and whether its media was fetched (None: writing)."""
    content = piece.content
    if content.get("msgtype") not in MEDIA_MSGTYPES:
        return f"<p>{_paragraphs(str(content.get('body', '')))}</p>", None
    name = _media_name(number, content)
    shown = html.escape(str(content.get("filename") or content.get("body") or "a file"))
    try:
        if fetch is None:
            raise MediaUnavailable("no homeserver was asked")
        archive.writestr(name, await fetch(content))
    except MediaUnavailable as err:
        return f"<p>{shown}: this file could not be fetched ({html.escape(str(err))}).</p>", False
    link = html.escape(name)
    if content.get("msgtype") == "m.image":
        return f"<p><a href='{link}'><img src='{link}' alt='{shown}' width='320'></a></p>", True
    return f"<p><a href='{link}'>{shown}</a></p>", True


# --- the command ----------------------------------------------------------------------------


async def cmd_portfolio_export(args: argparse.Namespace) -> int:
    try:
        config = load_config(args.config)
    except ConfigError as err:
        raise ExportError(str(err)) from None
    database = Path(args.data_dir) / DATABASE
    if not database.exists():
        raise ExportError(
            f"portfolio-export: no database at {database}; import the roster first "
            "(conductbot roster import) or give --data-dir"
        )
    output = Output(args.out)
    try:
        store = await Store.open(database)
        try:
            try:
                pupil = await find_pupil(store, args.pupil)
            except UnknownPupil as err:
                raise ExportError(f"portfolio-export: {err} (nothing was written)") from None
            now = Clock.from_env().now()
            if not has_media(await store.portfolios.approved(pupil.id)):
                exported = await export_portfolio(store, config, pupil, None, now=now)
            else:
                exported = await _with_client(args, store, config, pupil, now)
        finally:
            await store.close()
        output.write(exported.data)
        output.keep()
    finally:
        output.discard()
    files = f", {exported.files} file{'' if exported.files == 1 else 's'} downloaded"
    lost = (
        f"; {exported.missing} could not be fetched (named in the index)"
        if exported.missing
        else ""
    )
    print(
        f"{args.out}: {pupil.full_name}'s portfolio: {exported.activities} "
        f"activit{'y' if exported.activities == 1 else 'ies'} and {exported.work} piece"
        f"{'' if exported.work == 1 else 's'} of approved work{files}{lost}. It holds a "
        "child's work: give it to the family only."
    )
    return 0


async def _with_client(
    args: argparse.Namespace, store: Store, config: Config, pupil: Pupil, now: datetime
) -> Exported:
    try:
        credentials = Credentials.load(args.secrets)
    except CredentialsError as err:
        raise ExportError(str(err)) from None
    client = make_client(credentials, Path(args.data_dir))
    try:
        await login(client, store, credentials)
        return await export_portfolio(store, config, pupil, client_fetch(client), now=now)
    finally:
        await client.close()


def add_parser(commands: Any) -> None:
    """Add `portfolio-export` to the CLI's subparsers."""
    export = commands.add_parser(
        "portfolio-export",
        help="a pupil's portfolio as a zip for their family (a leaver's, say)",
        description=(
            "The activities set and the work a teacher approved, with the photos and files "
            "downloaded from the homeserver, in one zip with an index.html."
        ),
    )
    export.add_argument("pupil", help="the pupil's MIS id or 'First Surname'")
    export.add_argument("--out", type=Path, metavar="FILE.zip", required=True)
    export.add_argument("--config", type=Path, default=Path("rooms.yaml"))
    export.add_argument("--data-dir", default="var/data", help="where the database lives")
    export.add_argument("--secrets", type=Path, help="YAML file with the bot's credentials")
    export.set_defaults(run=one_line_errors(cmd_portfolio_export, ExportError, CannotWrite))
