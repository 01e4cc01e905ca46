"""The message judge: kind replies stay, unkind or private ones do not, abuse never reaches a
teacher, and a parent's worry always does. Figures on the shared evaluation files are asserted
through the same function `conductbot judge-eval` uses."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import random
from pathlib import Path

import pytest
from conftest import conductbot

from bot import judge_external
from bot.judge import JudgeContext, Label, Outcome, Verdict, judge
from bot.judge_eval import (
    EVAL_ROSTER,
    Example,
    cmd_judge_eval,
    evaluate,
    load_examples,
)

TESTS = Path(__file__).resolve().parent
EVAL = TESTS.parent.parent / "shared" / "eval"
HOLDOUT = TESTS / "judge_holdout.jsonl"

ROSTER = frozenset({"Oliver", "Amelia", "Isla", "Grace", "Will", "Kai", "Zara", "Jack", "Harry"})
STORY = JudgeContext(
    where="story",
    pupil_names=ROSTER,
    staff_names=frozenset({"Miss Reid", "Reid", "Mr Okafor"}),
)
DM = dataclasses.replace(STORY, where="dm")

needs_eval_files = pytest.mark.skipif(
    not (EVAL / "school_dev.jsonl").exists(), reason=f"no evaluation files at {EVAL}"
)


def verdict(text: str, context: JudgeContext = STORY) -> Verdict:
    return judge(text, context)


# --- Kind replies stay -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Thank you Miss Reid, Isla loved it!",
        "We'll miss Miss Reid so much next year",
        "Sick photos 🔥",
        "Dick Whittington was brilliant",
        "Loved the Gay Gordons at the ceilidh",
        "Willy Wonka costumes were fab",
        "Blue tits in the bird box!",
        "Add a knob of butter and stir, the recipe was lovely",
        "Our cousins came from Scunthorpe to watch",
        "Killing it on the climbing wall 💪",
        "Mad proud of them all",
        "Bloody brilliant, well done all",
        "I'm dead 😂 the hats",
        "Was crying at the nativity, so lovely",
        "Wicked photos!",
        "Shattered but buzzing after sports day",
        "Not bad at all for a first go!",
        "No worries, thanks for letting us know",
        "Poor things were freezing but they did brilliantly",
        "Can't wait for the next trip",
        "Gracias!",
        "Diolch yn fawr",
        "❤️",
        "👏🏽👏🏽",
        "Will there be a video of the performance?",
        "Do they need PE kit on Tuesday?",
        "Grace really enjoyed her first swimming lesson",
        "Jack and Oliver were inseparable all day, so sweet",
        "Sorry we were late again this morning!",
        "Shut up, that's amazing!! 😂",
        "You look amazing as a witch, Mrs Jones!",
    ],
)
def test_kind_british_replies_are_kept(text: str) -> None:
    v = verdict(text)
    assert v.outcome is Outcome.KEEP, v
    assert v.label is Label.OK


def test_praising_your_own_child_is_fine_but_comparing_to_another_pupil_is_not() -> None:
    mine = dataclasses.replace(STORY, author_children=frozenset({"Isla"}))
    assert verdict("So proud of Isla, she was brilliant in the show!", mine).outcome is (
        Outcome.KEEP
    )
    v = verdict("Isla did so much better than Oliver", mine)
    assert v.outcome is Outcome.REMOVE and v.label is Label.COMPARISON
    assert any("Oliver" in r for r in v.reasons)


# --- Profanity, however it is spelt ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("s h i t organisation", "s h i t"),
        ("What a load of sh1te", "sh1te"),
        ("b0ll0cks to this", "b0ll0cks"),
        ("sh*t photos", "sh*t"),
        ("f*cking joke", "f*cking"),
        ("f.u.c.k.i.n.g ridiculous", "f.u.c.k.i.n.g"),
        ("\u0455h\u0456t teaching", "shit"),  # Cyrillic ѕ and і
        ("What a f\u00fccking joke this school is", "fucking"),  # an accent as a disguise
        ("Shiiiit day out", "shiiiit"),
        ("ffs not again", "ffs"),
    ],
)
def test_obfuscated_profanity_is_removed_with_a_reason(text: str, shown: str) -> None:
    v = verdict(text)
    assert v.outcome is Outcome.REMOVE, v
    assert v.label is Label.NEGATIVE
    assert any("profanity" in r and shown in r.lower() for r in v.reasons), v.reasons


def test_swearing_in_warm_praise_goes_to_a_teacher_rather_than_a_strike() -> None:
    v = verdict("That was fucking brilliant, well done everyone!")
    assert v.outcome is Outcome.ASK and v.label is Label.NEGATIVE


# --- Private information ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("ring me on 07 7 0 0 9 0 0 4 5 6 about the party", "UK phone number"),
        ("+44 7700 900982 is my new number", "UK phone number"),
        ("Whatsapp me 0 7 8 4 5 - 1 1 2 - 3 3 4", "UK phone number"),
        ("my number is O77OO 9OO123", "UK phone number"),
        ("call oh seven seven double oh nine oh oh one two three", "UK phone number"),
        ("You can reach us on 0113 496 0000 after 6", "UK phone number"),
        ("drop me a line at jenny dot h at gmail dot com", "e-mail"),
        ("jo.smith [at] outlook [dot] com for RSVPs", "e-mail"),
        ("My email is sarah.jones84@gmail.com", "e-mail"),
        ("We're at 7 Brook Street, Bristol BS1 4QA", "postcode"),
        ("Priya has an EHCP meeting next week", "private matter"),
        ("Harry has been diagnosed with ADHD", "private matter"),
        ("Great day! Sorry we left early, his dad's probation is on Fridays", "private matter"),
        ("Custody hearing went our way so she's with me full time now 🙏", "private matter"),
        ("Eight months sober for me today and I made it to sports day ❤️", "private matter"),
        ("Universal Credit's been stopped so can I pay for the trip next week?", "private matter"),
    ],
)
def test_personal_data_and_private_matters_are_sensitive(text: str, reason: str) -> None:
    v = verdict(text)
    assert v.outcome is Outcome.REMOVE and v.label is Label.SENSITIVE, v
    assert any(reason in r for r in v.reasons), v.reasons


def test_a_custody_matter_leaves_the_story_as_private_or_as_a_safeguarding_concern() -> None:
    """Custody is private, and often part of a safeguarding picture: the learned tier may
    send it to the safeguarding lead (no strike either way)."""
    v = verdict("Finley's dad has got custody this weekend")
    assert v.outcome is Outcome.REMOVE and v.label in (Label.SENSITIVE, Label.URGENT), v


@pytest.mark.parametrize(
    "text",
    [
        "Trip dates are 01/06/2025 - 05/06/2025",
        "We spent 2 hours in the park",
        "Y2 3pm pickup is at the side gate",
        "Call 0800 123 4567 for the dinners line",
        "We were at school. Co-op vouchers are in the bag",
    ],
)
def test_numbers_and_dates_that_are_not_contact_details_stay(text: str) -> None:
    assert verdict(text).outcome is Outcome.KEEP


def test_reasons_do_not_repeat_the_phone_number() -> None:
    v = verdict("Text me on 07911 123456 please")
    assert not any("07911" in r or "123456" in r for r in v.reasons)


# --- Comparisons and complaints --------------------------------------------------------------


def test_a_comparison_naming_another_pupil_from_the_roster_is_removed() -> None:
    v = verdict("Why did Zara get star of the week again and not Kai?")
    assert v.outcome is Outcome.REMOVE and v.label is Label.COMPARISON
    assert any("Zara" in r for r in v.reasons)


def test_a_name_that_is_not_on_the_roster_is_not_a_pupil() -> None:
    outsider = dataclasses.replace(STORY, pupil_names=frozenset({"Amelia"}))
    inside = verdict("Oliver deserved it more than Jack")
    outside = verdict("Oliver deserved it more than Jack", outsider)
    assert inside.outcome is Outcome.REMOVE
    assert not any("Oliver" in r for r in outside.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Not happy that they were outside without coats again",
        "I've raised this twice before and nothing has changed",
        "Still no reply to my email from last week",
        "Unacceptable that the gates were left open, not good enough",
    ],
)
def test_complaints_in_a_story_are_removed_as_complaints(text: str) -> None:
    v = verdict(text)
    assert v.outcome is Outcome.REMOVE and v.label is Label.COMPLAINT, v


def test_a_polite_question_with_a_complaint_in_it_goes_at_least_to_a_teacher() -> None:
    assert verdict("Why has nobody replied to my message from Monday?").outcome is not (
        Outcome.KEEP
    )


# --- Emoji ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["😡", "🤬🤬🤬", "🖕", "💩💩", "😒🙄", "👎👎"])
def test_hostile_emoji_only_replies_are_removed(text: str) -> None:
    v = verdict(text)
    assert v.outcome is Outcome.REMOVE and v.label is Label.NEGATIVE
    assert any("emoji" in r for r in v.reasons)


def test_an_eye_roll_turns_praise_into_sarcasm() -> None:
    assert verdict("Lovely photos of the same 5 kids again 🙄").outcome is not Outcome.KEEP
    assert verdict("Lovely photos 😊").outcome is Outcome.KEEP


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ('Loved the "art" 😂', False),
        ("Ten out of ten for the 'cooking' 👏", False),
        ("Such a lovely “concert” 😂😂", False),
        ('She hasn\'t stopped singing "Away in a Manger" since, thank you all!', True),
        ("His favourite bit was the song 'Five Little Ducks' 🦆", True),
        ("Thanks so much, he loved the music lesson today", True),
    ],
)
def test_scare_quotes_round_what_the_school_calls_it_are_sarcasm(text: str, kept: bool) -> None:
    """Every reported set had a sneer like this; a title in quotes is not one."""
    assert (verdict(text).outcome is Outcome.KEEP) is kept


# --- Private messages to a teacher -----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "You're pathetic, can't even manage a class of 7 year olds",
        "What a f*cking joke of a teacher",
        "Watch your back",
        "Keep my son's name out of your mouth or there'll be trouble",
        "Y0u ar3 a tw4t",
        "Idiots, the lot of you",
        "🤬🤬🤬",
    ],
)
def test_abuse_in_a_private_message_is_diverted(text: str) -> None:
    v = verdict(text, DM)
    assert v.outcome is Outcome.REMOVE and v.label is Label.ABUSIVE, v


@pytest.mark.parametrize(
    "text",
    [
        "Kai keeps coming home saying an older boy pushes him. Could you keep an eye out?",
        "He said someone called him names because of his skin colour. I'm really upset",
        "A boy told him 'you're stupid and nobody likes you'. He cried all night",
        "Someone's been calling her a bitch at lunch and it's really upset her",
        "He told me a boy said he'd kill him if he told anyone. I'm scared for him",
        "We've just found out my mum is very ill, Zara might be upset this week",
        "Isla has a hospital appointment on Thursday, my number is 07700 900123",
        "I'll see you at pick up to chat about it, thanks",
    ],
)
def test_a_worry_in_a_private_message_always_reaches_the_teacher(text: str) -> None:
    assert verdict(text, DM).outcome is Outcome.KEEP


def test_private_complaints_and_rudeness_are_delivered_with_their_label() -> None:
    complaint = verdict("I've raised the lunch portions twice and nothing has changed", DM)
    rude = verdict("Thanks for nothing", DM)
    assert (complaint.outcome, complaint.label) == (Outcome.KEEP, Label.COMPLAINT)
    assert (rude.outcome, rude.label) == (Outcome.KEEP, Label.NEGATIVE)


# --- The verdict itself ----------------------------------------------------------------------


def test_a_verdict_is_frozen_with_short_reasons_and_a_bounded_confidence() -> None:
    text = "Honestly this school is a shambles and the teaching is dire, " * 5
    v = verdict(text)
    assert 0.0 <= v.confidence <= 1.0
    assert v.reasons and all(len(r) < 90 for r in v.reasons)
    assert text.strip() not in " ".join(v.reasons)
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.label = Label.OK  # type: ignore[misc]
    assert isinstance(v.label, str) and v.label == "negative"


def test_the_context_must_say_story_or_dm() -> None:
    with pytest.raises(ValueError, match="story"):
        JudgeContext(where="class")


def test_empty_text_is_kept() -> None:
    assert verdict("   ").outcome is Outcome.KEEP


# --- Figures on the evaluation files ---------------------------------------------------------


@needs_eval_files
def test_dev_set_meets_the_school_targets() -> None:
    report = evaluate(load_examples(EVAL / "school_dev.jsonl"), "story")
    assert report.removed_ok_rate <= 0.02, report.as_json()
    assert report.kept_bad_rate <= 0.05, report.as_json()
    assert report.teacher_ok_rate <= 0.10, report.as_json()


@needs_eval_files
def test_dm_dev_set_never_withholds_a_worry_and_never_delivers_abuse() -> None:
    report = evaluate(load_examples(EVAL / "dm_dev.jsonl"), "dm")
    per = report.per_label
    assert per["ok"].kept == per["ok"].n
    assert per["complaint"].kept == per["complaint"].n
    # the sharpest digs ("Do you even know how to teach?") may go to SLT, who pass them on
    assert per["negative"].kept >= per["negative"].n - 2
    assert report.kept_bad_rate == 0.0, report.as_json()


def test_holdout_in_other_voices_generalises() -> None:
    """A disjoint set written in other voices (slang, misspellings, obfuscation, emoji)."""
    report = evaluate(load_examples(HOLDOUT), "story")
    assert report.n >= 80
    assert report.removed_ok_rate <= 0.03, report.as_json()
    assert report.kept_bad_rate <= 0.10, report.as_json()
    assert report.teacher_ok_rate <= 0.10, report.as_json()


DM_HOLDOUT = [
    ("Hi Mrs Doyle, Zara's been having nightmares since her nan passed, just so you know", "ok"),
    ("Some of the older girls keep calling her fat and ugly at break, she's in bits", "ok"),
    ("Could I book a chat about his reading? He says he finds it boring", "ok"),
    ("Sorry to bother you, she's got a temperature so won't be in", "ok"),
    ("Is there a bully in Year 4? Can you help?", "ok"),
    ("Could you remind him to bring his coat home or else he'll freeze 😂", "ok"),
    ("You're a star for sorting that, thank you!", "ok"),
    ("I'm not happy with how the fight at lunch was handled", "complaint"),
    ("Seriously, how hard is it to send a letter home on time", "negative"),
    ("You're an absolute clown and everyone knows it", "abusive"),
    ("Fuck off and leave my kid alone", "abusive"),
    ("Useless cow", "abusive"),
    ("You'd better watch yourself", "abusive"),
    ("I know where you live", "abusive"),
    ("🖕🖕", "abusive"),
    ("stupid b1tch", "abusive"),
    ("Go f*** yourself", "abusive"),
]


def test_dm_holdout_delivers_every_worry_and_diverts_abuse() -> None:
    examples = [Example(text, label, "", i) for i, (text, label) in enumerate(DM_HOLDOUT, 1)]
    report = evaluate(examples, "dm")
    assert report.per_label["ok"].kept == report.per_label["ok"].n
    assert report.kept_bad_rate <= 0.15, report.as_json()


# --- External data: sane on language it was never tuned on ----------------------------------


@pytest.mark.skipif(not judge_external.VADER.exists(), reason="no external data")
def test_vader_tweets_sanity() -> None:
    """On the half of VADER's tweets never trained on."""
    tweets = judge_external.vader("test")
    sample = random.Random(1)
    kind = sample.sample([e.text for e in tweets if e.label == "ok"], 600)
    negative = sample.sample([e.text for e in tweets if e.label != "ok"], 400)
    context = JudgeContext(pupil_names=EVAL_ROSTER)
    removed_kind = sum(judge(t, context).outcome is Outcome.REMOVE for t in kind) / len(kind)
    kept_negative = sum(judge(t, context).outcome is Outcome.KEEP for t in negative) / len(negative)
    assert removed_kind <= 0.02
    assert kept_negative <= 0.35


