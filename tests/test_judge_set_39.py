"""Changes made after blind set 39 was reported (docs/judge-set39-errors.md), each beside twins.

A kind class-story reply whose only danger is a weapon in someone else's hands (a relative's
trade) is asked about, not removed, when the learned tier reads almost no danger (below 0.1;
"My uncle grinds knives for the restaurants in town … 😅" reads 0.14 and is still removed);
danger with someone else's weapon is still removed. In private messages, a threat that the
teacher will leave "in an ambulance", a visit to the teacher's own door, a photo held over the
teacher for money, and an Albanian "I know where you park your car" go to SLT. The lines are
new, not the set's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge
from handlers.relay import Route, route

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

TRADES = [
    "My brother's a firearms officer and even he said the assembly was nerve-racking 😂 well "
    "done all",
    "Her grandad was a gamekeeper for forty years so she knows her guns from her pheasants, loved "
    "the nature trail pics!",
    "My dad's a butcher so Ava's seen plenty of knives, but she's never been this proud of a "
    "fruit salad 😂",
]

DANGER = [
    "Lovely photos. My brother-in-law keeps a weapons collection in the loft and the kids have "
    "been up there",
    "Nice one miss. My ex turned up with a knife last night so Jayden might be tired",
    "Lovely photos! Her uncle's a gamekeeper and keeps his guns in the kitchen where the kids "
    "can reach them",
]

THREATS = [
    "Touch my daughter's bag again and you'll be going home in an ambulance. Simple as that.",
    "You keep picking on him and you'll be leaving that school in a box, mark my words",
    "Ring her again about his behaviour and it'll be me knocking on your front door, and I don't "
    "mean the classroom one.",
    "Got pictures of you smoking round the back of the hall. £150 in cash and they disappear. "
    "Otherwise the governors would love to see them.",
    "E di ku e parkon makinën tënde. Kujdes çfarë i thua djalit tim.",
]

TWINS = [
    "Careful at the staff netball, we don't want you going home in an ambulance 😂",
    "I'll be knocking on your door at half 3 with the cakes for the sale, don't worry I mean the "
    "classroom one!",
    "I took some lovely photos of you and the class at the fair, happy to print them for £2 each "
    "for the PTA",
    "Përshëndetje, a e dini ku e parkon autobusi të premten? Faleminderit!",
    "Nuk e di ku e parkon makinën babai i tij, ju lutem më telefononi.",
]


@pytest.mark.parametrize("text", TRADES)
def test_a_relatives_trade_with_weapons_is_asked_about_not_removed(text: str) -> None:
    verdict = judge(text, STORY)
    assert verdict.outcome is not Outcome.REMOVE, verdict


@pytest.mark.parametrize("text", DANGER)
def test_danger_with_someone_elses_weapon_is_still_removed_as_urgent(text: str) -> None:
    verdict = judge(text, STORY)
    assert verdict.label is Label.URGENT and verdict.outcome is Outcome.REMOVE, verdict


@pytest.mark.parametrize("text", THREATS)
def test_the_teacher_hurt_visited_or_blackmailed_goes_to_slt(text: str) -> None:
    verdict = judge(text, DM)
    assert verdict.label is Label.ABUSIVE, verdict
    assert route(verdict) is Route.DIVERT


@pytest.mark.parametrize("text", TWINS)
def test_jokes_cakes_photos_and_a_coach_park_are_no_threat(text: str) -> None:
    verdict = judge(text, DM)
    assert verdict.label is not Label.ABUSIVE, verdict
    assert route(verdict) is not Route.DIVERT
