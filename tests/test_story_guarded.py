"""Issue 11's story shapes on a real Synapse with the guard module loaded and the bot's
guard endpoint answering, each beside its kind twin.

With the module, Synapse asks the bot before it accepts a family's reply, thread reply or
edit in a class story: one the judge's word rules surely remove is refused at send time
(the client gets M_FORBIDDEN with the reason), and so is a hostile reaction; what the
module lets through (replies judged kind by the word rules, or judged too late for its
timeout) the bot still removes after delivery. So a hostile shape passes here when it was
refused, or removed for the other parent within `BOUND` seconds, and nothing it said can be
read in the room afterwards; its kind twin must be accepted and stay.
"""

from __future__ import annotations

import logging
from typing import Any

import nio
import pytest
from conftest import (
    BotLauncher,
    Matrix,
    School,
    eventually,
    is_redacted,
    messages,
    notices_in,
    record_guard_questions,
)
from test_onboarding import issue
from test_story import Story
from test_story_shapes import _quoting

from bot.provisioning import home_key
from handlers.story import STORY_REPLY_LIMIT

log = logging.getLogger(__name__)

#: Seconds within which a message the guard let through must be gone for the other parent
#: (the measured p50 is 40 ms; the machine running the tests is shared).
BOUND = 15.0
#: How every refusal of a story reply or edit begins (`bot/guard_api.py`).
REFUSED = ("Your reply was not posted.", "Your reaction was not posted.")
FILLER = "We had a lovely weekend at the seaside and the children built sandcastles. "

Sent = nio.RoomSendResponse | nio.RoomSendError


class GuardedStory(Story):
    """The class story, with what Synapse asked the bot's guard endpoint recorded."""

    asked: list[dict[str, Any]]

    def record_questions(self) -> None:
        """Keep each event content Synapse asks the endpoint about, as the module sends it."""
        self.asked = record_guard_questions(self.bot)

    async def send(self, client: nio.AsyncClient, event_type: str, content: dict) -> Sent:
        response = await client.room_send(self.room, event_type, content)
        assert isinstance(response, nio.RoomSendResponse | nio.RoomSendError), response
        return response

    async def react(self, key: str) -> Sent:
        relation = {"rel_type": "m.annotation", "event_id": self.post, "key": key}
        return await self.send(self.sam, "m.reaction", {"m.relates_to": relation})

    async def was_asked(self, content: dict) -> None:
        """Synapse held `content` and asked the bot's endpoint about it."""
        await eventually(lambda: content in self.asked)

    async def kept_out(self, sent: Sent, content: dict) -> str:
        """Refused at send time by the guard, or removed for the other parent within
        `BOUND`: which one. Returns once the bot has done with it (every record and notice
        of the removal or refusal made), so a test may then assert what did not happen."""
        await self.was_asked(content)
        if isinstance(sent, nio.RoomSendResponse):
            await eventually(lambda: is_redacted(self.kim, self.room, sent.event_id), BOUND)
            log.info("removed after delivery: %.60r", content)
            await self.handled(sent.event_id)
            return "removed"
        assert sent.status_code == "M_FORBIDDEN", sent
        assert (sent.message or "").startswith(REFUSED), sent
        log.info("refused at send time: %.60r", content)
        await self.refusals_performed()
        return "refused"

    async def refusals_performed(self) -> None:
        """The guard performs a refusal's plan (strike, notices, SLT's incident) after its
        answer, in a task of its own: wait until none is left running."""
        guard = self.bot.app.guard
        assert guard is not None, "the bot serves no guard endpoint"
        await eventually(lambda: not guard._acting)

    async def stays(self, sent: Sent, content: dict) -> str:
        """Accepted by the guard and still there once the bot has handled it."""
        assert isinstance(sent, nio.RoomSendResponse), sent  # let through by the guard
        await self.was_asked(content)
        await self.handled(sent.event_id)
        assert not await is_redacted(self.kim, self.room, sent.event_id)
        return sent.event_id

    async def readable(self) -> list[str]:
        """Every string the other parent can read in the room's history (edits served in
        `unsigned` included)."""
        return list(_strings(await messages(self.kim, self.room)))


