"""Families without Matrix, from the command line and the web:

* `conductbot digest --pdf FILE [--class CLASS_ID] [--week YYYY-MM-DD] [--data-dir DIR]`:
  the week's digest on paper, one per child (each starting a new page), for the book bag.
* `conductbot family add-email PUPIL ADDRESS`: the office registers a family's address for
  the weekly e-mail digest (`handlers/digest.py` decides what goes in and when).
* The unsubscribe page (`UnsubscribeServer`): the link in each e-mail opens a page with one
  button; pressing it (or a mail client's one-click unsubscribe, RFC 8058) deletes that
  address. Opening the link alone changes nothing, so a mail scanner that follows links
  cannot unsubscribe anyone.
"""

from __future__ import annotations

import argparse
import html
import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from aiohttp import web
from nio import AsyncClient

from bot.actions import Executor
from bot.calendar import SchoolCalendar
from bot.cli_common import one_line_errors
from bot.clock import Clock
from bot.config import WEEKDAYS, ConfigError, load_config
from bot.digest_render import digest_pdf
from bot.roster import UnknownPupil, find_pupil
from handlers.digest import (
    AddDigestRecipient,
    class_items,
    digest_page,
    unsubscribe_actions,
)
from handlers.points import week_start
from storage.digest import valid_address
from storage.store import DATABASE, Store

log = logging.getLogger(__name__)

DAY_NAMES = dict(
    zip(
        WEEKDAYS,
        ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
        strict=True,
    )
)


class DigestError(Exception):
    """Something the operator can fix: one line, exit status 2."""


def _config(path: Path) -> Any:
    try:
        return load_config(path)
    except ConfigError as err:
        raise DigestError(str(err)) from None


async def _open(data_dir: str, command: str) -> Store:
    database = Path(data_dir) / DATABASE
    if not database.exists():
        raise DigestError(
            f"{command}: no database at {database}; import the roster first "
            "(conductbot roster import) or give --data-dir"
        )
    return await Store.open(database)


def _week(text: str | None, clock: Clock, config: Any) -> date:
    if text is None:
        return week_start(clock.now().astimezone(config.school.tz).date())
    try:
        return week_start(date.fromisoformat(text))
    except ValueError:
        raise DigestError(f"digest: --week {text!r} is not a date such as 2026-09-07") from None


async def cmd_digest(args: argparse.Namespace) -> int:
    config = _config(args.config)
    classes = [c.id for c in config.classes]
    if args.class_id is not None and args.class_id not in classes:
        raise DigestError(
            f"digest: there is no class '{args.class_id}' in {args.config}; its classes are "
            f"{', '.join(classes)}"
        )
    monday = _week(args.week, Clock.from_env(), config)
    if args.pdf.is_dir():
        raise DigestError(f"{args.pdf}: cannot write there: that is a folder")
    store = await _open(args.data_dir, "digest")
    try:
        calendar = SchoolCalendar(config)
        pages = []
        for class_id in [args.class_id] if args.class_id else classes:
            items = await class_items(store, config, class_id, monday)
            for pupil in await store.pupils.in_class(class_id):
                pages.append(await digest_page(store, config, calendar, pupil, monday, items))
    finally:
        await store.close()
    if not pages:
        raise DigestError("digest: no pupils in that class; import the roster first")
    try:
        args.pdf.write_bytes(digest_pdf(pages))
    except OSError as err:
        raise DigestError(f"{args.pdf}: cannot write there: {err.strerror or err}") from None
    posts = len(pages[0].items) if args.class_id else "the week's"
    print(
        f"{args.pdf}: {len(pages)} digest{'' if len(pages) == 1 else 's'} for the week beginning "
        f"{monday:%A} {monday.day} {monday:%B %Y} ({posts} class story and School Story posts "
        "each), one per child; photos only where every child named in them has photo consent."
    )
    return 0


async def cmd_add_email(args: argparse.Namespace) -> int:
    config = _config(args.config)
    address = args.address.strip()
    if not valid_address(address):
        raise DigestError(
            "family add-email: that is not an e-mail address; give one such as "
            "sam@example.com (nothing was changed)"
        )
    store = await _open(args.data_dir, "family add-email")
    try:
        try:
            pupil = await find_pupil(store, args.pupil)
        except UnknownPupil as err:
            raise DigestError(f"family add-email: {err} (nothing was changed)") from None
        clock = Clock.from_env()
        client = AsyncClient("http://localhost", "@conductbot:localhost")
        try:  # a store action only: the homeserver is never called
            executor = Executor(client, store, clock)
            [done] = await executor.run(
                [AddDigestRecipient(pupil.id, address, "cli")],
                cause=f"family-add-email:{pupil.id}:{clock.iso()}",
            )
        finally:
            await client.close()
        if not done.ok:
            raise DigestError(f"family add-email: could not be saved: {done.error}")
    finally:
        await store.close()
    school_class = config.class_by_id(pupil.class_id)
    where = school_class.name if school_class else pupil.class_id
    if done.result == "registered already":
        print(f"That address already gets {pupil.first_name}'s digest ({where}); no change.")
    else:
        print(
            f"Registered: {pupil.first_name} ({where}) will get the weekly digest at that "
            f"address every {DAY_NAMES[config.digest.day]} at {config.digest.time:%H:%M}, while "
            "the bot is running with CONDUCTBOT_SMTP_HOST set."
        )
    return 0


