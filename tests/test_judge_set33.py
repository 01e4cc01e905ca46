"""Word rules written after blind set 33 was reported (docs/figures.md): kind replies it
removed for naming the writer's own trade's knives or guns, beside danger in the same words;
danger it sent to a teacher (a fall, then sick and drowsy; a drunk adult with the car keys
collecting a child) and a threat it delivered (a film of the teacher, "or it goes on
Facebook"), each beside ordinary twins. The lines are new, not set 33's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge
from handlers.relay import Route, route

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

KIND = [
    "Butcher by trade so I work with knives all day, and I still couldn't ice a bun like that!",
    "Knives are my day job (sushi chef) but the fruit kebabs were a proper work of art 😂",
    "My sister does the knife act at the winter circus and even she said the juggling was ace.",
    "I'm up on the hill with the guns most Saturdays, so thanks for the photos of the bird hide!",
    "Keeper on the estate, guns, rods and dogs all week, never seen kids so patient at the pond.",
]

DANGER = [
    "Lovely photos. Her dad said he'd put a knife in me if I take her to my mum's.",
    "Great pics. My ex keeps guns in the house and said he'd use one if I leave.",
    "Fab day. A lad at the bus stop pulled a knife on Jamie on the way home.",
]


@pytest.mark.parametrize("text", KIND)
def test_kind_replies_naming_the_writers_trade_stay(text: str) -> None:
    assert judge(text, STORY, learned=False).label is not Label.URGENT, text
    assert judge(text, STORY).outcome is not Outcome.REMOVE, text


@pytest.mark.parametrize("text", DANGER)
def test_knives_and_guns_that_threaten_are_still_danger(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is Label.URGENT, (context.where, text)


MISSED = [
    "Lovely photos. Ruby fell off the climbing frame after school, she's been sick twice since "
    "and now she's so sleepy she can't keep her eyes open.",
    "Lovely pics. FYI Leo's uncle is doing the school run today and he's wasted, can hardly "
    "stand up, and he's got the car keys.",
]

THEIR_TWINS = [
    "She fell off the trampoline, bit of a graze, but she's fine and really sleepy after a big "
    "day!",
    "He fell off his bike on Saturday and was sick in the car on the way to Nan's, travel sick as "
    "usual, he's fine.",
    "What a wedding, we were all steaming so I gave my sister the car keys 😂 lovely photos!",
]


@pytest.mark.parametrize("text", MISSED)
def test_danger_set_33_sent_to_a_teacher_is_urgent(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is Label.URGENT, (context.where, text)
    assert route(judge(text, DM)) is Route.URGENT


@pytest.mark.parametrize("text", THEIR_TWINS)
def test_their_ordinary_twins_are_not_danger(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is not Label.URGENT, (context.where, text)


def test_a_film_of_the_teacher_held_over_them_with_a_deadline_goes_to_slt() -> None:
    threat = (
        "There's a clip of you yelling at the Year 4s in the hall. Give Maya her golden time back "
        "by Monday or it goes on Facebook, tagged."
    )
    assert route(judge(threat, DM)) is Route.DIVERT
    for ordinary in (
        "I've got a video of you dancing at the disco 😂 send me your email by Friday or it goes "
        "on the class WhatsApp!",
        "I recorded the assembly, can I send the video to you by Friday or does it go through "
        "the office?",
    ):
        assert route(judge(ordinary, DM)) is Route.DELIVER, ordinary
