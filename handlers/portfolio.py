"""Pupil portfolios: teachers set activities, pupils post their work, and a teacher's ✅
shares a piece with the family.

- `!activity PUPIL[,PUPIL…|class] [due YYYY-MM-DD] TEXT` (a teacher of the pupils' class, or
  SLT, in their own room with the bot) posts the activity in each pupil's portfolio. A
  portfolio (the pupil's own account, the class teachers and the bot; invite-only) is made
  by the first activity, or when the pupil's own account is linked (`Provisioner`).
- An attachment: the teacher sends a file or photo in that room (the bot keeps it,
  `KeepAttachment`, and says how to use it), then replies to it with `!activity …`; the
  same file (its mxc, or its encrypted `file`) is posted after the activity in each
  portfolio. A reply to anything else changes nothing and gets one line saying why.
- Everything the pupil posts there (text, photos, files) is work waiting for a teacher.
  A teacher's ✅ on it copies it into each linked parent's family view of the portfolio
  (parent and bot; made at the first approval), media protected as class media is; a ❌
  keeps it in the portfolio, and the pupil is told. The family sees nothing else: no
  waiting work, no comments between teacher and pupil.
- Pupils are children: their posts and comments are judged in the judge's `pupil` context
  (kind, on topic, no personal information: `bot.judge._for_a_pupil`). Words it removes
  (unkind to someone, or private information such as a phone number, another pupil's full
  name or meeting up) are taken out of the portfolio, the pupil is told kindly why, and
  their class teachers are told privately with the reason; words it asks about (a child's
  own worry, or a post that may not be schoolwork) stay (nothing is shared without a ✅)
  and the teachers are told why. Never a strike, never an incident against the child.
- A parent's comment in their family view is judged as a class story reply is (the class's
  pupils and the writer's own child in context): a kind one stays; an unkind one is removed,
  the parent told why and SLT given the incident (a strike, as in the story); an urgent one
  takes the safeguarding path.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from bot.actions import Action, PostInPortfolio, StoreAction, as_html, notice
from bot.judge import PUPIL, JudgeContext, Label, Outcome, Verdict, judge
from handlers import Context, Event, relation
from handlers.commands import STAFF, Command, Invocation, UsageError, reply, split_command
from handlers.discipline import (
    EVIDENCE_SHOWN,
    escalate,
    incident_actions,
    is_immune,
    quoting,
    rule_text,
    strike,
    tell,
)
from handlers.media import MEDIA_MSGTYPES, QueueMedia, media_of
from handlers.points import Ask, Words, classes_in_scope, resolve_pupils, staff_name
from handlers.safeguarding import Concern, urgent_actions
from handlers.story import (
    KEEP,
    REMOVE,
    STRIKE_LABELS,
    hostile_reaction,
    judge_context,
    judged_incident,
    reaction_actions,
    removals,
    replied_to,
    staff_names,
    urgent_removal,
    visible_text,
)
from storage.people import Role
from storage.portfolio import Attachment, CommentKind, WorkStatus
from storage.pupils import Pupil
from storage.rooms import Room, RoomKind
from storage.store import Store

MAX_ACTIVITY = 2_000
FAMILY_PREFIX = "portfolio_family:"
_DATE = re.compile(r"\d")
#: A surname initial after a first name: "B", "B." or "B,"; "A" and "I" only with the dot
#: or the comma, as they also begin sentences ("Amelia I want you to …").
_INITIAL = re.compile(r"[B-HJ-Z]\.?,?|[AI][.,]|[AI]\.,")
_WHAT = {"image": "a photo", "video": "a video", "audio": "a recording", "file": "a file"}
#: What of a pupil's post is kept to show the family on approval (never their reply quotes).
_SHOWN_KEYS = ("msgtype", "body", "filename", "url", "file", "info")


# --- records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetActivity(StoreAction):
    """An activity a teacher set, for each pupil named (one batch per command)."""

    kind: ClassVar[str] = "set_activity"
    batch: str
    pupil_ids: tuple[int, ...]
    text: str
    due: str | None
    set_by: str
    attached: str | None = None  # the teacher's file posted after it (its event), if any

    def target(self) -> str | None:
        return self.batch

    def audit_detail(self) -> dict[str, Any]:
        detail = {"pupils": list(self.pupil_ids), "due": self.due, "by": self.set_by}
        return detail | ({"attached": self.attached} if self.attached else {})

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.portfolios.set_activity(
            self.batch, self.pupil_ids, self.text, self.due, set_by=self.set_by, at=at
        )
        return self.batch


@dataclass(frozen=True)
class RecordWork(StoreAction):
    """A pupil's post in their portfolio, waiting for a teacher's ✅ or ❌."""

    kind: ClassVar[str] = "record_portfolio_work"
    event_id: str
    room_id: str
    pupil_id: int
    sender: str
    content: dict[str, Any]

    def target(self) -> str | None:
        return self.event_id

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.portfolios.add_work(
            self.event_id, self.room_id, self.pupil_id, self.sender, self.content, at=at
        )
        return None


@dataclass(frozen=True)
class ReviseWork(StoreAction):
    """A pupil's edit of waiting work: the family would be shown the new words."""

    kind: ClassVar[str] = "revise_portfolio_work"
    event_id: str
    content: dict[str, Any]

    def target(self) -> str | None:
        return self.event_id

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.portfolios.revise_work(self.event_id, self.content)
        return None


