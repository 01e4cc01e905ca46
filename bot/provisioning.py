"""Rooms from `rooms.yaml`: the escalation room, one story room per class, and a `home` room
per linked parent. Idempotent and convergent: running it again changes nothing, and after a
`rooms.yaml` edit it brings the rooms in line (new class, teacher added or removed).

Deciding is pure (`plan_convergence`); acting goes through the executor.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from nio import AsyncClient, RoomGetStateEventResponse, RoomGetStateResponse

from bot.actions import (
    Action,
    ActionFailed,
    CreateRoom,
    Executor,
    Invite,
    Kick,
    LinkAdult,
    PostInPortfolio,
    SendMessage,
    SetBotState,
    SetState,
    StoreAction,
    notice,
)
from bot.admin import AdminError, admin, user_path
from bot.clock import Clock
from bot.config import Config, Staff, WorkingHours
from bot.crypto import ENCRYPTION
from bot.progress import Tell, uninterrupted
from storage.people import Role
from storage.pupils import Pupil
from storage.rooms import Room, RoomKind
from storage.store import Store

log = logging.getLogger(__name__)

PARENT, TEACHER = 0, 50

ESCALATION_KEY = "escalation"
SCHOOL_STORY_KEY = "school_story"  # the whole school's story room (no class)
CONFIG_FINGERPRINT = "provisioned_config"  # bot_state key: rooms.yaml as last applied


def story_key(class_id: str) -> str:
    return f"story:{class_id}"


def home_key(user_id: str) -> str:
    return f"home:{user_id}"


def _power_levels(users: dict[str, int], **overrides: Any) -> dict[str, Any]:
    """Room version 12: the bot, as creator, has unlimited power and is not listed."""
    return {
        "users": dict(sorted(users.items())),
        "users_default": PARENT,
        "events_default": 0,
        "state_default": 100,
        "invite": 100,
        "kick": 100,
        "ban": 100,
        "redact": 100,
        "notifications": {"room": 50},
        "events": {"m.room.message": 0, "m.reaction": 0, "m.room.redaction": 0},
    } | overrides


def story_power_levels(teachers: list[str]) -> dict[str, Any]:
    """Teachers post (50) and may remove comments; parents react, reply and delete their own."""
    return _power_levels(
        {teacher: TEACHER for teacher in teachers}, events_default=TEACHER, redact=TEACHER
    )


@dataclass(frozen=True)
class RoomSpec:
    key: str
    kind: RoomKind
    name: str
    topic: str
    power_levels: dict[str, Any]
    members: frozenset[str]
    class_id: str | None = None
    owner: str | None = None
    # The exclusive room (escalation) removes anyone not listed; others only remove
    # people who held power there (a teacher taken off a class), never parents.
    exclusive: bool = False
    pinned_text: str | None = None
    is_direct: bool = False


def conduct_text(config: Config, posts: str = "the class story is for teachers' posts") -> str:
    school = config.school
    link = (
        f" The full code of conduct: {school.code_of_conduct_url}"
        if (school.code_of_conduct_url)
        else ""
    )
    return (
        f"{school.name} online code of conduct, in short: {posts}; families may react and "
        "add kind, positive replies. Please don't compare "
        "children or raise concerns here, and send anything private (health, family, contact "
        "details) by private message to the class teacher. Complaints go to the office by "
        f"email: {school.office_email}. Anyone who breaks these rules gets one warning and is "
        f"then removed.{link}"
    )


def desired_rooms(config: Config, server_name: str) -> list[RoomSpec]:
    """The rooms `rooms.yaml` asks for: the escalation room, a story room per class, and a
    home room per member of staff."""
    slt = [s.matrix_id(server_name) for s in config.slt()]
    specs = [
        RoomSpec(
            key=ESCALATION_KEY,
            kind=RoomKind.ESCALATION,
            name=f"{config.school.name}: SLT escalations",
            topic="Every incident and automatic action lands here with its evidence. "
            "Senior leaders only. Send !help for commands.",
            power_levels=_power_levels({user: 50 for user in slt}),
            members=frozenset(slt),
            exclusive=True,
        )
    ]
    for school_class in config.classes:
        teachers = [t.matrix_id(server_name) for t in config.teachers_of(school_class.id)]
        year = f" ({school_class.year})" if school_class.year else ""
        specs.append(
            RoomSpec(
                key=story_key(school_class.id),
                kind=RoomKind.STORY,
                name=f"{school_class.name} story",
                topic=f"{school_class.name}{year} class story: teachers post, families reply "
                "with kind, positive comments only; anything private goes by private message.",
                power_levels=story_power_levels(teachers),
                members=frozenset(teachers),
                class_id=school_class.id,
                pinned_text=conduct_text(config),
            )
        )
    posters = [s.matrix_id(server_name) for s in config.school_story_staff()]
    specs.append(
        RoomSpec(
            key=SCHOOL_STORY_KEY,
            kind=RoomKind.STORY,
            name=f"{config.school.name}: School Story",
            topic=f"{config.school.name}'s School Story: news for every family from the "
            "headteacher and the office; families reply with kind, positive comments only; "
            "anything private goes by private message.",
            power_levels=story_power_levels(posters),
            members=frozenset(posters),
            pinned_text=conduct_text(config, "the School Story is for the school's posts"),
        )
    )
    for member in config.staff:
        specs.append(
            home_spec(
                config,
                member.matrix_id(server_name),
                "replies waiting for your decision, notices and your commands",
            )
        )
    return specs


def home_spec(config: Config, user: str, about: str) -> RoomSpec:
    """A person's private room with the bot: notices, points, reviews and commands."""
    return RoomSpec(
        key=home_key(user),
        kind=RoomKind.HOME,
        name=config.school.name,
        topic=f"Your private room with {config.school.name}'s bot: {about}. Only you and the "
        "bot are here. Send !help to see what you can do.",
        power_levels=_power_levels({user: 0}),
        members=frozenset({user}),
        owner=user,
        is_direct=True,
    )


