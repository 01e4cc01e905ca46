"""The urgent label, the relay's route for each verdict, judge-eval's relay figures, and the
`safeguarding` section of rooms.yaml. No server needed."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from conftest import conductbot
from test_config import SHIPPED, problems_in_text

from bot import judge_model
from bot.judge import JudgeContext, Label, Outcome, Verdict, Where, judge
from bot.judge_eval import Example, evaluate
from handlers.relay import Route, route

DEV = Path(__file__).resolve().parent.parent / "bot/judge_data/training/safeguarding_dev.jsonl"
DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story", pupil_names=frozenset({"Jake", "Maddie", "Logan"}))

#: The messages the issue saw held, paused or diverted.
SEEN_HELD = [
    "Jake told me he wants to die and that everyone would be better off without him. He's 9.",
    "I've left my partner because of his violence… He's threatening to take them from school "
    "today. Please don't let him.",
    "I found cuts on Maddie's arms… She says she did it herself. She's 10.",
    "Logan's not at the gate and no one's seen him. RING ME you useless shits",
    "Jaden said a boy in Year 6 showed him a knife in the toilets…",
]

ORDINARY_WORRIES = [
    "Kai keeps coming home saying an older boy pushes him in the lunch queue",
    "We lost Grandad on Sunday, Isla might be very quiet this week",
    "Just so you know her dad and I have separated, she's with me in the week",
    "She's had a tummy bug all weekend and is still a bit wobbly, sorry",
    "He was really upset last night because someone said he couldn't play with them",
]
HARMLESS_ALARMING_WORDS = [
    "I could kill for a coffee after that drop off! Ava has her reading book back",
    "He's missing his PE kit, could you check lost property?",
    "She's dying to tell you about her holiday",
    "The knife and fork practice at lunch is really helping him",
]


@pytest.mark.parametrize("text", SEEN_HELD)
@pytest.mark.parametrize("context", [DM, STORY], ids=["dm", "story"])
def test_danger_is_urgent_in_both_contexts_whatever_else_it_says(
    text: str, context: JudgeContext
) -> None:
    found = judge(text, context)
    assert found.label is Label.URGENT, found
    assert found.outcome is (Outcome.KEEP if context is DM else Outcome.REMOVE)
    assert found.reasons


@pytest.mark.parametrize("text", ORDINARY_WORRIES)
def test_ordinary_worries_are_never_paused_or_diverted(text: str) -> None:
    """They reach the teacher; a false alarm to the leads is possible (docs/figures.md)."""
    assert route(judge(text, DM)) in (Route.DELIVER, Route.URGENT)


@pytest.mark.parametrize("text", HARMLESS_ALARMING_WORDS)
def test_harmless_alarming_words_are_delivered_as_they_are(text: str) -> None:
    found = judge(text, DM)
    assert found.label is not Label.URGENT, found
    assert route(found) is Route.DELIVER


@pytest.mark.parametrize(
    "text",
    [
        "Her knife skills are coming on, she did the veg for tea last night",
        "His left foot's a weapon, two goals at football club on Saturday",
    ],
)
def test_knife_skills_and_a_left_foot_that_is_a_weapon_are_not_danger_to_the_word_rules(
    text: str,
) -> None:
    """Praise that every blind set since set 8 had; the learned tier may still ask a lead
    to read the first (the word "knife"), which ok checked in docs/figures.md counts."""
    assert judge(text, DM, learned=False).label is not Label.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "Ruby says a boy in Year 6 had a gun in his bag at lunch",
        "He took a stab at him with a compass in the toilets, there was blood",
        "Her stepdad was holding a knife to her throat last night",
        "He's not supposed to come near us, the court said so, and he's outside the gate now",
        "There's a man at the gate to collect Jacob, he's not on the list",
        # a review's lines (2026-12-01) that the blanking tried here let through
        "Her brother had a stab at Jayden with a compass at break, there was blood",
        "He's not supposed to see the kids without a social worker and he's turned up to "
        "sports day",
        "He was holding the knife properly, like he meant it, then he went for me",
    ],
)
def test_a_weapon_or_a_man_not_allowed_is_danger_to_the_word_rules(text: str) -> None:
    """The older weapon and family rules also flag kind lines ("the speed gun at the police
    visit", "not supposed to have sweets on the coach"); blanking those phrases first, as
    tried on 2026-12-01, blanked the same words in real danger ("had a stab at Jayden with a
    compass", "not supposed to see the kids… turned up"), so they stay loose (docs/judge.md)."""
    for where in (DM, STORY):
        assert judge(text, where, learned=False).label is Label.URGENT, text


def _verdict(label: Label, outcome: Outcome = Outcome.KEEP) -> Verdict:
    return Verdict(label, 0.9, ("test",), outcome)


@pytest.mark.parametrize(
    ("verdict", "expected"),
    [
        (_verdict(Label.URGENT), Route.URGENT),
        (_verdict(Label.ABUSIVE, Outcome.REMOVE), Route.DIVERT),
        (_verdict(Label.ABUSIVE, Outcome.ASK), Route.DIVERT),
        (_verdict(Label.NEGATIVE), Route.PAUSE),
        (_verdict(Label.COMPLAINT), Route.OFFICE),
        (_verdict(Label.OK), Route.DELIVER),
        (replace(_verdict(Label.OK), unread="Polish"), Route.CHECK),
        (replace(_verdict(Label.NEGATIVE), unread="Polish"), Route.CHECK),
        (replace(_verdict(Label.URGENT), unread="Polish"), Route.URGENT),
        (replace(_verdict(Label.ABUSIVE, Outcome.REMOVE), unread="Polish"), Route.DIVERT),
        (None, Route.DELIVER),  # media
    ],
)
def test_each_verdict_has_one_route(verdict: Verdict | None, expected: Route) -> None:
    assert route(verdict) is expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mój syn nie przyjdzie jutro do szkoły, bo jest chory", "Polish"),
        ("Wojtek mówi, że tata go bije w domu", "Polish"),  # half its words look English
        ("Amina ma imaan karto dugsiga berri, waa jirran tahay", "another language"),
        ("هل يمكن أن تتصل بي غدا بخصوص ابني", "Arabic"),
    ],
)
def test_a_private_message_the_judge_cannot_read_is_marked_unread(text: str, language: str) -> None:
    found = judge(text, DM)
    assert found.unread is not None and found.unread.lower() == language.lower(), found
    assert route(found) is Route.CHECK