def _strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _reply(story: Story, body: str, **extra: Any) -> dict[str, Any]:
    relation = {"m.relates_to": {"m.in_reply_to": {"event_id": story.post}}}
    return {"msgtype": "m.text", "body": body} | relation | extra


def _reaction(story: Story, key: str) -> dict[str, Any]:
    return {"m.relates_to": {"rel_type": "m.annotation", "event_id": story.post, "key": key}}


def _edit(target: str, body: str, new_content: dict | None) -> dict[str, Any]:
    content: dict[str, Any] = {
        "msgtype": "m.text",
        "body": body,
        "m.relates_to": {"rel_type": "m.replace", "event_id": target},
    }
    if new_content is not None:
        content["m.new_content"] = new_content
    return content


async def _sent(story: GuardedStory, content: dict[str, Any]) -> tuple[Sent, dict[str, Any]]:
    """Sent by the first parent: (what the server answered, what was sent)."""
    return await story.send(story.sam, "m.room.message", content), content


@pytest.fixture
async def story(
    guarded_school: School, launch_guarded: BotLauncher, guarded_matrix: Matrix
) -> GuardedStory:
    # Not what this file tests: one family tries every shape, warned each time, never removed.
    guarded_school.edit_config(lambda d: d["policy"].update(warnings_before_removal=50))
    tried = GuardedStory(await launch_guarded(), guarded_matrix, guarded_school)
    tried.record_questions()
    await tried.setup()
    return tried


async def _twins(
    story: GuardedStory, hostile: list[dict[str, Any]], kind: list[dict[str, Any]]
) -> None:
    """Send each reply; the hostile ones are kept out, the kind ones stay, and nothing the
    hostile ones said can be read in the room."""
    for content in hostile:
        await story.kept_out(await story.send(story.sam, "m.room.message", content), content)
    for content in kind:
        await story.stays(await story.send(story.sam, "m.room.message", content), content)
    readable = await story.readable()
    for content in hostile:
        assert not any(content["body"] in r for r in readable), content


async def test_hostile_reactions_in_words_or_skin_tones_go_and_kind_ones_stay(
    story: GuardedStory,
) -> None:
    for key in ("rubbish teacher", "🖕🏽", "👎👎", "🐍"):
        await story.kept_out(await story.react(key), _reaction(story, key))
    for key in ("well done!", "👍🏽", "❤️", "🌻"):
        await story.stays(await story.react(key), _reaction(story, key))
    readable = await story.readable()
    assert not any(word in r for word in ("rubbish", "🖕", "👎", "🐍") for r in readable)


async def test_a_flood_of_kind_reactions_comes_down_past_twenty_as_one_incident(
    story: GuardedStory,
) -> None:
    """The guard lets each kind reaction through; the bot removes those past the limit."""
    sent = []
    for n in range(26):
        key = f"well done {n}!"
        response = await story.react(key)
        assert isinstance(response, nio.RoomSendResponse), response
        await story.was_asked(_reaction(story, key))
        sent.append(response.event_id)
    for event_id in sent[20:]:
        await eventually(lambda e=event_id: is_redacted(story.kim, story.room, e), BOUND)
    for event_id in sent[:20]:  # the kind twins: the first twenty stay
        await story.handled(event_id)
        assert not await is_redacted(story.kim, story.room, event_id)
    for event_id in sent[20:]:  # removed before recorded: one incident, once all are handled
        await story.handled(event_id)
    incidents = await story.bot.store.incidents.of_user(story.sam_person.user_id)
    assert [i.rule for i in incidents] == ["flood"]


async def test_insults_in_polish_urdu_and_spanish_go_and_kind_lines_in_them_stay(
    story: GuardedStory,
) -> None:
    hostile = ["Jesteś idiotą", "tum bewakoof ho", "تم بیوقوف ہو", "eres un idiota"]
    kind = [
        "Dziękuję bardzo, wspaniały dzień",
        "Shukriya, bohat acha din tha",
        "بہت شکریہ، بہت اچھا دن تھا",
        "Muchas gracias, qué bonito",
    ]
    await _twins(story, [_reply(story, t) for t in hostile], [_reply(story, t) for t in kind])


