"""Class story rooms: teachers post, families react and reply kindly.

For parents and pupils the handler removes top-level posts, media and stickers (a reminder,
never a strike), judges every reply, thread reply and edit (the new content and any HTML,
so hidden or spoiler text cannot smuggle words past the judge), removes hostile reactions
and edits of other people's posts, and sends unsure replies to the class teachers (one it
cannot read, out of their hours, to a safeguarding lead as well). Staff and the bot are
never touched.
"""

from __future__ import annotations

import asyncio
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any, ClassVar
from urllib.parse import unquote

import emoji

from bot.actions import Action, Kick, Redact, SendMessage, StoreAction, as_html, notice
from bot.config import Config
from bot.judge import JudgeContext, Label, Outcome, Verdict, judge
from bot.provisioning import home_key
from handlers import Context, Event, relation
from handlers.discipline import (
    PUBLIC_REASON,
    display_name,
    escalate,
    evidence_of,
    incident_actions,
    is_immune,
    rule_text,
    strike,
    tell,
)
from handlers.onboarding import VoidJoinCode, codes_in
from handlers.safeguarding import Concern, urgent_actions
from storage.codes import JoinCode
from storage.incidents import Incident
from storage.store import Store
from storage.story import Review, StoryEvent

MEDIA = {"m.image", "m.video", "m.audio", "m.file", "m.location"}
KEEP, REMOVE = "✅", "❌"
#: Longer than any reply a class story needs; the judge reads long text only in part.
STORY_REPLY_LIMIT = 2_000
TEXT_TYPES = frozenset({"m.text", "m.notice", "m.emote"})
#: Replies and reactions by one family member to one post beyond which the rest are removed.
FLOOD = 20
STRIKE_LABELS = {"negative", "comparison", "abusive"}  # complaint and sensitive: no strike
REFUSED = "refused before delivery"  # by the Synapse guard: counted as a removal