@pytest.mark.parametrize(
    "text",
    [
        "老师，我儿子说他想自杀，我很害怕",  # "wants to kill himself", inside a sentence
        "شوهرم منو کتک میزنه",  # Persian letters
        "شوهرم منو كتك ميزنه",  # the same words typed with Arabic letters
    ],
)
def test_danger_words_are_found_however_the_script_is_typed(text: str) -> None:
    assert judge(text, DM).label is Label.URGENT


def test_danger_in_another_language_is_found_in_the_middle_of_a_long_message() -> None:
    filler = "We had a lovely weekend and went to the park with the dog. " * 120
    text = f"{filler}Proszę pomóc, mąż mnie bije i grozi dzieciom. {filler}"
    assert len(text) > 10_000
    assert judge(text, DM).label is Label.URGENT
    assert judge(f"{filler}Proszę pomóc z pracą domową. {filler}", DM).label is not Label.URGENT


def test_a_short_danger_word_inside_an_ordinary_word_is_not_danger() -> None:
    found = judge("我们明天要去买报警器吗", DM)  # 报警器, an alarm; 报警, call the police
    assert found.label is not Label.URGENT and found.unread == "Chinese", found


@pytest.mark.parametrize(
    "text",
    [
        "Dziękuję bardzo, pani Reid!",  # a few kind words: read as kind
        "Thanks so much Miss Reid, see you tomorrow",
        "Noah wasnt feelin well so hes off 2day sorry",  # text-speak is English
        "Gan I cannae get Kyle tae school the day, hes no weel",  # so is Scots
    ],
)
def test_kind_words_and_english_in_any_voice_are_read(text: str) -> None:
    found = judge(text, DM)
    assert found.unread is None, found
    assert route(found) is Route.DELIVER


def test_a_story_reply_it_cannot_read_is_marked_unread_and_goes_to_a_teacher() -> None:
    found = judge("Mój syn nie przyjdzie jutro do szkoły, bo jest chory", STORY)
    assert found.unread == "Polish" and found.outcome is Outcome.ASK  # a teacher reads it


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # Albanian "po" (the present tense: he is shouting) is VADER's "pissed off": after
        # set 37's report, a plea for help went to a teacher as negative, no lead asked
        ("Ju lutem, ai po bërtet dhe po gjuan me gjëra, kemi frikë", "Albanian"),
        ("Ładne zdjęcia 🙄 jak zwykle to samo, nic nowego", "Polish"),  # a hostile emoji
    ],
)
def test_a_reply_the_word_lists_doubt_in_another_language_is_still_unread(
    text: str, language: str
) -> None:
    found = judge(text, STORY)
    assert found.outcome is Outcome.ASK and found.unread == language, found


def test_without_the_golden_rule_a_negative_message_is_delivered() -> None:
    assert route(_verdict(Label.NEGATIVE), golden_rule=False) is Route.DELIVER


