"""Word rules written after blind sets 22 and 23 were reported, each beside the twin it must
spare.

Every line here is new (none is a line of set 22 or 23). The rules alone are asserted, so each test
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
        "He'll be quiet today, his stepdad held him under the water in the bath for answering back",
        "He held her under the arms in the pool so she could float, lovely lesson",
    ),
    (
        "Can she have breakfast club? No electric or food since Friday, her mum's not been home "
        "since then and it's just her and her sister in the house",
        "It's just her and her sister in the house this morning while I pop to the chemist",
    ),
    (
        "He told his friend the railway bridge by the Co-op is the easy way out and he knows "
        "when nobody's watching",
        "We cross the railway bridge by the Co-op, it's the easy way round to school",
    ),
    (
        "Please ring me, a man came into the boys' tent in the night at camp and wouldn't leave",
        "A leader came into the boys' tent at night to check the zips, they thought it was great",
    ),
    (
        "His uncle was steaming drunk at the gate this morning with a baseball bat",
        "His uncle brought a baseball bat signed by the whole team to the fair, what a prize",
    ),
    # set 23
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


#: (a threat to the teacher, a twin that shares its words)
THREATS = [
    (
        "Looked up your address btw, lovely street. Might pop round to discuss the detention x",
        "Our address has changed, I'll pop round with the new form tomorrow",
    ),
    (
        "Keep her in at break again and I'll be round your house with lighter fluid, only joking",
        "Happy to drop the lighter fluid for the bonfire stall round to school tomorrow",
    ),
    # set 23
    (
        "jk but if he's not in the team ill be waitin by ur car with a brick 😂",
        "Left the costume bag by ur car with a note, hope that's ok",
    ),
]


@pytest.mark.parametrize(("threat", "twin"), THREATS)
def test_a_threat_to_the_teachers_home_is_abuse_and_its_twin_is_not(threat: str, twin: str) -> None:
    assert judge(threat, DM, learned=False).label is Label.ABUSIVE
    assert judge(twin, DM, learned=False).label is not Label.ABUSIVE


#: Insults and threats in other languages are diverted; kind words in the same languages are
#: not.
OTHER_LANGUAGES = [
    (
        "Rwyt ti'n hen ast, a dw i'n gwybod lle ti'n byw",
        "Diolch yn fawr am y daith, roedd hi'n hwyl",
    ),
    ("Siz tam bir ahmaksınız, o zaman görürsünüz", "Çok teşekkürler öğretmenim, harika bir gezi"),
    ("老师你真是没脑子，你自己看着办", "谢谢老师，孩子很喜欢这次郊游"),
    ("Jūs esate bjauri ir kvaila moteris", "Labai ačiū už nuostabią ekskursiją"),
    # set 23: Albanian, Hungarian, Polish, Turkish, Romanian
    ("Je një mësuese pa shpirt dhe pa mend", "Faleminderit shumë për ekskursionin, mësuese!"),
    ("Maga egy buta, gonosz nőszemély", "Köszönjük szépen a kirándulást, tanárnő!"),
    ("Jest pani wredną babą i tyle", "Dziękuję bardzo pani za wycieczkę!"),
    ("Siz öğretmen değil, zalimsiniz", "Çok teşekkürler öğretmenim!"),
    ("Sunteți o incompetentă și o mincinoasă", "Vă mulțumim frumos pentru excursie!"),
]


@pytest.mark.parametrize(("hostile", "kind"), OTHER_LANGUAGES)
def test_hostile_words_in_other_languages_are_diverted_and_kind_ones_are_not(
    hostile: str, kind: str
) -> None:
    found = judge(hostile, DM, learned=False)
    assert found.label is Label.ABUSIVE and found.outcome is Outcome.REMOVE, found
    assert judge(kind, DM, learned=False).label is not Label.ABUSIVE
