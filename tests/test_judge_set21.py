"""Word rules written after blind set 21 was reported, each beside the twin it must spare.

Every line here is new (none is a line of set 21): the forms set 21 showed, in other words.
The rules alone are asserted, so each test fails if its rule is taken out.
"""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge
from handlers.relay import Route, route

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story", pupil_names=frozenset({"Ava", "Ben", "Poppy"}))

#: (danger told to the teacher, a twin that shares its words)
DANGER = [
    (
        "His stepdad says if I'm late back again he'll break my arm like last time",
        "I'll break my neck on those icy steps one day, could we use the side gate?",
    ),
    (
        "She asked me tonight whether it would hurt to jump off the top of the car park",
        "She jumped off the top of the climbing frame at the park and was fine, just a bruise",
    ),
    (
        "He flinches every time his stepdad raises his voice, even over nothing",
        "Not one of them flinched when the fire alarm went off, so calm",
    ),
]


@pytest.mark.parametrize(("danger", "twin"), DANGER)
def test_danger_is_urgent_to_the_word_rules_and_its_twin_is_not(danger: str, twin: str) -> None:
    assert judge(danger, DM, learned=False).label is Label.URGENT
    assert judge(twin, DM, learned=False).label is not Label.URGENT


#: (a veiled threat to the teacher, a twin that shares its words)
THREATS = [
    (
        "Lovely term! My husband's read your notes about Ben. I'd lock your car tonight if I "
        "were you x",
        "Lovely term! Remember to lock your car, there have been break-ins on Elm Road x",
    ),
    (
        "If he's not on the star chart by Friday I'll let myself into yours and put him on it",
        "I'll let myself into the hall early to set up the cake stall if that's ok",
    ),
    (
        "You upset my daughter. Consider this the only polite message you'll get from me.",
        "Thanks for the polite message about the uniform, I'll sort it this weekend.",
    ),
]


@pytest.mark.parametrize(("threat", "twin"), THREATS)
def test_a_veiled_threat_is_abuse_and_its_twin_is_not(threat: str, twin: str) -> None:
    assert judge(threat, DM, learned=False).label is Label.ABUSIVE
    assert judge(twin, DM, learned=False).label is not Label.ABUSIVE


#: Kind story replies in the words of a rule: a charity, a favourite thing, things compared,
#: a hill that nearly finished the writer off, a cry for help laughed off in Polish.
KIND = [
    "Well done everyone, over £300 raised for the hospice! 💜",
    "Are the tins going to the food bank on Monday? Happy to send a few more in",
    "Thank you to whoever found Poppy's cardigan, it's her favourite",
    "That bridge of theirs held more weight than some shelves I've put up 😂",
    "I thought I was going to die on that hill but they flew up it, well done all",
    "Super dzień! Kuba buduje w domu wulkan z sody. Ratunku 😂",
]


@pytest.mark.parametrize("text", KIND)
def test_a_kind_reply_in_a_rules_words_is_kept(text: str) -> None:
    verdict = judge(text, STORY, learned=False)
    assert verdict.outcome is Outcome.KEEP, verdict


#: The replies those rules still act on: a family's own hardship, favouritism, children
#: compared, a cry for help in earnest.
STILL_ACTED_ON = [
    ("We've had to use the food bank since he lost his job, sorry we missed the sale", "sensitive"),
    ("Miss clearly has her favourites, the same kids every single time", "comparison"),
    ("Ava's was way better than some of the others, let's be honest", "comparison"),
    ("Pomocy, ratunku, on ma nóż i stoi pod drzwiami", "urgent"),
]


@pytest.mark.parametrize(("text", "label"), STILL_ACTED_ON)
def test_the_twins_of_those_replies_are_still_acted_on(text: str, label: str) -> None:
    verdict = judge(text, STORY, learned=False)
    assert verdict.outcome is not Outcome.KEEP and verdict.label == label, verdict


#: (a story reply that should go, a kind twin that shares its words)
SNIPING = [
    (
        "Bless them, not the brightest bunch this year but lovely manners",
        "Not the brightest day for it weather-wise, but they loved every minute",
    ),
]


@pytest.mark.parametrize(("sniping", "twin"), SNIPING)
def test_sniping_is_not_kept_and_its_twin_is(sniping: str, twin: str) -> None:
    assert judge(sniping, STORY, learned=False).outcome is not Outcome.KEEP
    assert judge(twin, STORY, learned=False).outcome is Outcome.KEEP


def test_a_worry_about_other_children_is_delivered_and_a_complaint_about_it_is_not() -> None:
    """What other children said or did is a worry: the learned tier must be surer before it
    reads one as a complaint (`rules.PEER_TROUBLE`); a grievance about the school still goes
    with the office's address."""
    worry = "Her friends said she couldn't sit with them at lunch and she was really upset"
    assert route(judge(worry, DM)) is Route.DELIVER
    grievance = "I'm not happy that the girls wouldn't let her join in all week and nobody told me."
    assert route(judge(grievance, DM)) is Route.OFFICE


#: Found by a review of those rules: danger in their words that must stay danger, and
#: ordinary messages in their words that must not be read as danger or abuse.
STILL_DANGER = [
    "He was strangling me, I thought I was going to die halfway through it.",
    "The flinching is getting worse since her mum's new boyfriend moved in.",
    "Kuba buduje wulkan. Ratunku 😂 Ale Ola zniknęła, nikt jej nie widział od rana",
    "On ma nóż 😅 i stoi pod drzwiami, pomocy",
    "She's not come home from the park and her phone's off, it's gone ten",
]
NOT_DANGER = [
    "She flinched at the flu spray, poor thing, but she was brave after",
    "He said he'd break my arm if I didn't let him have the last biscuit, cheeky monkey 😂",
    "The kids jumped off the top of the car park wall onto the grass, all fine!",
    "His mobile has been off since the residential started, please ring me if he needs anything",
    "Meri behan ki shadi karwai ja rahi hai, woh 25 saal ki hai, hum Friday ko chutti par honge",
    "Zgubiła telefon i nikt nie wie, gdzie on jest, może jest w szatni?",
]
NOT_ABUSE = [
    "Thanks for the key Miss, I'll let myself into your house to water the plants as agreed.",
    "That's the only polite message you'll get from Amelia, she's moaned about homework all night",
    "There have been thefts from cars outside school this week, I'd lock your car if I were you.",
]


@pytest.mark.parametrize("text", STILL_DANGER)
def test_danger_in_the_words_of_a_narrowed_rule_is_still_danger(text: str) -> None:
    assert judge(text, DM, learned=False).label is Label.URGENT


@pytest.mark.parametrize("text", NOT_DANGER)
def test_an_ordinary_message_in_a_danger_rules_words_is_not_danger(text: str) -> None:
    assert judge(text, DM, learned=False).label is not Label.URGENT


@pytest.mark.parametrize("text", NOT_ABUSE)
def test_an_ordinary_message_in_a_threat_rules_words_is_not_abuse(text: str) -> None:
    assert judge(text, DM, learned=False).label is not Label.ABUSIVE


def test_favouritism_and_hardship_are_still_read_in_the_words_of_their_exceptions() -> None:
    for text in ("Mrs Jones has her favourite and it's never my son.", "Poppy is her favourite."):
        assert judge(text, STORY, learned=False).label is Label.COMPARISON, text
    hardship = "Thank you for the food bank vouchers, they got us through half term."
    assert judge(hardship, STORY, learned=False).label is Label.SENSITIVE
    mine = "I'm not the sharpest tool in the box with fractions, could you send the method home?"
    assert judge(mine, STORY, learned=False).outcome is Outcome.KEEP
