"""Values-linked points: staff award them, families see only their own child's, privately.

- `!award PUPIL[,PUPIL…|class] VALUE [N] [NOTE…]` (a teacher of the pupil's class, or SLT,
  in their own home room). Names resolve within the teacher's classes; ambiguity is asked
  back, never guessed. The pupil's linked parents (and the pupil's own account) are told in
  their home rooms; nobody else is told anything.
- `!undo` takes back the sender's last award within `UNDO_WINDOW`, and the families are
  told it was corrected.
- `!points` shows a parent their own children, a pupil their own points, a teacher one pupil
  or their class. There is no leaderboard anywhere: nothing is ranked, and a family never
  sees another child's points.
- `weekly_summary_actions` is the Friday summary per child for the parents and the pupil's
  own account, with a bar chart of that child's own points by value.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, ClassVar

from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from bot.actions import Action, SendFile, StoreAction, as_html, notice
from bot.clock import stamp
from bot.config import Config, SchoolClass
from bot.provisioning import home_key
from handlers import Context
from handlers.commands import (
    ALL_ROLES,
    STAFF,
    Argument,
    Command,
    Invocation,
    UsageError,
    Wording,
    reply,
)
from handlers.discipline import tell
from storage.people import Role
from storage.pupils import Pupil
from storage.rooms import RoomKind
from storage.store import Store

UNDO_WINDOW = timedelta(minutes=10)
MAX_POINTS = 10
MAX_NOTE = 300
CLASS_WORD = "class"
HOME = frozenset({RoomKind.HOME})

_WHOLE_NUMBER = re.compile(r"[+-]?\d+")


# --- records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AwardPoints(StoreAction):
    """Values-linked points for one or more pupils: one batch, undoable for a short while."""

    kind: ClassVar[str] = "award_points"
    batch: str
    pupil_ids: tuple[int, ...]
    value: str
    amount: int
    note: str | None
    awarded_by: str

    def target(self) -> str | None:
        return self.batch

    def audit_detail(self) -> dict[str, Any]:
        return {
            "pupils": list(self.pupil_ids),
            "value": self.value,
            "amount": self.amount,
            "by": self.awarded_by,
        }

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.points.award(
            self.batch,
            self.pupil_ids,
            self.value,
            self.amount,
            self.note,
            awarded_by=self.awarded_by,
            at=at,
        )
        return self.batch


@dataclass(frozen=True)
class UndoAward(StoreAction):
    """A teacher took back their last award (within the undo window)."""

    kind: ClassVar[str] = "undo_award"
    batch: str
    by: str

    def target(self) -> str | None:
        return self.batch

    def audit_detail(self) -> dict[str, Any]:
        return {"by": self.by}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        return str(await store.points.undo(self.batch, at=at))


@dataclass(frozen=True)
class MarkWeeklySummary(StoreAction):
    """A pupil's weekly points summary went to their parents (once per pupil per week)."""

    kind: ClassVar[str] = "mark_weekly_summary"
    pupil_id: int
    week: str

    def target(self) -> str | None:
        return f"{self.pupil_id}/{self.week}"

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.points.mark_summary(self.pupil_id, self.week, at=at)
        return None


# --- parsing (pure) ----------------------------------------------------------------------


@dataclass(frozen=True)
class AwardRequest:
    who: tuple[str, ...]  # as typed: "Amelia", "Oliver B", "DEMO0002", "class", "class:oak"
    value: str  # spelt as in rooms.yaml
    amount: int
    note: str | None


def values_list(values: Sequence[str]) -> str:
    return ", ".join(values[:-1]) + f" or {values[-1]}" if len(values) > 1 else values[0]


