"""Pupil portfolios: `!activity` parsing and refusals (without a server), then with real
clients on a real Synapse: work set reaches the pupil and no other pupil; a pupil's photo
reaches the parent only after a teacher's ✅; a parent's kind comment stays and an unkind one
goes; a pupil's unkind words reach their teacher, never a strike."""

from __future__ import annotations

import io
import json
from collections.abc import AsyncIterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import nio
import pytest
from conftest import (
    BotLauncher,
    Matrix,
    Person,
    RunningBot,
    School,
    eventually,
    incidents_in,
    is_redacted,
    join,
    messages,
    notices_in,
    send_text,
)

from bot.actions import PostInPortfolio, RecordIncident, Redact, SendMessage, StoreAction
from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import load_config
from bot.provisioning import ESCALATION_KEY, family_portfolio_key, home_key, portfolio_key
from bot.roster import import_roster
from handlers import Context, Event
from handlers.command_table import all_commands
from handlers.commands import UsageError, make_handler
from handlers.discipline import AddStrike
from handlers.media import QueueMedia
from handlers.portfolio import (
    DecideWork,
    KeepAttachment,
    RecordComment,
    RecordWork,
    ReviseWork,
    SetActivity,
    handle_attachment,
    handle_portfolio,
    parse_activity,
)
from handlers.safeguarding import RaiseAlert
from storage.people import Person as StoredPerson
from storage.people import Role
from storage.portfolio import WorkStatus
from storage.pupils import Pupil
from storage.rooms import RoomKind
from storage.store import Store

REPO = Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "rooms.yaml")
SERVER = "test"
BOT = f"@conductbot:{SERVER}"
REID = f"@s.reid:{SERVER}"  # Oak and Maple
SAM, AMELIA_OWN = f"@sam:{SERVER}", f"@amelia:{SERVER}"
PORTFOLIO = f"!portfolio-amelia:{SERVER}"
FAMILY_VIEW = f"!portfolio-amelia-sam:{SERVER}"
TUESDAY = datetime.fromisoformat("2026-11-24T10:00:00+00:00")
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


# --- parsing (pure) --------------------------------------------------------------------------


def test_activity_names_a_due_date_and_the_work() -> None:
    parsed = parse_activity("Amelia, Oliver B due 2026-12-04 Draw a tiger")
    assert parsed.who == ("Amelia", "Oliver B")
    assert parsed.due == date(2026, 12, 4) and parsed.text == "Draw a tiger"
    # With a due date, full names may be typed; without one, a name is a word (and initial).
    full = parse_activity("Amelia Hughes, Oliver Bennett due 2026-12-04 Read")
    assert full.who == ("Amelia Hughes", "Oliver Bennett")
    assert parse_activity("class Read chapter 3").who == ("class",)
    plain = parse_activity("Amelia I drew it, write about it")
    assert plain.who == ("Amelia",) and plain.text == "I drew it, write about it"
    assert parse_activity("Oliver A. Write").who == ("Oliver A.",)
    # "due" with no date after it is part of the work
    later = parse_activity("Amelia Find out what is due tomorrow")
    assert later.due is None and later.text == "Find out what is due tomorrow"


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("", "which pupils"),
        ("Amelia", "write the activity"),
        ("Amelia due 2026-12-04", "write the activity"),
        ("Amelia due 2026-13-01 Draw", '"2026-13-01" is not a date'),
        ("Amelia due 4/12/2026 Draw", '"4/12/2026" is not a date'),
        ("Amelia " + "x" * 2_001, "under 2000 characters"),
    ],
)
def test_bad_activities_are_refused_with_a_reason(typed: str, why: str) -> None:
    with pytest.raises(UsageError, match=why):
        parse_activity(typed)


# --- the command on a real database without a server ----------------------------------------


