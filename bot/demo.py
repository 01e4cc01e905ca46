"""`conductbot demo`: an embedded Synapse on loopback, the demo school, and the bot.

Everything lives under `var/demo/`; a second run reuses what is there. The accounts file
(`var/demo/accounts.json`) holds generated passwords for the demo people only.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot import judge_model
from bot.app import App
from bot.clock import Clock
from bot.config import load_config
from bot.guard_api import GuardApi, module_config
from bot.homeserver import (
    SynapseProcess,
    free_port,
    register_user,
    write_private,
    write_synapse_config,
)
from bot.matrix import Credentials, make_client
from bot.monitoring import MonitorSettings, serving
from bot.provisioning import ESCALATION_KEY, SCHOOL_STORY_KEY, portfolio_key, story_key
from bot.roster import find_pupil, import_roster
from handlers.portfolio import activity_actions
from storage.store import DATABASE, Store

log = logging.getLogger(__name__)

SERVER_NAME = "brookfield.test"
BOT_LOCALPART = "conductbot"


@dataclass(frozen=True)
class DemoParent:
    localpart: str
    name: str
    pupil: str  # as `link-parent` takes it: 'First Surname' or MIS id


DEMO_PARENTS = (
    DemoParent("sarah.hughes", "Sarah Hughes", "Amelia Hughes"),
    DemoParent("tom.bennett", "Tom Bennett", "Oliver Bennett"),
    DemoParent("priya.patel", "Priya Patel", "Isla Patel"),
    DemoParent("dan.clarke", "Dan Clarke", "Noah Clarke"),
)


@dataclass(frozen=True)
class DemoPupil:
    """A pupil's own account (as `!code PUPIL --pupil` links one), with a portfolio."""

    localpart: str
    name: str
    pupil: str


DEMO_PUPILS = (DemoPupil("amelia.hughes", "Amelia", "Amelia Hughes"),)
#: The activity the class teacher has set in each demo pupil's portfolio.
DEMO_ACTIVITY = "Draw your favourite animal and write one sentence about why you like it."


def _register_all(settings: Any, accounts: dict[str, Any], config: Any) -> None:
    """Register whoever is not in accounts.json yet (blocking; run in a thread)."""
    people: list[tuple[str, str, str, dict[str, Any]]] = [
        ("conductbot", BOT_LOCALPART, "conductbot", {"role": "bot"})
    ]
    for staff in config.staff:
        extra: dict[str, Any] = {"role": staff.role}
        if classes := [c.id for c in config.classes_of(staff.id)]:
            extra["classes"] = classes
        people.append((staff.id, staff.localpart, staff.name, extra))
    for parent in DEMO_PARENTS:
        people.append((parent.localpart, parent.localpart, parent.name, {"role": "parent"}))
    for own in DEMO_PUPILS:
        people.append((own.localpart, own.localpart, own.name, {"role": "pupil"}))
    for name, localpart, display, extra in people:
        if name in accounts["users"]:
            continue
        password = secrets.token_urlsafe(12)
        user_id = register_user(
            settings, localpart, password, admin=(name == "conductbot"), displayname=display
        )
        accounts["users"][name] = {"user_id": user_id, "password": password} | extra


