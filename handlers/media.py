"""Class media stays in the class; photos honour consent; posts use first names only.

Staff media posted in a story (or portfolio) room is protected: its mxc URI at once, then
the bytes (SHA-256) and, for images, a perceptual hash, by the media worker. Anyone but
staff who posts protected media anywhere the bot is (a forward carries the same mxc; a
re-upload the same bytes or a near image) has it removed, is told why, gets a strike, and
SLT are told. A teacher's photo post naming a pupil without photo consent is removed at
once and the teacher told privately; a post using a pupil's surname gets a private
suggestion and stays up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from bot.actions import Action, RecordIncident, Redact, StoreAction
from handlers import Context, Event
from handlers.discipline import PUBLIC_REASON, escalate, evidence_of, is_immune, strike, tell
from handlers.relay import UpdateRelay
from storage.incidents import Incident
from storage.media import Fingerprint
from storage.pupils import Pupil
from storage.rooms import RoomKind
from storage.store import Store

MEDIA_MSGTYPES = {"m.image": "image", "m.video": "video", "m.audio": "audio", "m.file": "file"}
PROTECTED_ROOMS = (RoomKind.STORY, RoomKind.PORTFOLIO)
RESHARE_RULE = (
    "Photographs, recordings and children's work shared by the school must not be shared "
    "anywhere else."
)


def media_of(event: Event) -> tuple[str, str] | None:
    """(mxc, kind) of the media an event carries, encrypted or not."""
    content = event.content
    if event.type == "m.sticker":
        kind = "image"
    elif event.type == "m.room.message" and content.get("msgtype") in MEDIA_MSGTYPES:
        kind = MEDIA_MSGTYPES[content["msgtype"]]
    else:
        return None
    url = content.get("url")
    if not isinstance(url, str) and isinstance(content.get("file"), dict):
        url = content["file"].get("url")
    return (url, kind) if isinstance(url, str) and url.startswith("mxc://") else None


@dataclass(frozen=True)
class QueueMedia(StoreAction):
    """Ask the media worker to download and hash, off the sync loop."""

    kind: ClassVar[str] = "queue_media"
    purpose: str  # protect: staff class media; check: someone else's upload
    event_id: str
    room_id: str
    sender: str
    mxc: str
    media_kind: str
    content: dict[str, Any]

    def target(self) -> str | None:
        return self.mxc

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        if self.purpose == "protect":  # the mxc is protected at once; bytes follow
            await store.media.record(
                Fingerprint(
                    self.mxc, None, None, self.media_kind, self.room_id, self.event_id, self.sender
                ),
                at=at,
            )
        await store.media.queue(
            self.purpose,
            self.event_id,
            self.room_id,
            self.sender,
            self.mxc,
            self.media_kind,
            self.content,
            at=at,
        )
        return None


@dataclass(frozen=True)
class ProtectCopy(StoreAction):
    """Protect an upload of class media's bytes as the original is."""

    kind: ClassVar[str] = "protect_copy"
    copy: Fingerprint

    def target(self) -> str | None:
        return self.copy.mxc

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.media.record(self.copy, at=at)
        return None


async def upload_actions(ctx: Context, mxc: str, sha256: str) -> list[Action]:
    """An upload of protected bytes is protected like the original, under its own mxc.

    Nothing is refused at upload, where Synapse does not say who uploads: staff may post
    their class media again. The event that posts the copy names its sender, and is judged
    like a forward of the original (`bot/guard_api.py`, `handle_media`).
    """
    protected = await ctx.store.media.by_sha256(sha256)
    if protected is None or protected.mxc == mxc:
        return []
    return [ProtectCopy(replace(protected, mxc=mxc))]


async def handle_media(event: Event, ctx: Context) -> list[Action]:
    found = media_of(event)
    if found is None:
        return await _names(event, ctx) if _is_story_text(event) else []
    mxc, kind = found
    room = event.room
    if await is_immune(ctx, event.sender):
        if room.kind not in PROTECTED_ROOMS:
            return []  # staff may re-post their own class media anywhere
        refused = await _consent(event, ctx)
        if refused:
            return refused
        return [
            QueueMedia(
                "protect", event.event_id, room.room_id, event.sender, mxc, kind, event.content
            ),
            *await _names(event, ctx),
        ]
    protected = await ctx.store.media.by_mxc(mxc)
    if protected is not None:
        return await reshare_actions(
            ctx,
            event.room.room_id,
            event.event_id,
            event.sender,
            event.content,
            protected,
            "the same file",
        )
    if room.kind is RoomKind.STORY:
        return []  # the story handler removes families' media there anyway
    return [
        QueueMedia("check", event.event_id, room.room_id, event.sender, mxc, kind, event.content)
    ]