@pytest.mark.skipif(not judge_external.DAVIDSON.exists(), reason="no external data")
def test_davidson_abuse_is_not_delivered_to_a_teacher() -> None:
    """On the half of Davidson's tweets never trained on."""
    tweets = judge_external.davidson("test")
    context = JudgeContext(where="dm", pupil_names=EVAL_ROSTER)
    offensive = [e.text for e in tweets if e.label == "abusive"][:500]
    neither = [e.text for e in tweets if e.label == "ok"][:300]
    kept = sum(judge(t, context).outcome is Outcome.KEEP for t in offensive) / len(offensive)
    removed = sum(judge(t, context).outcome is Outcome.REMOVE for t in neither) / len(neither)
    assert kept <= 0.15
    # tweets are not parents' messages: the learned tier diverts some plain ones (docs/judge.md)
    assert removed <= 0.15


# --- The judge-eval command ------------------------------------------------------------------


def test_judge_eval_prints_one_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert conductbot("judge-eval", str(HOLDOUT), "--json") == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    figures = json.loads(out[0])
    assert set(figures) == {
        "n",
        "urgent_missed_rate",
        "removed_ok_rate",
        "kept_bad_rate",
        "teacher_ok_rate",
        "teacher_bad_rate",
        "median_us",
        "p95_us",
        "per_label",
    }
    assert figures["n"] == sum(c["n"] for c in figures["per_label"].values())
    assert set(figures["per_label"]["ok"]) == {"n", "kept", "removed", "teacher"}
    assert 0 < figures["median_us"] <= figures["p95_us"]


