"""A private message the learned tier reads as danger, as a threat and as hostile to the teacher
is violence aimed at the teacher, not a child in danger: SLT decide, and a lead still reads it
(`Verdict.doubt`). Written after blind set 34's report (two such threats were given the urgent
path: the teacher got them without SLT deciding); the lines are new, not set 34's. Danger told
angrily to the teacher stays urgent. After set 35's report, the same for a threat whose words
name a weapon the tier reads as no danger to anyone else (`judge._armed_threat`)."""

from __future__ import annotations

import pytest

from bot import judge_model
from bot.judge import JudgeContext, Label, Outcome, judge
from handlers.relay import Route, route

DM = JudgeContext(where="dm")

THREATS = [
    "u keep picking on my son n me and my mates will be waiting at ur car when u finish",
    "U WANT 2 MESS WITH MY DAUGHTER?? WATCH UR BACK ON THE WAY HOME",
]

# a parent's warning about a dangerous adult, which the plain "threat" rules share
WARNINGS = [
    "I know where he lives now, he's moved round the corner from the school. Please keep an eye "
    "on her at home time.",
    "Just a heads up, watch yourself if my ex turns up at the gate today. He got out yesterday "
    "and he's said he'll take the kids.",
]

ANGRY_DANGER = [
    "You useless lot. My son has been crying for an hour and says a man at the fence told him "
    "he'd take him home. Why was nobody watching??",
    "I'm so angry with you all, Ellie says her step dad hit her again and you did NOTHING when "
    "she told you last week",
    "If you keep ignoring me I'll come down there, my daughter is terrified of the older boy "
    "who keeps grabbing her",
]


@pytest.mark.parametrize("text", THREATS)
def test_a_threat_at_the_teacher_goes_to_slt_and_a_lead_reads_it(text: str) -> None:
    verdict = judge(text, DM)
    assert verdict.label is Label.ABUSIVE and verdict.outcome is Outcome.REMOVE, verdict
    assert route(verdict) is Route.DIVERT


def test_the_tier_alone_reads_the_first_threat_as_danger() -> None:
    """The rule under test, not a word rule, decides it: the tier reads danger, a lead reads
    it."""
    verdict = judge(THREATS[0], DM)
    assert verdict.doubt is not None and "learned tier" in verdict.doubt, verdict


@pytest.mark.parametrize("text", ANGRY_DANGER + WARNINGS)
def test_danger_told_angrily_stays_urgent(text: str) -> None:
    verdict = judge(text, DM)
    assert verdict.label is Label.URGENT, verdict
    assert route(verdict) is Route.URGENT


def test_watch_ur_back_in_text_speak_is_a_threat() -> None:
    verdict = judge("WATCH UR BACK WHEN U LEAVE TONITE", DM, learned=False)
    assert verdict.label is Label.ABUSIVE and verdict.outcome is Outcome.REMOVE, verdict


def test_a_back_that_lifts_boxes_is_not_a_threat() -> None:
    text = "Good luck with the classroom move, watch ur back lifting all those boxes x"
    assert judge(text, DM, learned=False).label is not Label.ABUSIVE


# the words name a weapon (urgent by the words alone); the tier reads a threat, no danger
ARMED_THREATS = [
    "Spent the morning sharpening my machete for the hedges. Funny, I kept picturing your face "
    "the whole time. See you at pick-up.",
]

ARMED_DANGER = [
    "My ex has a knife and he said he's coming to the school for the kids and for you. Please "
    "lock the doors.",
    "He showed Jayden his dad's gun in the shed and said he'd use it on anyone who tells. I'm "
    "scared.",
]


# whatever the tier reads, danger the words find beside a weapon someone else holds, or a child
# hurt, told angrily, takes the urgent path (`judge._armed_threat` asks the words first)
ANGRY_DANGER_WITH_A_TIER_THAT_READS_ONLY_A_THREAT = [
    "Are you lot deaf?? I TOLD you her stepdad hits her and you let him collect her AGAIN. "
    "Fucking useless, the lot of you.",
    "Why the FUCK did you let him in the playground?! He's got a knife in his car, you useless "
    "people.",
]


def _a_tier_that_reads_only_a_threat(monkeypatch: pytest.MonkeyPatch) -> None:
    chances = {"abusive": 0.99, "pause": 0.99, "complaint": 0.0, "urgent": 0.0}
    monkeypatch.setattr(judge_model.Heads, "probabilities", lambda self, text, vector: chances)


@pytest.mark.parametrize("text", ANGRY_DANGER_WITH_A_TIER_THAT_READS_ONLY_A_THREAT)
def test_angry_danger_stays_urgent_whatever_the_tier_reads(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a_tier_that_reads_only_a_threat(monkeypatch)
    verdict = judge(text, DM)
    assert verdict.label is Label.URGENT and route(verdict) is Route.URGENT, verdict


def test_the_same_tier_sends_an_armed_threat_to_slt(monkeypatch: pytest.MonkeyPatch) -> None:
    """The twin of the test above: the stub does divert a threat with the writer's own weapon."""
    _a_tier_that_reads_only_a_threat(monkeypatch)
    verdict = judge(ARMED_THREATS[0], DM)
    assert verdict.label is Label.ABUSIVE and route(verdict) is Route.DIVERT, verdict


@pytest.mark.parametrize("text", ARMED_THREATS)
def test_a_threat_with_a_weapon_goes_to_slt_and_a_lead_reads_it(text: str) -> None:
    assert judge(text, DM, learned=False).label is Label.URGENT
    verdict = judge(text, DM)
    assert verdict.label is Label.ABUSIVE and verdict.outcome is Outcome.REMOVE, verdict
    assert verdict.doubt is not None and route(verdict) is Route.DIVERT


@pytest.mark.parametrize("text", ARMED_DANGER)
def test_a_weapon_in_danger_told_to_the_teacher_stays_urgent(text: str) -> None:
    verdict = judge(text, DM)
    assert verdict.label is Label.URGENT and route(verdict) is Route.URGENT, verdict