def test_judge_eval_reports_the_relay_for_private_messages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert conductbot("judge-eval", str(DEV), "--context", "dm", "--json") == 0
    figures = json.loads(capsys.readouterr().out)
    assert {"n", "removed_ok_rate", "kept_bad_rate", "median_us"} <= set(figures)
    relay = figures["relay"]
    for key in (
        "urgent_missed_rate",
        "abusive_delivered_rate",
        "ok_withheld_rate",
        "negative_unpaused_rate",
    ):
        assert 0.0 <= relay[key] <= 1.0
    counts = relay["per_label"]["urgent"]
    assert set(counts) == {"deliver", "pause", "office", "divert", "urgent", "check"}
    assert 0.0 <= relay["ok_checked_rate"] <= 1.0
    assert sum(counts.values()) == figures["per_label"]["urgent"]["n"]
    # The development set: what the rules were written from, so only a floor.
    assert relay["urgent_missed_rate"] <= 0.10
    assert relay["ok_withheld_rate"] <= 0.05


def test_judge_eval_errors_prints_each_wrong_decision_with_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / "two.jsonl"
    rows = [
        {"text": "Thanks for the lovely newsletter", "label": "urgent"},
        {"text": SEEN_HELD[0], "label": "urgent"},
    ]
    lines.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert conductbot("judge-eval", str(lines), "--context", "dm", "--errors") == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert "two.jsonl:1: urgent -> deliver" in out[0] and "lovely newsletter" in out[0]


def test_a_story_reply_read_by_a_person_at_once_is_not_missed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Hidden unread for a teacher (and out of hours a lead), as an unread private message is
    read; an urgent reply kept in the story is missed."""
    lines = tmp_path / "story.jsonl"
    rows = [
        {
            "text": "Piękne zdjęcia. Ola od tygodnia nie chce wracać do domu i nie wiem, "
            "co się dzieje.",
            "label": "urgent",
        },
        {"text": "Lovely photos, thanks all", "label": "urgent"},
    ]
    lines.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    unread = judge(rows[0]["text"], JudgeContext(where="story"))
    assert unread.unread == "Polish" and unread.outcome is Outcome.ASK, unread
    assert unread.label is not Label.URGENT
    assert conductbot("judge-eval", str(lines), "--context", "story", "--json") == 0
    assert json.loads(capsys.readouterr().out)["urgent_missed_rate"] == 0.5
    assert conductbot("judge-eval", str(lines), "--context", "story", "--errors") == 0
    [error] = capsys.readouterr().out.strip().splitlines()
    assert "story.jsonl:2: urgent -> keep" in error


def test_a_missing_lead_and_an_unknown_lead_are_named_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    data = copy.deepcopy(SHIPPED)
    data["safeguarding"]["leads"] = []
    assert problems_in_text(yaml.safe_dump(data, sort_keys=False)) == [
        "rooms.yaml: safeguarding.leads: must not be empty; expected a list of staff ids of "
        "the Designated Safeguarding Lead and deputies, such as [okafor]"
    ]
    data["safeguarding"]["leads"] = ["okafor", "smith"]
    assert problems_in_text(yaml.safe_dump(data, sort_keys=False)) == [
        "rooms.yaml: safeguarding.leads[1]: unknown staff id 'smith'; "
        "expected one of: reid, khan, okafor, lewis"
    ]
    del data["safeguarding"]
    [problem] = problems_in_text(yaml.safe_dump(data, sort_keys=False))
    assert problem.startswith("rooms.yaml: safeguarding: missing required key")


@pytest.mark.parametrize("context", [DM, STORY], ids=["dm", "story"])
def test_an_adult_telling_a_child_they_are_mature_for_their_age_is_danger(
    context: JudgeContext,
) -> None:
    """A grooming sign (NSPCC): flattery said to the child, by an adult, however it goes on."""
    text = "He keeps telling her she's mature for her age and buying her things"
    assert judge(text, context).label is Label.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "Lily read so beautifully, she's so mature for her age ❤️",
        "Mrs Khan told us she's mature for her age at parents evening, thank you",
    ],
)
def test_praise_for_a_child_mature_for_their_age_is_kind(text: str) -> None:
    found = judge(text, STORY)
    assert found.label is Label.OK and found.outcome is Outcome.KEEP, found


@pytest.mark.parametrize(
    "text",
    [
        "You lot never listened and now my daughter has cut her wrists, we're in A&E",
        "He's having an asthma attack and his inhaler isn't working, where is he??",
    ],
)
@pytest.mark.parametrize("context", [DM, STORY], ids=["dm", "story"])
def test_cut_wrists_and_an_asthma_attack_now_are_danger_even_in_anger(
    text: str, context: JudgeContext
) -> None:
    """Both were missed by frozen set 8 (docs/figures.md): one diverted as abuse."""
    assert judge(text, context).label is Label.URGENT


def test_an_asthma_attack_last_week_is_not_danger() -> None:
    text = "She had an asthma attack last week so she might be tired, her inhaler is in her bag"
    assert judge(text, DM).label is not Label.URGENT


@pytest.fixture
def learned_danger_in_doubt() -> Iterator[None]:
    """The shipped model with every private message read as danger by the learned tier,
    never surely: what the judge makes of the tier's unsure readings, whatever the model."""
    shipped = judge_model.shipped()
    dm = shipped["dm"]
    unsure = replace(dm, threshold=dm.threshold | {"urgent": 0.0, "urgent_sure": 1.01})
    judge_model.use(shipped | {"dm": unsure})
    yield
    judge_model.use(None)


