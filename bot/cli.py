"""The `conductbot` command line."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from nio import AsyncClient

from bot import digest, judge_eval, judge_model, judge_train, portfolio_export
from bot.actions import Executor
from bot.app import App
from bot.cli_common import CannotWrite, Output
from bot.clock import Clock, ClockError
from bot.config import Config, ConfigError, SchoolClass, load_config
from bot.guard_api import GuardApi
from bot.letters import Letter, LetterHead, letters_csv, letters_pdf
from bot.matrix import Credentials, CredentialsError, login, make_client
from bot.monitoring import MonitorSettings, MonitorSettingsError, serving
from bot.progress import Progress, in_thread, uninterrupted
from bot.provisioning import LinkRefused
from bot.roster import RosterError, UnknownPupil, find_pupil, import_roster
from handlers.invitations import OFFICE, ONLY_COPY, plan_invitations
from storage.store import DATABASE, Store

log = logging.getLogger("conductbot")

#: What a stopped command leaves, and what running it again does (its Ctrl-C line).
PROVISION_AGAIN = (
    "Each room is made whole or not at all, and those made are kept: run the same command "
    "again to carry on."
)
ROSTER_AGAIN = (
    "The pupils counted are saved, the rest not yet: import the same file again to carry "
    "on (pupils already saved are left unchanged, never added twice)."
)
INVITATIONS_AGAIN = (
    "No code was stored and no file written: run the same command again to make the letters."
)


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
    try:
        monitor = MonitorSettings.from_env()
    except MonitorSettingsError as err:
        raise UserError(str(err)) from None
    clock = Clock.from_env()
    if judge_model.use_school_model(Path(args.data_dir)):
        log.info("judge: using this school's own refit (judge-train --data-dir)")
    store = await _store(args)
    client = make_client(credentials, Path(args.data_dir))
    try:
        guard = GuardApi.from_env(store, config, credentials.user_id, clock=clock)
        app = App(config, store, client, clock, dry_run=args.dry_run, guard=guard)
        async with serving(app, monitor):  # 503 until the rooms are ready and it syncs
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
        with Progress("provision", "rooms", then=PROVISION_AGAIN) as progress:
            report = await app.prepare(credentials, everyone=True, progress=progress)
            progress.finish(report.summary(dry=args.dry_run))
    finally:
        await client.close()
        await store.close()
    return 0


async def cmd_roster_import(args: argparse.Namespace) -> int:
    config = _config(args.config)
    store = await _store(args)
    try:
        with Progress("roster import", "pupils", then=ROSTER_AGAIN) as progress:
            report = await import_roster(
                store,
                args.file,
                [c.id for c in config.classes],
                now=Clock.from_env().iso(),
                progress=progress,
            )
            progress.finish(report.summary())
    except RosterError as err:
        raise UserError(str(err)) from None
    finally:
        await store.close()
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


def _letter_classes(config: Config, args: argparse.Namespace) -> list[SchoolClass]:
    if args.all == bool(args.class_id):
        raise UserError(
            "invitations: say which letters, either --class CLASS_ID or --all (not both); "
            f"the classes in {args.config} are {', '.join(c.id for c in config.classes)}"
        )
    if args.all:
        return list(config.classes)
    school_class = config.class_by_id(args.class_id)
    if school_class is None:
        raise UserError(
            f"invitations: there is no class '{args.class_id}' in {args.config}; its classes "
            f"are {', '.join(c.id for c in config.classes)}"
        )
    return [school_class]


async def cmd_invitations(args: argparse.Namespace) -> int:
    config = _config(args.config)
    classes = _letter_classes(config, args)
    if args.pdf is None and args.csv is None:
        raise UserError("invitations: say where to write them: --pdf FILE, --csv FILE or both")
    if args.pdf is not None and args.csv is not None and args.pdf.resolve() == args.csv.resolve():
        raise UserError("invitations: --pdf and --csv name the same file; give two names")
    database = Path(args.data_dir) / DATABASE
    if not database.exists():
        raise UserError(
            f"invitations: no database at {database}; import the roster first "
            "(conductbot roster import) or give --data-dir"
        )
    credentials = _credentials(args)
    with Progress("invitations", "letters", then=INVITATIONS_AGAIN) as progress:
        made = await _make_letters(args, config, classes, credentials, progress)
        if made is None:
            return 0
        letters, head, expires, outputs = made
        written = [f"{args.pdf} ({len(letters)} pages)"] if args.pdf else []
        written += [f"{args.csv} ({len(letters)} rows)"] if args.csv else []
        progress.finish(
            f"{len(letters)} new join code{'' if len(letters) == 1 else 's'}, each working "
            f"once, until {head.until(expires)}; written: {', '.join(written)}"
        )
    it = "it" if len(outputs) == 1 else "them"
    print(
        f"{' and '.join(str(o.path) for o in outputs)} {'is' if len(outputs) == 1 else 'are'} "
        f"{ONLY_COPY}. Keep {it} private, print or send the letters, then delete {it}. If the "
        "letters are lost, run this again with --renew."
    )
    return 0


async def _make_letters(
    args: argparse.Namespace,
    config: Config,
    classes: list[SchoolClass],
    credentials: Credentials,
    progress: Progress,
) -> tuple[list[Letter], LetterHead, datetime, list[Output]] | None:
    """Plan, render and write the letters, then store their codes and put the files in
    place, those two together: stopped before (Ctrl-C), there are neither codes nor files;
    stopped while storing, it finishes first. None when there is nothing to make."""
    outputs: list[Output] = []
    try:
        pdf = csv = None
        if args.pdf is not None:
            outputs.append(pdf := Output(args.pdf))
        if args.csv is not None:
            outputs.append(csv := Output(args.csv))
        store = await _store(args)
        try:
            clock = Clock.from_env()
            plan = await plan_invitations(
                store, config, classes, now=clock.now(), created_by=OFFICE, renew=args.renew
            )
            limit = config.policy.parents_per_child
            for part in plan.classes:
                print(part.summary(limit))
            letters = plan.letters
            if not letters:
                print("No new letters, so no codes were made and no file was written.")
                return None
            head = LetterHead.of(config, credentials.homeserver, credentials.user_id)
            if pdf:
                pdf.write(await in_thread(partial(letters_pdf, letters, head), progress))
            if csv:
                csv.write(letters_csv(letters, head))
            progress(len(letters), len(letters))

            async def keep() -> None:
                client = AsyncClient(credentials.homeserver, credentials.user_id)
                try:  # store actions only: the homeserver is never called
                    executor = Executor(client, store, clock)
                    [done] = await executor.run([plan.issue], cause=f"invitations:{clock.iso()}")
                finally:
                    await client.close()
                if not done.ok:
                    raise UserError(f"invitations: the codes could not be stored: {done.error}")
                for output in outputs:
                    output.keep()
                files = " and ".join(str(o.path) for o in outputs)
                progress.then = (
                    f"It had finished first: the codes are stored and the letters are in "
                    f"{files}, {ONLY_COPY}."
                )

            await uninterrupted(keep())
        finally:
            await store.close()
    finally:
        for output in outputs:
            output.discard()
    return letters, head, plan.expires, outputs


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
    letters = add(
        "invitations",
        cmd_invitations,
        "printable letters with a join code for each family that can still join",
    )
    letters.add_argument("--class", dest="class_id", metavar="CLASS_ID", help="one class")
    letters.add_argument("--all", action="store_true", help="every class in rooms.yaml")
    letters.add_argument("--pdf", type=Path, metavar="FILE", help="one A4 page per child")
    letters.add_argument("--csv", type=Path, metavar="FILE", help="for a mail merge")
    letters.add_argument(
        "--renew", action="store_true", help="replace codes not yet used (voids them first)"
    )
    letters.add_argument("--secrets", type=Path, help="YAML file with the bot's credentials")
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
    digest.add_parser(commands)
    portfolio_export.add_parser(commands)
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
    except (UserError, ClockError, CannotWrite) as err:
        print(err, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