@dataclass(frozen=True)
class DecideWork(StoreAction):
    """A teacher approved (✅) or returned (❌) a piece of work."""

    kind: ClassVar[str] = "decide_portfolio_work"
    event_id: str
    status: WorkStatus
    by: str
    shared: tuple[dict[str, Any], ...] = ()  # approved: what each family's view is given

    def target(self) -> str | None:
        return self.event_id

    def audit_detail(self) -> dict[str, Any]:
        return {"status": self.status.value, "by": self.by}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.portfolios.decide(
            self.event_id, self.status, by=self.by, at=at, shared=self.shared
        )
        return None


@dataclass(frozen=True)
class RecordComment(StoreAction):
    """A parent's comment, reaction or own photo that stays in their family view: kept so
    `!mydata` gives it to them and `!forget` takes it down."""

    kind: ClassVar[str] = "record_portfolio_comment"
    event_id: str
    room_id: str
    pupil_id: int
    sender: str
    comment: CommentKind
    body: str | None

    def target(self) -> str | None:
        return self.event_id

    def audit_detail(self) -> dict[str, Any]:
        return {"comment": self.comment.value}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.portfolios.add_comment(
            self.event_id,
            self.room_id,
            self.pupil_id,
            self.sender,
            self.comment,
            self.body,
            at=at,
        )
        return None


@dataclass(frozen=True)
class KeepAttachment(StoreAction):
    """A file or photo a teacher sent in their own room with the bot, kept so that a reply
    to it with `!activity` can attach it (the message's media keys, never a download)."""

    kind: ClassVar[str] = "keep_activity_attachment"
    event_id: str
    room_id: str
    sender: str
    content: dict[str, Any]

    def target(self) -> str | None:
        return self.event_id

    def audit_detail(self) -> dict[str, Any]:
        return {"msgtype": self.content.get("msgtype")}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.portfolios.add_attachment(
            self.event_id, self.room_id, self.sender, self.content, at=at
        )
        return None


# --- !activity (parsing is pure) ----------------------------------------------------------


@dataclass(frozen=True)
class ActivityRequest:
    who: tuple[str, ...]  # as typed: "Amelia", "Oliver B", "DEMO0002", "class", "class:oak"
    due: date | None
    text: str


def _names_end(words: list[str]) -> int:
    """Where the pupils end without a due date: names joined by commas, each one word and
    perhaps a capital surname initial ("Oliver B")."""
    position = 0
    while position < len(words):
        word = words[position]
        position += 1
        follows = words[position] if position < len(words) else ""
        if not word.endswith(",") and _INITIAL.fullmatch(follows):
            word = follows  # "Oliver B" or "Oliver B.,"
            position += 1
        if not word.endswith(","):
            return position
    return position


