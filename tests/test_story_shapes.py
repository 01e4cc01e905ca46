"""Shapes a hostile parent tried in a class story, each beside its kind twin (real Synapse)."""

from __future__ import annotations

import nio
import pytest
from conftest import (
    BotLauncher,
    Matrix,
    School,
    eventually,
    is_redacted,
    join,
    notices_in,
    send_text,
)
from test_onboarding import issue
from test_story import Story, story  # noqa: F401 (the fixture)

from bot.judge import JudgeContext, Label, Outcome, judge
from bot.provisioning import home_key

STORY = JudgeContext(where="story", staff_names=frozenset({"Miss Reid", "Reid"}))


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("you are an id\u2063iot", Label.NEGATIVE),
        ("you are an i d i o t", Label.NEGATIVE),
        ("you are an id-iot", Label.NEGATIVE),
        ("\u202etoidi na era uoy", Label.NEGATIVE),  # shown as "you are an idiot"
        ("call me on o77OO 9OO l23", Label.SENSITIVE),
        ("🐍", Label.NEGATIVE),
        ("Jesteś idiotą", Label.NEGATIVE),
        ("eres un idiota", Label.NEGATIVE),
        ("tum bewakoof ho", Label.NEGATIVE),
    ],
)
def test_disguised_words_are_read_as_they_are_shown(text: str, label: Label) -> None:
    found = judge(text, STORY)
    assert (found.label, found.outcome) == (label, Outcome.REMOVE), found


@pytest.mark.parametrize(
    "text",
    [
        "well-done everyone, a lovely day",
        "a b c d, she knows her alphabet now!",
        "Dziękuję bardzo, wspaniały dzień",
        "Muchas gracias, qué bonito",
        "Shukriya, bohat acha din tha",
        "Room 101 was fun",
    ],
)
def test_their_kind_twins_stay(text: str) -> None:
    assert judge(text, STORY).outcome is Outcome.KEEP


async def _react(story: Story, key: str) -> str:  # noqa: F811
    response = await story.sam.room_send(
        story.room,
        "m.reaction",
        {"m.relates_to": {"rel_type": "m.annotation", "event_id": story.post, "key": key}},
    )
    assert isinstance(response, nio.RoomSendResponse), response
    return response.event_id


async def test_hostile_reactions_go_in_any_shape_and_kind_ones_stay(story: Story) -> None:  # noqa: F811
    hostile = [await _react(story, key) for key in ("rubbish teacher", "🖕🏽", "👎👎")]
    kind = [await _react(story, key) for key in ("well done!", "👍🏽", "❤️")]
    for event_id in hostile:
        await eventually(lambda e=event_id: is_redacted(story.kim, story.room, e))
    for event_id in kind:
        await story.handled(event_id)
        assert not await is_redacted(story.kim, story.room, event_id)


