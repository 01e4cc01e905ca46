"""Word rules written after blind set 29 was reported (docs/figures.md): danger, threats and
insults it missed, and two kind replies it removed, each beside ordinary twins that share its
words. The lines are new, not set 29's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge
from handlers.relay import Route, route

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

DANGER = [
    # the one the family fled said he would finish what he started
    "Please take the beach photo down, if he sees the pier he'll know where we are. He told me "
    "he'd finish what he started.",
    # a parent hinting at suicide, the children better off without them
    "if I'm not at pick up it's cos I jumped off the bridge on the ring road haha. they'd be "
    "better off with their dad anyway",
    # other languages: a child whipped with a belt (Chinese), a child alone at home (Tagalog)
    "老师好，孩子他爸昨天又用皮带打他，我很害怕。",
    "Teacher, yung anak ng kapitbahay namin, naiwang mag-isa sa bahay mula pa kahapon.",
]

ORDINARY = [
    "He said he'd finish what he started on the Lego castle tonight, so proud of him",
    "Honestly they'd be better off with their dad on school nights, he lives closer",
    "谢谢老师！他昨天用皮带做了一个手工，很有意思。",
    "Salamat po sa mga litrato! Mag-isa siyang nagbasa ng libro kagabi, proud kami.",
    "You lost her reading book AGAIN, the new one. Can you check the trays please?",
    # in Arabic, "and they helped me fill in the form": the joined "and" is not set apart here
    "شكرا للمعلمة، كانوا لطيفين جدا وساعدوني في تعبئة الاستمارة",
]

THREATS = [
    # a false allegation held over the teacher
    "If Ruby is put on the sad cloud one more time I will tell the head you grabbed her wrist. "
    "Think about it.",
    "Nobody would doubt it if a parent said you'd pushed a child in the line. Just saying. "
    "Maybe give Ollie his golden time back.",
    "Who do you think the governors will believe, me or you? Put him back in the top group.",
    # a damning review kept in the drafts on a condition
    "My Facebook post about your classroom is all written. If Ellie gets her part back it "
    "stays in my drafts.",
    # "me and you will have a problem"
    "Shout at my lad like that again and me and you will have a problem.",
    # an insult with a strong swear, a sentence of its own; "are you actually thick"
    "I told you she's allergic to kiwi and she came home with a fruit pot. Fucking muppet.",
    "Are you actually stupid? It's the third time her reading book has gone missing.",
    # in Arabic, "and I know where you park your car", the "and" joined to the word
    "أستاذ، لا أهددك، وأعرف أين تركن سيارتك. عامل ابني بالعدل.",
    # in Turkish, "we know the way to your house"
    "Hocam, oğluma bir daha bağırmayın. Evinizin yolunu biliyoruz.",
]

NOT_THREATS = [
    # a grab that happened, with no condition on a school decision: a disclosure for a lead
    "You grabbed her arm in the corridor yesterday and she has a bruise. If it happens again I "
    "will report it.",
    "If you want, I can tell the head you helped her so much this year.",
    "Loved the trip! My Google review is in my drafts till I fix the typos, it's glowing.",
    "If the coach is late again you and me will have a problem getting to the match on time!",
    "He forgot his PE kit again. Bloody muppet 😂 Sorry Miss!",
    # what was said to a child, asked about: reported, not supposed
    "Could you check if they said 'you're a fat pig' to him on the bus? He came home in tears.",
    "Hocam, yarın sabah kapıda bekleyeceğim, Elif'in ilacını size vermek istiyorum. Teşekkürler!",
    "شكرا جزيلا على الصور الجميلة، ابني وصل البيت سعيدا جدا واحتفلنا معه",
]

KIND = [
    "Thank you for the Diwali assembly! My aunt has made ladoos for the class and will do it "
    "every year now, you have been warned 😄",
    "Those clay owls are better than some of what I make at my pottery class, honestly!",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_set_29_missed_is_urgent(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is Label.URGENT, (context.where, text)


@pytest.mark.parametrize("text", ORDINARY)
def test_their_ordinary_twins_are_not_danger(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is not Label.URGENT, (context.where, text)


@pytest.mark.parametrize("text", THREATS)
def test_threats_and_insults_set_29_missed_go_to_slt(text: str) -> None:
    assert route(judge(text, DM, learned=False)) is Route.DIVERT
    assert route(judge(text, DM)) is Route.DIVERT


@pytest.mark.parametrize("text", NOT_THREATS)
def test_their_ordinary_twins_are_not_diverted(text: str) -> None:
    assert route(judge(text, DM, learned=False)) is not Route.DIVERT


def test_a_threat_the_tier_alone_reads_as_danger_goes_to_slt_and_a_lead_reads_it() -> None:
    """The words find a false allegation held over the teacher, the tier reads danger in its
    "grabbed her by the arm": SLT decide, and a lead reads it at any hour."""
    text = (
        "If she's kept in again I will report that you grabbed her by the throat and she came "
        "home shaking and crying. Who do you think they'll believe?"
    )
    verdict = judge(text, DM)
    assert route(verdict) is Route.DIVERT
    assert verdict.doubt is not None


def test_a_sworn_insult_of_ones_own_child_said_fondly_is_delivered() -> None:
    """The words alone ask about any strong swear; the insult is not read as aimed."""
    text = "He left his shoes at home again. Fucking muppet. Love him though 😂"
    assert route(judge(text, DM)) is Route.DELIVER


def test_danger_told_with_an_insult_still_takes_the_urgent_path() -> None:
    text = "Fucking clown. Her dad took her from the gate and he's not allowed, where did he go??"
    assert route(judge(text, DM)) is Route.URGENT


@pytest.mark.parametrize("text", KIND)
def test_kind_replies_set_29_removed_stay(text: str) -> None:
    assert judge(text, STORY, learned=False).outcome is Outcome.KEEP