def parse_activity(text: str) -> ActivityRequest:
    """'Amelia, Oliver B due 2026-12-04 Draw a tiger' → who, the due date and the activity.

    With a due date, every word before `due` names the pupils (full names too); without
    one, the names are one word each (and perhaps an initial), joined by commas.
    """
    words = text.split()
    if not words:
        raise UsageError("Please say which pupils the activity is for, and what it is")
    due_at = next(
        (
            i
            for i, word in enumerate(words[1:], start=1)
            if word.casefold() == "due" and i + 1 < len(words) and _DATE.match(words[i + 1])
        ),
        None,
    )
    due = None
    if due_at is not None:
        names, rest = words[:due_at], words[due_at + 2 :]
        try:
            due = date.fromisoformat(words[due_at + 1])
        except ValueError:
            raise UsageError(
                f'"{words[due_at + 1]}" is not a date: write the due date as YYYY-MM-DD, '
                "e.g. 2026-12-04"
            ) from None
    else:
        end = _names_end(words)
        names, rest = words[:end], words[end:]
    who = tuple(part.strip() for part in " ".join(names).split(",") if part.strip())
    if not who:
        raise UsageError("Please say which pupils the activity is for")
    activity = " ".join(rest)
    if not activity:
        raise UsageError("Please write the activity after the pupils' names")
    if len(activity) > MAX_ACTIVITY:
        raise UsageError(f"Please keep an activity under {MAX_ACTIVITY} characters")
    return ActivityRequest(who, due, activity)


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _content(body: str) -> dict[str, Any]:
    return {
        "msgtype": "m.notice",
        "body": body,
        "format": "org.matrix.custom.html",
        "formatted_body": as_html(body),
    }


async def _activity(inv: Invocation, ctx: Context) -> list[Action]:
    event = inv.event
    room = event.room
    if ctx.sender is None or room.kind is not RoomKind.HOME or room.owner != event.sender:
        return reply(event, "Activities are set in your own room with the bot.")
    try:
        request = parse_activity(inv.args["details"] or "")
    except UsageError as err:
        return reply(event, f"{err}. Usage: {inv.command.usage}. Nothing was set.")
    today = ctx.clock.now().astimezone(ctx.config.school.tz).date()
    if request.due is not None and request.due < today:
        return reply(
            event, f"The due date {request.due.isoformat()} has already passed. Nothing was set."
        )
    attachment = None
    if (target := replied_to(event.content)) is not None:
        attachment = await ctx.store.portfolios.attachment(target)
        if attachment is None or attachment.room_id != room.room_id:
            return reply(
                event,
                "I can't attach that: the message you replied to is not a file or photo you "
                "sent me in this room. Send the file here, then reply to it with !activity. "
                "Nothing was set.",
            )
        if attachment.sender != event.sender:
            return reply(
                event,
                "I can't attach that: the file was sent by someone else. Send it here "
                "yourself, then reply to it with !activity. Nothing was set.",
            )
    try:
        pupils = await resolve_pupils(ctx, request.who, classes_in_scope(ctx))
    except Ask as ask:
        return reply(event, f"{ask} Nothing was set.")
    batch = "act-" + hashlib.sha256(event.event_id.encode()).hexdigest()[:20]
    due = f" (due {_day(request.due)})" if request.due else ""
    names = ", ".join(p.full_name for p in pupils)
    with_file = f", with {_file_name(attachment)}" if attachment else ""
    return [
        *activity_actions(
            ctx, pupils, request.text, request.due, ctx.sender.user_id, batch, attachment
        ),
        *reply(event, f"Activity set{due} for {names}{with_file}: it is in each one's portfolio."),
    ]


def _file_name(attachment: Attachment) -> str:
    content = attachment.content
    name = content.get("filename") or content.get("body")
    what = _WHAT.get(MEDIA_MSGTYPES.get(content.get("msgtype", ""), "file"), "a file")
    return f"{what} ({name})" if isinstance(name, str) and name else what


