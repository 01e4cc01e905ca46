"""Wiring: config, storage, the Matrix core, handlers by room kind, and the one executor."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from nio import AsyncClient

from bot.actions import Executor, notice
from bot.clock import Clock
from bot.config import Config
from bot.homeserver import override_ratelimit
from bot.matrix import Credentials, SyncLoop, login
from bot.provisioning import ESCALATION_KEY, Provisioner, ProvisionReport
from bot.reports import EventReports
from handlers import Context, Event, Handler, MalformedEvent
from handlers.commands import all_commands, make_handler
from handlers.story import handle_review_decision, handle_story
from storage.people import Role
from storage.rooms import Room, RoomKind
from storage.store import Store

log = logging.getLogger(__name__)

Routes = Mapping[RoomKind, Sequence[Handler]]


def default_routes() -> dict[RoomKind, list[Handler]]:
    """Which handlers see events in each kind of room. Policy handlers join here.

    Commands are not taken in story rooms: nothing about a child is ever posted there.
    """
    commands = make_handler(all_commands())
    routes: dict[RoomKind, list[Handler]] = {kind: [commands] for kind in RoomKind}
    routes[RoomKind.STORY] = [handle_story]
    routes[RoomKind.HOME] = [commands, handle_review_decision]
    return routes


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
    ) -> None:
        self.config = config
        self.store = store
        self.client = client
        self.clock = clock
        self.demo = demo
        self.routes = routes if routes is not None else default_routes()
        self.executor = Executor(client, store, clock, dry_run=dry_run)
        self.provisioner = Provisioner(config, store, client, self.executor, clock)
        self.sync = SyncLoop(client, store, clock, self.process)

    async def prepare(self, credentials: Credentials) -> ProvisionReport:
        """Log in, lift the bot's rate limit, record staff roles, and provision rooms."""
        await login(self.client, self.store, credentials)
        await self._lift_rate_limit(credentials)
        await self._sync_staff()
        return await self.provisioner.provision()

    async def run(self) -> None:
        """Sync until cancelled; scheduled jobs run beside the sync loop."""
        scheduler = AsyncIOScheduler(timezone=self.config.school.tz)
        reports = EventReports(
            self.client.homeserver, self.client.access_token, self.store, self.executor,
            self.clock, self.config,
        )  # fmt: skip
        scheduler.add_job(reports.check, "interval", minutes=1, id="event-reports")
        scheduler.start()
        try:
            await self.sync.run()
        finally:
            scheduler.shutdown(wait=False)

    async def _lift_rate_limit(self, credentials: Credentials) -> None:
        lifted = await asyncio.to_thread(
            override_ratelimit,
            credentials.homeserver,
            self.client.access_token,
            self.client.user_id,
        )
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

    async def process(self, room: Room, raw: dict[str, Any]) -> tuple[str, str | None]:
        """Route one event to its room kind's handlers and perform what they decide."""
        try:
            event = Event.from_raw(room, raw)
        except MalformedEvent as err:
            log.info("malformed event %s in %s: %s", raw.get("event_id"), room.room_id, err)
            return "ignored", f"malformed: {err}"
        ctx = Context(
            config=self.config,
            store=self.store,
            clock=self.clock,
            bot_user_id=self.client.user_id,
            demo=self.demo,
            sender=await self.store.people.get(event.sender),
        )
        actions = []
        for handler in self.routes.get(room.kind, ()):
            try:
                actions += await handler(event, ctx)
            except Exception as err:
                name = getattr(handler, "__qualname__", type(handler).__qualname__)
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
            **{"org.conductbot.incident": {"kind": "handler_failed", "event_id": event.event_id,
                                           "room_id": event.room.room_id, "handler": handler,
                                           "error": type(err).__name__}},
        )  # fmt: skip
        try:
            await self.executor.run([report], cause=f"failure:{event.event_id}")
        except Exception:
            log.exception("could not report the failure of %s", event.event_id)