class _Text(HTMLParser):
    """Every piece of text in an HTML body, hidden and spoiler text included."""

    def __init__(self, *, skip_reply: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.images = False
        self._skip_reply = skip_reply
        self._reply_depth = 0  # a real reply's quoted fallback is someone else's words

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mx-reply" and self._skip_reply:
            self._reply_depth += 1
        if tag == "img":
            self.images = True
        for name, value in attrs:
            if name in ("title", "alt", "data-mx-spoiler") and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mx-reply" and self._reply_depth:
            self._reply_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._reply_depth:
            self.parts.append(data)


def _html(content: dict[str, Any]) -> _Text | None:
    formatted = content.get("formatted_body")
    if not isinstance(formatted, str) or not formatted:
        return None
    # Only a real reply's fallback is stripped by clients; in anything else it is shown.
    parser = _Text(skip_reply="m.in_reply_to" in relation(content))
    parser.feed(formatted[:100_000])
    return parser


def has_inline_image(content: dict[str, Any]) -> bool:
    """An <img> in the HTML is a picture posted, whatever the msgtype says."""
    parsed = _html(content)
    return parsed is not None and parsed.images


def visible_text(content: dict[str, Any]) -> str:
    """The words a message carries: the body without the reply fallback, plus the HTML's."""
    body = content.get("body") if isinstance(content.get("body"), str) else ""
    lines = body.split("\n")
    if "m.in_reply_to" in relation(content):
        while lines and lines[0].startswith("> "):
            lines.pop(0)
        while lines and not lines[0].strip():
            lines.pop(0)
    text = "\n".join(lines).strip()
    parser = _html(content)
    if parser is not None:
        extra = " ".join(" ".join(parser.parts).split())
        if extra and extra != " ".join(text.split()):
            text = f"{text}\n{extra}" if text else extra
    return text


class _Quote(HTMLParser):
    """A reply's HTML fallback: who `<mx-reply>` says wrote the post, and the words quoted."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sender: str | None = None
        self.parts: list[str] = []
        self._depth = 0
        self._in_link = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "mx-reply":
            self._depth += 1
        elif tag == "a" and self._depth:
            self._in_link = True
            href = dict(attrs).get("href") or ""
            found = _LINKED_USER.search(href)
            if found and self.sender is None:
                self.sender = unquote(found.group(1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "mx-reply" and self._depth:
            self._depth -= 1
        elif tag == "a":
            self._in_link = False

    def handle_data(self, data: str) -> None:
        if self._depth and not self._in_link:  # links: "In reply to" and the sender's name
            self.parts.append(data)


_LINKED_USER = re.compile(r"matrix\.to/#/(@[^/?\s]+)")
_QUOTED_SENDER = re.compile(r"> (?:\* )?<(@[^>\s]+)> ?(.*)")


def _quotes(content: dict[str, Any]) -> list[tuple[str | None, str]]:
    """Who a reply's fallbacks (plain and HTML) say wrote the post, and the words they quote:
    what a client that does not render replies shows as the post."""
    found = []
    body = content.get("body") if isinstance(content.get("body"), str) else ""
    lines = []
    for line in body.split("\n"):
        if not line.startswith(">"):
            break
        lines.append(line)
    if lines:
        first = _QUOTED_SENDER.match(lines[0])
        sender, head = (first.group(1), first.group(2)) if first else (None, lines[0][1:])
        found.append((sender, "\n".join([head, *(line[1:] for line in lines[1:])])))
    formatted = content.get("formatted_body")
    if isinstance(formatted, str) and "<mx-reply>" in formatted:
        parser = _Quote()
        parser.feed(formatted[:100_000])
        found.append((parser.sender, " ".join(parser.parts)))
    return found


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def forged_quote(content: dict[str, Any], post: StoryEvent) -> str | None:
    """Why a reply's quote of `post` is not what the post says, or None: a fallback naming
    someone else as its writer, or quoting words a staff post never said (in any version)."""
    for sender, text in _quotes(content):
        if sender is not None and sender != post.sender:
            return f"the quote names {sender}, but the post is by {post.sender}"
        quoted = _words(text.rstrip("….").removeprefix("*"))
        if post.staff_text is not None and quoted and quoted not in _words(post.staff_text):
            return "the quote says what the post does not"
    return None


def replied_to(content: dict[str, Any]) -> str | None:
    """The event a reply or thread reply answers; None for a top-level post."""
    relates = relation(content)
    reply = relates.get("m.in_reply_to")
    if isinstance(reply, dict) and isinstance(reply.get("event_id"), str):
        return reply["event_id"]
    if relates.get("rel_type") == "m.thread" and isinstance(relates.get("event_id"), str):
        return relates["event_id"]
    return None


def staff_names(config: Config) -> frozenset[str]:
    """How parents name staff ("Miss Reid", "Reid"), so the judge reads them as names."""
    full = {member.name for member in config.staff}
    return frozenset(full | {name.split()[-1] for name in full})


async def judge_context(ctx: Context, event: Event) -> JudgeContext:
    pupils = await ctx.store.pupils.in_story(event.room.class_id)
    children = await ctx.store.pupils.children_of(event.sender)
    return JudgeContext(
        where="story",
        pupil_names=frozenset(p.first_name for p in pupils),
        staff_names=staff_names(ctx.config),
        author_children=frozenset(c.first_name for c in children),
    )


@dataclass(frozen=True)
class OpenReview(StoreAction):
    """An unsure story reply waiting for a teacher's keep or remove (`unread`: the language
    of one the judge could not read)."""

    kind: ClassVar[str] = "open_review"
    event_id: str
    room_id: str
    author: str
    in_reply_to: str | None
    text: str
    label: str
    confidence: float
    reasons: tuple[str, ...]
    unread: str | None = None

    def target(self) -> str | None:
        return self.event_id

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        review = await store.story.open_review(
            self.event_id,
            self.room_id,
            self.author,
            self.in_reply_to,
            self.text,
            self.label,
            self.confidence,
            self.reasons,
            at=at,
            unread=self.unread,
        )
        return str(review)


@dataclass(frozen=True)
class DecideReview(StoreAction):
    kind: ClassVar[str] = "decide_review"
    review_id: int
    decision: str
    by: str

    def target(self) -> str | None:
        return str(self.review_id)

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.story.decide(self.review_id, self.decision, by=self.by, at=at)
        return None


@dataclass(frozen=True)
class RememberStoryEvent(StoreAction):
    """Who sent a story message or reaction, and what it answers: floods are counted, quotes
    checked and a person's posts found again for erasure from these."""

    kind: ClassVar[str] = "remember_story_event"
    event: StoryEvent

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.story.remember(self.event)
        return None


@dataclass(frozen=True)
class AddStaffVersion(StoreAction):
    """A staff member's edit: the post's new words join the old (a reply may quote either)."""

    kind: ClassVar[str] = "add_staff_version"
    event_id: str
    text: str

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.story.add_staff_version(self.event_id, self.text)
        return None


