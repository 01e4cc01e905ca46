"""Word rules written after blind set 23 was reported, each beside the twin it must spare.

Every line here is new (none is a line of set 23). The rules alone are asserted, so each test
fails if its rule is taken out.
"""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

#: (danger, a twin that shares its words)
DANGER = [
    (
        "cant find Leo anywhere at the park, he ran off an hour ago, police called",
        "The police called in to talk to Year 2 about road safety, they loved it",
    ),
    (
        "lol he spilled paint on the carpet so he's getting the belt when his stepdad's home",
        "He's getting the belt at karate on Saturday after his grading, so proud",
    ),
]


@pytest.mark.parametrize(("danger", "twin"), DANGER)
@pytest.mark.parametrize("context", [DM, STORY], ids=["dm", "story"])
def test_danger_is_urgent_to_the_word_rules_and_its_twin_is_not(
    danger: str, twin: str, context: JudgeContext
) -> None:
    assert judge(danger, context, learned=False).label is Label.URGENT
    assert judge(twin, context, learned=False).label is not Label.URGENT


def test_a_joked_threat_at_the_teachers_car_is_abuse_and_a_note_is_not() -> None:
    threat = "jk but if he's not in the team ill be waitin by ur car with a brick 😂"
    assert judge(threat, DM, learned=False).label is Label.ABUSIVE
    kind = "Left the costume bag by ur car with a note, hope that's ok"
    assert judge(kind, DM, learned=False).label is not Label.ABUSIVE


#: Insults in Albanian, Hungarian, Polish, Turkish and Romanian are diverted; thanks in the
#: same languages are not.
OTHER_LANGUAGES = [
    ("Je një mësuese pa shpirt dhe pa mend", "Faleminderit shumë për ekskursionin, mësuese!"),
    ("Maga egy buta, gonosz nőszemély", "Köszönjük szépen a kirándulást, tanárnő!"),
    ("Jest pani wredną babą i tyle", "Dziękuję bardzo pani za wycieczkę!"),
    ("Siz öğretmen değil, zalimsiniz", "Çok teşekkürler öğretmenim!"),
    ("Sunteți o incompetentă și o mincinoasă", "Vă mulțumim frumos pentru excursie!"),
]


@pytest.mark.parametrize(("hostile", "kind"), OTHER_LANGUAGES)
def test_insults_in_other_languages_are_diverted_and_thanks_are_not(
    hostile: str, kind: str
) -> None:
    found = judge(hostile, DM, learned=False)
    assert found.label is Label.ABUSIVE and found.outcome is Outcome.REMOVE, found
    assert judge(kind, DM, learned=False).label is not Label.ABUSIVE