async def test_skin_tones_and_gender_do_not_disguise_a_hostile_reaction(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    school.edit_config(lambda d: d["policy"].update(hostile_reactions=["👎", "🤦🏻"]))
    tried = await Story(await launch(), matrix, school).setup()
    keys = ("👎🏿", "👎🏽\ufe0f", "🤦", "🤦🏾\u200d♀️", "🤦\u200d♂")
    hostile = [await _react(tried, key) for key in keys]
    kind = [await _react(tried, key) for key in ("👍🏿", "🙋🏾\u200d♀️", "🙌🏽")]
    for event_id in hostile:
        await eventually(lambda e=event_id: is_redacted(tried.kim, tried.room, e))
    for event_id in kind:
        await tried.handled(event_id)
        assert not await is_redacted(tried.kim, tried.room, event_id)


async def test_an_edit_without_new_content_is_removed_with_what_it_edits(story: Story) -> None:  # noqa: F811
    kind = await story.reply(story.sam, "Lovely photos!")
    await story.handled(kind)
    forged = await send_text(
        story.sam,
        story.room,
        "* Miss Reid is a useless cow",
        **{"m.relates_to": {"rel_type": "m.replace", "event_id": kind}},
    )
    await eventually(lambda: is_redacted(story.kim, story.room, forged))
    assert await eventually(lambda: is_redacted(story.kim, story.room, kind))


async def test_a_well_formed_kind_edit_stays(story: Story) -> None:  # noqa: F811
    kind = await story.reply(story.sam, "Lovely photos!")
    edit = await send_text(
        story.sam,
        story.room,
        "* Lovely photos, thank you!",
        **{
            "m.new_content": {"msgtype": "m.text", "body": "Lovely photos, thank you!"},
            "m.relates_to": {"rel_type": "m.replace", "event_id": kind},
        },
    )
    await story.handled(edit)
    assert not await is_redacted(story.kim, story.room, edit)
    assert not await is_redacted(story.kim, story.room, kind)


async def test_a_thread_reply_hiding_abuse_in_a_fake_quote_is_removed(story: Story) -> None:  # noqa: F811
    thread = {"m.relates_to": {"rel_type": "m.thread", "event_id": story.post}}
    html = "<mx-reply>Miss Reid is a useless cow</mx-reply>Lovely!"
    hidden = await send_text(
        story.sam,
        story.room,
        "Lovely!",
        format="org.matrix.custom.html",
        formatted_body=html,
        **thread,
    )
    await eventually(lambda: is_redacted(story.kim, story.room, hidden))
    plain = await send_text(story.sam, story.room, "Lovely!", **thread)
    await story.handled(plain)
    assert not await is_redacted(story.kim, story.room, plain)


async def test_a_reply_to_nothing_is_a_new_post_and_inline_images_are_media(story: Story) -> None:  # noqa: F811
    nowhere = await send_text(
        story.sam,
        story.room,
        "Look at this",
        **{"m.relates_to": {"m.in_reply_to": {"event_id": "$doesnotexist"}}},
    )
    picture = await story.reply(
        story.sam,
        "Look",
        format="org.matrix.custom.html",
        formatted_body='Look <img src="mxc://test.conductbot/abc" alt="photo">',
    )
    for event_id in (nowhere, picture):
        await eventually(lambda e=event_id: is_redacted(story.kim, story.room, e))
    kind = await story.reply(story.sam, "Look how happy they are!")
    await story.handled(kind)
    assert not await is_redacted(story.kim, story.room, kind)
    for event_id in (nowhere, picture):  # no strike: proven once each is handled
        await story.handled(event_id)
    assert await story.bot.store.discipline.strikes(story.sam_person.user_id) == []


async def test_a_join_code_pasted_in_a_story_is_removed_and_stops_working(
    story: Story,  # noqa: F811
    matrix: Matrix,
    school: School,
) -> None:
    code = await issue(story.bot, matrix, school, "Noah")
    leaked = await story.reply(story.sam, f"Anyone need this? {code.lower()} for Noah's mum")
    await eventually(lambda: is_redacted(story.kim, story.room, leaked))
    found = await story.bot.store.codes.find(code)
    assert found is not None and found.used_by is None
    assert found.expires_at <= story.bot.app.clock.iso()  # voided: nobody can redeem it
    teacher = await matrix.client(school.staff["reid"])
    home = await story.bot.room(home_key(school.staff["reid"].user_id))
    await join(teacher, home)

    async def teacher_told() -> bool:
        return any("posted in a class story" in n for n in await notices_in(teacher, home))

    assert await eventually(teacher_told)
    assert await story.bot.store.discipline.strikes(story.sam_person.user_id) == []
    look_alike = await story.reply(story.sam, "Well done KQ7D-MAXR team, brilliant relay!")
    await story.handled(look_alike)
    assert not await is_redacted(story.kim, story.room, look_alike)


async def test_a_flood_of_reactions_comes_down_as_one_incident_and_a_few_stay(
    story: Story,  # noqa: F811
) -> None:
    sent = [await _react(story, f"well done {n}!") for n in range(26)]
    for event_id in sent[20:]:
        await eventually(lambda e=event_id: is_redacted(story.kim, story.room, e))
    for event_id in sent[:20]:
        await story.handled(event_id)
        assert not await is_redacted(story.kim, story.room, event_id)
    for event_id in sent[20:]:  # removed before recorded: one incident, once all are handled
        await story.handled(event_id)
    incidents = await story.bot.store.incidents.of_user(story.sam_person.user_id)
    assert [i.rule for i in incidents] == ["flood"]


def _quoting(story: Story, writer: str, quoted: str, reply: str) -> dict[str, str]:  # noqa: F811
    """A reply's body and HTML with the fallback quote a client would put before it."""
    link = f"https://matrix.to/#/{story.room}/{story.post}"
    html = (
        f'<mx-reply><blockquote><a href="{link}">In reply to</a> '
        f'<a href="https://matrix.to/#/{writer}">{writer}</a><br>{quoted}</blockquote>'
        f"</mx-reply>{reply}"
    )
    return {
        "body": f"> <{writer}> {quoted}\n\n{reply}",
        "format": "org.matrix.custom.html",
        "formatted_body": html,
    }


async def test_a_forged_quote_of_the_teacher_is_removed_and_a_true_one_stays(story: Story) -> None:  # noqa: F811
    reid = story.teacher.user_id
    okafor = story.school.staff["okafor"].user_id
    forged = [
        _quoting(story, reid, "School closes at 1pm today, collect early", "Oh no!"),
        _quoting(story, okafor, "Oak class planted sunflowers 🌻", "Lovely"),  # not who wrote it
    ]
    removed = []
    for content in forged:
        body = content.pop("body")
        removed.append(await story.reply(story.sam, body, **content))
    true = _quoting(story, reid, "Oak class planted sunflowers 🌻", "Lovely!")
    kept = await story.reply(story.sam, true.pop("body"), **true)
    for event_id in removed:
        await eventually(lambda e=event_id: is_redacted(story.kim, story.room, e))
    await story.handled(kept)
    assert not await is_redacted(story.kim, story.room, kept)

    async def told() -> bool:
        notices = await story.home_notices(story.sam_person)
        return sum("quote only what the post" in n for n in notices) == 2

    assert await eventually(told)
    for event_id in removed:  # no strike: proven once each is handled
        await story.handled(event_id)
    assert await story.bot.store.discipline.strikes(story.sam_person.user_id) == []

    # The teacher's edit is what the post says now: a quote of it stays too.
    edit = {
        "m.new_content": {"msgtype": "m.text", "body": "Oak class planted sunflowers and beans"},
        "m.relates_to": {"rel_type": "m.replace", "event_id": story.post},
    }
    edited = await send_text(
        story.teacher, story.room, "* Oak class planted sunflowers and beans", **edit
    )
    await story.handled(edited)
    newer = _quoting(story, reid, "Oak class planted sunflowers and beans", "Well done all!")
    later = await story.reply(story.sam, newer.pop("body"), **newer)
    await story.handled(later)
    assert not await is_redacted(story.kim, story.room, later)