@pytest.mark.usefixtures("learned_danger_in_doubt")
def test_danger_only_the_learned_tier_reads_and_not_surely_is_checked_not_urgent() -> None:
    """A lead reads it now (the relay's check); the family is not told to ring 999."""
    verdict = judge("His gran's picking him up today, she'll be by the church.", DM)
    assert verdict.label is not Label.URGENT and verdict.doubt is not None, verdict
    assert route(verdict) is Route.CHECK
    # What the word rules read as danger stays urgent (abuse the tier also reads as danger:
    # `test_a_threat_the_tier_is_sure_of_goes_to_slt_though_it_doubts_danger`).
    words = judge("Jake told me he wants to die and everyone would be better off without him", DM)
    assert words.label is Label.URGENT and words.doubt is None, words


@pytest.mark.usefixtures("story_danger_in_doubt")
def test_a_story_reply_only_the_learned_tier_reads_as_danger_not_surely_is_read_now() -> None:
    """Urgent in doubt (`Verdict.doubt`, `Outcome.ASK`): hidden for a teacher and read by a
    lead, the family of a kind reply not told to ring 999; judge-eval counts it as found,
    and a kind reply so judged as sent to a teacher, not removed."""
    kind = "What a lovely assembly, thank you all!"
    verdict = judge(kind, STORY)
    assert verdict.label is Label.URGENT and verdict.outcome is Outcome.ASK, verdict
    assert verdict.doubt is not None, verdict
    # a private message in doubt is not urgent: the relay's check (above)
    assert judge(kind, DM).label is not Label.URGENT
    report = evaluate([Example(kind, "urgent", "", 1), Example(kind, "ok", "", 2)], "story")
    assert report.urgent_missed_rate == 0.0 and report.removed_ok_rate == 0.0, report
    assert report.teacher_ok_rate == 1.0, report
    words = judge(SEEN_HELD[0], STORY)
    assert words.label is Label.URGENT and words.outcome is Outcome.REMOVE, words
    assert words.doubt is None, words


@pytest.mark.usefixtures("learned_danger_in_doubt")
@pytest.mark.parametrize(("abuse_over_doubt", "taken"), [(0.0, Route.DIVERT), (1.01, Route.URGENT)])
def test_a_threat_the_tier_is_sure_of_goes_to_slt_though_it_doubts_danger(
    abuse_over_doubt: float, taken: Route
) -> None:
    """Above `abuse_over_doubt` a threat the tier also reads, unsurely, as danger goes to
    SLT (a lead still reads it out of hours); below it, it takes the urgent path."""
    dm = judge_model.heads()["dm"]
    threshold = dm.threshold | {"abuse_over_doubt": abuse_over_doubt}
    judge_model.use(judge_model.heads() | {"dm": replace(dm, threshold=threshold)})
    verdict = judge("Keep picking on my lad and see what happens. I'm not asking.", DM)
    assert route(verdict) is taken, verdict
    assert verdict.doubt is not None or taken is Route.URGENT, verdict


def test_the_shipped_model_is_sure_of_less_danger_than_it_reads() -> None:
    threshold = judge_model.shipped()["dm"].threshold
    assert 0 < threshold["urgent"] < threshold["urgent_sure"] < 1, threshold


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Has anyone seen Ava's jumper? Navy, name tape inside. Third one this term 😩", "dm"),
        ("He's been killing himself laughing at the joke book from the library, thank you", "dm"),
        ("The secret weapon of Year 3 is clearly that goalkeeper! Great match", "story"),
        ("Top gun of the rounders match there, well done Maya!", "story"),
        ("Lovely they learned to use the butter knives safely making sandwiches", "story"),
        ("I was so scared she'd freeze on stage but she was amazing! Thank you", "story"),
    ],
)
def test_idioms_of_lost_jumpers_laughter_and_stage_nerves_are_not_danger(
    text: str, where: Where
) -> None:
    verdict = judge(text, JudgeContext(where=where))
    assert verdict.label is not Label.URGENT and verdict.outcome is Outcome.KEEP, verdict