def parent_home_spec(config: Config, parent: str, children: list[Pupil]) -> RoomSpec:
    names = " and ".join(child.first_name for child in children) or "your child"
    return home_spec(config, parent, f"notices and points about {names}")


def portfolio_key(pupil_id: int) -> str:
    return f"portfolio:{pupil_id}"


def family_portfolio_key(pupil_id: int, parent: str) -> str:
    return f"portfolio_family:{pupil_id}:{parent}"


def portfolio_spec(pupil: Pupil, teachers: list[str], accounts: list[str]) -> RoomSpec:
    """A pupil's portfolio: the pupil's own account (if any), the class teachers and the bot.
    Invite-only and exclusive: nobody else is ever let in."""
    return RoomSpec(
        key=portfolio_key(pupil.id),
        kind=RoomKind.PORTFOLIO,
        name=f"{pupil.first_name}'s portfolio",
        topic=f"{pupil.full_name}'s portfolio: activities from the class teacher, and the "
        "work you share with them. Your family sees a piece of work only after a teacher has "
        "looked at it (✅). Be kind, keep to your work, and never share phone numbers, "
        "addresses or other private things here.",
        power_levels=_power_levels(
            {t: TEACHER for t in teachers} | {a: PARENT for a in accounts}, redact=TEACHER
        ),
        members=frozenset([*teachers, *accounts]),
        class_id=pupil.class_id,
        exclusive=True,
    )


def family_portfolio_spec(pupil: Pupil, parent: str) -> RoomSpec:
    """One parent's view of their child's portfolio (parent and bot): approved work only."""
    return RoomSpec(
        key=family_portfolio_key(pupil.id, parent),
        kind=RoomKind.PORTFOLIO,
        name=f"{pupil.first_name}'s portfolio",
        topic=f"Work from {pupil.first_name}'s portfolio, shared once their teacher has looked "
        "at it. You may react and add kind, positive comments; anything private goes to the "
        "teacher by private message.",
        power_levels=_power_levels({parent: PARENT}),
        members=frozenset({parent}),
        class_id=pupil.class_id,
        owner=parent,
        exclusive=True,
    )


def parent_dm_key(parent: str, teacher: str) -> str:
    return f"parent_dm:{parent}:{teacher}"


def teacher_dm_key(teacher: str, parent: str) -> str:
    return f"teacher_dm:{teacher}:{parent}"


def describe_hours(hours: WorkingHours) -> str:
    """'Mon–Fri 08:00–17:00' (or the days listed, for part-time staff)."""
    names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    days = sorted(hours.weekdays)
    if days and days == list(range(days[0], days[-1] + 1)) and len(days) > 2:
        shown = f"{names[days[0]]}–{names[days[-1]]}"
    else:
        shown = ", ".join(names[d] for d in days)
    return f"{shown} {hours.open:%H:%M}–{hours.close:%H:%M}"


