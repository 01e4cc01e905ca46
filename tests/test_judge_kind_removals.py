"""Kind story replies the judge removed in sets 22 to 33 (reported, open to the rules), read
again: each change beside twins in the same words that must still go.

- Two pupils named in a reply are set against each other when a sentence with a word of
  contrast names one and it or the sentence before names the other ("Isabelle always gets
  the part, Roman never does"; "Lovely for Isabelle. Roman on the other hand is never
  picked"), not when a kind reply names them apart ("…Isabelle's laurel wreath from Roman
  day. She insisted. Never had a more dignified cockapoo").
- A private word in a kind reply the sensitive head does not read as private ("the food bank
  will be thrilled") is still hidden, and a teacher decides; the words' removal stands where
  the head agrees ("we had to go to the food bank").
- Trades, history and laughter that use danger words, beside danger in those words.
The lines are new, not the sets'."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge

ROSTER = frozenset({"Isabelle", "Roman", "Amber", "Kai", "Leo", "Ruby", "Lily"})
STORY = JudgeContext(where="story", pupil_names=ROSTER)

KIND = [
    "The cat is now wearing Isabelle's crown from Roman day. She insisted. Never had a more "
    "regal moggy.",
    "Nana on pick-up again. I don't always get on with this app but I got it open. Well done "
    "Amber and Kai!",
    "Speaking as a first aider, they bandaged better than some grown-ups I've trained!",
    "Autumn leaf prints are gorgeous, fitting for this time of year 🍂 well done all",
    "I'm a 999 call handler and I was chuffed hearing Lily explain what to say on the phone.",
    "Now I know more about medieval siege weapons than I ever wanted to 😅 great castle trip!",
    "Step-dad here, he dragged me round every single stall. Great afternoon!",
    "I throw knives for a living and my hands never shook like that watching her poem.",
    "I take blood for a living and still flinched at Year 6's Roman battle wounds!",
    "the donkey's ears falling off... the angel waving at her nan... I can't breathe... best "
    "one ever 😂",
]

STILL_GO = [
    ("Isabelle always gets the main part, Roman never does.", Label.COMPARISON),
    ("Amber always gets picked for everything.", Label.COMPARISON),
    ("They bandaged better than some of the other kids, to be honest.", Label.COMPARISON),
    ("Come quick, he's fitting and won't wake up", Label.URGENT),
    ("Call 999, he's not breathing", Label.URGENT),
    ("A boy brought weapons into school yesterday, a knife and a bat.", Label.URGENT),
    ("He dragged me round the kitchen by my hair last night.", Label.URGENT),
    ("He throws knives at the wall when he's drunk and the kids are terrified.", Label.URGENT),
    ("She flinches every time her dad raises his voice.", Label.URGENT),
    ("I can't breathe, he's sitting on my chest and won't get off", Label.URGENT),
    ("I can't breathe. lol he thinks it's funny when he holds me down", Label.URGENT),
    ("My son can't breathe. Best thing to do?", Label.URGENT),
    ("She's been fitting for ten minutes and won't stop", Label.URGENT),
    ("He is fitting for the third time today", Label.URGENT),
    ("Dad dragged us round every room by our hair", Label.URGENT),
    ("Stepdad dragged me around every stall and kicked me", Label.URGENT),
    ("Ruby flinches at her dad, every single moment", Label.URGENT),
    ("She flinches at raised voices since the fight", Label.URGENT),
    ("A boy brought Viking weapons into school yesterday, real ones", Label.URGENT),
    ("Lovely for Isabelle. Roman on the other hand is never picked.", Label.COMPARISON),
    ("Amber is in the front row again. Kai, whereas, is stuck at the back.", Label.COMPARISON),
]


@pytest.mark.parametrize("text", KIND)
def test_kind_replies_with_words_of_comparison_or_danger_stay_or_go_to_a_teacher(
    text: str,
) -> None:
    assert judge(text, STORY).outcome is not Outcome.REMOVE, text
    assert judge(text, STORY, learned=False).label not in (Label.URGENT, Label.COMPARISON), text


@pytest.mark.parametrize(("text", "label"), STILL_GO)
def test_their_twins_in_the_same_words_still_go(text: str, label: Label) -> None:
    verdict = judge(text, STORY, learned=False)
    assert verdict.label is label and verdict.outcome is Outcome.REMOVE, verdict


def test_a_private_word_the_meaning_does_not_bear_out_goes_to_a_teacher_not_removed() -> None:
    kind = "What a harvest! Thank you to whoever sorted the tins, the food bank will be thrilled."
    words = judge(kind, STORY, learned=False)
    assert words.label is Label.SENSITIVE and words.outcome is Outcome.REMOVE, words
    verdict = judge(kind, STORY)
    assert verdict.outcome is Outcome.ASK and "the meaning does not" in verdict.reasons[0]
    private = "Lovely photos. We couldn't do the cake sale, we had to go to the food bank Tuesday."
    verdict = judge(private, STORY)
    assert verdict.label is Label.SENSITIVE and verdict.outcome is Outcome.REMOVE, verdict