@pytest.mark.parametrize(
    "text",
    [
        "Has anyone seen Ava? She hasn't come home from school",
        "She told me she wants to kill herself",
        "He took a kitchen knife to school in his bag",
        "We're so scared, he's outside the house again shouting",
    ],
)
def test_their_twins_in_danger_stay_urgent(text: str) -> None:
    assert judge(text, DM).label is Label.URGENT


#: A goodbye in two halves, each ordinary alone; and violence at home told of in passing.
GOODBYES_AND_VIOLENCE = [
    "Thanks for everything this year. I'm not gonna be around much longer, look after my girls",
    "cant see the point any more. tell my kids i love them",
    "sorry she's late, he said if I tell anyone he'll smash my face in",
    "theres a man going for the weans at the gate wi a needle, phone the polis",
    "i won't be collecting her ever again. tell my daughter i'm sorry",
]
#: Their ordinary twins, with the same words.
HALF_A_GOODBYE = [
    "I'm not gonna be around much longer, we move to Leeds at Easter, thanks for everything",
    "Can you look after my girls at pickup? I'm ten minutes late",
    "I can't see the point any more of the reading logs, she reads every night anyway",
    "He smashed his face on the climbing frame yesterday, is he okay today?",
    "Her medicine is in her bag, please give it with the syringe at lunch",
    "They were chasing each other with sticks in forest school, brilliant fun",
    "Look after my boy at pickup please, tell miss im sorry he is late",
    "Our Jess won't be seeing her nan ever again, she passed on Sunday",
    "I won't be here to see the play on Friday, I'm on nights, can someone film it?",
]


@pytest.mark.parametrize("text", GOODBYES_AND_VIOLENCE)
@pytest.mark.parametrize("context", [DM, STORY], ids=["dm", "story"])
def test_a_goodbye_and_violence_at_home_are_danger_to_the_word_rules(
    text: str, context: JudgeContext
) -> None:
    assert judge(text, context, learned=False).label is Label.URGENT


@pytest.mark.parametrize("text", HALF_A_GOODBYE)
def test_half_a_goodbye_is_not_danger_to_the_word_rules(text: str) -> None:
    assert judge(text, DM, learned=False).label is not Label.URGENT


#: A farewell in a story reply: not being there for the next one, or gone by tomorrow, beside
#: a decision, a goodbye to everyone, having had enough of it all, or the children left in
#: someone's care.
FAREWELLS = [
    "Lovely concert. I've made up my mind, I won't be there for the next one. Goodbye everyone x",
    "I'll be gone by tonight anyway, so I won't need to worry about the school run",
    "Don't think I'll see the next ones, had enough of it all. Look after my three for me",
    # pills saved up, a ledge beside a goodbye, 'came at me again', goodbye notes
    "Great photos. I've been saving up my sleeping pills for weeks, tell the girls I'm sorry",
    "Gorgeous costumes x I'm stood on the edge of the multi-storey now. Love you all",
    "Lovely assembly. He came at me again last night when the kids were asleep",
    "Don't send any more letters home, we won't be coming back after today. None of us will be",
    "Nice pics. I've left notes for both of the kids, I've made my decision",
    "Bye Mrs Khan, thanks for everything. He won't be at the nativity or anything after that",
    "She won't be needing her reading book any more. Had enough of it all",
    "Great show. Won't be there for the next one, I've said my goodbyes, it's for the best",
    "Thanks for everything. You won't hear from me again. Sorry kids",
    "I've written a note for Jack in his book bag, give it him if I don't wake up tomorrow",
]
#: Their ordinary twins: a holiday, the weather, a move, a night shift, a club; and a decision
#: or a holiday beside a request to ring, which is not panic.
NOT_FAREWELLS = [
    "I'll be gone by tomorrow, flying to Lanzarote for half term, send pics!",
    "Had enough of this weather, roll on summer",
    "Goodbye everyone, we're moving to Bristol at Easter, thank you for everything",
    "Won't be at the next one, I'm on nights, can someone film it?",
    "I've made my decision, she's doing recorder club after Christmas",
    "I've made my decision about his place, please ring me asap",
    "I'll be gone by tomorrow, off to Spain for half term, call me if anything comes up",
    "Saved up my pocket money for the book fair!",
    "I'm sat on the bridge in traffic, sorry everyone, I'll be late for the assembly",
    "He went for me in the dads' race, nearly tripped me up haha",
    "Won't be needing the trip letters any more, we have the app now",
    "Bye Miss, thanks for everything this year! See you in September",
    "I've written letters for both kids' teachers about the holiday",
    "None of us will forget this trip, thank you",
    "I'm not coping with this weather, lovely photos though",
    "I kept my tablets in the office fridge as asked",
    "I've said my goodbyes to the Year 6 leavers, what a lovely lot",
    "We've moved him to the front table, it's better this way for his eyes",
    "Sorry kids, no cake sale this week!",
    "Last time you'll hear from me about the tombola, I promise 😂",
]