def parse_award(text: str, values: Sequence[str]) -> AwardRequest:
    """'Amelia, Oliver B Kindness 2 helped a friend' → who, value, amount and note.

    The value is the first school value (case-insensitive, possibly several words) after
    the first word; the words before it name the pupils, separated by commas.
    """
    words = text.split()
    if not words:
        raise UsageError("Please say who the points are for and which school value")
    found: tuple[int, int, str] | None = None
    for position in range(1, len(words)):
        for value in sorted(values, key=lambda v: -len(v.split())):
            size = len(value.split())
            if " ".join(words[position : position + size]).casefold() == value.casefold():
                found = (position, size, value)
                break
        if found:
            break
    if found is None:
        raise UsageError(f"Please give one of the school values: {values_list(values)}")
    position, size, value = found
    who = tuple(part.strip() for part in " ".join(words[:position]).split(",") if part.strip())
    if not who:
        raise UsageError("Please say who the points are for")
    rest = words[position + size :]
    amount = 1
    if rest and _WHOLE_NUMBER.fullmatch(rest[0]):
        amount = int(rest.pop(0))
        if not 1 <= amount <= MAX_POINTS:
            raise UsageError(f"N must be a whole number from 1 to {MAX_POINTS} (you gave {amount})")
    note = " ".join(rest) or None
    if note is not None and len(note) > MAX_NOTE:
        raise UsageError(f"Please keep the note under {MAX_NOTE} characters")
    return AwardRequest(who, value, amount, note)


def match_pupils(spec: str, pupils: Sequence[Pupil]) -> list[Pupil]:
    """The pupils `spec` could mean: an MIS id, a full name, a first name, or a first name
    and the start of a surname ("Oliver B")."""
    wanted = " ".join(spec.split()).rstrip(".").casefold()
    by_id = [p for p in pupils if p.mis_id and p.mis_id.casefold() == wanted]
    if by_id:
        return by_id
    full = [p for p in pupils if p.full_name.casefold() == wanted]
    if full:
        return full
    first = [p for p in pupils if p.first_name.casefold() == wanted]
    if first:
        return first
    return [
        p
        for p in pupils
        if wanted.startswith(p.first_name.casefold() + " ")
        and p.full_name.casefold().startswith(wanted)
    ]


def _shortest_unique(pupil: Pupil, among: Sequence[Pupil]) -> str:
    """How to tell this pupil from the others: "Oliver B", else the MIS id."""
    others = [p for p in among if p.id != pupil.id]
    for length in range(1, len(pupil.surname) + 1):
        typed = f"{pupil.first_name} {pupil.surname[:length]}"
        if not any(match_pupils(typed, [o]) for o in others):
            return f'"{typed}"'
    return pupil.mis_id or pupil.full_name


class Ask(Exception):
    """The command cannot go ahead without the sender saying more; nothing was changed."""


def _class_label(config: Config, class_id: str) -> str:
    school_class = config.class_by_id(class_id)
    return school_class.name if school_class else class_id


def _pick_class(word: str, classes: Sequence[SchoolClass]) -> SchoolClass:
    """`class` (the sender's only class) or `class:oak`."""
    name = word[len(CLASS_WORD) :].lstrip(":").strip().casefold()
    choices = " or ".join(f"class:{c.id}" for c in classes)
    if not name:
        if len(classes) == 1:
            return classes[0]
        raise Ask(f"You teach more than one class: which one? Say {choices}.")
    for school_class in classes:
        if name in (school_class.id.casefold(), school_class.name.casefold()):
            return school_class
    raise Ask(f"{word} is not one of your classes: say {choices}.")