def _remembered(event: Event, ctx: Context, answered: str | None) -> list[Action]:
    if event.type not in ("m.room.message", "m.reaction"):  # reactions too: erasure finds them
        return []
    by_staff = bool(ctx.sender and ctx.sender.role.is_staff)
    words = _staff_words(event.content) if by_staff else None
    relates = relation(event.content)
    versions: list[Action] = []
    if words is not None and relates.get("rel_type") == "m.replace":
        if isinstance(edited := relates.get("event_id"), str):
            versions.append(AddStaffVersion(edited, words))
        words = None
    story_event = StoryEvent(
        event.event_id, event.room.room_id, event.sender, by_staff, answered, words
    )
    return [*versions, RememberStoryEvent(story_event)]


async def handle_story(event: Event, ctx: Context) -> list[Action]:
    answered = _answered(event)
    return [*_remembered(event, ctx, answered), *await _decide(event, ctx, answered)]


async def _decide(event: Event, ctx: Context, answered: str | None) -> list[Action]:
    if event.type == "m.room.member":
        return await _membership(event, ctx)
    if event.state_key is not None or await is_immune(ctx, event.sender):
        return []
    if answered is not None:
        # this one counts too (it is remembered once this decision is made; a replay was)
        replayed = await ctx.store.story.get(event.event_id) is not None
        responses = await ctx.store.story.responses(event.sender, answered) + (not replayed)
        if responses > FLOOD:
            return await _flood(event, ctx, first=responses == FLOOD + 1)
    if event.type == "m.reaction":
        return await _reaction(event, ctx)
    if event.type == "m.room.redaction":
        return []  # families may delete their own messages
    if event.type != "m.room.message":
        return await _remove_shape(event, ctx, "media", "a sticker or other post")
    if relation(event.content).get("rel_type") == "m.replace":
        return await _edit(event, ctx)
    if event.content.get("msgtype") in MEDIA or has_inline_image(event.content):
        return await _remove_shape(event, ctx, "media", "a photo or file")
    post = await ctx.store.story.get(answered) if answered is not None else None
    if post is None:
        # a "reply" to an event the room never had is shown as a new post
        return await _new_post(event, ctx)
    if forged_quote(event.content, post) is not None:
        return await _remove_shape(event, ctx, "quote", "a reply quoting its post wrongly")
    return await _judged(event, ctx, visible_text(event.content), also_redact=())


def _staff_words(content: dict[str, Any]) -> str | None:
    """What a staff text post (or the new version an edit carries) says; None for media."""
    shown = content.get("m.new_content", content)
    if not isinstance(shown, dict) or shown.get("msgtype") not in TEXT_TYPES:
        return None
    body = shown.get("body")
    return body if isinstance(body, str) else None


async def _new_post(event: Event, ctx: Context) -> list[Action]:
    """A family's new post comes down with a reminder of the story's shape; words that would
    be removed as a reply are dealt with as that reply would be (a warning and a strike, the
    private route, or the safeguarding path), so posting them as new never softens the rule."""
    text = visible_text(event.content)
    verdict = await asyncio.to_thread(judge, text, await judge_context(ctx, event))
    if verdict.label is Label.URGENT or verdict.outcome is Outcome.REMOVE:
        # a new post never goes back in the story, so danger in doubt takes the urgent path
        sure = replace(verdict, doubt=None)
        return await reply_actions(event, ctx, text, sure, what="new post")
    return await _remove_shape(event, ctx, "top_level", "a new post")


def _answered(event: Event) -> str | None:
    """The post a reply or a reaction responds to."""
    if event.type == "m.reaction":
        target = relation(event.content).get("event_id")
        return target if isinstance(target, str) else None
    return replied_to(event.content) if event.type == "m.room.message" else None


async def _flood(event: Event, ctx: Context, *, first: bool) -> list[Action]:
    """Past `FLOOD` responses to one post, the rest come down: one incident, then quietly."""
    if first:
        return await _remove_shape(event, ctx, "flood", "a flood of replies or reactions")
    return [Redact(event.room.room_id, event.event_id, PUBLIC_REASON)]


