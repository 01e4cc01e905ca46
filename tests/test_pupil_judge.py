"""The judge's `pupil` context: a pupil's own post in their portfolio, read as a child's
(kind, on topic, no personal information). Pure: no server, one model load shared by all."""

from __future__ import annotations

import pytest

from bot.judge import PUPIL, JudgeContext, Label, Outcome, Verdict, judge

AMELIA = JudgeContext(
    where=PUPIL,
    pupil_names=frozenset({"Amelia", "Oliver", "Theo", "Isla"}),
    staff_names=frozenset({"Miss Reid", "Reid"}),
    author_children=frozenset({"Amelia"}),
    full_names=frozenset({"Oliver Bennett", "Theo Clarke", "Isla Khan"}),
)


def _judged(text: str) -> Verdict:
    return judge(text, AMELIA)


@pytest.mark.parametrize(
    "text",
    [
        "I drew a tiger with orange and black stripes",
        "My volcano exploded and the lava went everywhere!",
        "The dragon killed the knight and burned the castle down",
        "Here is my story about the haunted house, it is really scary",
        "Oliver, look at my volcano!",
        "I finished my times tables, it was hard but I did it",
    ],
)
def test_kind_work_is_kept_scary_words_and_all(text: str) -> None:
    verdict = _judged(text)
    assert (verdict.outcome, verdict.label) == (Outcome.KEEP, Label.OK), verdict


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("my number is 07700 900123", "UK phone number"),
        ("I live at 12 Oak Road, Leamington CV31 1AB", "UK postcode"),
        ("Oliver Bennett helped me with my tiger", "another pupil's full name (Oliver …)"),
        ("I worked with oliver bennett on the poster", "another pupil's full name"),
        ("add me on roblox my username is tigergirl", "a social media or game account"),
        ("my password is tiger123", "a password"),
        ("meet me at the park after school at 4", "arranging to meet"),
        ("mum picks me up at 3:15", "when or where they can be found"),
        ("my snapchat is amelia_h", "a social media or game account"),
        ("my minecraft name is tiger9", "a social media or game account"),
        ("follow @tigergirl for more", "an @ handle"),
        ("I walk home on my own after school", "when or where they can be found"),
    ],
)
def test_personal_information_is_held_with_a_reason(text: str, reason: str) -> None:
    verdict = _judged(text)
    assert (verdict.outcome, verdict.label) == (Outcome.REMOVE, Label.SENSITIVE), verdict
    assert any(reason in why for why in verdict.reasons), verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "I built my house in Minecraft, it has a moat",
        "My favourite YouTube video is about volcanoes",
        "It was lovely to meet you, Mr Fox! Love from Amelia",
        "We had a party at my house on Saturday and it was fun",
        "I did my homework @home",
    ],
)
def test_work_that_mentions_a_game_a_meeting_or_home_is_not_private(text: str) -> None:
    # the personal information rules name the detail (an account, a plan to meet), not the
    # things a child writes about in their work
    verdict = _judged(text)
    assert (verdict.outcome, verdict.label) == (Outcome.KEEP, Label.OK), verdict


def test_a_pupils_own_full_name_is_theirs_to_write() -> None:
    # the handler leaves the writer out of `full_names`; a first name alone is never held
    assert _judged("Amelia Hughes drew this tiger").outcome is Outcome.KEEP
    assert _judged("Oliver helped me with my tiger").outcome is Outcome.KEEP


@pytest.mark.parametrize(
    "text", ["Oliver is rubbish at drawing, his tiger is stupid", "you are so stupid"]
)
def test_unkind_words_about_someone_go_to_the_teacher(text: str) -> None:
    verdict = _judged(text)
    assert (verdict.outcome, verdict.label) == (Outcome.REMOVE, Label.NEGATIVE), verdict


@pytest.mark.parametrize(
    "text",
    [
        "My drawing is rubbish, I hate it",
        "this homework is too hard and not fair",
        "I am sad today because my hamster died",
        "my mum is in hospital so my nan is looking after me",
    ],
)
def test_a_childs_own_worry_stays_and_a_teacher_is_asked(text: str) -> None:
    verdict = _judged(text)
    assert verdict.outcome is Outcome.ASK, verdict
    assert verdict.reasons[0].startswith("a child's own"), verdict.reasons
    # the same words in a class story are hidden (removed, or held for a teacher, where a
    # pupil's post stays while the teacher reads it): the pupil context is what keeps them
    assert judge(text, JudgeContext(where="story")).outcome is not Outcome.KEEP


def test_danger_words_are_urgent() -> None:
    verdict = _judged("my dad hits me when mum is at work and i am scared to go home")
    assert (verdict.label, verdict.outcome) == (Label.URGENT, Outcome.REMOVE), verdict


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("https://www.youtube.com/watch?v=abc123", "only a link"),
        ("Oliver do you want to play minecraft later", "chat to another pupil (Oliver)"),
    ],
)
def test_plainly_not_schoolwork_is_asked_about_never_removed(text: str, reason: str) -> None:
    verdict = _judged(text)
    assert (verdict.label, verdict.outcome, verdict.reasons) == (
        Label.OFF_TOPIC,
        Outcome.ASK,
        (reason,),
    )
    # a link inside a sentence about the work is on topic
    assert _judged("Look at my volcano www.example.com/volcano it is cool").outcome is (
        Outcome.KEEP
    )


def test_pupil_is_a_context_and_others_are_refused() -> None:
    with pytest.raises(ValueError, match="'story', 'dm' or 'pupil'"):
        JudgeContext(where="portfolio")  # type: ignore[arg-type]