def activity_actions(
    ctx: Context,
    pupils: list[Pupil],
    text: str,
    due: date | None,
    set_by: str,
    batch: str,
    attachment: Attachment | None = None,
) -> list[Action]:
    """An activity recorded for each pupil and posted in each one's portfolio (made first
    when it does not exist yet), with the teacher's file after it when one is attached:
    what `!activity` does, and the demo's first activity."""
    teacher = staff_name(ctx, set_by)
    when = f" (due {_day(due)})" if due else ""
    posted = _content(f"New activity from {teacher}{when}:\n{text}")
    record = SetActivity(
        batch,
        tuple(p.id for p in pupils),
        text,
        due.isoformat() if due else None,
        set_by=set_by,
        attached=attachment.event_id if attachment else None,
    )
    given = (posted, attachment.content) if attachment else (posted,)
    return [record, *(PostInPortfolio(pupil.id, content) for pupil in pupils for content in given)]


async def handle_attachment(event: Event, ctx: Context) -> list[Action]:
    """A teacher's file or photo in their own room with the bot: kept for `!activity`, and
    the teacher told how to attach it (a home room has no other use for a teacher's file)."""
    room = event.room
    if event.type != "m.room.message" or room.kind is not RoomKind.HOME:
        return []
    if room.owner != event.sender:
        return []
    if ctx.sender is None or not ctx.sender.role.is_staff or relation(event.content):
        return []  # an edit, a reply or a thread: not a new file
    if media_of(event) is None:
        return []
    kept = {k: event.content[k] for k in _SHOWN_KEYS if k in event.content}
    text = (
        "To set this as work, reply to it with !activity PUPIL[,PUPIL…|class] "
        "[due YYYY-MM-DD] TEXT: it goes after the activity in each pupil's portfolio."
    )
    return [
        KeepAttachment(event.event_id, room.room_id, event.sender, kept),
        *reply(event, text),
    ]


PORTFOLIO_COMMANDS = (
    Command(
        name="activity",
        help="set work in pupils' portfolios: one pupil, several (Amelia, Oliver B) or your "
        "class, with an optional due date; send a file here first and reply to it with "
        "!activity to attach it",
        roles=STAFF,
        rooms=frozenset({RoomKind.HOME}),
        run=_activity,
        arguments=(
            Words("details", rest=True, label="PUPIL[,PUPIL…|class] [due YYYY-MM-DD] TEXT…"),
        ),
    ),
)


# --- the portfolio rooms ------------------------------------------------------------------


def is_family_view(room: Room) -> bool:
    return room.kind is RoomKind.PORTFOLIO and room.key.startswith(FAMILY_PREFIX)


def _pupil_id(room: Room) -> int | None:
    """The pupil a portfolio (or a family view of one) belongs to, from its key."""
    parts = room.key.split(":")
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


async def handle_portfolio(event: Event, ctx: Context) -> list[Action]:
    pupil_id = _pupil_id(event.room)
    pupil = await ctx.store.pupils.get(pupil_id) if pupil_id is not None else None
    if pupil is None or event.state_key is not None:
        return []
    if is_family_view(event.room):
        return await _family_comment(event, ctx, pupil)
    if event.type == "m.reaction":
        return await _decision(event, ctx, pupil)
    if event.type != "m.room.message" or await is_immune(ctx, event.sender):
        return []  # teachers' own posts and comments stay in the portfolio
    sender = ctx.sender
    if sender is None or sender.role is not Role.PUPIL:
        return []
    if await ctx.store.points.pupil_of_account(event.sender) != pupil.id:
        return []
    return await _pupil_post(event, ctx, pupil)


def _shown(content: dict[str, Any], text: str) -> dict[str, Any]:
    """What the family would see of a post: media as posted, text as the words alone."""
    if content.get("msgtype") in MEDIA_MSGTYPES:
        return {k: content[k] for k in _SHOWN_KEYS if k in content}
    return {"msgtype": "m.text", "body": text}


def _words_of(content: dict[str, Any]) -> str:
    """The words a post carries: a text's, or a photo's or file's caption (a body that is
    more than the file's name)."""
    if content.get("msgtype") not in MEDIA_MSGTYPES:
        return visible_text(content)
    body, filename = content.get("body"), content.get("filename")
    return body if isinstance(body, str) and filename and body != filename else ""