async def _membership(event: Event, ctx: Context) -> list[Action]:
    """Only staff and the families of the class belong here, however someone got in."""
    member = event.state_key or ""
    membership = event.content.get("membership")
    if membership not in ("join", "leave") or await is_immune(ctx, member):
        return []
    classes = {child.class_id for child in await ctx.store.pupils.children_of(member)}
    if membership == "leave":  # left of their own accord (a removal is sent by the bot)
        if event.sender != member or event.room.class_id not in classes:
            return []
        return await tell(
            ctx,
            member,
            "You have left the class story. If you would like to come back, send !story "
            "here and I'll invite you again.",
        )
    # the School Story (no class) is for every family with a child at the school
    if event.room.class_id in classes or (event.room.class_id is None and classes):
        return []
    incident = Incident(
        kind="joined another class's story",
        user_id=member,
        rule="class story membership",
        outcome="removed from the room (no strike)",
        room_id=event.room.room_id,
        event_id=event.event_id,
        reasons=("not a member of staff and no child in this class",),
    )
    return incident_actions(
        incident,
        Kick(event.room.room_id, member, "This class story is for the families of its class."),
        *await tell(
            ctx,
            member,
            "You were removed from a class story room that is not your "
            "child's class. If you think this is wrong, please contact the office at "
            f"{ctx.config.school.office_email}.",
        ),
        *await escalate(ctx, incident, "Removed from a class story"),
    )


async def _remove_shape(
    event: Event,
    ctx: Context,
    rule: str,
    what: str,
    also_redact: tuple[str, ...] = (),
    *,
    refused: bool = False,
) -> list[Action]:
    """A reminder, not a strike: the story's shape is a rule people don't yet know."""
    incident = Incident(
        kind=f"{what} refused" if refused else f"{what} removed",
        user_id=event.sender,
        rule=rule,
        outcome=f"{REFUSED if refused else 'removed'} with a reminder (no strike)",
        room_id=event.room.room_id,
        event_id=event.event_id,
        evidence=evidence_of(event.content) | {"type": event.type},
    )
    done = "stopped" if refused else "removed"
    unseen = " before anyone saw it" if refused else ""
    told = await tell(
        ctx,
        event.sender,
        f"I've {done} {what} you sent to the class story{unseen}. {rule_text(rule, ctx)} "
        "This is just a reminder, not a warning. To tell the teacher something, send it by "
        "private message.",
    )
    headline = f"Story post {REFUSED if refused else 'removed'}"
    return incident_actions(
        incident,
        *_redactions(event, also_redact, refused=refused),
        *told,
        *await escalate(ctx, incident, headline),
    )


def removals(event: Event, also_redact: tuple[str, ...]) -> list[Action]:
    """The event and `also_redact` taken down, with the public reason."""
    return [
        Redact(event.room.room_id, event_id, PUBLIC_REASON)
        for event_id in (*also_redact, event.event_id)
    ]


def _redactions(event: Event, also_redact: tuple[str, ...], *, refused: bool) -> list[Action]:
    """The event and `also_redact`; nothing for a reply the guard refused (never delivered)."""
    return [] if refused else removals(event, also_redact)


#: What makes one emoji many: presentation selectors, skin tones and a gender suffix
#: (👎🏿 is 👎, 🤦🏽‍♀️ is 🤦).
_MODIFIERS = re.compile("[\ufe0f\ufe0e\U0001f3fb-\U0001f3ff]|\u200d[\u2640\u2642]")


async def hostile_reaction(
    key: str, event: Event, ctx: Context, reader: Callable[[str, JudgeContext], Verdict] = judge
) -> bool:
    """An emoji key is hostile if any emoji in it is on the school's list (skin tones and
    repeats aside); a key with words in it is judged like a reply (by `reader`: the guard,
    which holds the reaction meanwhile, reads as it reads replies)."""
    plain = _MODIFIERS.sub("", key).strip()
    emojis = [item["emoji"] for item in emoji.emoji_list(plain)]
    if emojis and not emoji.replace_emoji(plain, "").strip():
        hostile = {_MODIFIERS.sub("", k) for k in ctx.config.policy.hostile_reactions}
        return any(_MODIFIERS.sub("", e) in hostile for e in emojis)
    context = await judge_context(ctx, event)
    verdict = await asyncio.to_thread(reader, key[:STORY_REPLY_LIMIT], context)
    # a number in a reaction is a count ("wow 999"), not a call for an ambulance
    return verdict.outcome is not Outcome.KEEP and verdict.label is not Label.URGENT


async def _reaction(event: Event, ctx: Context) -> list[Action]:
    key = relation(event.content).get("key")
    if not isinstance(key, str) or not await hostile_reaction(key, event, ctx):
        return []
    return await reaction_actions(event, ctx, key)