def test_judge_eval_report_ends_with_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"text": "Lovely photos", "label": "ok", "note": ""},
        {"text": "You useless idiot", "label": "abusive", "note": ""},
        {"text": "Not happy about the trip", "label": "complaint", "note": ""},
    ]
    path = tmp_path / "dm.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    assert conductbot("judge-eval", str(path), "--context", "dm") == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith("summary: 3 lines, dm:")
    assert any(line.startswith("abusive") and line.split()[3] == "1" for line in out)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"text": "fine", "label": "ok"}\n{"text": "oops"\n', "not valid JSON"),
        ('{"text": "fine", "label": "rude"}\n', "'label' must be one of"),
        ('["text", "label"]\n', "expected an object"),
    ],
)
def test_judge_eval_names_the_bad_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, problem: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content)
    args = argparse.Namespace(file=path, json=False, context="story")
    assert asyncio.run(cmd_judge_eval(args)) == 2
    err = capsys.readouterr().err
    line = 2 if "oops" in content else 1
    assert f"{path}:{line}:" in err and problem in err


def test_bare_numbers_carry_no_feeling() -> None:
    """VADER scores '187' as slang; times, amounts and reference numbers are neutral."""
    for text in ("message 187", "Room 182 at 3", "Trip money is £187"):
        assert judge(text, JudgeContext(where="dm")).label == "ok", text


