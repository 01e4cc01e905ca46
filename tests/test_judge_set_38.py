"""Changes made after blind set 38 was reported (docs/judge-set38-errors.md), each beside twins:
a threat to the teacher in a private message was let through as reported speech when another
sentence accused the teacher ("Tommy says you shouted at him. … I can still sort you out") or
passed on a threat ("mum says if you keep him in again we're all coming up the school"). What
a child says, and a threat a child heard, are still reports, and go to the teacher as a worry.
The lines are new, not the set's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, judge
from handlers.relay import Route, route

DM = JudgeContext(where="dm")

THREATS = [
    "Harvey says you shouted at him again. I'm 70 but I can still sort you out. Don't forget it",
    "Our Kayla said you made her stand in the corridor. I will sort you out, believe me.",
    "Harvey says that you shouted at him again. I'm 70 but I can still sort you out.",
    "Mum says if you keep her in at break again we're all coming in and your getting it. all of us",
]

# Reports of what a child said or heard: worries for the teacher, not abuse.
REPORTS = [
    "My son says a boy in Year 6 shouted that he'd sort him out after school. Please can you "
    "keep an eye on it?",
    "Jake says the big boys told him they will sort you out if you tell. He's frightened.",
    "Ella says you shouted at the class today and she was upset. Could we have a quick word?",
    "Mia says you told her off for talking, fair enough, she does chatter!",
]

# "getting it" that is no threat (a rule for "and you're getting it" at a clause's end was
# tried after set 38 and dropped: it sent the first two lines here to SLT)
GETTING_IT = [
    "The money is sorted and you're getting it.",
    "The reading record is in his bag and you're getting it, promise.",
    "I've signed the trip form and you're getting it back on Monday with the money.",
    "His reading was slow all term but he's finally getting it, thank you so much!",
    "Sorry, the form is in his bag and you are getting it tomorrow, promise.",
]


@pytest.mark.parametrize("text", THREATS)
def test_a_threat_beside_an_accusation_or_passed_on_goes_to_slt(text: str) -> None:
    verdict = judge(text, DM)
    assert verdict.label is Label.ABUSIVE, verdict
    assert route(verdict) is Route.DIVERT


@pytest.mark.parametrize("text", REPORTS)
def test_what_a_child_said_or_heard_reaches_the_teacher(text: str) -> None:
    verdict = judge(text, DM)
    assert verdict.label is not Label.ABUSIVE, verdict
    assert route(verdict) is not Route.DIVERT


@pytest.mark.parametrize("text", GETTING_IT)
def test_getting_it_back_or_getting_the_hang_of_it_is_no_threat(text: str) -> None:
    verdict = judge(text, DM)
    assert verdict.label is not Label.ABUSIVE, verdict
