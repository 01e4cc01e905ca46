"""SLT commands in the escalation room: strikes, pardons, reinstatement, incidents, export.

Each command reads the store and returns actions. All are declared for SLT in the escalation
room only, so nothing about a person is ever shown anywhere else.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, time, timedelta

from bot.actions import Action, Invite, RecordIncident, SendFile
from bot.clock import stamp
from bot.letters import safe_cell
from handlers import Context
from handlers.commands import Argument, Command, Invocation, format_instant, reply
from handlers.discipline import Pardon, display_name, escalate, labelled, reinstatement, tell
from storage.discipline import Strike
from storage.incidents import Incident
from storage.people import Role
from storage.rooms import RoomKind

SLT = frozenset({Role.SLT})
ESCALATION = frozenset({RoomKind.ESCALATION})
MAX_LINES = 30
CSV_COLUMNS = (
    "incident_id",
    "date",
    "time",
    "person",
    "matrix_id",
    "role",
    "children",
    "room",
    "category",
    "judge_label",
    "judge_confidence",
    "judge_reasons",
    "evidence",
    "action_taken",
    "confirmed_by",
)

_USER_RE = re.compile(r"@[^\s:@]+:[A-Za-z0-9.-]+(:\d{1,5})?")
_PERIOD_RE = re.compile(r"(\d{1,4})([dh])")
_DAY_RE = re.compile(r"(\d{4})-\d{2}-\d{2}")


# --- argument parsers ----------------------------------------------------------------------


def matrix_user_id(word: str) -> str:
    """A full Matrix user id; a matrix.to link to one is accepted too."""
    user = word.removeprefix("https://matrix.to/#/")
    if not _USER_RE.fullmatch(user):
        raise ValueError(f"'{word}' is not a Matrix user id; expected e.g. @parent:school.example")
    return user


def day(word: str) -> date:
    match = _DAY_RE.fullmatch(word)
    if match and 2000 <= int(match[1]) <= 2999:
        try:
            return date.fromisoformat(word)
        except ValueError:
            pass
    raise ValueError(f"'{word}' is not a date; expected e.g. 2026-11-01")


def since(word: str) -> date | timedelta:
    """A day (2026-11-01) or a period back from now (7d, 24h)."""
    match = _PERIOD_RE.fullmatch(word.lower())
    if match:
        amount = int(match[1])
        return timedelta(days=amount) if match[2] == "d" else timedelta(hours=amount)
    try:
        return day(word)
    except ValueError:
        raise ValueError(
            f"'{word}' is not a date or a period; expected e.g. 2026-11-01, 7d or 24h"
        ) from None


def incidents_word(word: str) -> str:
    if word.lower() != "incidents":
        raise ValueError(f"I can export incidents only, not '{word}'")
    return "incidents"


# --- helpers -------------------------------------------------------------------------------


def _midnight(local_day: date, ctx: Context) -> datetime:
    """The start of a school day, in the school's time zone."""
    return datetime.combine(local_day, time(), tzinfo=ctx.config.school.tz)


def _local(stored: str, ctx: Context) -> datetime:
    return datetime.fromisoformat(stored).astimezone(ctx.config.school.tz)


def _short(stored: str, ctx: Context) -> str:
    local = _local(stored, ctx)
    return f"{local.day} {local:%b %Y, %H:%M}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


async def _known(ctx: Context, user_id: str, strikes: list[Strike]) -> bool:
    return (
        bool(strikes)
        or await ctx.store.people.get(user_id) is not None
        or (await ctx.store.discipline.is_suspended(user_id))
    )


def _unknown(inv: Invocation, user_id: str) -> list[Action]:
    return reply(
        inv.event,
        f"I don't know {user_id}: no one with that id uses the school's "
        "bot. Please check the id (e.g. @parent:school.example).",
    )


def _class_name(ctx: Context, class_id: str) -> str:
    school_class = ctx.config.class_by_id(class_id)
    return school_class.name if school_class else class_id


async def _room_label(ctx: Context, room_id: str | None) -> str:
    if room_id is None:
        return ""
    room = await ctx.store.rooms.get(room_id)
    if room is None:
        return room_id
    if room.kind is RoomKind.STORY:
        return f"{_class_name(ctx, room.class_id)} story" if room.class_id else "School Story"
    return f"{room.kind.value.replace('_', ' ')} room"


# --- commands ------------------------------------------------------------------------------