# --- Set 13's patterns: private details, kind replies and sarcasm (our own lines) ---------

#: Private details in a class story: a parent in prison, social services, immigration,
#: medication by name, fertility treatment, a bankruptcy, a refuge in the past.
PRIVATE_DETAILS = [
    "Lovely photos. Her dad's inside until the summer so I'll send him a copy",
    "Looks grand, despite his da being in the jail",
    "Aye he's doing well, the Social have been round a few times",
    "She's started on fluoxetine, please keep an eye at lunch",
    "Great trip! Our visa got refused so we may have to leave soon",
    "Thanks, the IVF didn't work this time so I've been a bit quiet",
    "Our bankruptcy hearing is next week so I'll miss the assembly",
    "Since we moved into the refuge he's been so much calmer, lovely to see him smile",
    "Brilliant! His worker from youth offending says this is just what he needs",
    "Great to see him smiling, it's been hard since his brother was permanently excluded",
]
#: Their ordinary twins, with the same words.
NOT_PRIVATE = [
    "Inside the castle was amazing",
    "They stayed inside till the rain stopped and still had a brilliant time",
    "Thanks for sorting the visa letter for the Paris trip",
    "Loved the jail cells at the police museum!",
    "The social was brilliant, thanks PTA",
    "The youth club helpers were brilliant, thank you",
    "Clearly helping each other up the climbing wall, fab teamwork",
]