async def resolve_pupils(
    ctx: Context, who: Sequence[str], classes: Sequence[SchoolClass]
) -> list[Pupil]:
    """The pupils named, all within `classes`; raises Ask listing every name it can't place."""
    if not classes:
        raise Ask("You don't have a class in rooms.yaml, so there are no pupils to choose from.")
    pupils: list[Pupil] = []
    for school_class in classes:
        pupils += await ctx.store.pupils.in_class(school_class.id)
    names = [c.name for c in classes]
    scope = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
    chosen: dict[int, Pupil] = {}
    problems = []
    for spec in who:
        if spec.casefold().startswith(CLASS_WORD) and (
            len(spec) == len(CLASS_WORD) or spec[len(CLASS_WORD)] == ":"
        ):
            try:
                school_class = _pick_class(spec, classes)
            except Ask as ask:
                problems.append(str(ask))
                continue
            members = [p for p in pupils if p.class_id == school_class.id]
            if not members:
                problems.append(f"{school_class.name} has no pupils on the roster.")
            chosen |= {p.id: p for p in members}
            continue
        matches = match_pupils(spec, pupils)
        if len(matches) == 1:
            chosen.setdefault(matches[0].id, matches[0])
        elif not matches:
            problems.append(f'I can\'t find a pupil called "{spec}" in {scope}.')
        else:
            options = "; ".join(
                f"{p.full_name} ({_class_label(ctx.config, p.class_id)}, "
                f"{p.mis_id or 'no MIS id'}): say {_shortest_unique(p, matches)}"
                for p in matches
            )
            problems.append(f'More than one pupil is called "{spec}": {options}.')
    if problems:
        raise Ask("\n".join(problems))
    return list(chosen.values())


# --- who may see and award what --------------------------------------------------------


def _server(ctx: Context) -> str:
    return ctx.bot_user_id.split(":", 1)[1]


def classes_in_scope(ctx: Context) -> list[SchoolClass]:
    """SLT: every class; a teacher: the classes rooms.yaml gives them."""
    sender = ctx.sender
    if sender is None or not sender.role.is_staff:
        return []
    if sender.role is Role.SLT:
        return list(ctx.config.classes)
    staff = ctx.config.staff_by_user(sender.user_id, _server(ctx))
    staff_id = sender.staff_id or (staff.id if staff else None)
    try:
        return ctx.config.classes_of(staff_id) if staff_id else []
    except KeyError:
        return []


def staff_name(ctx: Context, user_id: str) -> str:
    staff = ctx.config.staff_by_user(user_id, _server(ctx))
    if staff is not None:
        return staff.name
    return ctx.sender.display_name if ctx.sender and ctx.sender.user_id == user_id else user_id


def _in_own_home(inv: Invocation) -> bool:
    room = inv.event.room
    return room.kind is RoomKind.HOME and room.owner in (None, inv.event.sender)


async def own_pupils(ctx: Context) -> list[Pupil]:
    """A parent's children, or the pupil an account belongs to."""
    sender = ctx.sender
    if sender is None:
        return []
    if sender.role is Role.PARENT:
        return await ctx.store.pupils.children_of(sender.user_id)
    if sender.role is Role.PUPIL:
        pupil_id = await ctx.store.points.pupil_of_account(sender.user_id)
        pupil = await ctx.store.pupils.get(pupil_id) if pupil_id is not None else None
        return [pupil] if pupil else []
    return []


def points_phrase(amount: int) -> str:
    return f"{amount} point" + ("" if amount == 1 else "s")


def batch_id(event_id: str) -> str:
    """One award command, one batch: the same event always gives the same id."""
    return "pts-" + hashlib.sha256(event_id.encode()).hexdigest()[:20]


async def _tell_families(
    ctx: Context, pupils: Sequence[Pupil], to_parent: Callable[[Pupil], str], to_pupil: str
) -> tuple[list[Action], int]:
    """A private notice to each pupil's parents and to the pupil's own account; and how many
    pupils had someone to tell. Nobody else hears anything."""
    actions: list[Action] = []
    reached = 0
    for pupil in pupils:
        told: list[Action] = []
        for parent in await ctx.store.pupils.parents_of(pupil.id):
            told += await tell(ctx, parent, to_parent(pupil))
        for account in await ctx.store.points.accounts_of(pupil.id):
            told += await tell(ctx, account, to_pupil)
        reached += bool(told)
        actions += told
    return actions, reached


def _families_told(reached: int, total: int, about: str = "") -> str:
    """'Their family has been told' (`about`: ' it was corrected'), or who could not be."""
    if total == 1:
        return (
            f"Their family has been told{about}."
            if reached
            else ("No family account is linked yet, so no one else was told.")
        )
    if reached == total:
        return f"Their families have been told{about}."
    return (
        f"The families of {reached} of the {total} pupils have been told{about} (the "
        "others have no linked account yet)."
    )


