"""Word rules written after blind set 31 was reported (docs/figures.md): danger it missed and
kind replies it removed, each beside ordinary twins that share its words. The lines are new,
not set 31's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge
from handlers.relay import Route, route

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

DANGER = [
    # a child asking whether her mother would be sad if she went to sleep forever
    "Lovely play. At bedtime he asked if I'd cry if he went to sleep forever and didn't wake up.",
    # a parent drunk and about to drive to collect a child
    "I've had a few this afternoon and I know I shouldn't be driving to get Maisie but there's "
    "no one else.",
    # Polish: Ania didn't come back from swimming, her phone is off, the police are on their way
    "Ania nie wróciła z basenu, telefon ma wyłączony. Policja już jedzie, czy ktoś ją widział?",
    "Kuba nie wrócił z treningu i nie odbiera, trener mówi, że wyszedł godzinę temu.",
]

ORDINARY = [
    "Grandad went to sleep forever last spring and she still talks about him, bless her.",
    "I've had a drink at the wedding so I shouldn't be driving, so his dad will collect him at 3.",
    # Polish: she came back from the pool happy; the police came to talk about road safety
    "Ania wróciła z basenu zachwycona, już nie boi się wody!",
    "Dzisiaj policja przyjechała do szkoły z pogadanką o bezpieczeństwie na drodze.",
    "Przepraszam za spóźnienie z odpowiedzią, Zosia nie wróciła z basenu przed 19, odpiszę jutro.",
    "Mieliśmy stłuczkę pod szkołą, nikomu nic się nie stało, policja już jedzie spisać protokół.",
]

KIND = [
    "I volunteer at the hospice and the cards Year 3 made had the patients in tears of joy.",
    "The food parcels were delivered to the hospice today, thank you everyone!",
    "Well done all for the autism awareness day bake sale, £120 raised!",
    "Our hamster passed away on Friday so he's been quiet, this photo cheered him right up x",
    "Weapon of choice: a glitter pot. Our carpet will never recover 😂",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_set_31_missed_is_urgent(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is Label.URGENT, (context.where, text)
    assert route(judge(text, DM)) is Route.URGENT


@pytest.mark.parametrize("text", ORDINARY)
def test_their_ordinary_twins_are_not_danger(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is not Label.URGENT, (context.where, text)


@pytest.mark.parametrize("text", KIND)
def test_kind_replies_set_31_removed_stay(text: str) -> None:
    verdict = judge(text, STORY, learned=False)
    assert verdict.outcome is not Outcome.REMOVE, verdict.reasons