@pytest.mark.parametrize("text", PRIVATE_DETAILS)
def test_private_details_in_a_story_are_removed_as_sensitive(text: str) -> None:
    v = judge(text, STORY, learned=False)
    assert v.label is Label.SENSITIVE and v.outcome is Outcome.REMOVE, v


@pytest.mark.parametrize("text", NOT_PRIVATE)
def test_their_ordinary_twins_are_kept(text: str) -> None:
    assert verdict(text).outcome is Outcome.KEEP, verdict(text)


@pytest.mark.parametrize(
    "text",
    [
        "Spooky good pumpkins, the staff must be brave letting them loose with those carving "
        "knives!",
        "Lovely photos! Tell me if anyone in the class is allergic to nuts, I'm baking for "
        "the party",
        "Cunto caafimaad leh ayay heleen, mahadsanid",
        "She told us all about how the owl pellets had tiny bones in 🤢 and now she wants to "
        "dissect everything in the house, but honestly thank you, she's never been so keen on "
        "science",
    ],
)
def test_kind_replies_with_alarming_or_private_looking_words_are_not_removed(text: str) -> None:
    assert judge(text, STORY, learned=False).outcome is Outcome.KEEP
    assert verdict(text).outcome is not Outcome.REMOVE, verdict(text)


def test_thanks_for_two_pupils_with_the_writers_own_never_is_not_a_comparison() -> None:
    roster = JudgeContext(where="story", pupil_names=frozenset({"Amir", "Zoe"}))
    kind = "Thanks for helping Amir and Zoe with their lines, I'd never have managed it"
    assert judge(kind, roster).label is not Label.COMPARISON
    unkind = "Amir always gets the big part and Zoe never does"
    assert judge(unkind, roster, learned=False).label is Label.COMPARISON


