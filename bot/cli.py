"""The `conductbot` command line."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot import judge_eval, judge_model, judge_train
from bot.app import App
from bot.clock import Clock, ClockError
from bot.config import Config, ConfigError, load_config
from bot.guard_api import GuardApi
from bot.matrix import Credentials, CredentialsError, login, make_client
from bot.provisioning import LinkRefused
from bot.roster import RosterError, UnknownPupil, find_pupil, import_roster
from storage.store import DATABASE, Store

log = logging.getLogger("conductbot")


class UserError(Exception):
    """Something the operator can fix; printed as one line, exit status 2."""


def _config(path: Path) -> Config:
    try:
        return load_config(path)
    except ConfigError as err:
        raise UserError(str(err)) from None


def _credentials(args: argparse.Namespace) -> Credentials:
    try:
        return Credentials.load(args.secrets)
    except CredentialsError as err:
        raise UserError(str(err)) from None


async def _store(args: argparse.Namespace) -> Store:
    return await Store.open(Path(args.data_dir) / DATABASE)


async def cmd_check_config(args: argparse.Namespace) -> int:
    config = _config(args.file)
    print(
        f"{args.file}: OK: {config.school.name}, {len(config.classes)} classes, "
        f"{len(config.staff)} staff"
    )
    return 0


async def cmd_run(args: argparse.Namespace) -> int:
    config = _config(args.config)
    credentials = _credentials(args)
    clock = Clock.from_env()
    if judge_model.use_school_model(Path(args.data_dir)):
        log.info("judge: using this school's own refit (judge-train --data-dir)")
    store = await _store(args)
    client = make_client(credentials, Path(args.data_dir))
    try:
        guard = GuardApi.from_env(store, config, credentials.user_id, clock=clock)
        app = App(config, store, client, clock, dry_run=args.dry_run, guard=guard)
        report = await app.prepare(credentials)
        log.info("rooms: %s; running (Ctrl-C to stop)", report.summary())
        await app.run()
    finally:
        await client.close()
        await store.close()
    return 0


async def cmd_provision(args: argparse.Namespace) -> int:
    config = _config(args.config)
    credentials = _credentials(args)
    store = await _store(args)
    client = make_client(credentials, Path(args.data_dir))
    try:
        app = App(config, store, client, Clock.from_env(), dry_run=args.dry_run)
        report = await app.prepare(credentials, everyone=True)
        print(("dry run: " if args.dry_run else "") + report.summary())
    finally:
        await client.close()
        await store.close()
    return 0


async def cmd_roster_import(args: argparse.Namespace) -> int:
    config = _config(args.config)
    store = await _store(args)
    try:
        report = await import_roster(
            store, args.file, [c.id for c in config.classes], now=Clock.from_env().iso()
        )
    except RosterError as err:
        raise UserError(str(err)) from None
    finally:
        await store.close()
    print(report.summary())
    return 1 if report.rejected else 0


async def cmd_link_parent(args: argparse.Namespace) -> int:
    config = _config(args.config)
    credentials = _credentials(args)
    store = await _store(args)
    client = make_client(credentials, Path(args.data_dir))
    try:
        try:
            pupil = await find_pupil(store, args.pupil)
        except UnknownPupil as err:
            raise UserError(str(err)) from None
        await login(client, store, credentials)
        app = App(config, store, client, Clock.from_env(), dry_run=args.dry_run)
        for line in await app.provisioner.link_parent(args.user_id, pupil, linked_by="cli"):
            print(line)
    except LinkRefused as err:
        raise UserError(str(err)) from None
    finally:
        await client.close()
        await store.close()
    return 0


async def cmd_demo(args: argparse.Namespace) -> int:
    from bot.demo import run_demo  # needs matrix-synapse, an optional dependency

    await run_demo(args.config, Path(args.data_dir), Path(args.roster))
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="conductbot", description="Home-school messaging and code of conduct on Matrix."
    )
    top.add_argument("--log-level", default="INFO", help="DEBUG, INFO, WARNING (default INFO)")
    commands = top.add_subparsers(dest="command", required=True)

    def add(
        name: str,
        run: Callable[[argparse.Namespace], Awaitable[int]],
        help: str,
        *,
        server: bool = False,
        data: bool = True,
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run)
        if data:
            sub.add_argument("--config", type=Path, default=Path("rooms.yaml"))
            sub.add_argument("--data-dir", default="var/data", help="where the database lives")
        if server:
            sub.add_argument("--secrets", type=Path, help="YAML file with the bot's credentials")
            sub.add_argument("--dry-run", action="store_true", help="decide but do not act")
        return sub

    check = add("check-config", cmd_check_config, "check rooms.yaml and exit", data=False)
    check.add_argument("file", type=Path, nargs="?", default=Path("rooms.yaml"))
    add("run", cmd_run, "run the bot against a homeserver", server=True)
    add("provision", cmd_provision, "create or update the school's rooms", server=True)
    link = add("link-parent", cmd_link_parent, "link a parent to a pupil", server=True)
    link.add_argument("user_id", help="the parent's Matrix id, e.g. @sam:school.example")
    link.add_argument("pupil", help="the pupil's MIS id or 'First Surname'")
    roster = commands.add_parser("roster", help="the pupil roster").add_subparsers(
        dest="roster_command", required=True
    )
    imp = roster.add_parser("import", help="import pupils from an MIS CSV export")
    imp.set_defaults(run=cmd_roster_import)
    imp.add_argument("file", type=Path)
    imp.add_argument("--config", type=Path, default=Path("rooms.yaml"))
    imp.add_argument("--data-dir", default="var/data")
    judge_eval.add_parser(commands)
    judge_train.add_parser(commands)
    demo = add("demo", cmd_demo, "start an embedded Synapse, a demo school and the bot")
    demo.set_defaults(data_dir="var/demo")
    demo.add_argument("--roster", default="demo/roster.csv")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("nio").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    try:
        return asyncio.run(args.run(args))
    except (UserError, ClockError) as err:
        print(err, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
