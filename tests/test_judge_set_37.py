"""Changes made after blind set 37 was reported (docs/figures.md), each beside twins: its kind
story replies removed as danger for the writer's own work with knives or guns (a chef, a
butcher), which are now hidden for a teacher with a lead asked to read them when the learned
tier reads no danger; "water pistols", which the plural weapon words of set 36's review had
caught; shooting as a sport (a gun club, a clay shoot, out with the guns for pheasant),
"pure medicine" of photos, and a nurse's or a doctor's own job, which are kind. The lines are
new, not the set's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge

STORY = JudgeContext(where="story")

OWN_WORK = [
    "I'm a fishmonger so I'm around knives all day, and those clay fish they made are better "
    "than my display",
    "As a chef I've got knives everywhere at work, but the fruit salad the class made looked "
    "amazing",
    "My whole job is knives and blades at the abattoir, still couldn't make a collage that "
    "tidy, well done all",
]

# Danger in the same words: the tier reads it, or someone else is named beside the weapon.
DANGER = [
    "I found a knife in my son's school bag this morning, I don't know where he got it",
    "My ex has a knife and he said he's coming to the school today",
    "I'm scared, my partner has a gun in the house and I can't leave",
]


@pytest.mark.parametrize("text", OWN_WORK)
def test_the_writer_s_own_knives_are_hidden_for_a_teacher_not_removed(text: str) -> None:
    assert judge(text, STORY, learned=False).outcome is Outcome.REMOVE  # the words alone
    verdict = judge(text, STORY)
    assert verdict.label is Label.URGENT and verdict.outcome is Outcome.ASK, verdict
    assert verdict.doubt == "a weapon"  # a lead is asked to read it, the family not alarmed


@pytest.mark.parametrize("text", DANGER)
def test_danger_with_a_weapon_is_still_removed(text: str) -> None:
    verdict = judge(text, STORY)
    assert verdict.label is Label.URGENT and verdict.outcome is Outcome.REMOVE, verdict
    assert verdict.doubt is None


def test_water_pistols_are_no_weapon() -> None:
    text = "I'm bringing the big water pistols to the summer fair, watch out teachers 😂"
    assert judge(text, STORY, learned=False).label is not Label.URGENT


#: Shooting as a sport and medicine as a figure of speech, kind to the word rules too; and
#: their twins, danger or private news in the same words.
SPORT_AND_FIGURES = [
    "Lovely pics. I'm off with the gun club to a clay shoot on Saturday so Nana's doing pick up 👍",
    "Out with the guns at dawn for pheasant and never hit one, Evie's bird painting beats me 😄",
    "Nurse mum here. After the week I've had, these photos are pure medicine. Thank you",
    "Laughter is the best medicine and this video of the class dancing is exactly that 😂",
    "The twins fought all the way to school over who called shotgun 😂 lovely photos",
    "As a nurse I loved seeing them learn to wash their hands properly, great lesson",
]
SPORT_AND_FIGURES_TWINS = [
    ("My ex brought his rifle home from the gun club and he's been waving it about", "urgent"),
    (
        "Dad keeps two rifles and a shotgun under the bed and Jayden showed them to friends",
        "urgent",
    ),
    ("Ruby's new medicine is in her bag, 5ml at lunch please, it's for her epilepsy", "sensitive"),
    (
        "The nurse said Ruby has to stay off until the rash goes, she's gutted to miss it",
        "sensitive",
    ),
]


@pytest.mark.parametrize("text", SPORT_AND_FIGURES)
def test_shooting_as_a_sport_and_medicine_as_a_figure_are_kind(text: str) -> None:
    assert judge(text, STORY, learned=False).outcome is Outcome.KEEP
    assert judge(text, STORY).outcome is Outcome.KEEP


@pytest.mark.parametrize(("text", "label"), SPORT_AND_FIGURES_TWINS)
def test_their_twins_are_still_danger_or_private(text: str, label: str) -> None:
    verdict = judge(text, STORY, learned=False)
    assert verdict.label.value == label and verdict.outcome is not Outcome.KEEP, verdict