def test_friday_in_portuguese_is_not_a_word_of_sexual_harm() -> None:
    for text in ("A festa é na sexta-feira? Obrigada 😊", "Parabéns ao sexto ano!"):
        assert judge(text, STORY, learned=False).label is not Label.URGENT, text
    assert judge("He showed her sexual videos on his phone", STORY).label is Label.URGENT


def test_a_food_word_in_somali_is_not_profanity_but_a_masked_swear_still_is() -> None:
    assert judge("Cunto caafimaad leh ayay heleen, mahadsanid", STORY).outcome is Outcome.KEEP
    for text in ("Cunt0 caafimaad leh ayay heleen", "what a c*nt"):
        assert judge(text, STORY).outcome is Outcome.REMOVE, text


@pytest.mark.parametrize(
    "text",
    [
        "Wow, they've finally figured out how to use the flash 👏",
        "Gorgeous, if you squint a bit 😇",
        "Hmm. Very... rustic. 🙂",
        "Good to see they've found time for a disco between all the supply teachers 😊",
        "Aye brilliant, if ye like watchin grass grow",
        "Bless the staff, doing the best they can with what they've got 🥰",
        "Is that meant to be a castle? My nan's shed has more going on",
        "Who dressed the kings, a blind man?",
        "That's not a dance, that's a traffic jam",
        "Beautiful photos. Well, most of them 🙃",
        "Very brave of you to share these",
        "I've heard better harmonies out of our kettle 😂",
        "Did Miss get dressed in the dark for book day?",
        "Sir looks like he'd rather be anywhere else 🤣",
        "The word 'choir' is doing a lot of heavy lifting here",
        "A poster about recycling. Riveting stuff 🙂",
        "Hmm. It was… adequate.",
        "Congratulations on the least well-run fun run of all time 🏅",
        "Bless, if you're into watching grass grow",
    ],
)
def test_sarcasm_in_kind_words_is_not_kept(text: str) -> None:
    assert judge(text, STORY, learned=False).label is Label.NEGATIVE
    assert verdict(text).outcome is not Outcome.KEEP, verdict(text)


@pytest.mark.parametrize(
    "text",
    [
        "He finally managed to swim a width, so proud!",
        "Bless them, trying their best, so proud 🥰",
        "It was like watching paint dry but they loved every minute",
        "Is that meant to be Mrs Patel in the drawing? Amazing likeness!",
        "Was that meant to be on Thursday?",
        "Who taught them to sing like that? Stunning!",
        "Who dressed the shepherds? Gorgeous costumes",
        "Most of them slept all the way home on the coach 😴",
        "So brave of them to sing on their own in front of everyone!",
        "I've never heard better singing from a class of six-year-olds!",
        "Our lad looks like he'd rather be anywhere else 😂 but he loved it really",
        "They sang in the dark with torches, magical 🔦",
        "A riveting story, she read it twice in one night",
        "It was fine, she loved every minute",
        "The least nervous I've ever seen her on a stage, so proud",
        "I could have died when he waved at me in assembly 🙈 love him",
        "Seeing her hold that tarantula, I nearly died. Braver than her mum!",
    ],
)
def test_the_kind_twins_of_sarcasm_are_kept(text: str) -> None:
    assert verdict(text).outcome is Outcome.KEEP, verdict(text)


def test_a_death_nearly_suffered_is_still_private() -> None:
    found = verdict("I nearly died in childbirth with him, so these milestones mean so much")
    assert found.outcome is Outcome.REMOVE and found.label is Label.SENSITIVE, found