async def _strikes(inv: Invocation, ctx: Context) -> list[Action]:
    user = inv.args["user"]
    strikes = await ctx.store.discipline.strikes(user)
    if not await _known(ctx, user, strikes):
        return _unknown(inv, user)
    who = await labelled(ctx, user)
    expired_before = ctx.clock.now() - timedelta(days=ctx.config.policy.strike_expiry_days)
    lines = [f"Strikes for {who}:" if strikes else f"{who} has no strikes."]
    for number, strike in enumerate(strikes, start=1):
        if strike.pardoned_at:
            status = f"pardoned ({strike.pardon_reason or 'no reason given'})"
        elif datetime.fromisoformat(strike.at) < expired_before:
            status = "expired"
        else:
            status = "active"
        confirmed = await display_name(ctx, strike.confirmed_by)
        lines.append(
            f"{number}. {_short(strike.at, ctx)} — {strike.rule} — confirmed by "
            f"{confirmed} — {status}"
        )
    if await ctx.store.discipline.is_suspended(user):
        lines.append(
            f"They are currently removed from the class stories and messaging. "
            f"Send !reinstate {user} to let them back."
        )
    else:
        lines.append("They are not removed.")
    return reply(inv.event, "\n".join(lines))


async def _pardon(inv: Invocation, ctx: Context) -> list[Action]:
    user, reason, by = inv.args["user"], inv.args["reason"], inv.event.sender
    strikes = await ctx.store.discipline.strikes(user)
    if not await _known(ctx, user, strikes):
        return _unknown(inv, user)
    who = await labelled(ctx, user)
    uncleared = [s for s in strikes if s.pardoned_at is None]
    if not uncleared:
        return reply(inv.event, f"{who} has no warnings to clear; nothing was changed.")
    cleared = _plural(len(uncleared), "strike")
    incident = Incident(
        kind="pardoned",
        user_id=user,
        rule="pardon",
        outcome=f"{cleared} cleared: {reason}",
        confirmed_by=by,
        evidence={"reason": reason},
    )
    still_removed = ""
    if await ctx.store.discipline.is_suspended(user):
        still_removed = f" They are still removed; send !reinstate {user} to let them back."
    return [
        RecordIncident(incident),
        Pardon(user, by=by, reason=reason),
        *reply(inv.event, f"Cleared {cleared} for {who}.{still_removed}"),
        *await escalate(ctx, incident, "Warnings cleared"),
        *await tell(
            ctx,
            user,
            "The school has cleared the warnings on your account. Thank "
            "you for keeping to the school's code of conduct in the class story and "
            "in messages.",
        ),
    ]


async def _reinstate(inv: Invocation, ctx: Context) -> list[Action]:
    user, by = inv.args["user"], inv.event.sender
    strikes = await ctx.store.discipline.strikes(user)
    if not await _known(ctx, user, strikes):
        return _unknown(inv, user)
    who = await labelled(ctx, user)
    if not await ctx.store.discipline.is_suspended(user):
        return reply(
            inv.event,
            f"{who} is not removed from the class stories or messaging; nothing was changed.",
        )
    uncleared = [s for s in strikes if s.pardoned_at is None]
    cleared = f"{_plural(len(uncleared), 'strike')} cleared" if uncleared else "no strikes to clear"
    incident = Incident(
        kind="reinstated",
        user_id=user,
        rule="reinstate",
        outcome=f"reinstated to class stories and messaging; {cleared}",
        confirmed_by=by,
    )
    back = await reinstatement(ctx, user, by=by)
    rooms = sum(isinstance(a, Invite) for a in back)
    pardon: list[Action] = [Pardon(user, by=by, reason=f"reinstated by {by}")] if uncleared else []
    conduct = ctx.config.school.code_of_conduct_url
    return [
        RecordIncident(incident),
        *back,
        *pardon,
        *await tell(
            ctx,
            user,
            "The school has reinstated you: you can use the class story "
            "and messaging again. Please keep to the school's code of conduct"
            + (f": {conduct}" if conduct else "."),
        ),
        *reply(
            inv.event,
            f"{who} is reinstated: messaging is back on and they are invited to "
            f"{_plural(rooms, 'class story room')}. {cleared.capitalize()}: they "
            "start again with a warning.",
        ),
    ]