async def run_demo(config_path: Path, root: Path, roster: Path) -> None:
    started = time.monotonic()
    config = load_config(config_path)
    bot_id = f"@{BOT_LOCALPART}:{SERVER_NAME}"
    # The demo homeserver loads the guard module (docs/guard.md); it asks the bot's endpoint.
    guard_port, guard_secret = free_port(), secrets.token_urlsafe(32)
    guard_config = module_config(
        f"http://127.0.0.1:{guard_port}",
        guard_secret,
        [bot_id, *(staff.matrix_id(SERVER_NAME) for staff in config.staff)],
        direct_chat_with=[bot_id],
    )
    settings = write_synapse_config(root / "synapse", server_name=SERVER_NAME, guard=guard_config)
    synapse = SynapseProcess(settings)
    await asyncio.to_thread(synapse.start)
    accounts_path = root / "accounts.json"
    accounts: dict[str, Any] = (
        json.loads(accounts_path.read_text(encoding="utf-8"))
        if accounts_path.exists()
        else {"homeserver": settings.base_url, "users": {}, "rooms": {}}
    )
    accounts["homeserver"] = settings.base_url
    store = await Store.open(root / "data" / DATABASE)
    judge_model.use_school_model(root / "data")
    clock = Clock.from_env()
    guard = GuardApi(store, config, bot_id, guard_secret, clock=clock, port=guard_port)
    client = None
    try:
        await asyncio.to_thread(_register_all, settings, accounts, config)
        write_private(accounts_path, json.dumps(accounts, indent=2))
        bot = accounts["users"]["conductbot"]
        secrets_path = root / "bot-secrets.yaml"
        write_private(
            secrets_path,
            yaml.safe_dump(
                {
                    "homeserver": settings.base_url,
                    "user_id": bot["user_id"],
                    "password": bot["password"],
                }
            ),
        )
        report = await import_roster(
            store, roster, [c.id for c in config.classes], now=Clock().iso()
        )
        log.info("demo roster: %s", report.summary().splitlines()[0])
        credentials = Credentials.load(secrets_path, environ={})
        client = make_client(credentials, root / "data")
        app = App(config, store, client, clock, demo=True, guard=guard)
        await app.prepare(credentials)
        for parent in DEMO_PARENTS:
            entry = accounts["users"][parent.localpart]
            pupil = await find_pupil(store, parent.pupil)
            await app.provisioner.link_parent(entry["user_id"], pupil, linked_by="demo")
            children = await store.pupils.children_of(entry["user_id"])
            entry["pupils"] = [{"first_name": p.first_name, "class": p.class_id} for p in children]
        portfolios = await _link_pupils(app, store, accounts)
        keys = [ESCALATION_KEY, *(story_key(c.id) for c in config.classes), SCHOOL_STORY_KEY]
        accounts["rooms"] = {
            key: room.room_id for key in keys if (room := await store.rooms.by_key(key))
        } | portfolios
        write_private(accounts_path, json.dumps(accounts, indent=2))
        # /healthz and /metrics as `conductbot run` serves them, on a free port unless set.
        async with serving(app, MonitorSettings.from_env(port=free_port())):
            await _serve(
                app, lambda: _instructions(accounts, accounts_path, time.monotonic() - started)
            )
    finally:
        if client is not None:
            await client.close()
        await store.close()
        await asyncio.to_thread(synapse.stop)


async def _link_pupils(app: App, store: Store, accounts: dict[str, Any]) -> dict[str, str]:
    """Each demo pupil's own account linked (which makes their portfolio) and one activity
    set there by the class teacher, once; the portfolios as accounts.json lists them."""
    rooms = {}
    for own in DEMO_PUPILS:
        entry = accounts["users"][own.localpart]
        pupil = await find_pupil(store, own.pupil)
        await app.provisioner.link_pupil(entry["user_id"], pupil, linked_by="demo")
        entry["pupils"] = [{"first_name": pupil.first_name, "class": pupil.class_id}]
        if not await store.portfolios.activities(pupil.id):
            teacher = app.config.teachers_of(pupil.class_id)[0].matrix_id(SERVER_NAME)
            actions = activity_actions(
                app.context(), [pupil], DEMO_ACTIVITY, None, teacher, f"demo:{pupil.id}"
            )
            await app.executor.run(actions, cause=f"demo:activity:{pupil.id}")
        portfolio = await store.rooms.by_key(portfolio_key(pupil.id))
        if portfolio is not None:
            rooms[f"portfolio:{pupil.first_name}"] = portfolio.room_id
    return rooms


async def _serve(app: App, instructions: Callable[[], str]) -> None:
    """Run the bot until Ctrl-C or SIGTERM, announcing 'ready' once it is syncing."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    runner = asyncio.create_task(app.run())
    stopping = asyncio.create_task(stop.wait())
    ready = asyncio.create_task(app.sync.ready.wait())
    await asyncio.wait({runner, stopping, ready}, return_when=asyncio.FIRST_COMPLETED)
    if ready.done():
        print(instructions(), flush=True)
        await asyncio.wait({runner, stopping}, return_when=asyncio.FIRST_COMPLETED)
    for task in (runner, stopping, ready):
        task.cancel()
    if runner.done() and not runner.cancelled() and runner.exception():
        raise runner.exception()  # type: ignore[misc]
    print("conductbot demo: stopping", flush=True)


def _instructions(accounts: dict[str, Any], path: Path, elapsed: float) -> str:
    lines = [
        f"conductbot demo ready in {elapsed:.1f}s",
        f"Homeserver: {accounts['homeserver']} (loopback only; server name {SERVER_NAME})",
        "Log in from any Matrix client (Element: 'Edit' the homeserver and paste the URL):",
    ]
    for user in accounts["users"].values():
        if user["role"] == "bot":
            continue
        lines.append(f"  {user['role']:<8} {user['user_id']:<28} password {user['password']}")
    lines += [
        f"Accounts and room ids: {path}",
        "SLT can move the bot's clock in the escalation room: !clock 2026-11-23T08:00:00+00:00",
        "Press Ctrl-C to stop the bot and the homeserver.",
    ]
    return "\n".join(lines)