class Desk:
    """The demo roster, Miss Reid and a parent with home rooms; the bot's decisions applied."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.handle = make_handler(all_commands())
        self.count = 0

    async def setup(self) -> Desk:
        now = "2026-11-20T10:00:00+00:00"
        await import_roster(
            self.store, REPO / "demo" / "roster.csv", [c.id for c in CONFIG.classes], now=now
        )
        for user, role, staff_id in (
            (REID, Role.TEACHER, "reid"),
            (SAM, Role.PARENT, None),
            (AMELIA_OWN, Role.PUPIL, None),
        ):
            await self.store.people.upsert(user, user, role, now=now, staff_id=staff_id)
            await self.store.rooms.add(
                f"!home-{user}", RoomKind.HOME, home_key(user), created_at=now, owner=user
            )
        amelia = await self.store.pupils.by_mis_id("DEMO0001")
        assert amelia is not None
        self.amelia = amelia
        await self.store.pupils.link_parent(SAM, amelia.id, linked_by="t", now=now)
        await self.store.codes.link_pupil_account(AMELIA_OWN, amelia.id, at=now)
        await self.store.rooms.add(
            PORTFOLIO, RoomKind.PORTFOLIO, portfolio_key(amelia.id), created_at=now, class_id="oak"
        )
        await self.store.rooms.add(
            FAMILY_VIEW,
            RoomKind.PORTFOLIO,
            family_portfolio_key(amelia.id, SAM),
            created_at=now,
            class_id="oak",
            owner=SAM,
        )
        return self

    async def event(
        self, user: str, event_type: str, content: dict[str, Any], room_id: str = PORTFOLIO
    ) -> list[Any]:
        """What the bot decides for an event in Amelia's portfolio (or Sam's view of it);
        store actions applied."""
        self.count += 1
        room = await self.store.rooms.get(room_id)
        assert room is not None
        raw = {
            "event_id": f"$ev{self.count}",
            "sender": user,
            "type": event_type,
            "origin_server_ts": 1,
            "content": content,
        }
        ctx = self.context(await self.store.people.get(user))
        actions = await handle_portfolio(Event.from_raw(room, raw), ctx)
        for number, action in enumerate(actions):
            if isinstance(action, StoreAction):
                await action.apply(self.store, f"a{self.count}.{number}", TUESDAY.isoformat())
        return actions

    def context(self, sender: StoredPerson | None) -> Context:
        return Context(
            CONFIG, self.store.reader, Clock(TUESDAY), BOT, False, sender, SchoolCalendar(CONFIG)
        )

    async def send(
        self, user: str, body: str, content: dict[str, Any] | None = None, handle: Any = None
    ) -> list[Any]:
        """A message in the user's own room with the bot: a command (or `content`, to
        `handle`); store actions applied."""
        self.count += 1
        room = await self.store.rooms.by_key(home_key(user))
        assert room is not None
        event = Event.from_raw(
            room,
            {
                "event_id": f"$cmd{self.count}",
                "sender": user,
                "type": "m.room.message",
                "origin_server_ts": 1,
                "content": content or {"msgtype": "m.text", "body": body},
            },
        )
        context = self.context(await self.store.people.get(user))
        actions = await (handle or self.handle)(event, context)
        for number, action in enumerate(actions):
            if isinstance(action, StoreAction):
                await action.apply(self.store, f"a{self.count}.{number}", TUESDAY.isoformat())
        return actions


@pytest.fixture
async def desk(tmp_path: Path) -> AsyncIterator[Desk]:
    store = await Store.open(tmp_path / "db.sqlite")
    try:
        yield await Desk(store).setup()
    finally:
        await store.close()


def _said(actions: list[Any]) -> list[str]:
    return [a.content["body"] for a in actions if isinstance(a, SendMessage)]


async def test_an_activity_goes_to_each_pupils_portfolio(desk: Desk) -> None:
    actions = await desk.send(REID, "!activity Amelia, Oliver B due 2026-12-04 Draw a tiger")
    [record] = [a for a in actions if isinstance(a, SetActivity)]
    posts = [a for a in actions if isinstance(a, PostInPortfolio)]
    amelia = await desk.store.pupils.by_mis_id("DEMO0001")
    oliver = await desk.store.pupils.by_mis_id("DEMO0002")
    assert amelia and oliver
    assert sorted(p.pupil_id for p in posts) == sorted((amelia.id, oliver.id))
    assert all(p.parent is None for p in posts)  # the portfolio, never a family's view
    assert posts[0].content["body"] == (
        "New activity from Miss Reid (due Friday 4 December 2026):\nDraw a tiger"
    )
    assert record.due == "2026-12-04"
    assert await desk.store.portfolios.activities(amelia.id) == [("Draw a tiger", "2026-12-04")]
    [answer] = _said(actions)
    assert answer.startswith("Activity set (due Friday 4 December 2026) for Amelia Hughes, ")


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("!activity Zebedee Draw", 'I can\'t find a pupil called "Zebedee" in Oak Class or Maple'),
        ("!activity Isla Draw", 'I can\'t find a pupil called "Isla"'),  # Willow: Mr Khan's
        ("!activity Amelia due 2026-02-30 Draw", '"2026-02-30" is not a date'),
        ("!activity Amelia due 2026-11-01 Draw", "The due date 2026-11-01 has already passed"),
        ("!activity Amelia", "Please write the activity after the pupils' names"),
        ("!activity Oliver Draw", 'More than one pupil is called "Oliver"'),
    ],
)
async def test_bad_input_gets_one_answer_and_changes_nothing(
    desk: Desk, typed: str, answer: str
) -> None:
    actions = await desk.send(REID, typed)
    [said] = _said(actions)
    assert answer in said and said.endswith("Nothing was set.") and "\n" not in said
    assert [type(a) for a in actions] == [SendMessage]
    amelia = await desk.store.pupils.by_mis_id("DEMO0001")
    assert amelia and await desk.store.portfolios.activities(amelia.id) == []


WORKSHEET = {
    "msgtype": "m.file",
    "body": "tiger-sheet.pdf",
    "filename": "tiger-sheet.pdf",
    "url": "mxc://test/sheet",
    "info": {"mimetype": "application/pdf", "size": 1234},
}


def _replying(event_id: str, body: str) -> dict[str, Any]:
    relates = {"m.in_reply_to": {"event_id": event_id}}
    return {"msgtype": "m.text", "body": body, "m.relates_to": relates}


async def test_a_file_the_teacher_replies_to_goes_with_the_activity(desk: Desk) -> None:
    kept = await desk.send(REID, "", WORKSHEET, handle_attachment)
    sheet = f"$cmd{desk.count}"
    assert [type(a) for a in kept] == [KeepAttachment, SendMessage]
    assert "reply to it with !activity" in _said(kept)[0]
    # a client that still quotes what it replies to (a reply fallback) is understood too
    typed = "> <@s.reid:test> sent a file.\n\n!activity Amelia, Oliver B Colour the tiger in"
    actions = await desk.send(REID, "", _replying(sheet, typed))
    [record] = [a for a in actions if isinstance(a, SetActivity)]
    assert record.attached == sheet and record.audit_detail()["attached"] == sheet
    posts = [(a.pupil_id, a.content) for a in actions if isinstance(a, PostInPortfolio)]
    assert [c.get("msgtype") for _, c in posts] == ["m.notice", "m.file"] * 2
    assert all(c == WORKSHEET for _, c in posts[1::2])  # the same mxc, never a re-upload
    assert posts[0][1]["body"] == "New activity from Miss Reid:\nColour the tiger in"
    [answer] = _said(actions)
    assert "with a file (tiger-sheet.pdf): it is in each one's portfolio" in answer


async def test_an_attachment_that_is_not_the_teachers_file_changes_nothing(desk: Desk) -> None:
    await desk.send(REID, "", WORKSHEET | {"body": "worksheet"}, handle_attachment)
    theirs = await desk.store.rooms.by_key(home_key(SAM))
    assert theirs is not None
    await KeepAttachment("$sams", theirs.room_id, SAM, WORKSHEET).apply(desk.store, "x", "t")
    mine = await desk.store.rooms.by_key(home_key(REID))
    assert mine is not None
    await KeepAttachment("$slts", mine.room_id, "@slt:test", WORKSHEET).apply(desk.store, "y", "t")
    for replied, why in (
        ("$nothing-kept", "is not a file or photo you sent me in this room"),  # text, unknown
        ("$sams", "is not a file or photo you sent me in this room"),  # another room's
        ("$slts", "the file was sent by someone else"),
    ):
        actions = await desk.send(REID, "", _replying(replied, "!activity Amelia Draw"))
        [said] = _said(actions)
        assert why in said and said.endswith("Nothing was set.") and "\n" not in said
        assert [type(a) for a in actions] == [SendMessage]
    assert await desk.store.portfolios.activities(desk.amelia.id) == []
    # a parent's file, a teacher's edit or a text: nothing is kept
    assert await desk.send(SAM, "", WORKSHEET, handle_attachment) == []
    edit = WORKSHEET | {"m.relates_to": {"rel_type": "m.replace", "event_id": "$x"}}
    assert await desk.send(REID, "", edit, handle_attachment) == []
    assert await desk.send(REID, "", _text("hello"), handle_attachment) == []


async def test_families_cannot_set_activities(desk: Desk) -> None:
    assert _said(await desk.send(SAM, "!activity Amelia Draw")) == [
        "Sorry, !activity is not available to you."
    ]


def _text(body: str) -> dict[str, Any]:
    return {"msgtype": "m.text", "body": body}


def _tick(event_id: str, key: str = "✅") -> dict[str, Any]:
    return {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}}


async def test_a_pupils_private_details_go_and_their_teacher_hears_privately(desk: Desk) -> None:
    actions = await desk.event(AMELIA_OWN, "m.room.message", _text("my number is 07700 900123"))
    assert [a.event_id for a in actions if isinstance(a, Redact)] == [f"$ev{desk.count}"]
    told = {a.room_id: a.content["body"] for a in actions if isinstance(a, SendMessage)}
    assert set(told) == {f"!home-{AMELIA_OWN}", f"!home-{REID}"}
    assert "private information" in told[f"!home-{AMELIA_OWN}"]
    assert "07700 900123" in told[f"!home-{REID}"]
    assert not [a for a in actions if isinstance(a, RecordIncident | AddStrike | RecordWork)]


async def test_a_pupils_words_about_danger_alert_the_leads_with_no_strike(desk: Desk) -> None:
    words = "my dad hits me when mum is at work and i am scared to go home"
    actions = await desk.event(AMELIA_OWN, "m.room.message", _text(words))
    [alert] = [a for a in actions if isinstance(a, RaiseAlert)]
    assert alert.user_id == AMELIA_OWN and words in alert.body and alert.reply_room == ""
    [concern] = [a.incident for a in actions if isinstance(a, RecordIncident)]
    assert concern.kind == "safeguarding" and "no strike" in concern.outcome, concern
    assert [a.event_id for a in actions if isinstance(a, Redact)] == [f"$ev{desk.count}"]
    told = {a.room_id: a.content["body"] for a in actions if isinstance(a, SendMessage)}
    assert "Childline" in told[f"!home-{AMELIA_OWN}"] and "999" not in told[f"!home-{AMELIA_OWN}"]
    assert words in told[f"!home-{REID}"] and "safeguarding leads" in told[f"!home-{REID}"]
    assert not [a for a in actions if isinstance(a, AddStrike)]


async def test_a_pupils_words_after_a_command_are_judged_too(desk: Desk) -> None:
    words = "!help my dad hits me when mum is at work and i am scared to go home"
    actions = await desk.event(AMELIA_OWN, "m.room.message", _text(words))
    assert [a.user_id for a in actions if isinstance(a, RaiseAlert)] == [AMELIA_OWN]
    assert [a.event_id for a in actions if isinstance(a, Redact)] == [f"$ev{desk.count}"]
    # a plain command is the command handler's, never work waiting for a teacher
    assert await desk.event(AMELIA_OWN, "m.room.message", _text("!help")) == []
    assert await desk.store.portfolios.work(f"$ev{desk.count}") is None


async def test_a_photos_caption_is_read_too(desk: Desk) -> None:
    image = {"msgtype": "m.image", "filename": "me.png", "url": "mxc://test/me"}
    kept = await desk.event(AMELIA_OWN, "m.room.message", image | {"body": "me.png"})
    assert [type(a) for a in kept] == [RecordWork]
    captioned = image | {"body": "ring me on 07700 900123"}
    removed = await desk.event(AMELIA_OWN, "m.room.message", captioned)
    assert [a.event_id for a in removed if isinstance(a, Redact)] == [f"$ev{desk.count}"]
    assert await desk.store.portfolios.work(f"$ev{desk.count}") is None


async def test_a_pupils_unsure_words_stay_and_the_teacher_is_told(desk: Desk) -> None:
    actions = await desk.event(AMELIA_OWN, "m.room.message", _text("I got the sum wrong, sorry"))
    assert not [a for a in actions if isinstance(a, Redact)]
    assert await desk.store.portfolios.work(f"$ev{desk.count}") is not None
    [told] = [a for a in actions if isinstance(a, SendMessage)]
    assert told.room_id == f"!home-{REID}" and "not sure it was kind" in told.content["body"]


async def test_a_long_post_is_quoted_to_the_teacher_in_a_notice_matrix_accepts(
    desk: Desk,
) -> None:
    story = "My tiger is orange. " * 3000  # about 60 KB, as much as one Matrix message holds
    danger = "my dad hits me when mum is at work and i am scared to go home. "
    for post, how in (
        ("My drawing is rubbish, I hate it. " * 1800, "all of it is in the portfolio"),
        ("my number is 07700 900123. " + story, "the first 4,000 are shown"),
        (danger + story, "the full text is in the incident record"),  # the leads' alert too
    ):
        actions = await desk.event(AMELIA_OWN, "m.room.message", _text(post))
        [told] = [a for a in actions if isinstance(a, SendMessage) and REID in a.room_id]
        assert post[:100] in told.content["body"] and how in told.content["body"]
        for sent in [a.content for a in actions if isinstance(a, SendMessage)] + [
            {"body": a.body, "formatted_body": a.html} for a in actions if isinstance(a, RaiseAlert)
        ]:
            assert len(json.dumps(sent).encode()) < 60_000, sent["body"][:200]


async def test_the_leads_and_the_teacher_read_a_long_message_about_danger_whole(
    desk: Desk,
) -> None:
    story = "My tiger is orange and it lives in the jungle with its friends. " * 100
    post = f"{story}my dad hits me when mum is at work and i am scared to go home. {story}"
    actions = await desk.event(AMELIA_OWN, "m.room.message", _text(post))
    [alert] = [a for a in actions if isinstance(a, RaiseAlert)]
    [told] = [a for a in actions if isinstance(a, SendMessage) and REID in a.room_id]
    for body in (alert.body, told.content["body"]):  # 13,000 characters: all of it fits
        assert f"«{post.strip()}»" in body


async def test_a_pupil_is_judged_as_a_child_not_as_a_parent(desk: Desk) -> None:
    # another pupil's full name is private: held back, and the teacher told why
    actions = await desk.event(AMELIA_OWN, "m.room.message", _text("Oliver Bennett helped me"))
    assert [a.event_id for a in actions if isinstance(a, Redact)] == [f"$ev{desk.count}"]
    told = {a.room_id: a.content["body"] for a in actions if isinstance(a, SendMessage)}
    assert "another pupil's full name" in told[f"!home-{REID}"]
    assert "someone's full name" in told[f"!home-{AMELIA_OWN}"]
    # low mood about her own work stays, waiting, and the teacher is asked (a story removes it)
    actions = await desk.event(
        AMELIA_OWN, "m.room.message", _text("My drawing is rubbish, I hate it")
    )
    assert not [a for a in actions if isinstance(a, Redact)]
    assert await desk.store.portfolios.work(f"$ev{desk.count}") is not None
    # plainly not schoolwork: stays for the teacher, who is told why
    actions = await desk.event(AMELIA_OWN, "m.room.message", _text("https://example.com/game"))
    assert await desk.store.portfolios.work(f"$ev{desk.count}") is not None
    [asked] = [a.content["body"] for a in actions if isinstance(a, SendMessage)]
    assert "it may not be schoolwork (off_topic: only a link)" in asked
    assert not await desk.store.discipline.strikes(AMELIA_OWN)


async def test_only_staff_decide_and_only_once(desk: Desk) -> None:
    image = {"msgtype": "m.image", "body": "tiger.png", "url": "mxc://test/tiger"}
    await desk.event(AMELIA_OWN, "m.room.message", image)
    work = f"$ev{desk.count}"
    assert await desk.event(AMELIA_OWN, "m.reaction", _tick(work)) == []  # her own ✅
    assert await desk.event(SAM, "m.reaction", _tick(work)) == []
    approved = await desk.event(REID, "m.reaction", _tick(work))
    assert [type(a) for a in approved if isinstance(a, DecideWork)] == [DecideWork]
    posts = [a for a in approved if isinstance(a, PostInPortfolio)]
    assert {p.parent for p in posts} == {SAM} and posts[1].content["url"] == "mxc://test/tiger"
    [protect] = [a for a in approved if isinstance(a, QueueMedia)]
    assert (protect.purpose, protect.mxc) == ("protect", "mxc://test/tiger")
    assert await desk.event(REID, "m.reaction", _tick(work, "❌")) == []  # decided already
    stored = await desk.store.portfolios.work(work)
    assert stored is not None and stored.status is WorkStatus.APPROVED


async def test_a_hostile_reaction_in_the_family_view_goes_without_a_strike(desk: Desk) -> None:
    kept = await desk.event(SAM, "m.reaction", _tick("$work", "👏"), FAMILY_VIEW)
    assert [type(a) for a in kept] == [RecordComment]  # kept, as the parent's own
    actions = await desk.event(SAM, "m.reaction", _tick("$work", "👎"), FAMILY_VIEW)
    assert [a.event_id for a in actions if isinstance(a, Redact)] == [f"$ev{desk.count}"]
    [told] = [a for a in actions if isinstance(a, SendMessage) and a.room_id == f"!home-{SAM}"]
    assert told.content["body"].startswith("I've removed your 👎 reaction in Amelia's portfolio.")
    assert not [a for a in actions if isinstance(a, AddStrike)]


async def test_a_parents_urgent_comment_leaves_the_view_and_alerts_the_lead(desk: Desk) -> None:
    urgent = "Amelia told me she wants to die and that everyone would be better off without her."
    actions = await desk.event(SAM, "m.room.message", _text(urgent), FAMILY_VIEW)
    [alert] = [a for a in actions if isinstance(a, RaiseAlert)]
    assert alert.user_id == SAM and urgent in alert.body and alert.reply_room == f"!home-{SAM}"
    [concern] = [a.incident for a in actions if isinstance(a, RecordIncident)]
    assert concern.kind == "safeguarding" and "no strike" in concern.outcome, concern
    [removed] = [a for a in actions if isinstance(a, Redact)]
    assert (removed.room_id, removed.event_id) == (FAMILY_VIEW, f"$ev{desk.count}")
    assert actions.index(alert) < actions.index(removed)  # stored first, then removed
    told = {a.room_id: a.content["body"] for a in actions if isinstance(a, SendMessage)}
    assert "taken your comment out of the portfolio" in told[f"!home-{SAM}"]
    assert not [a for a in actions if isinstance(a, AddStrike | RecordComment)]


async def test_a_parents_unkind_comment_goes_with_slts_incident(desk: Desk) -> None:
    unkind = "This is rubbish, worst class ever, the teacher is useless"
    actions = await desk.event(SAM, "m.room.message", _text(unkind), FAMILY_VIEW)
    [removed] = [a for a in actions if isinstance(a, Redact)]
    assert (removed.room_id, removed.event_id) == (FAMILY_VIEW, f"$ev{desk.count}")
    [incident] = [a.incident for a in actions if isinstance(a, RecordIncident)]
    assert (incident.kind, incident.user_id, incident.event_id) == (
        "portfolio comment removed",
        SAM,
        f"$ev{desk.count}",
    )
    assert incident.evidence["body"] == unkind and incident.confirmed_by == "conductbot (judge)"
    assert actions.index(next(a for a in actions if isinstance(a, RecordIncident))) == 0
    assert not [a for a in actions if isinstance(a, RecordComment)]


async def test_an_edit_of_waiting_work_is_what_the_family_would_see(desk: Desk) -> None:
    await desk.event(AMELIA_OWN, "m.room.message", _text("My tiger is orange"))
    work = f"$ev{desk.count}"
    edit = _text("* My tiger is orange and black") | {
        "m.new_content": _text("My tiger is orange and black"),
        "m.relates_to": {"rel_type": "m.replace", "event_id": work},
    }
    actions = await desk.event(AMELIA_OWN, "m.room.message", edit)
    assert [type(a) for a in actions] == [ReviseWork]
    stored = await desk.store.portfolios.work(work)
    assert stored is not None and stored.content["body"] == "My tiger is orange and black"
    unkind = _text("* Oliver is rubbish at drawing") | {
        "m.new_content": _text("Oliver is rubbish at drawing"),
        "m.relates_to": {"rel_type": "m.replace", "event_id": work},
    }
    removed = await desk.event(AMELIA_OWN, "m.room.message", unkind)
    assert {a.event_id for a in removed if isinstance(a, Redact)} == {work, f"$ev{desk.count}"}


# --- with real clients on a real Synapse --------------------------------------------------


class Portfolios:
    """Miss Reid; Amelia and Oliver with their own accounts; Sam, Amelia's parent."""

    def __init__(self, bot: RunningBot, matrix: Matrix, school: School) -> None:
        self.bot, self.matrix, self.school = bot, matrix, school

    async def setup(self) -> Portfolios:
        self.bot.app.clock.set(TUESDAY)
        self.teacher = await self.matrix.client(self.school.staff["reid"])
        self.teacher_home = await self.bot.room(home_key(self.school.staff["reid"].user_id))
        await join(self.teacher, self.teacher_home)
        self.amelia = await self.pupil("DEMO0001")
        self.amelia_own, self.amelia_home = await self.account("amelia", self.amelia)
        return self

    async def pupil(self, mis_id: str) -> Pupil:
        pupil = await self.bot.store.pupils.by_mis_id(mis_id)
        assert pupil is not None
        return pupil

    async def account(self, name: str, pupil: Pupil) -> tuple[nio.AsyncClient, str]:
        """The pupil's own account, linked as `!code … --pupil` links it."""
        person = self.matrix.register(name, displayname=name.title())
        await self.bot.app.provisioner.link_pupil(person.user_id, pupil, linked_by="test")
        client = await self.matrix.client(person)
        home = await self.bot.room(home_key(person.user_id))
        await join(client, home)
        return client, home

    async def parent(self, name: str, pupil: str) -> tuple[nio.AsyncClient, str, Person]:
        person = self.matrix.register(name, displayname=name.title())
        await self.bot.link(person, pupil)
        client = await self.matrix.client(person)
        home = await self.bot.room(home_key(person.user_id))
        await join(client, home)
        return client, home, person

    async def handled(self, event_id: str) -> None:
        await eventually(lambda: self.bot.store.events.outcome(event_id))

    async def portfolio(self) -> str:
        """Amelia's portfolio, joined by her and by Miss Reid."""
        room = await self.bot.room(portfolio_key(self.amelia.id))
        await join(self.amelia_own, room)
        await join(self.teacher, room)
        return room

    async def react(self, room: str, event_id: str, key: str) -> str:
        relates = {"m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}}
        sent = await self.teacher.room_send(room, "m.reaction", relates)
        assert isinstance(sent, nio.RoomSendResponse), sent
        await self.handled(sent.event_id)
        return sent.event_id

    async def share_text(self, room: str, body: str) -> str:
        """Amelia posts some writing and Miss Reid ✅s it: Sam's family view has it."""
        work = await send_text(self.amelia_own, room, body)
        await self.handled(work)
        await self.react(room, work, "✅")
        return work


@pytest.fixture
async def portfolios(school: School, launch: BotLauncher, matrix: Matrix) -> Portfolios:
    return await Portfolios(await launch(), matrix, school).setup()


async def _room_name(client: nio.AsyncClient, room: str) -> str:
    state = await client.room_get_state_event(room, "m.room.name")
    assert isinstance(state, nio.RoomGetStateEventResponse), state
    return state.content["name"]


async def _bodies(client: nio.AsyncClient, room: str) -> list[str]:
    return [
        e["content"].get("body", "")
        for e in await messages(client, room)
        if e.get("type") == "m.room.message"
    ]


async def test_work_set_by_a_teacher_reaches_the_pupil_and_no_other_pupil(
    portfolios: Portfolios,
) -> None:
    bot = portfolios.bot
    # Linking Amelia's own account made her portfolio: her, Miss Reid and the bot.
    room = await portfolios.portfolio()
    assert await _room_name(portfolios.amelia_own, room) == "Amelia's portfolio"
    joined = await bot.client.joined_members(room)
    assert isinstance(joined, nio.JoinedMembersResponse), joined
    members = {m.user_id for m in joined.members}
    assert members == {
        bot.school.bot.user_id,
        portfolios.school.staff["reid"].user_id,
        portfolios.amelia_own.user_id,
    }
    sent = await send_text(
        portfolios.teacher,
        portfolios.teacher_home,
        "!activity Amelia due 2026-12-04 Draw a tiger and write one sentence about it",
    )
    activity = "New activity from Miss Reid (due Friday 4 December 2026):\nDraw a tiger"

    async def arrived() -> bool:
        return any(n.startswith(activity) for n in await notices_in(portfolios.amelia_own, room))

    await eventually(arrived)
    answered = await eventually(lambda: _answer(portfolios.teacher, portfolios.teacher_home, sent))
    assert answered == (
        "Activity set (due Friday 4 December 2026) for Amelia Hughes: it is in each one's "
        "portfolio."
    )
    # Oliver, another pupil with his own account, can neither join nor read it.
    oliver = await portfolios.pupil("DEMO0002")
    oliver_own, _ = await portfolios.account("oliver", oliver)
    refused = await oliver_own.join(room)
    assert isinstance(refused, nio.JoinError), refused
    read = await oliver_own.room_messages(room, start="", limit=10)
    assert isinstance(read, nio.RoomMessagesError), read
    # His own portfolio is his alone (and Miss Reid's): Amelia is not in it.
    his = await bot.room(portfolio_key(oliver.id))
    state = await bot.client.room_get_state(his)
    assert isinstance(state, nio.RoomGetStateResponse)
    invited = {
        e["state_key"]
        for e in state.events
        if e["type"] == "m.room.member" and e["content"].get("membership") in ("invite", "join")
    }
    assert portfolios.amelia_own.user_id not in invited and oliver_own.user_id in invited


async def test_a_file_a_teacher_attaches_to_an_activity_reaches_the_pupil(
    portfolios: Portfolios,
) -> None:
    room = await portfolios.portfolio()
    teacher, home = portfolios.teacher, portfolios.teacher_home
    image = await png_message(teacher)
    sent = await teacher.room_send(home, "m.room.message", image)
    assert isinstance(sent, nio.RoomSendResponse), sent
    hint = await eventually(lambda: _answer(teacher, home, sent.event_id))
    assert hint.startswith("To set this as work, reply to it with !activity")
    relates = {"m.in_reply_to": {"event_id": sent.event_id}}
    command = await send_text(
        teacher, home, "!activity Amelia Colour in the tiger", **{"m.relates_to": relates}
    )
    answered = await eventually(lambda: _answer(teacher, home, command))
    assert answered == (
        "Activity set for Amelia Hughes, with a photo (tiger.png): it is in each one's portfolio."
    )

    async def arrived() -> list[dict[str, Any]]:
        events = [e["content"] for e in await messages(portfolios.amelia_own, room)]
        set_at = next(
            (i for i, c in enumerate(events) if c.get("body", "").endswith("Colour in the tiger")),
            None,
        )
        return events[set_at:] if set_at is not None and len(events) > set_at + 1 else []

    activity, photo = (await eventually(arrived))[:2]
    assert activity["body"] == "New activity from Miss Reid:\nColour in the tiger"
    assert photo["msgtype"] == "m.image" and photo["url"] == image["url"]
    got = await portfolios.amelia_own.download(image["url"])
    assert isinstance(got, nio.DownloadResponse) and got.body == PNG, got


async def png_message(client: nio.AsyncClient) -> dict[str, Any]:
    """An m.image of `PNG` ("tiger.png"), uploaded to the homeserver by `client`."""
    uploaded, _ = await client.upload(
        io.BytesIO(PNG), content_type="image/png", filename="tiger.png", filesize=len(PNG)
    )
    assert isinstance(uploaded, nio.UploadResponse), uploaded
    return {
        "msgtype": "m.image",
        "body": "tiger.png",
        "url": uploaded.content_uri,
        "info": {"mimetype": "image/png", "size": len(PNG)},
    }


async def notice_starting(client: nio.AsyncClient, room: str, start: str) -> str | None:
    """The bot's first notice in a room that starts with `start`, or None (to wait for)."""
    return next((n for n in await notices_in(client, room) if n.startswith(start)), None)


async def _answer(client: nio.AsyncClient, room: str, event_id: str) -> str | None:
    for e in await messages(client, room):
        relates = e["content"].get("m.relates_to", {}).get("m.in_reply_to", {})
        if relates.get("event_id") == event_id:
            return e["content"]["body"]
    return None


async def test_a_pupils_photo_reaches_the_parent_only_after_the_teachers_tick(
    portfolios: Portfolios,
) -> None:
    bot = portfolios.bot
    sam, _, sam_person = await portfolios.parent("sam", "Amelia Hughes")
    room = await portfolios.portfolio()
    amelia = portfolios.amelia_own
    image = await png_message(amelia)
    photo = await amelia.room_send(room, "m.room.message", image)
    assert isinstance(photo, nio.RoomSendResponse), photo
    await portfolios.handled(photo.event_id)
    work = await bot.store.portfolios.work(photo.event_id)
    assert work is not None and work.status is WorkStatus.WAITING
    # Before a teacher looks, the family has nothing: no view of the portfolio, no invite.
    family_key = family_portfolio_key(portfolios.amelia.id, sam_person.user_id)
    assert await bot.store.rooms.by_key(family_key) is None
    synced = await sam.sync(timeout=0, full_state=True)
    assert isinstance(synced, nio.SyncResponse)
    assert room not in synced.rooms.join and room not in synced.rooms.invite
    assert not synced.rooms.invite or all(
        "portfolio" not in str(r.invite_state) for r in synced.rooms.invite.values()
    )
    # A second photo Miss Reid ❌s never reaches the family either.
    other = await amelia.room_send(room, "m.room.message", image | {"body": "draft.png"})
    assert isinstance(other, nio.RoomSendResponse), other
    await portfolios.handled(other.event_id)
    await portfolios.react(room, other.event_id, "❌")
    returned = await bot.store.portfolios.work(other.event_id)
    assert returned is not None and returned.status is WorkStatus.RETURNED
    assert await bot.store.rooms.by_key(family_key) is None

    await portfolios.react(room, photo.event_id, "✅")
    view = await bot.room(family_key)
    await join(sam, view)
    assert await _room_name(sam, view) == "Amelia's portfolio"

    async def shown() -> list[dict[str, Any]]:
        return [
            e["content"]
            for e in await messages(sam, view)
            if e["content"].get("msgtype") == "m.image"
        ]

    [copy] = await eventually(shown)
    assert copy["url"] == image["url"] and copy["body"] == "tiger.png"
    notices = await notices_in(sam, view)
    assert any(n.startswith("Amelia shared a photo from their portfolio") for n in notices)
    # Only Sam and the bot are in it; the photo is now protected class media.
    joined = await bot.client.joined_members(view)
    assert isinstance(joined, nio.JoinedMembersResponse)
    assert {m.user_id for m in joined.members} == {bot.school.bot.user_id, sam_person.user_id}
    assert await eventually(lambda: bot.store.media.by_mxc(image["url"]))
    told = await notices_in(amelia, room)
    assert any(n.startswith("Miss Reid has shared this with your family.") for n in told)
    assert any("is not shared with your family" in n for n in told)


async def test_a_parents_kind_comment_stays_and_a_negative_one_goes(
    portfolios: Portfolios,
) -> None:
    bot = portfolios.bot
    sam, sam_home, sam_person = await portfolios.parent("sam", "Amelia Hughes")
    room = await portfolios.portfolio()
    await portfolios.share_text(room, "My tiger is orange with black stripes.")
    view = await bot.room(family_portfolio_key(portfolios.amelia.id, sam_person.user_id))
    await join(sam, view)

    async def shared() -> bool:
        return any("orange with black stripes" in b for b in await _bodies(sam, view))

    await eventually(shared)
    kind = await send_text(sam, view, "Lovely work Amelia, so proud of you!")
    unkind = await send_text(sam, view, "Rubbish work, what a waste of time")
    await portfolios.handled(kind)
    await portfolios.handled(unkind)
    await eventually(lambda: is_redacted(sam, view, unkind))
    assert not await is_redacted(sam, view, kind)

    warned = await eventually(lambda: notice_starting(sam, sam_home, "This is a warning."))
    assert "positive feedback and comments" in warned
    escalation = await bot.room(ESCALATION_KEY)
    slt = await portfolios.matrix.client(portfolios.school.staff["okafor"])
    await join(slt, escalation)

    async def incident() -> list[dict[str, Any]]:
        return [
            i
            for i in await incidents_in(slt, escalation)
            if i.get("kind") == "portfolio comment removed"
        ]

    [found] = await eventually(incident)
    assert found["user_id"] == sam_person.user_id and found["event_id"] == unkind
    assert found["evidence"]["body"] == "Rubbish work, what a waste of time"


async def test_a_parent_linked_later_is_shown_the_work_already_approved(
    portfolios: Portfolios,
) -> None:
    bot = portfolios.bot
    room = await portfolios.portfolio()
    approved = await portfolios.share_text(room, "My tiger is orange with black stripes.")
    answer = await eventually(lambda: _answer(portfolios.amelia_own, room, approved))
    assert answer.startswith("Miss Reid has approved this. No family account is linked yet")
    draft = await send_text(portfolios.amelia_own, room, "My first try at a tiger")
    await portfolios.handled(draft)
    await portfolios.react(room, draft, "❌")

    sam, _, sam_person = await portfolios.parent("sam", "Amelia Hughes")
    view = await bot.room(family_portfolio_key(portfolios.amelia.id, sam_person.user_id))
    await join(sam, view)

    async def shown() -> list[str]:
        return [b for b in await _bodies(sam, view) if "tiger" in b]

    [work] = await eventually(shown)
    assert work == (
        "Amelia shared some writing from their portfolio (Miss Reid ✅):\n"
        "My tiger is orange with black stripes."
    )


async def _taken_out(portfolios: Portfolios, words: str) -> tuple[str, str, str]:
    """Amelia posts `words` in her portfolio and the bot takes them out: the post's event,
    the portfolio, and what her teacher was told."""
    room = await portfolios.portfolio()
    posted = await send_text(portfolios.amelia_own, room, words)
    await portfolios.handled(posted)
    await eventually(lambda: is_redacted(portfolios.teacher, room, posted))
    wrote = "Amelia Hughes wrote this in their portfolio"
    told = await eventually(
        lambda: notice_starting(portfolios.teacher, portfolios.teacher_home, wrote)
    )
    return posted, room, told


async def test_a_pupils_unkind_words_reach_their_teacher_not_a_strike(
    portfolios: Portfolios,
) -> None:
    bot = portfolios.bot
    amelia = portfolios.amelia_own
    words = "Oliver is rubbish at drawing, his tiger is stupid"
    unkind, _, told = await _taken_out(portfolios, words)
    assert "Oliver is rubbish at drawing" in told and "never given a strike" in told

    taken = "I've taken your message out of your portfolio"
    told = await eventually(lambda: notice_starting(amelia, portfolios.amelia_home, taken))
    assert "you are not in trouble" in told
    assert await bot.store.discipline.strikes(amelia.user_id) == []
    assert await bot.store.incidents.of_user(amelia.user_id) == []
    assert await bot.store.portfolios.work(unkind) is None  # never work to share


async def test_a_pupils_phone_number_never_reaches_the_family_and_the_teacher_hears_why(
    portfolios: Portfolios,
) -> None:
    bot = portfolios.bot
    sam, _, sam_person = await portfolios.parent("sam", "Amelia Hughes")
    private, room, told = await _taken_out(portfolios, "My tiger story! Ring me on 07700 900123")
    assert "because it looked like private information" in told and "UK phone number" in told
    assert "07700 900123" in told and "never given a strike" in told
    # A teacher's ✅ on the removed post shares nothing; the next, kind, piece is shared.
    await portfolios.react(room, private, "✅")
    assert await bot.store.portfolios.work(private) is None
    await portfolios.share_text(room, "My tiger is orange with black stripes.")
    view = await bot.room(family_portfolio_key(portfolios.amelia.id, sam_person.user_id))
    await join(sam, view)

    async def shown() -> list[str]:
        bodies = await _bodies(sam, view)
        return bodies if any("black stripes" in b for b in bodies) else []

    assert not [b for b in await eventually(shown) if "07700" in b or "Ring me" in b]
    assert await bot.store.discipline.strikes(portfolios.amelia_own.user_id) == []
    assert await bot.store.incidents.of_user(portfolios.amelia_own.user_id) == []


async def test_a_teacher_taken_off_the_class_leaves_its_portfolios(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    bot = await launch(start=False)
    amelia = await bot.store.pupils.by_mis_id("DEMO0001")
    assert amelia is not None
    own = matrix.register("amelia", displayname="Amelia")
    await bot.app.provisioner.link_pupil(own.user_id, amelia, linked_by="test")
    room = await bot.room(portfolio_key(amelia.id))
    reid, khan = school.staff["reid"].user_id, school.staff["khan"].user_id
    await join(await matrix.client(school.staff["reid"]), room)

    def edit(document: dict[str, Any]) -> None:
        oak = next(c for c in document["classes"] if c["id"] == "oak")
        oak["teachers"] = ["khan"]

    school.edit_config(edit)
    await bot.stop()
    edited = await launch(start=False)
    assert portfolio_key(amelia.id) in edited.report.changed
    state = await edited.client.room_get_state(room)
    assert isinstance(state, nio.RoomGetStateResponse), state
    membership = {
        e["state_key"]: e["content"]["membership"]
        for e in state.events
        if e["type"] == "m.room.member"
    }
    assert membership[reid] == "leave" and membership[khan] == "invite"
    assert membership[own.user_id] == "invite"