async def _incidents(inv: Invocation, ctx: Context) -> list[Action]:
    value = inv.args["since"] or timedelta(days=7)
    start = ctx.clock.now() - value if isinstance(value, timedelta) else _midnight(value, ctx)
    found = await ctx.store.incidents.between(stamp(start))
    when = format_instant(start, ctx)
    if not found:
        return reply(inv.event, f"No incidents since {when}.")
    lines = [f"{_plural(len(found), 'incident')} since {when}, newest last:"]
    if len(found) > MAX_LINES:
        lines.append(
            f"({len(found) - MAX_LINES} earlier not shown; !export incidents FROM TO "
            "gives them all)"
        )
    for incident in found[-MAX_LINES:]:
        who = await labelled(ctx, incident.user_id)
        lines.append(
            f"{_short(incident.at, ctx)} — {incident.kind} — {who} — {incident.rule} "
            f"— {incident.outcome}"
        )
    return reply(inv.event, "\n".join(lines))


async def _export(inv: Invocation, ctx: Context) -> list[Action]:
    first, last = inv.args["from"], inv.args["to"]
    if first > last:
        return reply(inv.event, f"FROM ({first}) is after TO ({last}). Usage: {inv.command.usage}")
    found = await ctx.store.incidents.between(
        stamp(_midnight(first, ctx)), stamp(_midnight(last + timedelta(days=1), ctx))
    )
    data = await incidents_csv(ctx, found)
    body = f"Incidents from {first} to {last} inclusive: {len(found)}"
    name = f"incidents-{first}-to-{last}.csv"
    return [SendFile(inv.event.room.room_id, name, data, "text/csv", body)]


def _evidence(incident: Incident) -> str:
    """The message text where there is one, else the reason, else the raw evidence."""
    text = incident.evidence.get("body") or incident.evidence.get("reason")
    if isinstance(text, str):
        return text
    return json.dumps(incident.evidence, ensure_ascii=False) if incident.evidence else ""


async def incidents_csv(ctx: Context, incidents: list[Incident]) -> bytes:
    """A safeguarding log (CPOMS-style); UTF-8 with a BOM so Excel reads names correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for incident in incidents:
        local = _local(incident.at, ctx)
        person = await ctx.store.people.get(incident.user_id)
        children = "; ".join(
            f"{child.first_name} ({_class_name(ctx, child.class_id)})"
            for child in await ctx.store.pupils.children_of(incident.user_id)
        )
        confidence = "" if incident.confidence is None else f"{incident.confidence:.2f}"
        confirmed = await labelled(ctx, incident.confirmed_by) if incident.confirmed_by else ""
        row = [
            incident.id,
            f"{local:%Y-%m-%d}",
            f"{local:%H:%M}",
            person.display_name if person else "",
            incident.user_id,
            person.role.value if person else "",
            children,
            await _room_label(ctx, incident.room_id),
            incident.rule,
            incident.label or "",
            confidence,
            "; ".join(incident.reasons),
            _evidence(incident),
            incident.outcome,
            confirmed,
        ]
        writer.writerow([safe_cell(str(cell)) for cell in row])
    return out.getvalue().encode("utf-8-sig")


USER = Argument("user", matrix_user_id)

ESCALATION_COMMANDS = (
    Command(
        name="strikes",
        help="list a person's strikes and whether they are removed",
        roles=SLT,
        rooms=ESCALATION,
        run=_strikes,
        arguments=(USER,),
    ),
    Command(
        name="pardon",
        help="clear a person's warnings, giving the reason",
        roles=SLT,
        rooms=ESCALATION,
        run=_pardon,
        arguments=(USER, Argument("reason", rest=True)),
    ),
    Command(
        name="reinstate",
        help="let a removed person back into the class stories and messaging",
        roles=SLT,
        rooms=ESCALATION,
        run=_reinstate,
        arguments=(USER,),
    ),
    Command(
        name="incidents",
        help="incidents since a date (2026-11-01) or a period (7d, 24h); default 7 days",
        roles=SLT,
        rooms=ESCALATION,
        run=_incidents,
        arguments=(Argument("since", since, optional=True),),
    ),
    Command(
        name="export",
        help="the incidents between two dates, inclusive, as a CSV safeguarding log",
        roles=SLT,
        rooms=ESCALATION,
        run=_export,
        arguments=(
            Argument("incidents", incidents_word),
            Argument("from", day),
            Argument("to", day),
        ),
    ),
)
