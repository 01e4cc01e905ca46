"""Changes made after blind set 40 was reported (docs/judge-set40-errors.md), each beside twins:
three danger replies in a class story were read as merely private, hidden for a teacher with
no lead alerted: a stranger at the gate who offered a child a lift, a fist put through a door
at home, and a code-mixed Urdu beating with a belt. The lines are new, not the set's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge

STORY = JudgeContext(where="story")

DANGER = [
    "Lovely photos from the bake sale. Sorry we missed it, Jade's dad came home drunk and put "
    "his fist through the bedroom door, we're at my mum's for now x",
    "Great pics! He punched his fist through the kitchen window last night and the kids saw it "
    "all, we're staying at my sister's",
    "Lovely photos! Bit worried, a man I've never seen before was at the gate offering my Ava a "
    "lift home and he knew her name.",
    "Gorgeous assembly. A bloke who's been hanging round the park offered our Kai a lift "
    "yesterday, I've told the police",
    "Great pics miss. Amir ke abbu ne usko belt se maara kal, mujhe bohat dar lag raha hai",
]

TWINS = [
    "My fella nearly put his fist through the telly when England lost, Ollie's assembly cheered "
    "him up 😂",
    "Ty's coach offered him a lift home after training, so kind, he loved the match photos",
    "A lovely lady from the choir offered us all a lift to the concert, thank you!",
    "Grandad offered the whole team a lift in his minibus, they sang all the way home 😂",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_told_beside_kind_words_takes_the_urgent_path(text: str) -> None:
    verdict = judge(text, STORY)
    assert verdict.label is Label.URGENT and verdict.outcome is Outcome.REMOVE, verdict


@pytest.mark.parametrize("text", TWINS)
def test_a_lift_from_someone_known_or_a_fist_nearly_through_the_telly_is_kind(text: str) -> None:
    verdict = judge(text, STORY)
    assert verdict.label is not Label.URGENT, verdict
    assert verdict.outcome is not Outcome.REMOVE, verdict