async def reaction_actions(
    event: Event, ctx: Context, key: str, *, refused: bool = False, where: str = "the class story"
) -> list[Action]:
    """A hostile reaction in a class story (or `where` else it was judged as one: a family's
    view of a portfolio): removed (or, `refused` by the Synapse guard, never shown) with a
    reminder; no strike."""
    done = REFUSED if refused else "removed"
    incident = Incident(
        kind=f"reaction {done}",
        user_id=event.sender,
        rule="reaction",
        outcome=f"{done} with a reminder (no strike)",
        room_id=event.room.room_id,
        event_id=event.event_id,
        evidence={"key": key, "reacted_to": relation(event.content).get("event_id")},
    )
    said = "didn't post" if refused else "removed"
    told = await tell(
        ctx,
        event.sender,
        f"I've {said} your {key} reaction in {where}. {rule_text('reaction', ctx)}",
    )
    removal = [] if refused else [Redact(event.room.room_id, event.event_id, PUBLIC_REASON)]
    return incident_actions(
        incident,
        *removal,
        *told,
        *await escalate(ctx, incident, f"Hostile reaction {done}"),
    )


async def _edit(event: Event, ctx: Context) -> list[Action]:
    target = relation(event.content).get("event_id")
    original = await ctx.store.story.get(target) if isinstance(target, str) else None
    if original is not None and original.sender != event.sender:
        return await _remove_shape(event, ctx, "edit", "an edit of someone else's post")
    new_content = event.content.get("m.new_content")
    if not isinstance(new_content, dict):
        # Clients show its body as the reply's latest version: unreadable edits go.
        also = (target,) if isinstance(target, str) else ()
        return await _remove_shape(event, ctx, "edit_shape", "an edit that could not be read", also)
    # The edited text is judged as the reply it now is (relations live on the original).
    also = (target,) if isinstance(target, str) else ()
    return await _judged(event, ctx, visible_text(new_content), also_redact=also)


async def _judged(
    event: Event, ctx: Context, text: str, *, also_redact: tuple[str, ...]
) -> list[Action]:
    context = await judge_context(ctx, event)
    # Off the event loop: the learned tier costs milliseconds, a huge body more.
    verdict = await asyncio.to_thread(judge, text, context)
    return await reply_actions(event, ctx, text, verdict, also_redact=also_redact)


async def reply_actions(
    event: Event,
    ctx: Context,
    text: str,
    verdict: Verdict,
    *,
    also_redact: tuple[str, ...] = (),
    refused: bool = False,
    what: str = "reply",
) -> list[Action]:
    """What follows the judge's verdict on a family's reply or edit in a class story (or a
    new post judged as a reply would be: `what` names it in SLT's incident).

    `refused`: the Synapse guard stops the reply before delivery (`bot/guard_api.py`) when
    this returns anything. It counts as a removal (the person told, SLT's incident, the
    strike policy), with nothing to redact and no join code to void, as nobody saw it. An
    urgent reply, or one a teacher must decide, is not refused (empty): both need the bot
    after delivery.
    """
    leaked = await codes_in(ctx, text)
    if verdict.label is Label.URGENT:
        if refused:
            return []
        voided = [VoidJoinCode(code.id) for code in leaked]
        if verdict.doubt is not None:
            return voided + await _reply_in_doubt(event, ctx, text, verdict, also_redact)
        return voided + await _urgent_reply(event, ctx, text, verdict, also_redact)
    if leaked:
        return await _code_posted(event, ctx, leaked, also_redact, refused=refused)
    if verdict.outcome is Outcome.KEEP and len(text) <= STORY_REPLY_LIMIT:
        return []
    if len(text) > STORY_REPLY_LIMIT:
        return await _remove_shape(
            event, ctx, "length", "a very long reply", also_redact, refused=refused
        )
    if verdict.outcome is Outcome.ASK and refused:
        return []
    redactions = _redactions(event, also_redact, refused=refused)
    base = judged_incident(
        event,
        text,
        verdict,
        kind=f"{what} refused" if refused else f"{what} removed",
        rule=str(verdict.label),
    )
    if verdict.outcome is Outcome.ASK:
        return await _ask_teacher(event, ctx, text, verdict, base, redactions)
    return await _confirmed_removal(
        ctx, base, redactions, confirmed_by="conductbot (judge)", refused=refused
    )


def judged_incident(event: Event, text: str, verdict: Verdict, *, kind: str, rule: str) -> Incident:
    """SLT's incident for a family's message the judge removed (or refused) in a shared place
    (a class story, a portfolio), its outcome still to be written: the verdict, and the
    message as evidence with `text` (what was judged) as its body."""
    return Incident(
        kind=kind,
        user_id=event.sender,
        rule=rule,
        outcome="",
        room_id=event.room.room_id,
        event_id=event.event_id,
        label=str(verdict.label),
        confidence=verdict.confidence,
        reasons=tuple(verdict.reasons),
        evidence=evidence_of(event.content) | {"body": text},
        confirmed_by="conductbot (judge)",
    )