def conversation_specs(
    config: Config,
    parent: str,
    parent_name: str,
    teacher: Staff,
    teacher_id: str,
    children: list[Pupil],
) -> tuple[RoomSpec, RoomSpec]:
    """The parent's room (named after the teacher) and the teacher's (named after the parent)."""
    classes = ", ".join(
        sorted({c.name for child in children if (c := config.class_by_id(child.class_id))})
    )
    kids = " and ".join(child.first_name for child in children)
    policy = config.policy
    parent_side = RoomSpec(
        key=parent_dm_key(parent, teacher_id),
        kind=RoomKind.PARENT_DM,
        name=f"{teacher.name} ({classes})",
        topic=f"Private messages with {teacher.name}, passed on by the school's bot. "
        f"{teacher.name} reads messages {describe_hours(config.hours_for(teacher))} in term "
        "time; anything sent outside those hours is delivered when school opens. Replies "
        f"usually within {policy.reply_window_hours} working hours. Formal complaints: "
        f"{config.school.office_email}.",
        power_levels=_power_levels({parent: 0}),
        members=frozenset({parent}),
        owner=parent,
        is_direct=True,
    )
    teacher_side = RoomSpec(
        key=teacher_dm_key(teacher_id, parent),
        kind=RoomKind.TEACHER_DM,
        name=f"{parent_name} ({kids}, {classes})",
        topic=f"Private messages from {parent_name}, parent of {kids}, passed on by the bot. "
        "Messages sent outside your hours arrive when you start; your replies reach them at "
        "once.",
        power_levels=_power_levels({teacher_id: 0}),
        members=frozenset({teacher_id}),
        owner=teacher_id,
        is_direct=True,
    )
    return parent_side, teacher_side


def _state(event_type: str, content: dict[str, Any]) -> dict[str, Any]:
    return {"type": event_type, "state_key": "", "content": content}


def plan_convergence(
    spec: RoomSpec, room_id: str, state: list[dict[str, Any]], bot: str, *, encrypted: bool
) -> list[Action]:
    """What must change for a room's current state to match its spec (pure). Encryption is
    only ever turned on: Matrix cannot turn it off."""
    current: dict[tuple[str, str], dict[str, Any]] = {
        (e["type"], e.get("state_key", "")): e.get("content") or {}
        for e in state
        if isinstance(e, dict) and "type" in e
    }
    actions: list[Action] = []
    if encrypted and ("m.room.encryption", "") not in current:
        actions.append(SetState(room_id, "m.room.encryption", ENCRYPTION))
    if current.get(("m.room.name", ""), {}).get("name") != spec.name:
        actions.append(SetState(room_id, "m.room.name", {"name": spec.name}))
    if current.get(("m.room.topic", ""), {}).get("topic") != spec.topic:
        actions.append(SetState(room_id, "m.room.topic", {"topic": spec.topic}))
    levels = current.get(("m.room.power_levels", ""), {})
    # Only the keys conductbot sets are compared; the server may add its own (`historical`).
    if any(levels.get(key) != value for key, value in spec.power_levels.items()):
        actions.append(SetState(room_id, "m.room.power_levels", levels | spec.power_levels))
    membership = {
        key: content.get("membership")
        for (event_type, key), content in current.items()
        if event_type == "m.room.member"
    }
    for user in sorted(spec.members):
        if membership.get(user) not in ("join", "invite"):
            actions.append(Invite(room_id, user))
    had_power = {user for user, level in (levels.get("users") or {}).items() if level > 0}
    for user, status in sorted(membership.items()):
        if user == bot or user in spec.members or status not in ("join", "invite"):
            continue
        if spec.exclusive or user in had_power:
            actions.append(Kick(room_id, user, "No longer listed for this room in rooms.yaml."))
    return actions


@dataclass(frozen=True)
class RecordRoom(StoreAction):
    """A room the bot made or joined, recorded under its key (a dry run made none)."""

    kind: ClassVar[str] = "record_room"
    room_id: str
    room_kind: RoomKind
    key: str
    class_id: str | None = None
    owner: str | None = None
    bot_joined_ts: int | None = None

    def target(self) -> str | None:
        return self.key

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.rooms.add(
            self.room_id,
            self.room_kind,
            self.key,
            created_at=at,
            class_id=self.class_id,
            owner=self.owner,
            bot_joined_ts=self.bot_joined_ts,
        )
        return self.room_id


@dataclass(frozen=True)
class CloseRoom(StoreAction):
    """The bot has left a room for good (a welcome room no longer needed)."""

    kind: ClassVar[str] = "close_room"
    room_id: str

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.rooms.close(self.room_id, at=at)
        return None


