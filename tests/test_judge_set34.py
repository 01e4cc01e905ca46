"""Word rules written after blind set 34 was reported (docs/figures.md): its two story danger
replies that were missed (a stranger in a van trying to get two girls into it, kept in the
story; a Somali plea that a child cannot breathe, removed as private) and its kind replies
removed for an antique dealer's "dealer", each beside twins in the same words. The lines are
new, not set 34's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

DANGER = [
    "Great show! Off topic but a man in a grey van tried to get two of the Year 4 boys into it "
    "by the shop yesterday, and he knew their names.",
    "Some bloke in a silver car tried to talk our Jake into getting in it outside the chippy.",
    "A woman in a red car tried to get Mia into her car at the park gate this morning.",
    # Somali: please help, my son can't get a breath, I called the ambulance
    "Macallimad fadlan i caawi! Wiilkayga neef ma heli karo, ambalaas ayaan u yeeray.",
    # Somali: her lips turned blue
    "Gabadhayda bushimaheedu waxay noqdeen buluug, maxaan sameeyaa?",
    "His dad's dealer comes to the house when the kids are in bed.",
]

THEIR_TWINS = [
    "Tried to get the kids into the car for the trip and it took an hour 😂 lovely photos!",
    "A man from the garage tried to get the car into the bay and failed, so we were late.",
    "Antique dealer here, I'd happily have put a price ticket on that Victorian washboard 😂",
    "Car dealer by trade, and I've never seen a better-run raffle. Well done the PTA!",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_set_34_missed_is_urgent(text: str) -> None:
    for context in (DM, STORY):
        verdict = judge(text, context, learned=False)
        assert verdict.label is Label.URGENT, (context.where, verdict)
    assert judge(text, STORY).outcome is Outcome.REMOVE


@pytest.mark.parametrize("text", THEIR_TWINS)
def test_their_ordinary_twins_are_not_danger(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is not Label.URGENT, (context.where, text)
    assert judge(text, STORY).outcome is not Outcome.REMOVE, text