@pytest.mark.parametrize("text", FAREWELLS)
@pytest.mark.parametrize("context", [DM, STORY], ids=["dm", "story"])
def test_a_farewell_in_other_words_is_danger_to_the_word_rules(
    text: str, context: JudgeContext
) -> None:
    assert judge(text, context, learned=False).label is Label.URGENT


@pytest.mark.parametrize("text", NOT_FAREWELLS)
@pytest.mark.parametrize("context", [DM, STORY], ids=["dm", "story"])
def test_a_holiday_a_move_or_a_night_shift_is_not_a_farewell(
    text: str, context: JudgeContext
) -> None:
    assert judge(text, context, learned=False).label is not Label.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "the bairn's no' breathin right, lips turnin purple",
        "our bairn's been missin since teatime, naebody's seen her",
        "ma wean's been missin' since the chippy, last seen at the park, polis no answerin",
    ],
)
def test_danger_in_scots_spellings_is_urgent(text: str) -> None:
    assert judge(text, STORY, learned=False).label is Label.URGENT
    assert judge(text, STORY).label is Label.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "the wean's missin' his granny this week, she's gone back to Ireland",
        "missin the summer hols already 😂",
        "He was puffed out after cross country but breathing fine by home time",
    ],
)
def test_missing_someone_in_scots_is_not_danger(text: str) -> None:
    assert judge(text, STORY, learned=False).label is not Label.URGENT


#: A polite letter that shows the writer watches the teacher, beside a warning.
WATCHED_AND_WARNED = [
    "Dear Mr Patel, I've noticed where you park on Birch Lane. Quiet spot. Accidents happen on "
    "quiet roads. Regards",
    "Hope you're well. I saw you at the garden centre with your son on Sunday; you ought to be "
    "more careful who sees you.",
    "I know which route you take home and what time you finish on Fridays. Next time we talk "
    "it will be somewhere other than school.",
    "Thanks for the report. I've seen you jogging round the reservoir at six most mornings. "
    "Quiet out there, isn't it.",
    "Lovely assembly. By the way I've got your address, and so have most of the other parents",
    "Thanks for the chat. Send my best to your dad at the Elmfield nursing home, I pop in there.",
    "His uncle will be at parents' evening. He's not as patient as me, just so you know.",
    "Brilliant work this year. I've put your address on the class Facebook group for the cards.",
    "Thanks for listening today. I go right past your house on my way home. Take care now 😊",
    "Your son plays rugby at the park on Saturdays, doesn't he? I'll keep an eye on him.",
    "Kind regards. P.S. accidents happen to teachers who walk home alone",
    "Just so you know, my cousin's just got out and he's very protective of his niece 🙂",
]
#: Each half alone: a kind word about parking, a sighting, a graze, a request to meet.
WATCHED_OR_WARNED = [
    "I noticed you parking on Oak Street, the road floods after rain, be careful!",
    "I saw you at the garden centre on Sunday, your son is so like you!",
    "Accidents happen, she's fine, only a scraped knee",
    "I know what time you finish on Fridays, could I catch you at 3:30?",
    "It gets so quiet out there after the holidays, enjoy the break!",
    "The other parents have the trip money in, and so have we",
    "Hope your mum in hospital is feeling better soon, Miss.",
    "It would be a shame if the rain spoils sports day, fingers crossed",
    "Her uncle's coming to parents' evening, he's much more patient than me with forms!",
    "I drive past yours on my way to work, so I can drop the costume off in the morning.",
    "Thanks for all your help this week. Take care now 😊",
    "Your son was brilliant at the football on Saturday, I'll say hello to him next week.",
    "She walks home alone now she's in Year 6, is that ok with the school?",
    "My brother's just got out of hospital and he's very protective, so he'll collect today",
    "My son has just come out to us as gay and he's not happy at school, just so you know",
    "Your daughter is in my Rainbows group on Tuesdays, I'll look out for her and help her settle",
    "I drive past your house on the way to work, happy to drop the book bag back! Take care now",
]
#: A child at home without an adult is danger whoever tells it; a teacher walking home is not.
HOME_ALONE = [
    "Is Amelia still at school?? She hasn't come home and her phone's off. She walks home alone",
    "The two little ones have been home alone since Friday, I can hear them through the wall",
]


@pytest.mark.parametrize("text", WATCHED_AND_WARNED)
def test_a_teacher_watched_and_warned_is_a_threat_diverted(text: str) -> None:
    found = judge(text, DM)
    assert found.label is Label.ABUSIVE and found.outcome is Outcome.REMOVE, found
    assert judge(text, DM, learned=False).label is Label.ABUSIVE