async def _pupil_post(event: Event, ctx: Context, pupil: Pupil) -> list[Action]:
    content = event.content
    body = content.get("body")
    text_body = content.get("msgtype") == "m.text" and isinstance(body, str)
    command = split_command(body) if text_body else None
    relates = relation(content)
    edited = relates.get("event_id") if relates.get("rel_type") == "m.replace" else None
    shown = content.get("m.new_content") if edited else content
    if not isinstance(shown, dict):
        shown = {}
    # a command's own name is not the child's words ("!help" is not a cry for help)
    text = command[1].strip() if command else _words_of(shown)
    verdict = None
    if text:
        verdict = await asyncio.to_thread(judge, text, await pupil_context(ctx, event, pupil))
    if verdict is not None and (verdict.outcome is Outcome.REMOVE or verdict.label is Label.URGENT):
        also = (edited,) if isinstance(edited, str) else ()
        return await _pupil_words_removed(event, ctx, pupil, text, verdict, also)
    if command:
        # answered by the command handler, and not work; the words after it are judged all
        # the same, as a child may write "!help my dad hits me"
        return []
    # An unsure verdict ("I got the sum wrong, sorry") stays: only the teachers see it, and
    # nothing is shared without their ✅; they are told the bot was unsure.
    unsure = await _unsure(ctx, pupil, text, verdict) if verdict is not None else []
    if isinstance(edited, str):
        return [ReviseWork(edited, _shown(shown, text)), *unsure]
    return [
        RecordWork(event.event_id, event.room.room_id, pupil.id, event.sender, _shown(shown, text)),
        *unsure,
    ]


async def pupil_context(ctx: Context, event: Event, pupil: Pupil) -> JudgeContext:
    """A pupil's words are judged as a child's (`pupil`): their class in context, their own
    name as the writer's, and the other pupils' full names, which they must not publish."""
    classmates = await ctx.store.pupils.in_story(event.room.class_id)
    return JudgeContext(
        where=PUPIL,
        pupil_names=frozenset(p.first_name for p in classmates),
        staff_names=staff_names(ctx.config),
        author_children=frozenset({pupil.first_name}),
        full_names=frozenset(p.full_name for p in classmates if p.id != pupil.id),
    )


async def _to_teachers(ctx: Context, pupil: Pupil, text: str) -> list[Action]:
    """A private notice to each of the pupil's class teachers, in their room with the bot."""
    server = ctx.bot_user_id.split(":", 1)[1]
    told: list[Action] = []
    for teacher in ctx.config.teachers_of(pupil.class_id):
        told += await tell(ctx, teacher.matrix_id(server), text)
    return told


async def _unsure(ctx: Context, pupil: Pupil, text: str, verdict: Verdict) -> list[Action]:
    if verdict.outcome is not Outcome.ASK:
        return []
    doubt = (
        "it may not be schoolwork"
        if verdict.label is Label.OFF_TOPIC
        else "I was not sure it was kind"
    )

    def told(quoted: str) -> str:
        return (
            f"{pupil.full_name} wrote this in their portfolio, and {doubt} "
            f"({verdict.label}: {'; '.join(verdict.reasons) or 'no detail'}):\n«{quoted}»\n"
            "It stays in the portfolio, and is shared with the family only if you react ✅."
        )

    return await _to_teachers(ctx, pupil, quoting(told, text, "all of it is in the portfolio"))