async def _code_posted(
    event: Event,
    ctx: Context,
    leaked: list[JoinCode],
    also_redact: tuple[str, ...],
    *,
    refused: bool,
) -> list[Action]:
    """A join code posted where others could read it is removed, or refused before
    delivery, and stops working either way: whoever posted it meant others to have it. No
    strike; the teacher who made it is told."""
    removal = await _remove_shape(
        event, ctx, "join_code", "a join code", also_redact, refused=refused
    )
    voided: list[Action] = [VoidJoinCode(code.id) for code in leaked]
    issuers: list[Action] = []
    for creator in dict.fromkeys(code.created_by for code in leaked):
        issuers += await tell(
            ctx,
            creator,
            "A join code you made was posted in a class story, so I removed it and it no "
            "longer works. Please send !code again for a new one, and give it to the family "
            "privately.",
        )
    return voided + removal + issuers


async def _urgent_reply(
    event: Event, ctx: Context, text: str, verdict: Verdict, also_redact: tuple[str, ...]
) -> list[Action]:
    """Taken out of the story (it is private), then the safeguarding path; no strike."""
    school_class = ctx.config.class_by_id(event.room.class_id or "")
    story = f"the {school_class.name} story" if school_class else "the School Story"
    return await urgent_removal(
        event,
        ctx,
        text,
        verdict,
        also_redact,
        where=f"a reply in {story} (removed)",
        teacher_line=f"I have taken your reply out of {story}, because it is private; "
        "the school has it.",
    )


async def _reply_in_doubt(
    event: Event, ctx: Context, text: str, verdict: Verdict, also_redact: tuple[str, ...]
) -> list[Action]:
    """Read as danger by the learned tier alone, and not surely (most such replies are kind:
    "Night shift so I've not seen him since yesterday, did he take his PE bag?"): a lead is
    asked to read it now, quietly (🔎 PLEASE READ, `!ack`, the chase), and it is hidden for a
    teacher, who decides whether it goes back; the family is told only that it waits for a
    teacher, never given a strike. The alert is stored before the reply is hidden."""
    school_class = ctx.config.class_by_id(event.room.class_id or "")
    story = f"the {school_class.name} story" if school_class else "the School Story"
    alerted = await _family_concern(
        event,
        ctx,
        text,
        verdict,
        where=f"a reply in {story} (hidden until a teacher decides)",
        teacher_line="",
        quiet=True,
    )
    base = judged_incident(event, text, verdict, kind="reply removed", rule=str(verdict.label))
    redactions = _redactions(event, also_redact, refused=False)
    return [*alerted, *await _ask_teacher(event, ctx, text, verdict, base, redactions)]


async def urgent_removal(
    event: Event,
    ctx: Context,
    text: str,
    verdict: Verdict,
    also_redact: tuple[str, ...],
    *,
    where: str,
    teacher_line: str,
) -> list[Action]:
    """A family's urgent message in a shared place (a class story, a portfolio): taken out
    (it is private), then the safeguarding path, the family answered in their home room; no
    strike, whatever the judge's doubt of the danger (only a class-story reply in doubt is
    asked about instead, `_reply_in_doubt`). `where` and `teacher_line` are as
    `urgent_actions` takes them."""
    sure = replace(verdict, doubt=None)
    alerted = await _family_concern(event, ctx, text, sure, where=where, teacher_line=teacher_line)
    removed = _redactions(event, also_redact, refused=False)
    # the incident and the alert are stored (evidence first), then the message is removed
    return [*alerted[:2], *removed, *alerted[2:]]


async def _family_concern(
    event: Event,
    ctx: Context,
    text: str,
    verdict: Verdict,
    *,
    where: str,
    teacher_line: str,
    quiet: bool = False,
) -> list[Action]:
    """`urgent_actions` for a family's message in a shared place: answered in their home
    room, where nobody else reads it, unless `quiet` (danger in doubt, `_reply_in_doubt`)."""
    home = await ctx.store.rooms.by_key(home_key(event.sender))
    return await urgent_actions(
        ctx,
        Concern.of(event, ctx, text),
        verdict,
        reply_room=home.room_id if home and not quiet else None,
        where=where,
        teacher_line=teacher_line,
    )