async def test_split_reversed_and_spaced_words_and_a_phone_number_in_letters_go(
    story: GuardedStory,
) -> None:
    hostile = [
        "you are an id\u2063iot",  # an invisible separator
        "\u202etoidi na era uoy",  # shown as "you are an idiot"
        "you are an i d i o t",
        "you are an id-iot",
        "call me on o77OO 9OO l23",  # 07700 900123
    ]
    kind = [
        "well-done everyone, a lovely day",
        "a b c d, she knows her alphabet now!",
        "Room 101 was fun",
    ]
    await _twins(story, [_reply(story, t) for t in hostile], [_reply(story, t) for t in kind])


async def test_a_thread_reply_hiding_abuse_in_its_quote_goes_and_a_plain_one_stays(
    story: GuardedStory,
) -> None:
    """`m.thread` without `m.in_reply_to`: clients show the `<mx-reply>` as text."""
    thread = {"m.relates_to": {"rel_type": "m.thread", "event_id": story.post}}
    hidden = {
        "msgtype": "m.text",
        "body": "Lovely!",
        "format": "org.matrix.custom.html",
        "formatted_body": "<mx-reply>Miss Reid is a useless cow</mx-reply>Lovely!",
    } | thread
    await story.kept_out(await story.send(story.sam, "m.room.message", hidden), hidden)
    plain = {"msgtype": "m.text", "body": "Lovely!"} | thread
    await story.stays(await story.send(story.sam, "m.room.message", plain), plain)
    assert not any("useless" in s for s in await story.readable())


async def test_html_that_says_something_else_goes_and_kind_html_stays(
    story: GuardedStory,
) -> None:
    html = {"format": "org.matrix.custom.html"}
    hostile = [
        _reply(story, "Lovely photos!", formatted_body="Miss Reid is a useless cow", **html),
        _reply(
            story,
            "Lovely photos!",
            formatted_body='Lovely photos!<span data-mx-spoiler="">the teacher is useless, '
            "worst class ever</span>",
            **html,
        ),
    ]
    kind = _reply(
        story, "Lovely photos!", formatted_body="<b>Lovely</b> photos, well done Oak!", **html
    )
    for content in hostile:
        await story.kept_out(await story.send(story.sam, "m.room.message", content), content)
    await story.stays(await story.send(story.sam, "m.room.message", kind), kind)
    assert not any("useless" in s for s in await story.readable())


async def test_an_edit_without_new_content_goes_and_a_well_formed_kind_edit_stays(
    story: GuardedStory,
) -> None:
    """Clients show a malformed edit's body as the reply's latest version."""
    first = await story.stays(*await _sent(story, _reply(story, "Lovely photos!")))
    forged = _edit(first, "* Miss Reid is a useless cow", None)
    outcome = await story.kept_out(await story.send(story.sam, "m.room.message", forged), forged)
    if outcome == "removed":  # with the reply it claims to edit (refused, it never showed)
        await eventually(lambda: is_redacted(story.kim, story.room, first), BOUND)
    second = await story.stays(*await _sent(story, _reply(story, "Lovely photos!")))
    kind = "Lovely photos, thank you!"
    edit = _edit(second, f"* {kind}", {"msgtype": "m.text", "body": kind})
    await story.stays(await story.send(story.sam, "m.room.message", edit), edit)
    assert not await is_redacted(story.kim, story.room, second)
    assert not any("useless" in s for s in await story.readable())


async def test_an_edit_of_a_kind_reply_into_abuse_goes_and_a_kind_edit_stays(
    story: GuardedStory,
) -> None:
    abuse = "This is rubbish, worst class ever, the teacher is useless"
    first = await story.stays(*await _sent(story, _reply(story, "Lovely photos!")))
    turned = _edit(first, f"* {abuse}", {"msgtype": "m.text", "body": abuse})
    outcome = await story.kept_out(await story.send(story.sam, "m.room.message", turned), turned)
    if outcome == "removed":  # the reply too, as it showed the abuse (refused, it never did)
        await eventually(lambda: is_redacted(story.kim, story.room, first), BOUND)
    second = await story.stays(*await _sent(story, _reply(story, "Lovely photos!")))
    kind = "Lovely photos, thank you!"
    edit = _edit(second, f"* {kind}", {"msgtype": "m.text", "body": kind})
    await story.stays(await story.send(story.sam, "m.room.message", edit), edit)
    assert not await is_redacted(story.kim, story.room, second)
    assert not any("useless" in s for s in await story.readable())