#: Praise, then a grievance (a complaint) or what another school got (a comparison).
PRAISE_THEN_A_GRIEVANCE = [
    (
        "Lovely pictures. However, the reading books have not been changed since half term",
        Label.COMPLAINT,
    ),
    (
        "Looks a great day. Would be nice if we heard about these before they happen",
        Label.COMPLAINT,
    ),
    ("Smashing photos. It would have been nice to be told the times had changed", Label.COMPLAINT),
    (
        "Great to see. The toilets by the hall need looking at though, she won't use them",
        Label.COMPLAINT,
    ),
    (
        "Gorgeous. The tickets should have been fairer though, one each is not enough",
        Label.COMPLAINT,
    ),
    (
        "Great fun, but £25 for a coach to the zoo is steep when you have three at the school",
        Label.COMPLAINT,
    ),
    (
        "St Cuthbert's Year 5 went to the planetarium. Ours got a video in the hall",
        Label.COMPARISON,
    ),
    (
        "The other Year 1 class had a pantomime visit, we just got a colouring sheet",
        Label.COMPARISON,
    ),
    ("Meadowbank Primary did a week in Wales, ours did a walk round the block", Label.COMPARISON),
    ("Fab photos. Shame about the lack of chairs for the grandparents", Label.COMPLAINT),
    (
        "Thanks all. The gluten-free puddings are always gone by the time Year 3 eat",
        Label.COMPLAINT,
    ),
    ("Great show. Bit much asking for £3 a ticket as well as the costume though", Label.COMPLAINT),
    ("Lovely pics! The newsletter said 2pm, the text said 1:30, so which was it?", Label.COMPLAINT),
]
#: Their kind twins, with the same words.
THEIR_KIND_TWINS = [
    "However did they get them all to stand still? Brilliant photo",
    "It would have been nice to be there, looks like they had a ball",
    "Would be nice to do this again next year, they loved it!",
    "Lovely! She needs a bath now mind 😂",
    "What a steep climb up that hill, well done all of them for getting to the top!",
    "Should have been there, it looks like the best day ever",
    "St Cuthbert's choir came to sing with us, it was lovely to hear them",
    "Ours loved the planetarium, thank you for organising it",
    "Despite the lack of sleep on the residential they all look so happy!",
    "The cakes were all gone in ten minutes, what a sale!",
    "Which one is she? I can't spot her in the costumes 😂",
]


@pytest.mark.parametrize(("text", "label"), PRAISE_THEN_A_GRIEVANCE)
def test_praise_then_a_grievance_is_not_kept(text: str, label: Label) -> None:
    assert judge(text, STORY, learned=False).label is label
    assert verdict(text).outcome is not Outcome.KEEP, verdict(text)


@pytest.mark.parametrize("text", THEIR_KIND_TWINS)
def test_the_kind_twins_of_a_grievance_after_praise_are_kept(text: str) -> None:
    assert verdict(text).outcome is Outcome.KEEP, verdict(text)


def test_a_kind_twin_the_comparison_head_half_reads_is_never_removed() -> None:
    """A known cost of the heads that name what is wrong (`judge_model.NAMED`): the
    comparison head reads "the other Year 1 class" at about its threshold (0.856 against
    0.854 with the model of 2026-12-01), so this kind twin may go to a teacher; it is never
    removed, and the word rules alone keep it."""
    text = "The other Year 1 class joined us at the farm and we got to feed the lambs together!"
    assert judge(text, STORY, learned=False).outcome is Outcome.KEEP
    assert verdict(text).outcome is not Outcome.REMOVE


@pytest.mark.parametrize(
    ("danger", "ordinary"),
    [
        (
            "Lovely. Mum's boyfriend is drunk again and smashing stuff, we're in the bathroom",
            "They were smashing it at the football, well done all!",
        ),
        (
            "Her cousin, 9, is being sent home for bondo this summer and she's terrified",
            "She's off to Sierra Leone to see her gran this summer, can't wait",
        ),
        (
            "Lovely pics. I've got the rope. Sorry everyone.",
            "I've got the rope for the tug of war, can someone help carry it?",
        ),
        (
            "Well done all. By the time you read this I'll be gone",
            "By the time you read this we'll be at the zoo! Photos later",
        ),
        (
            "Great show. There are letters in the drawer for when I'm gone",
            "There's a list on the fridge for when I'm gone to my mum's on Friday",
        ),
        (
            "You've been so kind to him. I'm going to be at peace soon",
            "I'm at peace with the decision to move her to the other class, thank you",
        ),
        (
            "Aunty says she'll be made clean like a proper girl in the summer holidays",
            "Aunty says she'll be made to clean her room properly in the summer holidays",
        ),
        (
            "Great day. I'm done with it all now. Please hug my boys for me",
            "Please give my boys a hug from their nan, she's away this week",
        ),
        (
            "Lovely. Standing on the bridge now, just wanted to see their faces one more time",
            "Standing on the bridge at the zoo trip, just wanted to see the penguins 🐧",
        ),
        (
            "Thanks for everything. I've taken everything in the cupboard tonight.",
            "Thanks! I've taken everything in the cupboard to the harvest table tonight.",
        ),
        (
            "Lovely pics. By the time you read this I'll be somewhere quiet.",
            "By the time you read this we'll be somewhere quiet for the holidays, see you soon!",
        ),
        (
            "Gorgeous. I can't keep going. The kids deserve better than me.",
            "I can't keep going to the Tuesday club, the kids want to swap to Thursday.",
        ),
        (
            "Nice photos. My partner hit our little one last night, she's scared",
            "Nice photos. My partner hit a six at the dads' cricket last night!",
        ),
    ],
)
def test_danger_in_a_kind_reply_is_urgent_and_its_twin_is_not(danger: str, ordinary: str) -> None:
    assert judge(danger, STORY, learned=False).label is Label.URGENT
    assert judge(ordinary, STORY, learned=False).label is not Label.URGENT