async def _confirmed_removal(
    ctx: Context,
    incident: Incident,
    redactions: list[Action],
    *,
    confirmed_by: str,
    refused: bool = False,
) -> list[Action]:
    """Remove, then warn or remove the person, or point them to the right route; a reply
    the judge could not read (rule "unread", a teacher's ❌) is never a strike: it may be a
    disclosure, and the family is only told it stays out of the story."""
    rule = rule_text(incident.rule, ctx)
    done = REFUSED if refused else "removed"
    taken = "I didn't post your reply in" if refused else "I've taken your reply out of"
    if incident.rule in STRIKE_LABELS:
        consequences, incident = await strike(
            ctx, incident, confirmed_by=confirmed_by, refused=refused
        )
    elif incident.rule == "sensitive":
        class_id = await _class_of(ctx, incident.room_id)
        teachers = " or ".join(t.name for t in ctx.config.teachers_of(class_id)) if class_id else ""
        consequences = await tell(
            ctx,
            incident.user_id,
            f"{taken} the class story because it looked like it had private information "
            f"in it. {rule} Please send it to {teachers or 'the class teacher'} by private message "
            "instead. This is not a warning.",
        )
        incident = replace(incident, outcome=f"{done}; asked to send it privately (no strike)")
    elif incident.rule in ("unread", "urgent"):
        class_id = await _class_of(ctx, incident.room_id)
        school_class = ctx.config.class_by_id(class_id)
        story = f"the {school_class.name} story" if school_class else "the School Story"
        names = [t.name for t in ctx.config.teachers_of(class_id)] if class_id else []
        teachers = " or ".join(names) or "your child's teacher"
        consequences = await tell(
            ctx,
            incident.user_id,
            f"{confirmed_by} has looked at your reply and it has not been put back in {story}. "
            f"If it was meant for the school, please send it to {teachers} by private message "
            "instead. This is not a warning.",
        )
        why = (
            "the judge could not read it"
            if incident.rule == "unread"
            else "it may be about a child's safety; a lead was asked to read it"
        )
        incident = replace(
            incident, outcome=f"{done}: kept out of the story by {confirmed_by}; {why} (no strike)"
        )
    else:  # complaint
        consequences = await tell(
            ctx,
            incident.user_id,
            f"{taken} the class story. {rule} This is not a warning: we want to hear "
            "concerns, in the right place.",
        )
        incident = replace(incident, outcome=f"{done}; pointed to the office (no strike)")
    return incident_actions(
        incident, *redactions, *consequences, *await escalate(ctx, incident, f"Reply {done}")
    )


async def _class_of(ctx: Context, room_id: str | None) -> str:
    room = await ctx.store.rooms.get(room_id or "")
    return room.class_id if room and room.class_id else ""


async def _ask_teacher(
    event: Event,
    ctx: Context,
    text: str,
    verdict: Verdict,
    base: Incident,
    redactions: list[Action],
) -> list[Action]:
    """Hide the reply and let the class teachers (in the School Story: SLT and the office)
    decide; no strike without their word, and none for a reply the judge cannot read (the
    review records its language, `Review.unread`).

    A reply the judge cannot read (`verdict.unread`), written when none of them is working,
    may be urgent: a safeguarding lead is asked to read it now as well, as for a private
    message (`urgent_actions`: the alert, the incident, `!ack` and the chase), and the
    family is given the emergency routes.
    """
    room = event.room
    config = ctx.config
    teachers = config.teachers_of(room.class_id) if room.class_id else config.school_story_staff()
    author = await display_name(ctx, event.sender)
    school_class = ctx.config.class_by_id(room.class_id or "")
    story = f"the {school_class.name} story" if school_class else "the School Story"
    safety = (
        " It may be about a child's safety: a safeguarding lead has been asked to read it."
        if verdict.doubt
        else ""
    )
    question = (
        f"A reply by {author} in {story} is waiting for you. The bot was unsure "
        f"({verdict.label}: {'; '.join(verdict.reasons) or 'no detail'}).{safety}\n«{text}»\n"
        f"React {KEEP} to put it back in the story, or {REMOVE} to keep it removed."
    )
    asks: list[Action] = []
    server = ctx.bot_user_id.split(":", 1)[1]
    for teacher in teachers:
        home = await ctx.store.rooms.by_key(home_key(teacher.matrix_id(server)))
        if home is not None:
            asks.append(
                notice(
                    home.room_id,
                    question,
                    as_html(question),
                    remember_as=f"review:{event.event_id}",
                    reactions=(KEEP, REMOVE),
                )
            )
    incident = replace(
        base,
        kind="reply sent to a teacher",
        confirmed_by=None,
        outcome="hidden; waiting for a teacher (no strike)",
    )
    waiting = (
        f"Thank you for your reply. It is waiting for a teacher to look at it before it "
        f"appears in {story}."
    )
    now = ctx.clock.now()
    if verdict.unread and not any(ctx.calendar.is_open(now, t) for t in teachers):
        told = await _family_concern(
            event,
            ctx,
            text,
            verdict,
            where=f"a reply in {story} (hidden until a teacher decides)",
            teacher_line=waiting,
        )
    else:
        told = await tell(ctx, event.sender, waiting)
    review = OpenReview(
        event.event_id,
        room.room_id,
        event.sender,
        replied_to(event.content),
        text,
        str(verdict.label),
        verdict.confidence,
        tuple(verdict.reasons),
        unread=verdict.unread,
    )
    return incident_actions(
        incident,
        review,
        *redactions,
        *told,
        *asks,
        *await escalate(ctx, incident, "Reply sent to a teacher"),
    )