@pytest.mark.parametrize("text", WATCHED_OR_WARNED)
def test_half_of_a_watched_and_warned_letter_is_not_abuse_to_the_word_rules(text: str) -> None:
    assert judge(text, DM, learned=False).label is not Label.ABUSIVE


#: Danger in forms set 20 found (danger, its ordinary twin sharing the words).
SET_20_DANGER = [
    (
        "honestly I dont see the point anymore, everyone would be better without me. sorry.",
        "They'd be better without me helping on the trip, I got us lost twice 😂",
    ),
    (
        "Thanks for the sheet. I'm in the car at the reservoir and I don't think I'll be "
        "coming home",
        "We're at the lake and won't be coming home till Sunday, so Ava will miss Friday",
    ),
    (
        "Quick q about dinner money. Also he's been coughing up blood tonight, is that normal?",
        "He had a cough and a bit of a nosebleed last night but he's fine now",
    ),
    (
        "Lovely concert. The 8 year old over the road is on her own again all weekend",
        "She ran the cake stall on her own all day, so proud",
    ),
    (
        "Great trip. I've got all my tablets lined up, I'm so tired of everything",
        "I've got her tablets ready for the trip, they're in the green bag",
    ),
    (
        "Beautiful choir. Last time I'll see them sing I think. I've written them each a letter",
        "I've written them each a letter for their first day at big school, can you hand them out?",
    ),
]


#: Kind replies set 20 found read as danger: a child in the family car, fake blood, a fright.
SET_20_KIND = [
    "Thanks ever so much, she's not stopped chattering since she got in the car",
    "He came home covered in fake blood from Romans day and scared the life out of the postman 😂",
]


@pytest.mark.parametrize("text", SET_20_KIND)
def test_a_kind_reply_set_20_found_is_not_danger(text: str) -> None:
    assert judge(text, STORY, learned=False).label is not Label.URGENT
    assert judge("She got into a car with a man at the gates", DM).label is Label.URGENT


#: A review's wordings of the same danger, each a small change from the rules' examples.
DANGER_REWORDED = [
    "they'd be better without me",
    "Everybody would be better without me to be honest",
    "I don't see any point in living",
    "My son is coughing up some blood and he's really pale",
    "My tablets are all lined up ready. Please make sure the kids get picked up",
    "He's been on his own all weekend, his mum hasn't come back",
    "Ellie (Y2) was home by herself all weekend, her dad went away",
    "Parked up at Ladybower reservoir. I won't be coming home. Sorry",
    "My daughter got into some man's car after school",
]
#: ... and ordinary messages sharing their words.
ORDINARY_REWORDED = [
    "she'd be better off without me nagging her about homework, ha",
    "Got my meds all laid out in the dosette box",
    "So proud, our daughter has read on her own every night this week!",
    "The baby slept on her own all night for the first time!!",
    "Dad's at the sea fishing, he won't be coming home in time for pickup so nan will collect",
    "We're at the beach in Cornwall, we won't be coming home tomorrow as planned",
    "He got into a car seat for the first time without a fuss",
    "Don't panic, it's only pretend blood from the Halloween party",
]


def test_a_relative_just_released_beside_how_protective_he_is_is_a_threat_to_the_word_rules() -> (
    None
):
    text = "My brother has just been released from prison. He's very protective of the kids"
    assert judge(text, DM, learned=False).label is Label.ABUSIVE


@pytest.mark.parametrize("text", DANGER_REWORDED)
def test_danger_reworded_is_urgent_to_the_word_rules(text: str) -> None:
    assert judge(text, DM, learned=False).label is Label.URGENT


@pytest.mark.parametrize("text", ORDINARY_REWORDED)
def test_an_ordinary_message_in_the_same_words_is_not_danger(text: str) -> None:
    assert judge(text, DM, learned=False).label is not Label.URGENT


@pytest.mark.parametrize(("danger", "twin"), SET_20_DANGER)
@pytest.mark.parametrize("context", [DM, STORY], ids=["dm", "story"])
def test_danger_set_20_found_is_urgent_to_the_word_rules_and_its_twin_is_not(
    danger: str, twin: str, context: JudgeContext
) -> None:
    assert judge(danger, context, learned=False).label is Label.URGENT
    assert judge(twin, context, learned=False).label is not Label.URGENT


@pytest.mark.parametrize("text", HOME_ALONE)
def test_a_child_home_alone_is_danger(text: str) -> None:
    assert judge(text, DM, learned=False).label is Label.URGENT


#: A child walking or cycling home on their own is an arrangement, not a child left alone.
WALKS_HOME_ALONE = [
    "She walks home alone now she's in Year 6, is that ok with the school?",
    "I've signed the form so Jess can walk home alone from Monday",
    "He cycles home alone on Fridays, the route's all cycle path",
    "Since September he's been walking home alone and he loves the independence",
]


