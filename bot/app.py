"""Wiring: config, storage, the Matrix core, handlers by room kind, and the one executor."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Mapping, Sequence
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from nio import AsyncClient, RoomGetStateEventResponse

from bot.actions import Action, Executor, JoinRoom, LeaveRoom, Redact, notice
from bot.admin import lift_rate_limit
from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import Config
from bot.digest import UnsubscribeServer
from bot.guard_api import GuardApi
from bot.judge import Label
from bot.judge import load as load_judge
from bot.mail import Mailer, SmtpSettings, unsubscribe_base
from bot.matrix import Credentials, SyncLoop, login
from bot.media_worker import MediaWorker
from bot.monitoring import Health, Metrics
from bot.progress import Tell
from bot.provisioning import (
    ESCALATION_KEY,
    Provisioner,
    ProvisionReport,
    RecordRoom,
    home_key,
)
from bot.reports import EventReports
from handlers import Context, Event, Handler, MalformedEvent
from handlers.command_table import all_commands
from handlers.commands import make_handler
from handlers.data_rights import portfolio_cutoff, retention_cutoff
from handlers.digest import digest_actions, handle_story_post
from handlers.encrypted import handle_encrypted
from handlers.media import handle_media
from handlers.onboarding import (
    handle_code,
    handle_welcome,
    stale_welcome_actions,
    welcome_actions,
)
from handlers.points import weekly_summary_actions
from handlers.portfolio import handle_attachment, handle_portfolio
from handlers.profiles import handle_profile, name_problem
from handlers.pupil_area import handle_pupil_avatar, picture_upload_actions
from handlers.relay import (
    chase_actions,
    handle_parent_dm,
    handle_teacher_dm,
    mark_actions,
    release_actions,
    seen_actions,
)
from handlers.report import handle_story_report
from handlers.safeguarding import (
    chase_alert_actions,
    chase_due,
    handle_alert_reaction,
    notify_alert_actions,
)
from handlers.school_story import announcement_actions, handle_pin
from handlers.story import handle_review_decision, handle_story
from storage.people import Person, Role
from storage.relay import Relayed
from storage.rooms import Room, RoomKind
from storage.school_story import PostStatus, ScheduledPost
from storage.store import Store

log = logging.getLogger(__name__)

RELEASE_EVERY = 5  # seconds between checks for held messages that are due
RELEASE_CONCURRENCY = 8  # conversations released side by side

Routes = Mapping[RoomKind, Sequence[Handler]]


def default_routes() -> dict[RoomKind, list[Handler]]:
    """Which handlers see events in each kind of room. Policy handlers join here.

    Commands are not taken in story rooms: nothing about a child is ever posted there.
    Handlers run in order; once one removes the event, the rest do not see it.
    """
    commands = make_handler(all_commands())
    routes: dict[RoomKind, list[Handler]] = {kind: [commands] for kind in RoomKind}
    routes[RoomKind.STORY] = [
        handle_story_report,
        handle_pin,
        handle_media,
        handle_story,
        handle_story_post,
    ]
    routes[RoomKind.HOME] = [
        commands,
        handle_code,
        handle_media,
        handle_attachment,
        handle_review_decision,
        handle_alert_reaction,
    ]
    routes[RoomKind.WELCOME] = [commands, handle_welcome, handle_media]
    routes[RoomKind.PARENT_DM] = [commands, handle_code, handle_media, handle_parent_dm]
    routes[RoomKind.TEACHER_DM] = [commands, handle_teacher_dm]
    routes[RoomKind.ESCALATION] = [commands, handle_media]
    routes[RoomKind.PORTFOLIO] = [commands, handle_media, handle_portfolio]
    # A family's name and avatar show wherever they are: checked in every room first (a
    # pupil's avatar only a built-in picture); and a message the bot cannot read is never
    # met with silence.
    return {
        kind: [handle_profile, handle_pupil_avatar, handle_encrypted, *handlers]
        for kind, handlers in routes.items()
    }


def _removes(action: Action, event: Event) -> bool:
    return isinstance(action, Redact) and action.event_id == event.event_id


class App:
    def __init__(
        self,
        config: Config,
        store: Store,
        client: AsyncClient,
        clock: Clock,
        *,
        demo: bool = False,
        dry_run: bool = False,
        routes: Routes | None = None,
        guard: GuardApi | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.client = client
        self.clock = clock
        self.demo = demo
        self.guard = guard  # the endpoint the Synapse guard module asks (docs/guard.md)
        self.routes = routes if routes is not None else default_routes()
        self.calendar = SchoolCalendar(config)
        self.metrics = Metrics()  # served by bot/monitoring.py
        if guard is not None:
            guard.metrics = self.metrics
        self.executor = Executor(client, store, clock, dry_run=dry_run, metrics=self.metrics)
        self.provisioner = Provisioner(
            config,
            store,
            client,
            self.executor,
            clock,
            unfit_name=lambda name: name_problem(self.context(), name),
        )
        self.executor.linker = self.provisioner.link_adult
        self.executor.portfolio_poster = self.provisioner.post_in_portfolio
        # The weekly e-mail digest, when the school's SMTP server is set (bot/mail.py).
        smtp = SmtpSettings.from_env()
        if smtp is not None:
            self.executor.mailer = Mailer(smtp, store, clock, unsubscribe_base())
        self.unsubscribe = UnsubscribeServer.from_env(store, self.executor, clock)
        self.sync = SyncLoop(
            client, store, clock, self.process, self.invited, self.read, self.metrics
        )
        self.scheduler: AsyncIOScheduler | None = None  # while `run` runs
        # One conversation's relay work at a time (an edit never races its own release), and
        # one person's membership changes at a time (rooms are handled side by side).
        self._locks: dict[int | str, asyncio.Lock] = {}

    async def prepare(
        self, credentials: Credentials, *, everyone: bool = False, progress: Tell | None = None
    ) -> ProvisionReport:
        """Log in, lift the bot's rate limit, record staff roles, upload the pupils' avatar
        pictures, and provision rooms."""
        await login(self.client, self.store, credentials)
        if self.executor.dry_run:
            log.info("dry run: the rate limit and the staff list are left as they are")
        else:
            await self._lift_rate_limit()
            await self._sync_staff()
            # The pupils' built-in avatars, uploaded once (handlers/pupil_area.py).
            pictures = await picture_upload_actions(self.context())
            await self.executor.run(pictures, cause="pupil-avatar-pictures")
        return await self.provisioner.provision(everyone=everyone, progress=progress)

    async def run(self) -> None:
        """Sync until cancelled; scheduled jobs run beside the sync loop."""
        await asyncio.to_thread(load_judge)  # once, before the first message waits for it
        scheduler = self.scheduler = AsyncIOScheduler(timezone=self.config.school.tz)
        reports = EventReports(
            self.store,
            self.executor,
            self.clock,
            self.config,
        )
        scheduler.add_job(reports.check, "interval", minutes=1, id="event-reports")
        # The database is the truth; these jobs are only wake-up calls, and each run does
        # whatever is due by the injected clock (so `!clock` and a restart catch up).
        scheduler.add_job(self.release_due, "interval", seconds=RELEASE_EVERY, id="release")
        scheduler.add_job(self.announce_due, "interval", seconds=RELEASE_EVERY, id="announce")
        scheduler.add_job(self.chase_unanswered, "interval", minutes=5, id="reply-window")
        scheduler.add_job(self.retention, "interval", hours=6, id="retention")
        scheduler.add_job(self.send_weekly_summaries, "interval", minutes=15, id="weekly")
        scheduler.add_job(self.close_stale_welcomes, "interval", hours=1, id="welcomes")
        scheduler.add_job(self.send_digests, "interval", minutes=5, id="digests")
        scheduler.start()
        media = asyncio.create_task(
            MediaWorker(self.store, self.client, self.executor, self.clock, self.context).run()
        )
        if self.guard is not None:
            await self.guard.start(self.executor)
        try:
            await self.release_due()  # catch-up at start: anything overdue goes first
            await self.announce_due()
            await self.retention()
            await self.send_weekly_summaries()
            await self.send_digests()
            if self.unsubscribe is not None:
                await self.unsubscribe.start()
            await self.sync.run()
        finally:
            media.cancel()
            scheduler.shutdown(wait=False)
            if self.guard is not None:
                await self.guard.stop()
            if self.unsubscribe is not None:
                await self.unsubscribe.stop()

    async def health(self) -> Health:
        """How the running bot is, for /healthz and /metrics (bot/monitoring.py)."""
        try:
            held: int | None = len(await self.store.relay.with_status("held"))
        except (sqlite3.Error, ValueError) as err:  # ValueError: the connection is closed
            log.warning("health: the database cannot be read (%s)", type(err).__name__)
            held = None
        return Health(
            sync_age=self.metrics.sync_age(),
            database=held is not None,
            scheduler=self.scheduler is not None and self.scheduler.running,
            guard=None if self.guard is None else await self.guard.answering(),
            held_messages=held,
        )

    async def _lift_rate_limit(self) -> None:
        lifted = await lift_rate_limit(self.client)
        if lifted:
            log.info("message rate limit lifted for %s", self.client.user_id)
        else:
            log.warning(
                "could not lift the message rate limit for %s (not a server admin?): at "
                "Synapse's default 0.2 messages/s the bot will fall behind; see README",
                self.client.user_id,
            )

    async def _sync_staff(self) -> None:
        """Staff roles come from rooms.yaml; the database mirrors them for role checks."""
        server = self.client.user_id.split(":", 1)[1]
        listed = set()
        for staff in self.config.staff:
            user_id = staff.matrix_id(server)
            listed.add(user_id)
            await self.store.people.upsert(
                user_id, staff.name, Role(staff.role), now=self.clock.iso(), staff_id=staff.id
            )
        for person in await self.store.people.staff():
            if person.user_id not in listed:
                await self.store.people.delete(person.user_id)

    async def invited(self, room_id: str, inviter: str, direct: bool) -> None:
        """A new account's direct chat becomes a welcome room; anything else is declined.

        Every room a parent uses has the bot in it and a kind in the database, so the bot
        never joins rooms it was pulled into by others (group rooms, other servers, people
        who already have their room).
        """
        server = self.client.user_id.split(":", 1)[1]
        known = await self.store.people.get(inviter)
        has_home = await self.store.rooms.by_key(home_key(inviter)) is not None
        if not direct or inviter.split(":", 1)[-1] != server or (known and has_home):
            why = (
                "Please use your existing room with the school's bot."
                if known and has_home
                else "The school's bot only takes part in its own rooms."
            )
            await self.executor.run([LeaveRoom(room_id, why)], cause=f"invite:{room_id}")
            log.info("declined an invite to %s from %s", room_id, inviter)
            return
        [joined] = await self.executor.run([JoinRoom(room_id)], cause=f"invite:{room_id}")
        if not joined.ok:
            return
        record = RecordRoom(room_id, RoomKind.WELCOME, f"welcome:{room_id}", owner=inviter)
        await self.executor.run([record], cause=f"welcome:{room_id}:record")  # dry run: skipped
        encryption = await self.client.room_get_state_event(room_id, "m.room.encryption")
        encrypted = isinstance(encryption, RoomGetStateEventResponse)
        await self.executor.run(
            await welcome_actions(self.context(known), room_id, inviter, encrypted=encrypted),
            cause=f"welcome:{room_id}",
        )

    async def read(self, room: Room, receipts: list[tuple[str, str]]) -> None:
        """A teacher's read receipt in their conversation room marks the parent's messages."""
        if room.kind is not RoomKind.TEACHER_DM:
            return
        conversation = await self.store.relay.conversation_in(room.room_id)
        if conversation is None:
            return
        for user, event_id in receipts:
            relayed = await self.store.relay.by_delivered(event_id)
            if user == conversation.teacher and relayed is not None:
                await self.store.relay.read_up_to(conversation.id, relayed.id, at=self.clock.iso())
        await self.show_seen()

    async def show_seen(self) -> None:
        for relayed in await self.store.relay.seen_to_show():
            actions = await seen_actions(self.context(), relayed)
            if actions:
                await self.executor.run(actions, cause=f"seen:{relayed.source_event}")

    def context(self, sender: Person | None = None) -> Context:
        return Context(
            config=self.config,
            store=self.store.reader,
            clock=self.clock,
            bot_user_id=self.client.user_id,
            demo=self.demo,
            sender=sender,
            calendar=self.calendar,
            homeserver=self.client.homeserver,
        )

    def _lock(self, key: int | str) -> asyncio.Lock:
        return self._locks.setdefault(key, asyncio.Lock())

    async def release_due(self) -> int:
        """Safeguarding alerts first, then deliver what is due to the teachers, then mark it
        delivered (and seen, in hours) for the parents."""
        await self.safeguarding_due()
        delivered = await self.deliver_due()
        await self.mark_delivered()
        await self.show_seen()
        return delivered

    async def safeguarding_due(self) -> None:
        """Alerts due to the leads now (held for the opening), then the unacknowledged ones
        chased to SLT."""
        ctx = self.context()
        for alert in await self.store.alerts.to_notify(self.clock.iso()):
            actions = await notify_alert_actions(ctx, alert)
            await self.executor.run(actions, cause=f"alert:{alert.source_event}")
        for alert in await self.store.alerts.to_chase(chase_due(ctx)):
            actions = await chase_alert_actions(ctx, alert)
            if actions:
                await self.executor.run(actions, cause=f"chase-alert:{alert.source_event}")

    async def deliver_due(self) -> int:
        """Deliver held and paused messages whose time has come, in order per conversation.

        Urgent messages go first, to every teacher, before anything else is released.
        Conversations are released side by side (a few at a time); within one, a failed
        delivery stops the rest until the next run, so nothing overtakes anything.
        """
        due = await self.store.relay.due(self.clock.iso())
        urgent = [r for r in due if r.label == Label.URGENT.value]
        delivered = await self._deliver(urgent)
        return delivered + await self._deliver([r for r in due if r not in urgent])

    async def _deliver(self, due: list[Relayed]) -> int:
        by_conversation: dict[int, list[Relayed]] = {}
        for relayed in due:
            by_conversation.setdefault(relayed.conversation_id, []).append(relayed)
        delivered = 0
        slots = asyncio.Semaphore(RELEASE_CONCURRENCY)

        async def release(conversation_id: int, waiting: list[Relayed]) -> None:
            nonlocal delivered
            async with slots, self._lock(conversation_id):
                for relayed in waiting:
                    fresh = await self.store.relay.by_source(relayed.source_event)
                    if fresh is None or fresh.status not in ("held", "pausing"):
                        continue  # withdrawn or delivered meanwhile
                    actions = await release_actions(self.context(), fresh)
                    outcomes = await self.executor.run(
                        actions, cause=f"release:{fresh.source_event}"
                    )
                    if not outcomes or not outcomes[0].ok:
                        log.warning("release paused in conversation %d", conversation_id)
                        return
                    delivered += 1

        await asyncio.gather(*(release(c, w) for c, w in by_conversation.items()))
        if delivered:
            log.info("released %d held messages", delivered)
        return delivered

    async def mark_delivered(self) -> None:
        """Teachers first, then the parents' ✅: the marks never hold up a delivery."""
        slots = asyncio.Semaphore(RELEASE_CONCURRENCY)

        async def mark(relayed: Relayed) -> None:
            async with slots:
                actions = await mark_actions(self.context(), relayed)
                await self.executor.run(actions, cause=f"mark:{relayed.source_event}")

        await asyncio.gather(*(mark(r) for r in await self.store.relay.unmarked()))

    async def announce_due(self) -> int:
        """School Story announcements whose time has come (by the injected clock) go out,
        and are pinned when asked; returns how many went out."""
        ctx = self.context()
        posted = 0
        async with self._lock("announce"):  # the job and a catch-up never overlap
            for due in await self.store.scheduled.due(self.clock.iso()):
                post: ScheduledPost | None = due
                while post is not None and (actions := await announcement_actions(ctx, post)):
                    cause = f"announce:{post.id}:{post.status}"
                    if not all(o.ok for o in await self.executor.run(actions, cause=cause)):
                        break  # tried again at the next run
                    fresh = await self.store.scheduled.get(post.id)
                    if fresh is None or fresh.status == post.status:
                        break  # a dry run records nothing
                    posted += post.status is PostStatus.WAITING
                    post = fresh
        return posted

    async def retention(self) -> int:
        """Relayed message bodies are deleted after `message_retention_days`, and portfolio
        work after `portfolio_retention_days` when the school sets it. How many went."""
        ctx = self.context()
        removed = await self.store.personal.expire_message_bodies(retention_cutoff(ctx))
        if removed:
            log.info("retention: %d relayed message bodies deleted", removed)
        cutoff = portfolio_cutoff(ctx)
        work = await self.store.personal.expire_portfolios(cutoff) if cutoff else 0
        if work:
            log.info("retention: %d pieces of portfolio work deleted", work)
        return removed + work

    async def send_weekly_summaries(self) -> None:
        """Each child's week of points to their parents, once, after the school week."""
        for cause, actions in await weekly_summary_actions(self.context()):
            await self.executor.run(actions, cause=cause)

    async def send_digests(self) -> None:
        """Each family registered by e-mail gets the week's digest once, when it is due."""
        if self.executor.mailer is None:
            return
        for cause, actions in await digest_actions(self.context()):
            await self.executor.run(actions, cause=cause)

    async def close_stale_welcomes(self) -> None:
        """Welcome rooms nobody joined through within the code's lifetime are left."""
        for cause, actions in await stale_welcome_actions(self.context()):
            await self.executor.run(actions, cause=cause)

    async def chase_unanswered(self) -> None:
        for relayed in await self.store.relay.unanswered():
            actions = await chase_actions(self.context(), relayed)
            if actions:
                step = getattr(actions[0], "column", "chase")
                await self.executor.run(actions, cause=f"chase:{relayed.source_event}:{step}")

    async def process(self, room: Room, raw: dict[str, Any]) -> tuple[str, str | None]:
        """Route one event to its room kind's handlers and perform what they decide."""
        outcome = await self._route(room, raw)
        self.metrics.events.labels(room.kind.value, outcome[0]).inc()
        return outcome

    async def _route(self, room: Room, raw: dict[str, Any]) -> tuple[str, str | None]:
        try:
            event = Event.from_raw(room, raw)
        except MalformedEvent as err:
            log.info("malformed event %s in %s: %s", raw.get("event_id"), room.room_id, err)
            return "ignored", f"malformed: {err}"
        ctx = self.context(await self.store.people.get(event.sender))
        async with contextlib.AsyncExitStack() as held:
            if room.kind in (RoomKind.PARENT_DM, RoomKind.TEACHER_DM):
                conversation = await self.store.relay.conversation_in(room.room_id)
                if conversation is not None:
                    await held.enter_async_context(self._lock(conversation.id))
            if event.type == "m.room.member" and event.state_key:
                # One person's profile shows in every room at once, their private rooms
                # too: handled one room at a time. Always taken after a conversation's lock.
                await held.enter_async_context(self._lock(f"member:{event.state_key}"))
            return await self._handle(event, ctx)

    async def _handle(self, event: Event, ctx: Context) -> tuple[str, str | None]:
        room = event.room
        actions: list[Action] = []
        for handler in self.routes.get(room.kind, ()):
            if any(_removes(action, event) for action in actions):
                break  # the event is being removed: nothing else should act on it
            name = getattr(handler, "__qualname__", type(handler).__qualname__)
            try:
                with self.metrics.handler_seconds.labels(name).time():
                    actions += await handler(event, ctx)
            except Exception as err:
                self.metrics.handler_failures.labels(name).inc()
                log.exception("handler %s failed on %s in %s", name, event.event_id, room.room_id)
                await self._report_failure(event, name, err)
                return "failed", f"{name}: {type(err).__name__}"
        if not actions:
            return "ignored", None
        outcomes = await self.executor.run(actions, cause=event.event_id)
        failed = sum(not outcome.ok for outcome in outcomes)
        return "handled", f"{failed} of {len(outcomes)} actions failed" if failed else None

    async def _report_failure(self, event: Event, handler: str, err: Exception) -> None:
        escalation = await self.store.rooms.by_key(ESCALATION_KEY)
        if escalation is None:
            return
        text = (
            f"conductbot could not handle an event and carried on. Handler: {handler}; "
            f"error: {type(err).__name__}; event {event.event_id} from {event.sender} in the "
            f"{event.room.kind.value} room {event.room.room_id}. It is recorded as failed; "
            "the message itself was not changed."
        )
        report = notice(
            escalation.room_id,
            text,
            **{
                "org.conductbot.incident": {
                    "kind": "handler_failed",
                    "event_id": event.event_id,
                    "room_id": event.room.room_id,
                    "handler": handler,
                    "error": type(err).__name__,
                }
            },
        )
        try:
            await self.executor.run([report], cause=f"failure:{event.event_id}")
        except Exception:
            log.exception("could not report the failure of %s", event.event_id)