# --- !award --------------------------------------------------------------------------------


async def _award(inv: Invocation, ctx: Context) -> list[Action]:
    event = inv.event
    if not _in_own_home(inv) or ctx.sender is None:
        return reply(event, "Points are awarded in your own room with the bot.")
    try:
        request = parse_award(inv.args["details"] or "", ctx.config.policy.values)
    except UsageError as err:
        return reply(event, f"{err}. Usage: {inv.command.usage}")
    try:
        pupils = await resolve_pupils(ctx, request.who, classes_in_scope(ctx))
    except Ask as ask:
        return reply(event, f"{ask}\nNothing was awarded.")
    teacher = staff_name(ctx, ctx.sender.user_id)
    phrase = points_phrase(request.amount)
    said = f": {request.note}" if request.note else "."
    batch = batch_id(event.event_id)
    actions: list[Action] = [
        AwardPoints(
            batch,
            tuple(p.id for p in pupils),
            request.value,
            request.amount,
            request.note,
            awarded_by=ctx.sender.user_id,
        )
    ]
    what = f"{phrase} for {request.value} from {teacher}{said}"
    told, reached = await _tell_families(
        ctx, pupils, lambda pupil: f"{pupil.first_name} got {what}", f"You got {what}"
    )
    names = ", ".join(p.full_name for p in pupils)
    minutes = int(UNDO_WINDOW.total_seconds() // 60)
    actions += told
    actions += reply(
        event,
        f"Awarded {phrase} for {request.value} to {names}"
        + (f" (note: {request.note})" if request.note else "")
        + f". {_families_told(reached, len(pupils))} Send !undo within {minutes} minutes "
        "to take it back.",
    )
    return actions


# --- !undo ---------------------------------------------------------------------------------


def undo_allowed(awarded_at: str, now: datetime) -> bool:
    """Within the undo window of the award, by the injected clock."""
    return now - datetime.fromisoformat(awarded_at) <= UNDO_WINDOW


async def _undo(inv: Invocation, ctx: Context) -> list[Action]:
    event = inv.event
    if not _in_own_home(inv) or ctx.sender is None:
        return reply(event, "Awards are undone in your own room with the bot.")
    batch = await ctx.store.points.last_batch(ctx.sender.user_id)
    if not batch:
        return reply(event, "You have no award to undo.")
    first = batch[0]
    pupils = [p for point in batch if (p := await ctx.store.pupils.get(point.pupil_id))]
    names = ", ".join(p.full_name for p in pupils) or "pupils no longer on the roster"
    phrase = points_phrase(first.amount)
    minutes = int(UNDO_WINDOW.total_seconds() // 60)
    now = ctx.clock.now()
    if not undo_allowed(first.awarded_at, now):
        when = ctx.calendar.describe(datetime.fromisoformat(first.awarded_at), relative_to=now)
        return reply(
            event,
            f"Sorry, it's too late to undo your last award ({phrase} for {first.value} to "
            f"{names}, {when}): awards can only be taken back within {minutes} minutes. "
            "Nothing was changed.",
        )
    teacher = staff_name(ctx, ctx.sender.user_id)
    what = f"{phrase} for {first.value} from {teacher}"
    one = first.amount == 1
    taken = (
        f"{'was' if one else 'were'} given by mistake and {'has' if one else 'have'} been "
        "taken back."
    )
    told, reached = await _tell_families(
        ctx,
        pupils,
        lambda pupil: f"A correction: the {what} that {pupil.first_name} got earlier {taken}",
        f"A correction: the {what} you got earlier {taken}",
    )
    family = _families_told(reached, len(pupils), " it was corrected")
    return [
        UndoAward(first.batch, by=ctx.sender.user_id),
        *told,
        *reply(event, f"Taken back: {phrase} for {first.value} to {names}. {family}"),
    ]


# --- !points -------------------------------------------------------------------------------


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_key(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def local_midnight(config: Config, day: date) -> str:
    """The stored form (UTC) of the start of a local day."""
    return stamp(datetime.combine(day, time(0), tzinfo=config.school.tz))


def describe_totals(totals: Mapping[str, int], values: Sequence[str]) -> str:
    total = sum(totals.values())
    if not total:
        return "no points yet"
    known = [v for v in values if totals.get(v)]
    older = sorted(v for v in totals if v not in values and totals[v])  # values since renamed
    parts = ", ".join(f"{v} {totals[v]}" for v in (*known, *older))
    return f"{points_phrase(total)} ({parts})"


@dataclass(frozen=True)
class Periods:
    week_since: str
    term_since: str
    term_start: date

    @property
    def term(self) -> str:
        """'this term (since Wednesday 2 September)'."""
        return f"this term (since {self.term_start:%A} {self.term_start.day} {self.term_start:%B})"

    @property
    def term_label(self) -> str:
        return self.term[0].upper() + self.term[1:]


def periods(ctx: Context) -> Periods:
    today = ctx.clock.now().astimezone(ctx.config.school.tz).date()
    start = ctx.calendar.term_start(today)
    return Periods(
        local_midnight(ctx.config, week_start(today)), local_midnight(ctx.config, start), start
    )


async def pupil_report(ctx: Context, pupil: Pupil, heading: str) -> str:
    spans = periods(ctx)
    values = ctx.config.policy.values
    week = await ctx.store.points.totals(pupil.id, since=spans.week_since)
    term = await ctx.store.points.totals(pupil.id, since=spans.term_since)
    return (
        f"{heading}\nThis week: {describe_totals(week, values)}\n"
        f"{spans.term_label}: {describe_totals(term, values)}"
    )


async def class_report(ctx: Context, school_class: SchoolClass) -> str:
    """For the class's teacher only: each pupil in register order, never ranked."""
    spans = periods(ctx)
    lines = [f"{school_class.name}: points this week / {spans.term}"]
    for pupil in await ctx.store.pupils.in_class(school_class.id):
        week = sum((await ctx.store.points.totals(pupil.id, since=spans.week_since)).values())
        term = sum((await ctx.store.points.totals(pupil.id, since=spans.term_since)).values())
        lines.append(f"{pupil.full_name}: {week} / {term}")
    return "\n".join(lines)


async def _points(inv: Invocation, ctx: Context) -> list[Action]:
    event = inv.event
    sender = ctx.sender
    if not _in_own_home(inv) or sender is None:
        return reply(event, "Points are shown only in your own room with the bot.")
    who: str | None = inv.args["who"]
    if sender.role.is_staff:
        return await _staff_points(inv, ctx, who)
    own = await own_pupils(ctx)
    if not own:
        return reply(
            event, "There is no child linked to your account yet, so there are no points to show."
        )
    shown = own if who is None else match_pupils(who, own)
    if not shown:
        # The same words whoever was asked about: nothing about another child, not even
        # whether they exist.
        if sender.role is Role.PUPIL:
            return reply(event, "Sorry, you can only see your own points.")
        names = " and ".join(p.first_name for p in own)
        return reply(event, f"Sorry, you can only see the points of your own child ({names}).")
    reports = []
    for pupil in shown:
        heading = "Your points" if sender.role is Role.PUPIL else f"{pupil.first_name}'s points"
        reports.append(await pupil_report(ctx, pupil, heading))
    return reply(event, "\n\n".join(reports))


async def _staff_points(inv: Invocation, ctx: Context, who: str | None) -> list[Action]:
    event = inv.event
    classes = classes_in_scope(ctx)
    if who is None:
        return reply(event, "Say which pupil (!points Amelia) or which class (!points class).")
    try:
        if who.casefold().startswith(CLASS_WORD) and (
            len(who) == len(CLASS_WORD) or who[len(CLASS_WORD)] == ":"
        ):
            if not classes:
                raise Ask("You don't have a class in rooms.yaml.")
            return reply(event, await class_report(ctx, _pick_class(who, classes)))
        pupils = await resolve_pupils(ctx, [w for w in who.split(",") if w.strip()], classes)
    except Ask as ask:
        return reply(event, str(ask))
    reports = []
    for pupil in pupils:
        label = _class_label(ctx.config, pupil.class_id)
        reports.append(await pupil_report(ctx, pupil, f"{pupil.full_name} ({label})"))
    return reply(event, "\n\n".join(reports))


# --- the weekly summary ----------------------------------------------------------------------

CHART_SIZE = (480, 300)
PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT = 58, 250, 30, 450
BAR_COLOUR = (46, 125, 170)
CHART_KEY = "conductbot.points"


def bar_spans(count: int) -> list[tuple[int, int]]:
    """The left and right x of each value's bar, evenly spread across the plot."""
    slot = (PLOT_RIGHT - PLOT_LEFT) / max(count, 1)
    return [
        (round(PLOT_LEFT + i * slot + slot * 0.2), round(PLOT_LEFT + (i + 1) * slot - slot * 0.2))
        for i in range(count)
    ]


def bar_height(amount: int, most: int) -> int:
    return round((PLOT_BOTTOM - PLOT_TOP) * amount / most) if most else 0


def _fit(
    draw: ImageDraw.ImageDraw,
    text: str,
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont,
    width: float,
) -> str:
    """`text`, shortened with an ellipsis until it fits `width` pixels."""
    shown = text
    while shown and draw.textlength(shown if shown == text else shown + "…", font=font) > width:
        shown = shown[:-1]
    return shown if shown == text else shown.rstrip() + "…"


def render_chart(values: Sequence[str], totals: Mapping[str, int]) -> bytes:
    """A PNG bar chart of one child's points by value. It is drawn from that child's totals
    alone: no other child, no class average, no comparison."""
    image = Image.new("RGB", CHART_SIZE, "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=13)
    draw.line([(PLOT_LEFT, PLOT_BOTTOM), (PLOT_RIGHT, PLOT_BOTTOM)], fill=(90, 90, 90))
    draw.text((PLOT_LEFT, 12), "Points this week, by school value", fill=(40, 40, 40), font=font)
    most = max((totals.get(v, 0) for v in values), default=0)
    for value, (left, right) in zip(values, bar_spans(len(values)), strict=True):
        amount = totals.get(value, 0)
        height = bar_height(amount, most)
        middle = (left + right) / 2
        if height:
            draw.rectangle(
                [(left, PLOT_BOTTOM - height), (right, PLOT_BOTTOM - 1)], fill=BAR_COLOUR
            )
        draw.text(
            (middle, PLOT_BOTTOM - height - 4),
            str(amount),
            fill=(40, 40, 40),
            font=font,
            anchor="md",
        )
        label = _fit(draw, value, font, (PLOT_RIGHT - PLOT_LEFT) / len(values) - 6)
        draw.text((middle, PLOT_BOTTOM + 8), label, fill=(40, 40, 40), font=font, anchor="ma")
    info = PngInfo()
    info.add_text(CHART_KEY, json.dumps({v: totals.get(v, 0) for v in values}))
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info, optimize=True)
    return out.getvalue()


def summary_due(ctx: Context, monday: date) -> datetime | None:
    """When the week's summary is due: the close of its last working day (Friday after
    close, in a normal week); None for a week without working days (a holiday)."""
    working = [
        day
        for day in (monday + timedelta(days=n) for n in range(7))
        if ctx.calendar.is_working_day(day)
    ]
    if not working:
        return None
    return datetime.combine(working[-1], ctx.config.hours.close, tzinfo=ctx.config.school.tz)


async def weekly_summary_actions(ctx: Context) -> list[tuple[str, list[Action]]]:
    """(cause, actions) per child whose weekly summary is due and not yet sent.

    Run it often (it does only what is due by the injected clock); the current week and the
    one before are considered, so a bot that was down on Friday evening catches up. A child
    with no points that week gets no summary.
    """
    now = ctx.clock.now()
    this_week = week_start(now.astimezone(ctx.config.school.tz).date())
    due: list[tuple[str, list[Action]]] = []
    for monday in (this_week - timedelta(days=7), this_week):
        at = summary_due(ctx, monday)
        if at is None or now < at:
            continue
        due += await _week_summaries(ctx, monday)
    return due


async def _week_summaries(ctx: Context, monday: date) -> list[tuple[str, list[Action]]]:
    week = week_key(monday)
    since = local_midnight(ctx.config, monday)
    until = local_midnight(ctx.config, monday + timedelta(days=7))
    values = ctx.config.policy.values
    spans = periods(ctx)
    out: list[tuple[str, list[Action]]] = []
    for pupil_id in await ctx.store.points.pupils_with_points(since=since, until=until):
        if await ctx.store.points.summary_sent(pupil_id, week):
            continue
        pupil = await ctx.store.pupils.get(pupil_id)
        if pupil is None:
            continue
        homes = []  # (room, whose week it reads as): the parents', then the pupil's own
        for parent in await ctx.store.pupils.parents_of(pupil_id):
            room = await ctx.store.rooms.by_key(home_key(parent))
            if room is not None:
                homes.append((room.room_id, f"{pupil.first_name}'s"))
        for account in await ctx.store.points.accounts_of(pupil_id):
            room = await ctx.store.rooms.by_key(home_key(account))
            if room is not None:
                homes.append((room.room_id, "Your"))
        if not homes:
            continue  # sent once someone is linked, if still within the catch-up
        week_totals = await ctx.store.points.totals(pupil_id, since=since, until=until)
        term_totals = await ctx.store.points.totals(pupil_id, since=spans.term_since)
        chart = await asyncio.to_thread(render_chart, values, week_totals)
        width, height = CHART_SIZE
        actions: list[Action] = []
        for room_id, whose in homes:
            text = (
                f"{whose} week (week beginning {monday:%A} {monday.day} {monday:%B}): "
                f"{describe_totals(week_totals, values)}. Well done, {pupil.first_name}!\n"
                f"{spans.term_label}: {describe_totals(term_totals, values)}."
            )
            actions.append(notice(room_id, text, as_html(text)))
            actions.append(
                SendFile(
                    room_id,
                    f"points-{week}.png",
                    chart,
                    "image/png",
                    f"Chart of {pupil.first_name}'s points this week by school value",
                    msgtype="m.image",
                    info={"w": width, "h": height},
                )
            )
        actions.append(MarkWeeklySummary(pupil_id, week))
        out.append((f"weekly-summary:{week}:{pupil_id}", actions))
    return out


# --- declarations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Words(Argument):
    """The rest of the line, parsed by the command itself (it needs the school's values or
    the roster); `label` is how it shows in the usage line."""

    label: str = ""

    def __str__(self) -> str:
        return self.label or super().__str__()


POINTS_COMMANDS = (
    Command(
        name="award",
        help="give points for a school value to a pupil, several (Amelia, Oliver B) or your class",
        roles=STAFF,
        rooms=HOME,
        run=_award,
        arguments=(Words("details", rest=True, label="PUPIL[,PUPIL…|class] VALUE [N] [NOTE…]"),),
    ),
    Command(
        name="undo",
        help=f"take back your last award (within {int(UNDO_WINDOW.total_seconds() // 60)} "
        "minutes); families are told it was corrected",
        roles=STAFF,
        rooms=HOME,
        run=_undo,
    ),
    Command(
        name="points",
        help="points by school value, this week and this term: a pupil's (!points Amelia) or "
        "your class's (!points class)",
        roles=ALL_ROLES,
        rooms=HOME,
        run=_points,
        arguments=(Words("who", optional=True, rest=True, label="[PUPIL|class]"),),
        wordings=(
            Wording(
                frozenset({Role.PARENT}),
                "your child's points by school value, this week "
                "and this term (add a first name if you have more than one child)",
                "[CHILD]",
            ),
            Wording(
                frozenset({Role.PUPIL}), "your points by school value, this week and this term"
            ),
        ),
    ),
)
