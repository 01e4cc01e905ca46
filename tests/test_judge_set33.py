"""Word rules written after blind set 33 was reported (docs/figures.md): kind replies it
removed for naming the writer's own trade's knives or guns, beside danger in the same words.
The lines are new, not set 33's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge

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