async def reshare_actions(
    ctx: Context,
    room_id: str,
    event_id: str,
    sender: str,
    content: dict[str, Any],
    protected: Fingerprint,
    how: str,
    *,
    refused: bool = False,
) -> list[Action]:
    """Remove a re-shared class photo, tell the person why, strike, and tell SLT.

    `refused`: the Synapse guard stopped it before delivery; that counts the same, with
    nothing to remove.
    """
    origin = await ctx.store.rooms.get(protected.room_id)
    school_class = ctx.config.class_by_id(origin.class_id) if origin and origin.class_id else None
    incident = Incident(
        kind="class media re-share refused" if refused else "class media re-shared",
        user_id=sender,
        rule="reshare",
        outcome="",
        room_id=room_id,
        event_id=event_id,
        reasons=(
            f"{how} as {protected.kind} {protected.mxc} from "
            f"{school_class.name if school_class else 'a class'} story",
        ),
        evidence=evidence_of(content) | {"original_event": protected.event_id},
        confirmed_by="conductbot (media fingerprint)",
    )
    consequences, incident = await strike(
        ctx, incident, confirmed_by=incident.confirmed_by or "", refused=refused
    )
    what = "a photo or file you shared"
    done = f"stopped {what}, before anyone saw it," if refused else f"removed {what}"
    told = await tell(
        ctx,
        sender,
        f"I've {done} because it comes from the class story. {RESHARE_RULE} (the school's "
        "code of conduct).",
    )
    removal = [] if refused else await _removal(ctx, room_id, event_id)
    headline = (
        "Class media re-share refused before delivery" if refused else "Class media re-shared"
    )
    return [
        RecordIncident(incident),
        *removal,
        *told,
        *consequences,
        *await escalate(ctx, incident, headline),
    ]


async def _removal(ctx: Context, room_id: str, event_id: str) -> list[Action]:
    """The re-share, and its relayed copy if it was already relayed to a teacher; if it is
    still waiting to be relayed, it never will be."""
    removal: list[Action] = [Redact(room_id, event_id, PUBLIC_REASON)]
    relayed = await ctx.store.relay.by_source(event_id)
    if relayed and relayed.status in ("held", "pausing"):
        removal.append(UpdateRelay(event_id, status="cancelled"))
    if relayed and relayed.delivered_event:
        conversation = await ctx.store.relay.conversation_by_id(relayed.conversation_id)
        if conversation:
            copy = relayed.delivered_event
            removal.append(Redact(conversation.teacher_room, copy, PUBLIC_REASON))
    return removal


# Consent and first names ---------------------------------------------------------------


def _caption(event: Event) -> str:
    """The words posted with media: the body when it is not just the file name."""
    content = event.content
    body = content.get("body") if isinstance(content.get("body"), str) else ""
    if event.type == "m.room.message" and content.get("msgtype") in MEDIA_MSGTYPES:
        filename = content.get("filename")
        if not filename or body == filename:
            return ""
    return body


def _is_story_text(event: Event) -> bool:
    return event.room.kind is RoomKind.STORY and event.type == "m.room.message"


def _mentions(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text, re.IGNORECASE) is not None


async def _class_pupils(ctx: Context, event: Event) -> list[Pupil]:
    return await ctx.store.pupils.in_story(event.room.class_id)


async def _consent(event: Event, ctx: Context) -> list[Action]:
    """A photo post naming a pupil without photo consent comes down at once."""
    caption = _caption(event)
    if not caption or event.type == "m.sticker":
        return []
    pupils = await _class_pupils(ctx, event)
    named = [p for p in pupils if _mentions(caption, p.first_name)]
    refused = [p for p in named if not p.photo_consent]
    if not refused:
        return []
    who = ", ".join(p.first_name for p in refused)
    incident = Incident(
        kind="photo without consent removed",
        user_id=event.sender,
        rule="photo consent",
        outcome="removed at once; the teacher was told privately (no strike)",
        room_id=event.room.room_id,
        event_id=event.event_id,
        reasons=(f"names {who}, whose parents have not given photo consent",),
        evidence=evidence_of(event.content),
    )
    return [
        RecordIncident(incident),
        Redact(event.room.room_id, event.event_id, PUBLIC_REASON),
        *await tell(
            ctx,
            event.sender,
            f"I've taken down your photo post in the class story because it names {who}, and "
            f"{'their parents have' if len(refused) == 1 else 'these parents have'} not given "
            "photo consent; the school must honour that. If you meant a different child, "
            "please post it again with their initial.",
        ),
        *await escalate(ctx, incident, "Photo post removed: no photo consent"),
    ]


async def _names(event: Event, ctx: Context) -> list[Action]:
    """A post that uses a pupil's surname gets a private suggestion; it stays up."""
    if not await is_immune(ctx, event.sender):
        return []
    text = _caption(event)
    if not text:
        return []
    pupils = await _class_pupils(ctx, event)
    used = [p for p in pupils if _mentions(text, p.surname) and len(p.surname) > 2]
    if not used:
        return []
    firsts = [p.first_name.lower() for p in pupils]
    suggestions = []
    for pupil in used:
        clash = firsts.count(pupil.first_name.lower()) > 1
        shown = f"{pupil.first_name} {pupil.surname[0]}." if clash else pupil.first_name
        suggestions.append(f"{pupil.full_name} → {shown}")
    return await tell(
        ctx,
        event.sender,
        "A gentle reminder about your class story post: the school uses first names only "
        "(with a surname initial where two children share a first name). Suggested: "
        + "; ".join(suggestions)
        + ". The post has been left up.",
    )