def add_parser(commands: Any) -> None:
    """Add `digest` and `family` to the CLI's subparsers."""
    digest = commands.add_parser(
        "digest",
        help="the week's digest as a printable PDF, one per child",
        description=(
            "The week's class story posts (photos only with consent), each child's own "
            "points and the school's dates, one digest per child, for families without e-mail."
        ),
    )
    digest.add_argument("--pdf", type=Path, metavar="FILE", required=True)
    digest.add_argument("--class", dest="class_id", metavar="CLASS_ID", help="one class")
    digest.add_argument("--week", metavar="YYYY-MM-DD", help="any day of the week (default now)")
    digest.add_argument("--config", type=Path, default=Path("rooms.yaml"))
    digest.add_argument("--data-dir", default="var/data", help="where the database lives")
    digest.set_defaults(run=one_line_errors(cmd_digest, DigestError))
    family = commands.add_parser("family", help="families without Matrix").add_subparsers(
        dest="family_command", required=True
    )
    add = family.add_parser(
        "add-email", help="register a family's e-mail address for the weekly digest"
    )
    add.add_argument("pupil", help="the pupil's MIS id or 'First Surname'")
    add.add_argument("address", help="the family's e-mail address")
    add.add_argument("--config", type=Path, default=Path("rooms.yaml"))
    add.add_argument("--data-dir", default="var/data", help="where the database lives")
    add.set_defaults(run=one_line_errors(cmd_add_email, DigestError))


# --- the unsubscribe page ------------------------------------------------------------------

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width"><title>{title}</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 2em auto">
<h1>{title}</h1>{body}</body></html>"""


def _page(title: str, body: str, status: int = 200) -> web.Response:
    text = PAGE.format(title=html.escape(title), body=body)
    return web.Response(text=text, status=status, content_type="text/html")


class UnsubscribeServer:
    """GET shows one button; POST (the button, or one-click) deletes the address."""

    def __init__(self, store: Store, executor: Executor, clock: Clock, port: int) -> None:
        self.store, self.executor, self.clock, self.port = store, executor, clock, port
        self.runner: web.AppRunner | None = None

    @classmethod
    def from_env(cls, store: Store, executor: Executor, clock: Clock) -> UnsubscribeServer | None:
        if not os.environ.get("CONDUCTBOT_UNSUBSCRIBE_URL"):
            return None
        return cls(store, executor, clock, int(os.environ.get("CONDUCTBOT_UNSUBSCRIBE_PORT", 8788)))

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/unsubscribe", self.ask)
        app.router.add_post("/unsubscribe", self.unsubscribe)
        return app

    async def start(self) -> None:
        self.runner = web.AppRunner(self.app())
        await self.runner.setup()
        await web.TCPSite(self.runner, "127.0.0.1", self.port).start()

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    async def ask(self, request: web.Request) -> web.Response:
        token = request.query.get("t", "")
        if await self.store.digests.recipient_for_token(token) is None:
            return _page("Already stopped", "<p>This address gets no digest from us.</p>", 404)
        return _page(
            "Stop the weekly digest?",
            "<p>Press the button to stop the school's weekly e-mail digest at this address. "
            "The address is then deleted from the school's list.</p>"
            f'<form method="post" action="?t={html.escape(token)}">'
            '<button type="submit">Stop the e-mails</button></form>',
        )

    async def unsubscribe(self, request: web.Request) -> web.Response:
        token = request.query.get("t", "")
        actions = await unsubscribe_actions(self.store.reader, token)
        if not actions:
            return _page("Already stopped", "<p>This address gets no digest from us.</p>", 404)
        await self.executor.run(actions, cause=f"unsubscribe:{self.clock.iso()}")
        return _page(
            "Stopped",
            "<p>You will get no more weekly digests at this address, and it has been deleted "
            "from the school's list. To start again, please ask the school office.</p>",
        )