@dataclass(frozen=True)
class RecordParent(StoreAction):
    """A parent recorded (under their display name) and linked to a pupil."""

    kind: ClassVar[str] = "record_parent"
    user_id: str
    display_name: str
    pupil_id: int
    linked_by: str

    def target(self) -> str | None:
        return self.user_id

    def audit_detail(self) -> dict[str, Any]:
        return {"pupil_id": self.pupil_id, "linked_by": self.linked_by}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.people.upsert(self.user_id, self.display_name, Role.PARENT, now=at)
        await store.pupils.link_parent(
            self.user_id, self.pupil_id, linked_by=self.linked_by, now=at
        )
        return None


@dataclass(frozen=True)
class OpenConversation(StoreAction):
    """A parent's conversation with a teacher, relayed between their two rooms."""

    kind: ClassVar[str] = "open_conversation"
    parent: str
    teacher: str
    parent_room: str
    teacher_room: str

    def target(self) -> str | None:
        return self.teacher

    def room(self) -> str | None:
        return self.parent_room

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.relay.open_conversation(
            self.parent, self.teacher, self.parent_room, self.teacher_room, at=at
        )
        return None


@dataclass(frozen=True)
class CloseConversation(StoreAction):
    """A conversation closed (its rooms and history stay): nothing more is relayed."""

    kind: ClassVar[str] = "close_conversation"
    conversation_id: int

    def target(self) -> str | None:
        return str(self.conversation_id)

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.relay.close(self.conversation_id, at=at)
        return None


#: A parent's children's teachers: Matrix id -> (the teacher, the children they teach).
Taught = dict[str, tuple[Staff, list[Pupil]]]


@dataclass
class ProvisionReport:
    created: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self, *, dry: bool = False) -> str:
        """The counts; in a dry run, what would have been made and changed."""
        if dry:
            return (
                f"dry run, nothing was changed: {len(self.created)} would be created, "
                f"{len(self.changed)} would be updated, {len(self.unchanged)} unchanged"
            )
        return (
            f"{len(self.created)} created, {len(self.changed)} updated, "
            f"{len(self.unchanged)} unchanged"
        )


def _home_room_lines(report: ProvisionReport, *, dry: bool) -> list[str]:
    """What happened to a home room, for the operator (or what would, in a dry run)."""
    verbs = ("would be created", "would be updated") if dry else ("created", "updated")
    return [
        f"home room {verb}"
        for verb, keys in zip(verbs, (report.created, report.changed), strict=True)
        if keys
    ]