async def _pupil_words_removed(
    event: Event,
    ctx: Context,
    pupil: Pupil,
    text: str,
    verdict: Verdict,
    also: tuple[str, ...],
) -> list[Action]:
    """Out of the portfolio; the pupil told kindly, the class teachers privately. Never a
    strike: a child is never punished by the bot. Words that may mean a child is in danger
    are a safeguarding concern: the leads are alerted as for a family's urgent message (the
    concern is recorded, with no strike), and the pupil is pointed to a grown-up and
    Childline."""
    removed = removals(event, also)
    if verdict.label is Label.URGENT:
        to_pupil = (
            "I've taken your message out of your portfolio and passed it to your teacher and "
            "the school's safeguarding lead, so that a grown-up at school can help. If "
            "something is worrying you, please talk to your teacher or a grown-up you trust. "
            "You can also ring Childline free, any time, on 0800 1111. You are not in trouble."
        )
        alerted = await urgent_actions(
            ctx,
            Concern.of(event, ctx, text),
            verdict,
            reply_room=None,
            where=f"{pupil.first_name}'s portfolio (a pupil's own words, removed)",
            teacher_line="",
        )

        def urgent(quoted: str) -> str:
            return (
                f"{pupil.full_name} wrote this in their portfolio, and I took it out because "
                "it may be a safeguarding concern: the safeguarding leads have been alerted "
                f"({'; '.join(verdict.reasons) or 'no detail'}):\n«{quoted}»\n"
                f"{pupil.first_name} has been told kindly that a grown-up will help, and is "
                "never given a strike. Please follow the school's safeguarding procedure."
            )

        teacher_text = quoting(urgent, text)
        return [
            *alerted[:2],  # the concern and the alert are stored before the words are removed
            *removed,
            *alerted[2:],
            *await tell(ctx, event.sender, to_pupil),
            *await _to_teachers(ctx, pupil, teacher_text),
        ]
    if verdict.label is Label.SENSITIVE:
        to_pupil = (
            "I've taken your message out of your portfolio because it looked like it had "
            "private information in it, such as a phone number, an address, someone's full "
            "name, a password or where you will be. Private things stay private, even here. "
            "Your teacher knows, and you are not in trouble."
        )
        why = "it looked like private information"
    else:
        to_pupil = (
            "I've taken your message out of your portfolio because it didn't sound kind. At "
            "school we only write kind, positive things about each other and our work. Your "
            "teacher knows, and you are not in trouble: have another go!"
        )
        why = "it did not sound kind"

    def removed_why(quoted: str) -> str:
        return (
            f"{pupil.full_name} wrote this in their portfolio, and I took it out because {why} "
            f"({verdict.label}: {'; '.join(verdict.reasons) or 'no detail'}):\n«{quoted}»\n"
            f"{pupil.first_name} has been told kindly why. Pupils are never given a strike and "
            "no incident was recorded; you may want to have a word with them."
        )

    teacher_text = quoting(removed_why, text, f"the first {EVIDENCE_SHOWN:,} are shown")
    return [
        *removed,
        *await tell(ctx, event.sender, to_pupil),
        *await _to_teachers(ctx, pupil, teacher_text),
    ]


async def _decision(event: Event, ctx: Context, pupil: Pupil) -> list[Action]:
    """A teacher's ✅ (share with the family) or ❌ (keep it here) on a pupil's work."""
    relates = relation(event.content)
    key, target = relates.get("key"), relates.get("event_id")
    if key not in (KEEP, REMOVE) or not isinstance(target, str):
        return []
    if ctx.sender is None or not ctx.sender.role.is_staff:
        return []
    work = await ctx.store.portfolios.work(target)
    if work is None or work.room_id != event.room.room_id or work.status is not WorkStatus.WAITING:
        return []
    teacher = staff_name(ctx, event.sender)
    answer = {"m.relates_to": {"m.in_reply_to": {"event_id": target}}}
    room_id = event.room.room_id
    if key == REMOVE:
        text = (
            f"{teacher} has looked at this piece of work: it stays here in your portfolio and "
            "is not shared with your family. Your teacher may add a comment here."
        )
        return [
            DecideWork(target, WorkStatus.RETURNED, by=event.sender),
            notice(room_id, text, as_html(text), **answer),
        ]
    parents = await ctx.store.pupils.parents_of(pupil.id)
    found = media_of(
        Event(event.room, target, work.sender, "m.room.message", work.content, 0, None, {})
    )
    what = _WHAT.get(found[1], "a file") if found else "some writing"
    caption = f"{pupil.first_name} shared {what} from their portfolio ({teacher} ✅):"
    # What each family's view is given (kept with the work for a parent linked later).
    given = (
        (_content(caption), work.content)
        if found
        else (_content(f"{caption}\n{work.content.get('body', '')}"),)
    )
    shared: list[Action] = [
        PostInPortfolio(pupil.id, content, parent) for parent in parents for content in given
    ]
    if found:  # now class media: protected and fingerprinted as a teacher's story photo is
        mxc, media_kind = found
        shared.append(
            QueueMedia("protect", target, room_id, event.sender, mxc, media_kind, work.content)
        )
    text = (
        f"{teacher} has shared this with your family. Well done, {pupil.first_name}!"
        if parents
        else f"{teacher} has approved this. No family account is linked yet, so it stays here."
    )
    return [
        DecideWork(target, WorkStatus.APPROVED, by=event.sender, shared=given),
        *shared,
        notice(room_id, text, as_html(text), **answer),
    ]