def test_knowing_a_teachers_address_is_a_threat_and_the_schools_is_not() -> None:
    threat = "I'll bring your card round to your house. Don't worry, I know the address."
    found = judge(threat, DM, learned=False)
    assert found.label is Label.ABUSIVE and found.outcome is Outcome.REMOVE, found
    for ordinary in (
        "I'll drop the card at the school office, I know the address.",
        "Can I drop the costume at your house? I know the address from the party.",
        "I know your address from the class list, I'll post her invitation",
    ):
        assert judge(ordinary, DM, learned=False).label is not Label.ABUSIVE, ordinary


@pytest.mark.parametrize(
    ("threat", "ordinary"),
    [
        (
            "Maybe find out who you're dealing with before the next detention.",
            "It's been hard dealing with his moods since the move, any tips welcome",
        ),
        (
            "No point complaining to the head. I'll deal with this personally.",
            "I will deal with it personally, don't worry about the lost PE kit. Thanks!",
        ),
    ],
)
def test_who_you_are_dealing_with_is_a_threat_and_dealing_with_it_is_not(
    threat: str, ordinary: str
) -> None:
    found = judge(threat, DM, learned=False)
    assert found.label is Label.ABUSIVE and found.outcome is Outcome.REMOVE, found
    assert judge(ordinary, DM, learned=False).label is not Label.ABUSIVE


def test_a_weapon_in_emoji_alone_is_a_threat_but_not_beside_words() -> None:
    for text in ("🔪🏠", "🪓👀"):
        found = judge(text, DM)
        assert found.label is Label.ABUSIVE and found.outcome is Outcome.REMOVE, (text, found)
    for text in ("Cake sale tomorrow 🎂🔪", "🎂🔪🍰 yum", "👩‍🍳🔪🥕😍", "🔫💦☀️"):
        assert judge(text, DM).label is not Label.ABUSIVE, text


@pytest.mark.parametrize(
    "text",
    [
        "I've bought some rope and pegs for the camping trip, is that ok?",
        "By the time you read this it'll be over, the match was at 3!",
        "I've left her inhaler with my mum for when I'm not here.",
        "Thanks for the update, I'll be at peace now knowing she's settled in.",
        "I'm not going to be around tomorrow, I've arranged for my mum to take them to school",
        "I won't be at pick up today or again on Friday as the kids go to their dad on Fridays.",
        "I'm so done with it all. This is the last time I'll message about the parking.",
        "Goodbye everyone, have a lovely summer! The kids go to their dad for two weeks",
        "The man at the park pushed our little one on the swings for ages",
        "She said she wants to die her hair blue like Miss after book day 😂",
    ],
)
def test_arrangements_in_a_goodbyes_words_are_not_danger(text: str) -> None:
    """Each shares words with a goodbye (a rope, "by the time you read this", "not here",
    "at peace", the children with someone else) and is an ordinary arrangement."""
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is not Label.URGENT, text


@pytest.mark.parametrize(
    "text",
    [
        "Her science project was groundbreaking!",
        "They painted in the dark with torches, how magical!",
        "The Year 6s were doing all the heavy lifting setting up the fair, thank you!",
        "I'm the least organised mum ever, forgot the bake sale 😂",
        "We've seen better reading from our son since he joined this class, thank you!",
        "The cakes were all gone by the time I got there, amazing effort from the PTA!",
    ],
)
def test_kind_replies_in_the_words_of_sarcasm_are_kept(text: str) -> None:
    assert judge(text, STORY, learned=False).outcome is Outcome.KEEP, text