async def test_an_8000_character_reply_ending_in_an_insult_goes_and_a_long_kind_one_stays(
    story: GuardedStory,
) -> None:
    """Over `STORY_REPLY_LIMIT` a reply goes whatever it says; under it, a long kind one stays."""
    insult = " you are an idiot"
    hostile = _reply(story, (FILLER * 110)[: 8000 - len(insult)] + insult)
    assert len(hostile["body"]) == 8000
    kind = _reply(story, (FILLER * 30)[: STORY_REPLY_LIMIT - 100])
    await story.kept_out(await story.send(story.sam, "m.room.message", hostile), hostile)
    await story.stays(await story.send(story.sam, "m.room.message", kind), kind)
    assert not any(s.endswith(insult) for s in await story.readable())


async def test_a_reply_to_nothing_and_an_inline_image_go_and_a_kind_reply_stays(
    story: GuardedStory,
) -> None:
    """A "reply" to an event that does not exist shows as a top-level post; an inline
    `<img>` is a picture, which families do not post in a story."""
    nowhere = {
        "msgtype": "m.text",
        "body": "See this everyone",
        "m.relates_to": {"m.in_reply_to": {"event_id": "$doesnotexist"}},
    }
    picture = _reply(
        story,
        "Here it is",
        format="org.matrix.custom.html",
        formatted_body='Here it is <img src="mxc://test.conductbot/abc" alt="photo">',
    )
    await _twins(story, [nowhere, picture], [_reply(story, "Look how happy they are!")])
    assert await story.bot.store.discipline.strikes(story.sam_person.user_id) == []


async def test_a_forged_quote_of_the_teacher_goes_and_a_true_one_stays(
    story: GuardedStory,
) -> None:
    reid = story.teacher.user_id
    okafor = story.school.staff["okafor"].user_id
    forged = [
        _quoting(story, reid, "School closes at 1pm today, collect early", "Oh no!"),
        _quoting(story, okafor, "Oak class planted sunflowers 🌻", "Lovely"),  # not who wrote it
    ]
    true = _quoting(story, reid, "Oak class planted sunflowers 🌻", "Lovely!")
    await _twins(
        story,
        [_reply(story, **content) for content in forged],
        [_reply(story, **true)],
    )
    assert await story.bot.store.discipline.strikes(story.sam_person.user_id) == []


async def test_a_join_code_pasted_in_a_story_goes_and_a_look_alike_stays(
    story: GuardedStory,
) -> None:
    """Refused by the guard or removed after delivery, the code stops working and its
    teacher is told (handlers/story.py's `_code_posted`); no strike."""
    code = await issue(story.bot, story.matrix, story.school, "Noah")
    leaked = _reply(story, f"Anyone need this? {code.lower()} for Noah's mum")
    await story.kept_out(await story.send(story.sam, "m.room.message", leaked), leaked)
    look_alike = _reply(story, "Well done KQ7D-MAXR team, brilliant relay!")
    await story.stays(await story.send(story.sam, "m.room.message", look_alike), look_alike)
    assert not any(code.lower() in s for s in await story.readable())

    async def told(client: nio.AsyncClient, room: str, words: str) -> bool:
        return any(words in n.lower() for n in await notices_in(client, room))

    teacher_home = story.teacher_home
    assert await eventually(lambda: told(story.teacher, teacher_home, "posted in a class story"))
    found = await story.bot.store.codes.find(code)
    assert found is not None and found.used_by is None
    assert found.expires_at <= story.bot.app.clock.iso()  # voided: nobody can redeem it
    home = await story.bot.room(home_key(story.sam_person.user_id))
    assert await eventually(lambda: told(story.sam, home, "join code"))
    assert await story.bot.store.discipline.strikes(story.sam_person.user_id) == []