# --- a parent's family view ---------------------------------------------------------------


async def _family_comment(event: Event, ctx: Context, pupil: Pupil) -> list[Action]:
    """Judged as a class story reply (or reaction) is; a kind one stays, and is recorded
    (`RecordComment`) as the parent's own."""
    if await is_immune(ctx, event.sender):
        return []

    def kept(comment: CommentKind, body: str | None) -> list[Action]:
        room_id = event.room.room_id
        return [RecordComment(event.event_id, room_id, pupil.id, event.sender, comment, body)]

    if event.type == "m.reaction":
        key = relation(event.content).get("key")
        if not isinstance(key, str):
            return []
        if not await hostile_reaction(key, event, ctx):
            return kept(CommentKind.REACTION, key)
        return await reaction_actions(event, ctx, key, where=f"{pupil.first_name}'s portfolio")
    if event.type != "m.room.message":
        return []
    content = event.content
    relates = relation(content)
    also: tuple[str, ...] = ()
    if relates.get("rel_type") == "m.replace":
        edited, shown = relates.get("event_id"), content.get("m.new_content")
        also = (edited,) if isinstance(edited, str) else ()
        content = shown if isinstance(shown, dict) else {}
    if content.get("msgtype") in MEDIA_MSGTYPES:
        # the media handler checks it is not someone's class media
        return kept(CommentKind.MEDIA, None)
    text = visible_text(content)
    if not text:
        return []
    context: JudgeContext = await judge_context(ctx, event)
    verdict = await asyncio.to_thread(judge, text, context)
    if verdict.label is Label.URGENT:
        return await _urgent_comment(event, ctx, pupil, text, verdict, also)
    if verdict.outcome is Outcome.KEEP:
        return kept(CommentKind.COMMENT, text)
    return await _comment_removed(event, ctx, pupil, text, verdict, also)


async def _urgent_comment(
    event: Event, ctx: Context, pupil: Pupil, text: str, verdict: Verdict, also: tuple[str, ...]
) -> list[Action]:
    """Taken out of the family view (it is private), then the safeguarding path; no strike."""
    return await urgent_removal(
        event,
        ctx,
        text,
        verdict,
        also,
        where=f"a comment in {pupil.first_name}'s portfolio (removed)",
        teacher_line="I have taken your comment out of the portfolio, because it is private; "
        "the school has it.",
    )


async def _comment_removed(
    event: Event, ctx: Context, pupil: Pupil, text: str, verdict: Verdict, also: tuple[str, ...]
) -> list[Action]:
    """As a class story reply: removed, the parent told why with the rule, SLT given the
    incident; a strike for the labels that earn one in the story, never for an unsure one."""
    rule = str(verdict.label) if verdict.label is not Label.OK else "negative"
    incident = judged_incident(event, text, verdict, kind="portfolio comment removed", rule=rule)
    where = f"{pupil.first_name}'s portfolio"
    if verdict.outcome is Outcome.REMOVE and rule in STRIKE_LABELS:
        consequences, incident = await strike(ctx, incident, confirmed_by="conductbot (judge)")
    else:
        consequences = await tell(
            ctx,
            event.sender,
            f"I've taken your comment out of {where}. {rule_text(rule, ctx)} Comments on "
            "children's work are kind and positive; anything else, please send to the class "
            "teacher by private message. This is not a warning.",
        )
        incident = replace(incident, outcome="removed with a reminder (no strike)")
    return incident_actions(
        incident,
        *removals(event, also),
        *consequences,
        *await escalate(ctx, incident, "Portfolio comment removed"),
    )
