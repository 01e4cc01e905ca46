"""Word rules written after blind set 32 was reported (docs/figures.md): danger it missed and
kind replies it removed, each beside ordinary twins that share its words. The lines are new,
not set 32's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge
from handlers.relay import Route, route

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

DANGER = [
    # a mother whose partner hurt her, told in passing under the photos
    "Lovely photos. He pushed my head into the wall again last night but I'm ok, bit dizzy.",
    "Sorry I missed it, he slammed my head against the fridge on Sunday and I'm still sore.",
    # a knock to the head, then sick or drowsy: the NHS's signs to go to A&E
    "He fell off his bike and banged his head at teatime, he's been sick twice and is really "
    "drowsy so I'm letting him sleep it off.",
    "She bumped her head on the monkey bars after school and now she's confused and throwing up.",
    # a child who cries when an adult collects her
    "Miss, could she stay in the library on Thursdays? Her uncle has started picking her up and "
    "she cries in the car and says she doesn't like going.",
    # Farsi, a goodbye: "I can't go on any more. From tomorrow his grandmother collects him.
    # Tell him I love him very much." (after the fifth session's retrain read set 32's as kind)
    "خانم معلم، دیگه نمی‌تونم ادامه بدم. از فردا مادربزرگش میاد دنبالش. بهش بگید خیلی دوستش دارم.",
]

ORDINARY = [
    "I put my head round the door at the end and they were all singing, lovely.",
    "He banged his head on the slide at lunch, little bump but he's absolutely fine now.",
    "Her uncle picks her up on Fridays and she loves it, they go to the park for ice cream.",
    "She cried at drop-off this morning because she didn't want to leave the puppy.",
    # Farsi: he can't carry on with swimming, his leg hurts; I can't carry on at this time
    "سلام خانم معلم، آرش دیگر نمی‌تواند به کلاس شنا ادامه بدهد چون پایش درد می‌کند. ممنونم.",
    "من دیگر نمی‌توانم به این کلاس ادامه بدهم، لطفا ساعت را عوض کنید. ممنونم",
]

KIND = [
    "Brilliant photos! My brother's a steeplejack and even he nearly passed out watching 😂",
    "Missed the carols, I was on shift with the air ambulance, but I've watched it ten times!",
    "The fake blood on the Roman soldiers was bloody brilliant, proper battle wounds 😂",
    "Night shift custody sergeant reporting in, this made my week. Well done Year 3!",
    "She says she's allergic to homework, so we'll see about that 😂 lovely photos!",
]

#: Danger beside the harmless phrases: the phrases blank only themselves.
STILL_DANGER = [
    "He nearly passed out in PE and his lips went blue, he's at the hospital now.",
    "She almost fainted and now she's not breathing properly, what do I do",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_set_32_missed_is_urgent(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is Label.URGENT, (context.where, text)
    assert route(judge(text, DM)) is Route.URGENT


@pytest.mark.parametrize("text", ORDINARY)
def test_their_ordinary_twins_are_not_danger(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is not Label.URGENT, (context.where, text)


@pytest.mark.parametrize("text", KIND)
def test_kind_replies_set_32_removed_stay(text: str) -> None:
    verdict = judge(text, STORY, learned=False)
    assert verdict.outcome is not Outcome.REMOVE, verdict.reasons
    assert judge(text, STORY).outcome is not Outcome.REMOVE


@pytest.mark.parametrize("text", STILL_DANGER)
def test_danger_beside_the_harmless_phrases_is_still_urgent(text: str) -> None:
    assert judge(text, DM, learned=False).label is Label.URGENT, text


def test_a_shift_in_the_custody_suite_is_not_violence_or_private() -> None:
    text = (
        "Sorry I was grumpy at pick up, long shift in the custody suite, someone kicking off in "
        "the cells all night. See you tomorrow."
    )
    assert route(judge(text, DM)) is Route.DELIVER