@pytest.mark.parametrize("text", WALKS_HOME_ALONE)
def test_walking_home_alone_is_not_danger_to_the_word_rules(text: str) -> None:
    assert judge(text, DM, learned=False).label is not Label.URGENT


#: A child not home whose phone is off is missing; a phone off alone is nothing.
NOT_HOME_PHONE_OFF = [
    (
        "Leo hasn't come home from school and his phone's off",
        "Sorry I missed your call, my phone's off on the ward, ring the office",
    ),
    (
        "She's not come home and she's not answering her phone, is she still in?",
        "She keeps forgetting to charge her phone, her phone is dead every night 🙄",
    ),
]


@pytest.mark.parametrize(("danger", "twin"), NOT_HOME_PHONE_OFF)
def test_a_child_not_home_who_cannot_be_reached_is_danger(danger: str, twin: str) -> None:
    assert judge(danger, DM, learned=False).label is Label.URGENT
    assert judge(twin, DM, learned=False).label is not Label.URGENT


@pytest.mark.parametrize(
    "text",
    [
        "Hi, thanks for the update. I know which house is yours on Birch Road and it would be a "
        "shame if anything happened to it. Anyway, is PE still Tuesday?",
        "Thank you for your reply. Bad things tend to happen to teachers who humiliate "
        "children. Regards",
        "With respect, if he is kept in again I cannot promise I can stop his brothers coming "
        "down to have a word with you.",
    ],
)
def test_a_house_known_harm_to_people_who_or_family_set_on_a_teacher_is_diverted(
    text: str,
) -> None:
    assert judge(text, DM, learned=False).label is Label.ABUSIVE
    assert judge(text, DM).outcome is Outcome.REMOVE


@pytest.mark.parametrize(
    "text",
    [
        "Accidents happen to the best of us, he is fine",
        "I can't guarantee her dad will be on time, he works late",
        "I can't promise I can stop his dad buying him sweets, sorry!",
        "I know which house is yours, my mum lives next door! Small world",
    ],
)
def test_accidents_to_the_best_of_us_or_a_late_dad_is_not_abuse_to_the_word_rules(
    text: str,
) -> None:
    assert judge(text, DM, learned=False).label is not Label.ABUSIVE


@pytest.mark.parametrize(
    ("danger", "ordinary"),
    [
        (
            "Her dad has taken both kids' passports and says they're flying out tonight",
            "Do we have to bring passports for the trip? I got hers renewed yesterday",
        ),
        (
            "He's gone with the boys and I can't find their passports, please don't let him in",
            "He's off Thursday morning, we have an appointment at the embassy for his passport",
        ),
        (
            "Some older lads are paying him to carry drugs to the flats after school",
            "Ollie's growing like a weed, can we swap his jumper for the next size?",
        ),
        (
            "His mum's back on crack and there's been no food in since Sunday",
            "The window was open a crack in the rain. Can he bring a coke to the party?",
        ),
        (
            "Her stepdad is dealing from the house and there are strangers in and out all night",
            "We're dealing with it at home, he knows he shouldn't have said it. Thanks",
        ),
    ],
)
def test_passports_and_drugs_are_danger_only_when_taken_or_dealt(
    danger: str, ordinary: str
) -> None:
    """Asked by the check set: a passport form, a window open a crack, a child growing like
    a weed and "dealing with it" had each been a safeguarding alert."""
    assert judge(danger, DM, learned=False).label is Label.URGENT
    assert judge(ordinary, DM, learned=False).label is not Label.URGENT


@pytest.mark.parametrize(
    ("danger", "ordinary"),
    [
        (
            "The two next door have been left on their own since Monday and the flat's dark",
            "Her dad's away working so we've been on our own since Monday, all fine",
        ),
        (
            "Nobody's been home for the little ones at number 4 for three days now",
            "No one is home for the kids for two hours after school on Tuesday, is that ok?",
        ),
        (
            "We're all fine. Tell Ruby her dad loves her. That's all.",
            "Can you tell Ruby her dad loves her? She was upset at drop-off. That's all",
        ),
        (
            "Lovely show. I can't do this any more. Goodnight everyone",
            "We're not doing the Friday club any more. Goodnight everyone!",
        ),
        (
            "He molested her at the sleepover, she told me last night",
            "¡Vaya lío de obra! Ni se molestaron en avisarnos",
        ),
    ],
)
def test_children_alone_for_days_and_a_calm_goodbye_are_danger_and_their_twins_are_not(
    danger: str, ordinary: str
) -> None:
    """Written from frozen set 18's errors, after its one measurement."""
    assert judge(danger, DM, learned=False).label is Label.URGENT
    assert judge(ordinary, DM, learned=False).label is not Label.URGENT