class Provisioner:
    def __init__(
        self,
        config: Config,
        store: Store,
        client: AsyncClient,
        executor: Executor,
        clock: Clock,
        unfit_name: Callable[[str], str | None] | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.client = client
        self.executor = executor
        self.clock = clock
        #: Why a family's display name cannot stand, or None (the app gives the profile
        #: check's): such a name is never recorded as theirs.
        self.unfit_name = unfit_name

    @property
    def server_name(self) -> str:
        return self.client.user_id.split(":", 1)[1]

    async def provision(
        self, *, everyone: bool = False, progress: Tell | None = None
    ) -> ProvisionReport:
        """The school's rooms; families' conversations too when rooms.yaml has changed since
        they were last brought in line (or when `everyone`), so a restart stays quick.
        `progress` hears the rooms done of the rooms in all after each room or family.

        Stopped part way (Ctrl-C), it stops between rooms and families, never inside one,
        and running it again carries on: rooms are found by their keys, so those made are
        kept and only the rest are made. The families are done again, also by the bot's next
        start, until a whole run has recorded the configuration it applied."""
        report = ProvisionReport()
        specs = desired_rooms(self.config, self.server_name)
        fingerprint = hashlib.sha256(self.config.model_dump_json().encode()).hexdigest()
        families = everyone or await self.store.state.get(CONFIG_FINGERPRINT) != fingerprint
        taught = (
            {
                parent: await self._taught(parent)
                for parent in await self.store.pupils.linked_parents()
            }
            if families
            else {}
        )
        total = len(specs) + sum(2 * len(teachers) for teachers in taught.values())
        done = 0

        def advance(rooms: int) -> None:
            nonlocal done
            done += rooms
            if progress is not None:
                progress(done, total)

        async def room(spec: RoomSpec) -> None:
            await self.ensure(spec, report)
            advance(1)

        async def family(parent: str, teachers: Taught) -> None:
            await self.ensure_conversations(parent, report, teachers)
            advance(2 * len(teachers))

        config_cause = f"provision:config:{fingerprint[:16]}"
        if families:  # until this run has done every family, the next start does them too
            forget = SetBotState(CONFIG_FINGERPRINT, None)
            await self.executor.run([forget], cause=f"{config_cause}:forget")
        for spec in specs:
            await uninterrupted(room(spec))
        if SCHOOL_STORY_KEY in report.created:
            await self._invite_to_school_story(await self.store.pupils.linked_parents())
        if self.config.encryption.private_rooms:
            await self._encrypt_welcomes(report)
        if families:
            for parent, teachers in taught.items():
                await uninterrupted(family(parent, teachers))
            await self._converge_portfolios(report)
            applied = SetBotState(CONFIG_FINGERPRINT, fingerprint)
            await self.executor.run([applied], cause=f"{config_cause}:applied")
        log.info("provisioning: %s", report.summary(dry=self.executor.dry_run))
        return report

    async def _invite_to_school_story(self, parents: list[str]) -> None:
        """Families linked before the School Story existed are invited once, when it is
        made (later, linking invites them; a removed family is not invited)."""
        room = await self.store.rooms.by_key(SCHOOL_STORY_KEY)
        if room is None:
            return
        invites: list[Action] = [
            Invite(room.room_id, parent)
            for parent in parents
            if not await self.store.discipline.is_suspended(parent)
        ]
        await self.executor.run(invites, cause=f"provision:{SCHOOL_STORY_KEY}:families")

    async def _encrypt_welcomes(self, report: ProvisionReport) -> None:
        """Welcome rooms still open are private rooms too: encryption on where it is off
        (and the bot may set it; a newcomer's `private_chat` room does not let it)."""
        for room in await self.store.rooms.of_kind(RoomKind.WELCOME):
            if room.closed_at is not None:
                continue
            state = await self.client.room_get_state_event(room.room_id, "m.room.encryption")
            if isinstance(state, RoomGetStateEventResponse):
                continue
            action = SetState(room.room_id, "m.room.encryption", ENCRYPTION)
            [outcome] = await self.executor.run([action], cause=f"provision:{room.key}:encrypt")
            (report.changed if outcome.ok else report.unchanged).append(room.key)

    async def _taught(self, parent: str, linking: Pupil | None = None) -> Taught:
        """The teachers of the parent's children (by Matrix id), each with those children;
        with the pupil being `linking` too, where a dry run has not recorded that link."""
        taught: Taught = {}
        children = await self.store.pupils.children_of(parent)
        if linking is not None and linking.id not in {child.id for child in children}:
            children.append(linking)
        for child in children:
            for teacher in self.config.teachers_of(child.class_id):
                entry = taught.setdefault(teacher.matrix_id(self.server_name), (teacher, []))
                entry[1].append(child)
        return taught

    async def ensure_conversations(
        self, parent: str, report: ProvisionReport, taught: Taught | None = None
    ) -> None:
        """A conversation with each teacher of the parent's children; others are closed."""
        if taught is None:
            taught = await self._taught(parent)
        person = await self.store.people.get(parent)
        parent_name = person.display_name if person else parent
        for teacher_id, (teacher, children) in taught.items():
            specs = conversation_specs(
                self.config, parent, parent_name, teacher, teacher_id, children
            )
            parent_room = await self.ensure(specs[0], report)
            teacher_room = await self.ensure(specs[1], report)
            if parent_room and teacher_room:
                await self._open(parent, teacher_id, parent_room.room_id, teacher_room.room_id)
        for conversation in await self.store.relay.conversations_of(parent):
            if conversation.parent == parent and conversation.teacher not in taught:
                await self._close(
                    conversation.id, conversation.parent_room, conversation.teacher_room
                )

    async def _open(self, parent: str, teacher: str, parent_room: str, teacher_room: str) -> None:
        """Recorded unless it is open already (a closed one opens again, in its old rooms)."""
        conversation = await self.store.relay.conversation(parent, teacher)
        if conversation is not None and conversation.closed_at is None:
            return
        opened = OpenConversation(parent, teacher, parent_room, teacher_room)
        await self.executor.run(
            [opened], cause=f"conversation:{parent}:{teacher}:{self.clock.iso()}"
        )

    async def _close(self, conversation_id: int, parent_room: str, teacher_room: str) -> None:
        """Closed with a notice, never deleted: the history stays with both people."""
        conversation = await self.store.relay.conversation_by_id(conversation_id)
        if conversation is None or conversation.closed_at:
            return
        text = (
            "This conversation is now closed (the teacher no longer teaches this class, or the "
            "link to the child has ended). Messages here are no longer passed on. Please "
            f"contact the office at {self.config.school.office_email} with any questions."
        )
        await self.executor.run(
            [
                notice(parent_room, text),
                notice(teacher_room, text),
                CloseConversation(conversation_id),
            ],
            cause=f"close:{conversation_id}",
        )

    async def ensure(self, spec: RoomSpec, report: ProvisionReport) -> Room | None:
        room = await self.store.rooms.by_key(spec.key)
        if room is None:
            return await self._create(spec, report)
        state = await self.client.room_get_state(room.room_id)
        if not isinstance(state, RoomGetStateResponse):
            raise RuntimeError(f"cannot read the state of {room.room_id}: {state.message}")
        actions = plan_convergence(
            spec, room.room_id, state.events, self.client.user_id, encrypted=self._encrypted(spec)
        )
        pinned = any(e.get("type") == "m.room.pinned_events" for e in state.events)
        if actions:
            log.info(
                "converging %s: %s", spec.key, ", ".join(f"{a.kind} {a.target()}" for a in actions)
            )
            await self.executor.run(actions, cause=f"provision:{spec.key}:{self.clock.iso()}")
            report.changed.append(spec.key)
        else:
            report.unchanged.append(spec.key)
        if spec.pinned_text and not pinned:
            await self._pin(room.room_id, spec)
        return room

    def _encrypted(self, spec: RoomSpec) -> bool:
        """Story rooms stay readable by the guard unless the school says otherwise."""
        encryption = self.config.encryption
        return encryption.story if spec.kind is RoomKind.STORY else encryption.private_rooms

    async def _create(self, spec: RoomSpec, report: ProvisionReport) -> Room | None:
        """Made, recorded under its key and given its first word, all before a Ctrl-C or a
        shutdown stops the work: a room made but not recorded would be made again."""
        return await uninterrupted(self._make(spec, report))

    async def _make(self, spec: RoomSpec, report: ProvisionReport) -> Room | None:
        initial_state = [
            _state("m.room.guest_access", {"guest_access": "forbidden"}),
            _state("m.room.history_visibility", {"history_visibility": "shared"}),
        ]
        if self._encrypted(spec):
            initial_state.append(_state("m.room.encryption", ENCRYPTION))
        create = CreateRoom(
            name=spec.name,
            topic=spec.topic,
            invite=tuple(sorted(spec.members)),
            power_levels=spec.power_levels,
            initial_state=tuple(initial_state),
            is_direct=spec.is_direct,
        )
        [outcome] = await self.executor.run([create], cause=f"provision:{spec.key}:create")
        report.created.append(spec.key)
        if self.executor.dry_run:
            return None  # no room was made, so there is none to record or welcome
        if not outcome.ok or not outcome.result:
            raise RuntimeError(f"could not create the room {spec.key}: {outcome.error}")
        record = RecordRoom(
            outcome.result,
            spec.kind,
            spec.key,
            class_id=spec.class_id,
            owner=spec.owner,
            bot_joined_ts=0,  # the bot created it: nothing in it predates the bot
        )
        await self.executor.run([record], cause=f"provision:{spec.key}:record")
        room = await self.store.rooms.by_key(spec.key)
        assert room is not None
        if spec.pinned_text:
            await self._pin(room.room_id, spec)  # the code of conduct is its first word
        else:  # a first word saying what the room is for, not only its set-up
            welcome = notice(room.room_id, spec.topic)
            await self.executor.run([welcome], cause=f"provision:{spec.key}:welcome")
        return room

    async def _pin(self, room_id: str, spec: RoomSpec) -> None:
        await uninterrupted(self._post_and_pin(room_id, spec))  # never posted twice

    async def _post_and_pin(self, room_id: str, spec: RoomSpec) -> None:
        [posted] = await self.executor.run(
            [notice(room_id, spec.pinned_text or "")], cause=f"provision:{spec.key}:conduct"
        )
        if posted.ok and posted.result:  # a dry run's pin, like its post, is only audited
            pin = SetState(room_id, "m.room.pinned_events", {"pinned": [posted.result]})
            await self.executor.run([pin], cause=f"provision:{spec.key}:pin")

    async def link_adult(self, link: LinkAdult, action_id: str) -> str | None:
        """Perform a handler's decided link (the executor's `linker`): link, make rooms and
        invite, then say so where the person waits; on failure tell them `link.sorry`."""
        store, clock, executor = self.store, self.clock, self.executor
        try:
            pupil = await store.pupils.get(link.pupil_id)
            if pupil is None:
                raise LinkRefused(f"pupil {link.pupil_id} is no longer on the roster")
            if link.role == "pupil":
                done = await self.link_pupil(link.user_id, pupil, linked_by=link.linked_by)
            else:
                if link.beyond_limit:  # linked first, so the limit below is met
                    await self._link_beyond_limit(link, clock.iso())
                done = await self.link_parent(link.user_id, pupil, linked_by=link.linked_by)
        except (LinkRefused, ActionFailed, RuntimeError) as err:
            if link.room_id is not None:
                await executor.run([notice(link.room_id, link.sorry)], cause=f"{action_id}:sorry")
            raise ActionFailed(f"link not made: {err}") from None
        if link.code_id is not None:
            await store.codes.use(link.code_id, link.user_id, at=clock.iso())
        home = await store.rooms.by_key(home_key(link.user_id))
        room = link.room_id or (home.room_id if home else None)
        if room is not None:
            await executor.run([notice(room, link.confirm)], cause=f"{action_id}:told")
        return "; ".join(done) or "already linked"

    async def _link_beyond_limit(self, link: LinkAdult, now: str) -> None:
        existing = await self.store.people.get(link.user_id)
        if existing is not None and existing.role is not Role.PARENT:
            raise LinkRefused(f"{link.user_id} is a {existing.role.value}, not a parent")
        if existing is None:  # link_parent sets their display name next
            name = link.user_id.split(":")[0].lstrip("@")
            await self.store.people.upsert(link.user_id, name, Role.PARENT, now=now)
        await self.store.pupils.link_parent(
            link.user_id, link.pupil_id, linked_by=link.linked_by, now=now
        )

    async def link_parent(self, parent: str, pupil: Pupil, *, linked_by: str) -> list[str]:
        """Link a parent to a pupil: record it, give them a home room, invite to the story.

        Returns what was done, for the operator. Refuses beyond `parents_per_child`.
        """
        done: list[str] = []
        parents = await self.store.pupils.parents_of(pupil.id)
        if parent not in parents and len(parents) >= self.config.policy.parents_per_child:
            raise LinkRefused(
                f"{pupil.full_name} already has {len(parents)} linked adults (the limit is "
                f"{self.config.policy.parents_per_child}); a further adult needs SLT approval"
            )
        existing = await self.store.people.get(parent)
        if existing is not None and existing.role is not Role.PARENT:
            raise LinkRefused(f"{parent} is a {existing.role.value}, not a parent")
        story = await self.store.rooms.by_key(story_key(pupil.class_id))
        if story is None:
            raise LinkRefused(f"class {pupil.class_id} has no story room yet: run provision")
        dry = self.executor.dry_run  # for the report only: the executor performs nothing
        children = await self.store.pupils.children_of(parent)
        newly = pupil.id not in {child.id for child in children}
        if newly:
            done.append(
                f"{'would link' if dry else 'linked'} {parent} to {pupil.full_name} "
                f"({pupil.class_id})"
            )
            children.append(pupil)
        name = await self._profile_name(parent) or parent.split(":")[0].lstrip("@")
        record = RecordParent(parent, name, pupil.id, linked_by)
        await self.executor.run([record], cause=f"link:{parent}:{pupil.id}")
        report = ProvisionReport()
        await self.ensure(parent_home_spec(self.config, parent, children), report)
        done += _home_room_lines(report, dry=dry)
        conversations = ProvisionReport()
        await self.ensure_conversations(parent, conversations, await self._taught(parent, pupil))
        if conversations.created:
            opened = "would be opened" if dry else "opened"
            done.append(f"{len(conversations.created) // 2} teacher conversation(s) {opened}")
        invited = "would be invited" if dry else "invited"
        await self.executor.run(
            [Invite(story.room_id, parent)], cause=f"link:{parent}:{pupil.id}:story"
        )
        done.append(f"{invited} to {pupil.class_id} story room")
        school_story = await self.store.rooms.by_key(SCHOOL_STORY_KEY)
        if school_story is not None:
            await self.executor.run(
                [Invite(school_story.room_id, parent)], cause=f"link:{parent}:school_story"
            )
            done.append(f"{invited} to the School Story")
        if newly and not dry:
            done += await self._show_approved(parent, pupil)
        return ["dry run: nothing was changed", *done] if dry else done

    async def _show_approved(self, parent: str, pupil: Pupil) -> list[str]:
        """A parent linked after a teacher approved some of the child's work is shown it too,
        in their view of the portfolio (made now), as the families linked then were."""
        approved = await self.store.portfolios.approved(pupil.id)
        posts = [
            PostInPortfolio(pupil.id, content, parent)
            for work in approved
            for content in work.shared
        ]
        if not posts:
            return []
        await self.executor.run(posts, cause=f"link:{parent}:{pupil.id}:portfolio")
        return [f"shown {len(approved)} approved piece(s) of work from the portfolio"]

    async def _profile_name(self, user: str) -> str | None:
        """A display name, also for someone who shares no room with the bot yet: the
        homeserver limits profile lookups to people who share one (README), so the bot,
        a server admin, asks the admin API then. None for a name that passes for staff, the
        school or the bot, or is unkind: the teacher's room and the headings of relayed
        messages would carry it (the profile check sets it back when they join)."""
        profile = await self.client.get_displayname(user)
        name = getattr(profile, "displayname", None)
        if not name:
            try:
                found = (await admin(self.client, "GET", user_path(user))).get("displayname")
            except AdminError:
                return None
            name = found if isinstance(found, str) and found else None
        if name and self.unfit_name is not None:
            if await asyncio.to_thread(self.unfit_name, name) is not None:
                log.info("link: %s's display name is not recorded (profile rules)", user)
                return None
        return name

    async def link_pupil(self, user: str, pupil: Pupil, *, linked_by: str) -> list[str]:
        """Make `user` the pupil's own account: recorded, with a `home` room and nothing else
        (no class story, no teacher conversations). Returns what was done."""
        existing = await self.store.people.get(user)
        if existing is not None and existing.role is not Role.PUPIL:
            raise LinkRefused(f"{user} is a {existing.role.value}, not a pupil")
        current = await self.store.codes.pupil_of(user)
        if current is not None and current != pupil.id:
            raise LinkRefused(f"{user} is already another pupil's account")
        name = await self._profile_name(user) or pupil.first_name
        now = self.clock.iso()
        await self.store.people.upsert(user, name, Role.PUPIL, now=now)
        done = []
        if await self.store.codes.link_pupil_account(user, pupil.id, at=now):
            done.append(f"{user} is {pupil.full_name}'s own account (linked by {linked_by})")
        report = ProvisionReport()
        await self.ensure(home_spec(self.config, user, "your points and news from school"), report)
        done += _home_room_lines(report, dry=False)
        portfolio = ProvisionReport()
        await self.ensure_portfolio(pupil, portfolio)
        if portfolio.created:
            done.append(f"{pupil.first_name}'s portfolio created")
        return done

    async def ensure_portfolio(self, pupil: Pupil, report: ProvisionReport) -> Room | None:
        """The pupil's portfolio, made or brought in line (its teachers and own account)."""
        teachers = [t.matrix_id(self.server_name) for t in self.config.teachers_of(pupil.class_id)]
        accounts = await self.store.points.accounts_of(pupil.id)
        return await self.ensure(portfolio_spec(pupil, teachers, accounts), report)

    async def _converge_portfolios(self, report: ProvisionReport) -> None:
        """Pupils' portfolios brought in line with rooms.yaml: a teacher taken off a class
        leaves its pupils' portfolios, a new one is invited. Families' views are theirs."""
        for room in await self.store.rooms.of_kind(RoomKind.PORTFOLIO):
            number = room.key.removeprefix("portfolio:")
            pupil = await self.store.pupils.get(int(number)) if number.isdigit() else None
            if pupil is not None:
                await uninterrupted(self.ensure_portfolio(pupil, report))

    async def post_in_portfolio(self, post: PostInPortfolio, action_id: str) -> str | None:
        """Perform a handler's `PostInPortfolio` (the executor's `portfolio_poster`): the
        portfolio, or the parent's family view of it, made first when it does not exist."""
        pupil = await self.store.pupils.get(post.pupil_id)
        if pupil is None:
            raise ActionFailed(f"pupil {post.pupil_id} is no longer on the roster")
        report = ProvisionReport()
        if post.parent is None:
            room = await self.ensure_portfolio(pupil, report)
        else:
            room = await self.ensure(family_portfolio_spec(pupil, post.parent), report)
        if room is None:
            return None  # a dry run made no room
        [sent] = await self.executor.run(
            [SendMessage(room.room_id, post.content)], cause=f"{action_id}:post"
        )
        if not sent.ok:
            raise ActionFailed(f"could not post in {room.key}: {sent.error}")
        return sent.result


class LinkRefused(ValueError):
    pass