async def handle_review_decision(event: Event, ctx: Context) -> list[Action]:
    """A teacher's ✅ or ❌ on a review notice in their home room."""
    if event.type != "m.reaction" or ctx.sender is None or not ctx.sender.role.is_staff:
        return []
    relates = relation(event.content)
    key, target = relates.get("key"), relates.get("event_id")
    if key not in (KEEP, REMOVE) or not isinstance(target, str):
        return []
    sent_key = await ctx.store.sent.key_of(target)
    if sent_key is None or not sent_key.startswith("review:"):
        return []
    review = await ctx.store.story.review_for_event(sent_key.removeprefix("review:"))
    if review is None:
        return []
    if review.decision is not None:
        return [
            notice(
                event.room.room_id,
                f"That reply was already decided ({review.decision}) by {review.decided_by}.",
            )
        ]
    decision = "keep" if key == KEEP else "remove"
    return [
        DecideReview(review.id, decision, by=event.sender),
        *await (
            _keep(review, ctx, event.sender)
            if decision == "keep"
            else _remove(review, ctx, event.sender)
        ),
    ]


async def _keep(review: Review, ctx: Context, teacher: str) -> list[Action]:
    author = await display_name(ctx, review.author)
    teacher_name = await display_name(ctx, teacher)
    text = review.text or ""
    content: dict[str, Any] = {
        "msgtype": "m.notice",
        "body": f"{author} wrote: «{text}»",
        "format": "org.matrix.custom.html",
        "formatted_body": f"<b>{html.escape(author)}</b> wrote:<blockquote>"
        f"{html.escape(text)}</blockquote>",
    }
    if review.in_reply_to:
        content["m.relates_to"] = {"m.in_reply_to": {"event_id": review.in_reply_to}}
    kept = "re-posted in the story on their behalf"
    incident = _review_incident(review, "teacher kept a reply", kept, teacher_name, text)
    told = await tell(
        ctx,
        review.author,
        f"{teacher_name} has looked at your reply and it is now in the class story. Thank you.",
    )
    return incident_actions(
        incident,
        SendMessage(review.room_id, content),
        *told,
        *await escalate(ctx, incident, "Teacher kept a reply"),
    )


async def _remove(review: Review, ctx: Context, teacher: str) -> list[Action]:
    teacher_name = await display_name(ctx, teacher)
    incident = _review_incident(review, "teacher removed a reply", "", teacher_name, review.text)
    if review.unread or review.label == "urgent":
        # Nobody could read it, or it may be about a child's safety (a disclosure): kept out of
        # the story, no strike.
        incident = replace(incident, rule="unread" if review.unread else "urgent")
    else:
        # A teacher removing a reply the judge thought fine breaks the positive-comments rule.
        incident = replace(incident, rule=review.label if review.label != "ok" else "negative")
    return await _confirmed_removal(ctx, incident, [], confirmed_by=teacher_name)


def _review_incident(
    review: Review, kind: str, outcome: str, teacher_name: str, body: str | None
) -> Incident:
    """SLT's record of a teacher's decision on a reply the judge asked about."""
    return Incident(
        kind=kind,
        user_id=review.author,
        rule=review.label,
        outcome=outcome,
        room_id=review.room_id,
        event_id=review.event_id,
        label=review.label,
        confidence=review.confidence,
        reasons=review.reasons,
        evidence={"body": body},
        confirmed_by=teacher_name,
    )
