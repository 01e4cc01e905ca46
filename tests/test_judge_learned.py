"""The judge's learned tier and its other-language lists: threats go to SLT, kind words that
sound alarming stay, a parent's worry is not paused, kind replies in other languages stay and
hostile ones never stay unseen; and `judge-train`, including a school's own refit, which is
refused when it would make the judge worse. No server needed."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import conductbot

from bot import judge_model, multilingual
from bot.embedding import encoder
from bot.judge import JudgeContext, Label, Outcome, judge
from bot.judge_train import CHECK, DATA, check_centres, check_figures, english
from handlers.relay import Route, route
from storage.rooms import RoomKind
from storage.store import DATABASE, Store

STORY = JudgeContext(where="story", pupil_names=frozenset({"Kacper", "Aisha", "Ruby", "Leo"}))
DM = JudgeContext(where="dm", pupil_names=STORY.pupil_names)

# --- Threats are abusive, always ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I know what car you drive.",
        "Speak to my son like that again and I'll be waiting for you in the car park.",
        "I know where you live, Miss.",
        "Be a shame if something happened to that nice house of yours.",
        "I'll put your address on Facebook and let everyone know what you are.",
        "One phone call and you're finished at that school. Think on.",
        "My brothers will be coming in to have a word with you tomorrow.",
        "I'll stand outside your house and wait for you to come out so we can talk.",
        "I'll be having a word with you away from school.",
        "Expect me.",
        "Got you on video. Think the parents' group would like to see it?",
        "Your contract's up in July isn't it? I'd hate for anything to affect the renewal.",
        "Say hi to your mum for me. She's still on Oak Lane isn't she?",
        "I'd stop now. While it's still just messages.",
        "Dozy mare.",
        "Thanks for the update on phonics. That said, I know where you park, and one more "
        "week of him on the bottom table and you'll find out why that matters. Kind regards",
        "Funny how some people get their tyres slashed for less. Anyway, see you Thursday",
        "I know you live off Mill Lane. Keep singling him out and you'll be the one who's sorry.",
    ],
)
def test_threats_go_to_slt_not_the_teacher(text: str) -> None:
    assert route(judge(text, DM)) is Route.DIVERT


@pytest.mark.parametrize(
    "text",
    [
        "It would be a shame if anything happened to the class hamster over half term!",
        "I know people who've had the same trouble with the reading app, is it down?",
        "Ruby's brothers will be coming in for the assembly, is that ok?",
        "My brother's picking her up today, he's on the list.",
        "Could I have a word with you after school about Ruby's lunchbox?",
        "I'll wait for you at the gate after school with the reading record.",
        "I'm a dozy mare, forgot her PE kit again!",
        "The local paper would love to see the photos of the science fair, can we send them?",
        "That said, she has loved the Egyptians topic, thank you for all the work.",
        "We had our windows done last week so the house is a mess, sorry the reading log is late",
        "I know you live near the library, could you drop the book back for me? No rush!",
    ],
)
def test_words_that_look_like_threats_reach_the_teacher(text: str) -> None:
    assert route(judge(text, DM)) in (Route.DELIVER, Route.OFFICE)


# --- Kind and ordinary messages stay as they are --------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bloody brilliant, the lot of them 😂",
        "Absolutely sick costumes this year 🔥 I'm crying",
        "Killing it as always Year 2 🔥🔥",
        "Mad proud of Leo, he's been practising his lines for weeks",
        "Dead funny watching them try to do the egg and spoon 😂",
        "Scary good costumes this year!",
    ],
)
def test_kind_replies_with_alarming_words_stay_in_the_story(text: str) -> None:
    assert judge(text, STORY).outcome is Outcome.KEEP


@pytest.mark.parametrize(
    "text",
    [
        "Our dog died last night and Aisha is heartbroken, she may be quiet today.",
        "I'm at my wits' end with the homework battles, he cries every night. Any ideas?",
        "Kacper says he has nobody to play with at lunch and it's breaking my heart.",
        "I'll kill him if he loses another jumper 😂 can you check lost property please",
        "Me and his dad have split up and it's been a rough week, just so you know.",
    ],
)
def test_ordinary_worries_reach_the_teacher_unpaused(text: str) -> None:
    assert route(judge(text, DM)) in (Route.DELIVER, Route.OFFICE)


@pytest.mark.parametrize(
    "text",
    [
        "Hope your dad's operation goes well on Friday, Sir",
        "So sorry to hear about your grandma. Thinking of you x",
        "Congratulations on the new baby Miss! Sending love",
        "Hope your little boy is over the flu now, Mrs Khan",
    ],
)
def test_good_wishes_to_a_teacher_about_their_family_are_delivered(text: str) -> None:
    """The tier reads a teacher's family named in a message as a sign of a threat; good
    wishes in every sentence, with no threat the word rules see, reach the teacher."""
    assert route(judge(text, DM)) is Route.DELIVER


@pytest.mark.parametrize(
    "text",
    [
        "Get well soon Miss. It would be a shame if your sick note turned into something longer.",
        "Congratulations on your wedding. I know the venue and I might pop in to say hello.",
        "Get well soon\nWe know where you park",
        "Get well soon 🔪🔪",
        "Hope you feel better about yourself now. Well done.",
    ],
)
def test_a_threat_after_good_wishes_is_still_diverted(text: str) -> None:
    assert route(judge(text, DM)) is Route.DIVERT


# --- A head that names what is wrong -------------------------------------------------------

#: A complaint among kind words, which the remove head, weighed over every kind of reply that
#: should go, reads as fine and the complaint head is sure of; and kind replies in the same
#: words, which stay. Written for these tests.
NAMED_BY_A_HEAD = (
    "So lovely, thank you. Small thing though, the uniform shop's PE tops are nearly four times "
    "the supermarket's, which is a lot for families this winter."
)
ITS_KIND_TWINS = [
    "So lovely, thank you. Small thing — could I order a copy of the class photo for her nan?",
    "Great assembly 🎶 ours sang her heart out, so proud of every single one of them 😂",
]


def test_a_reply_a_named_head_is_sure_of_goes_to_a_teacher(monkeypatch: pytest.MonkeyPatch) -> None:
    verdict = judge(NAMED_BY_A_HEAD, STORY)
    assert verdict.outcome is Outcome.ASK, verdict
    assert verdict.reasons[0].startswith("reads as complaint (learned tier's complaint head")
    monkeypatch.setattr(judge_model, "NAMED", ())
    assert judge(NAMED_BY_A_HEAD, STORY).outcome is Outcome.KEEP  # the remove head keeps it


@pytest.mark.parametrize("text", ITS_KIND_TWINS)
def test_its_kind_twins_stay(text: str) -> None:
    assert judge(text, STORY).outcome is Outcome.KEEP


def test_the_sensitive_head_still_reads_a_mobile_but_not_an_organisations_line() -> None:
    """The contact rules clear a UK organisation's line (08, 03) and know UK numbers only."""
    mobile = "Lovely photos! Anyone up for a carpool on Saturday? Text me on +48 601 234 567."
    assert judge(mobile, STORY).outcome is not Outcome.KEEP
    assert judge("Call 0800 123 4567 for the dinners line", STORY).outcome is Outcome.KEEP


def test_a_pupils_post_is_not_read_by_the_named_heads() -> None:
    """Their thresholds were set on parents' replies: a child's boast about the class goes to a
    teacher as a parent's reply, and stays as a pupil's post."""
    text = (
        "Our class won the tidy classroom award again, we are the best class in the whole school!"
    )
    assert judge(text, STORY).outcome is Outcome.ASK
    assert judge(text, replace(STORY, where="pupil")).outcome is Outcome.KEEP


def test_each_named_head_sends_at_most_its_share_of_kind_replies_to_a_teacher() -> None:
    """In cross-validation on the corpus, as the shipped model records it."""
    described = json.loads((DATA / judge_model.MODEL_JSON).read_text(encoding="utf-8"))
    story = described["contexts"]["story"]["cross_validation"]
    for name in judge_model.NAMED:
        assert story[f"{name}_ask"]["ok_above"] <= judge_model.NAMED_SHARE, name


# --- Other languages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bardzo ładnie! Brawo dla wszystkich dzieci 👏",  # Polish
        "Mashallah bohat acha, shukriya teacher",  # Roman Urdu
        "ਬਹੁਤ ਵਧੀਆ, ਧੰਨਵਾਦ ਜੀ",  # Punjabi
        "Mulțumim frumos, ce frumos au cântat copiii!",  # Romanian
        "شكرا جزيلا للمعلمة، صور جميلة",  # Arabic
        "অনেক ধন্যবাদ, খুব সুন্দর ছবি",  # Bengali
        "Aad baad u mahadsantahay macalin, sawirro qurux badan",  # Somali
        "Que lindo! Obrigada pelas fotos",  # Portuguese
        "¡Qué bonito! Muchas gracias maestra",  # Spanish
        "Дякую за чудові фото, молодці діти!",  # Ukrainian
    ],
)
def test_kind_replies_in_other_languages_are_never_removed(text: str) -> None:
    assert judge(text, STORY).outcome is Outcome.KEEP


@pytest.mark.parametrize(
    "text",
    [
        "Idiota, wstydźcie się",  # Polish
        "Tum bewakoof ho, sharam karo",  # Roman Urdu
        "Eres una mentirosa, profesora",  # Spanish
        "Ти брехуха і ідіотка",  # Ukrainian
    ],
)
def test_hostile_replies_in_other_languages_are_removed_or_asked(text: str) -> None:
    assert judge(text, STORY).outcome is not Outcome.KEEP
    assert route(judge(text, DM)) is Route.DIVERT


def test_a_reply_in_another_language_with_no_known_words_goes_to_a_teacher() -> None:
    text = "Kuba mówi, że pani od matematyki jest nowa"  # "Kuba says the maths teacher is new"
    verdict = judge(text, STORY)
    assert verdict.outcome is Outcome.ASK
    assert "another language" in verdict.reasons[0]
    # privately: the teacher reads it at once in hours, a safeguarding lead out of hours
    assert route(judge(text, DM)) is Route.CHECK


@pytest.mark.parametrize("text", ["Brill 👍", "Aww 🥰", "Fab pics x", "lush", "Hiya, wellies?"])
def test_informal_english_is_english_not_another_language(text: str) -> None:
    """Words the sentence model's vocabulary lacks ("brill", "aww") are still English: a
    one-word kind reply is kept, not sent to a teacher as unread."""
    verdict = judge(text, STORY)
    assert verdict.outcome is Outcome.KEEP
    assert verdict.unread is None


def test_a_one_word_reply_in_another_language_is_still_read_as_one() -> None:
    # Polish "Kiedy?" (when?) has no English word: a teacher reads it
    assert judge("Kiedy?", STORY).unread is not None


@pytest.mark.parametrize(
    "text",
    [
        "Mi hijo ha desaparecido, no está en casa, ayuda por favor",  # Spanish
        "Mere bete ko koi le gaya, madad karo",  # Roman Hindi/Urdu
        "Mój syn zaginął, nie wrócił do domu ze szkoły",  # Polish
    ],
)
def test_danger_in_another_language_is_urgent(text: str) -> None:
    assert judge(text, DM).label is Label.URGENT
    assert judge(text, STORY).label is Label.URGENT


# --- judge-train -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def embeddings(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One embedding cache for the refits: the corpus is embedded once, not per test."""
    return str(tmp_path_factory.mktemp("judge") / "embeddings.npz")


def test_judge_train_writes_a_model_the_judge_can_read_and_refuses_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = tmp_path / "lines.jsonl"
    examples = sorted(CHECK.glob("*.jsonl"))
    lines.write_text("".join(p.read_text(encoding="utf-8") for p in examples), encoding="utf-8")
    assert conductbot("judge-train", str(lines), "--out", str(tmp_path)) == 0
    model = judge_model.load(tmp_path)
    assert set(model) == {"story", "dm"}
    for where, questions in judge_model.HEADS.items():
        assert model[where].names == tuple(questions)
        assert set(model[where].threshold) == set(judge_model.BUDGET[where])
    described = json.loads((tmp_path / judge_model.MODEL_JSON).read_text())
    assert str(lines) in described["trained_on"]
    reader = multilingual.load(tmp_path)  # and the reader of other languages beside it
    assert reader.names == tuple(multilingual.HEADS)
    assert set(reader.threshold) == {"kind", "threat"}
    assert reader.weights.shape == (384, len(multilingual.HEADS))
    judge_model.use(model)
    try:  # the judge reads with it
        assert judge("Thank you so much, lovely photos", STORY).outcome is Outcome.KEEP
    finally:
        judge_model.use(None)
    assert conductbot("judge-train", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path)) == 2
    assert "no such file" in capsys.readouterr().err


def test_judge_train_data_dir_needs_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert conductbot("judge-train", "--data-dir", str(tmp_path)) == 2
    assert "no database" in capsys.readouterr().err


async def _school_with_decisions(data_dir: Path, decisions: list[tuple[str, str]]) -> None:
    """A school database where teachers decided on these story replies (text, keep/remove)."""
    store = await Store.open(data_dir / DATABASE)
    try:
        await store.rooms.add("!story:s", RoomKind.STORY, "story:1", created_at="2026-11-02")
        for n, (text, decision) in enumerate(decisions):
            at = "2026-11-02T10:00:00"
            where = ("!story:s", "@parent:s", None)
            review = await store.story.open_review(
                f"$e{n}", *where, text, "negative", 0.5, (), at=at
            )
            await store.story.decide(review, decision, by="@reid:s", at="2026-11-02T10:05:00")
        await store.db.commit()
    finally:
        await store.close()


def test_a_school_refit_that_does_worse_is_refused_and_the_model_in_use_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embeddings: str
) -> None:
    # a teacher who presses ✅ on every reply the bot asks about, sniping included (here the
    # check set's own sniping, so that the harm shows where the refit is measured)
    check = judge_model.load_lines(sorted(CHECK.glob("*.jsonl")))
    sniping = [
        text
        for text, label, story in zip(check.texts, check.labels, check.story, strict=True)
        if story and label in ("negative", "comparison", "complaint")
    ]
    asyncio.run(_school_with_decisions(tmp_path, [(text, "keep") for text in sniping[:600]]))
    assert conductbot("judge-train", "--data-dir", str(tmp_path), "--cache", embeddings) == 1
    assert "refit refused" in capsys.readouterr().err
    assert not (judge_model.school_model(tmp_path) / judge_model.MODEL_JSON).exists()
    assert judge_model.heads() is judge_model.shipped()


def test_a_school_refit_that_holds_its_figures_is_adopted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embeddings: str
) -> None:
    decisions = [
        ("Gallus wee team, pure dead brilliant so it is", "keep"),
        ("Aye right, nice for some, same weans in every photo", "remove"),
        ("Wee man's a total bampot haha love him", "keep"),
        ("Hunners of pics of the teacher's pets again eh", "remove"),
    ]
    asyncio.run(_school_with_decisions(tmp_path, decisions))
    try:
        assert conductbot("judge-train", "--data-dir", str(tmp_path), "--cache", embeddings) == 0
        report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        assert report["decisions"] == 4
        assert report["written"] == str(judge_model.school_model(tmp_path))
        assert judge_model.use_school_model(tmp_path)
        assert judge_model.heads() is not judge_model.shipped()
        assert check_figures(judge_model.heads()) == report["after"]
        # the danger heads are the shipped ones, whatever the school decided
        for where, heads in judge_model.heads().items():
            shipped = judge_model.shipped()[where]
            column = heads.names.index("urgent")
            assert (heads.weights[:, column] == shipped.weights[:, column]).all()
            assert heads.threshold["urgent"] == shipped.threshold["urgent"]
    finally:
        judge_model.use(None)


def test_a_school_refit_made_for_an_older_judge_is_set_aside(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = judge_model.school_model(tmp_path)
    judge_model.save(judge_model.school_files(judge_model.shipped(), 3), folder)
    try:
        assert judge_model.use_school_model(tmp_path)
        # the same refit, as if adapted from the shipped model of an earlier release
        data = json.loads((folder / judge_model.MODEL_JSON).read_text(encoding="utf-8"))
        data["adapted_from"] = "0" * 16
        (folder / judge_model.MODEL_JSON).write_text(json.dumps(data), encoding="utf-8")
        judge_model.use(None)
        assert not judge_model.use_school_model(tmp_path)
        assert judge_model.heads() is judge_model.shipped()
        assert "made for another version of the judge" in caplog.text
    finally:
        judge_model.use(None)


def _remove_chance(model: dict[str, judge_model.Heads], text: str) -> float:
    return model["story"].probabilities(text, encoder().encode(text))["remove"]


def test_a_schools_correction_moves_what_resembles_its_decisions_and_not_danger(
    embeddings: str,
) -> None:
    # replies in a voice the shipped heads are unsure of (0.3 to 0.8), as staff decided them
    decided = {
        "Whit a carry on, the lot o them": "negative",
        "honest tae god, how dae they manage that mob": "negative",
        "some mob, gallus the lot": "ok",
        "ye could hear them fae the car park, mental": "ok",
        "Jeezo, some amount o glitter 😂": "ok",
    }
    lines = judge_model.Lines(
        list(decided), list(decided.values()), np.ones(5), np.ones(5, dtype=bool)
    )
    vectors = np.vstack([encoder().encode(text) for text in decided])
    shipped = judge_model.shipped()
    adapted = judge_model.adapt(shipped, lines, vectors, check_centres(Path(embeddings)))
    for text, label in decided.items():
        moved = _remove_chance(adapted, text) - _remove_chance(shipped, text)
        assert moved > 0.05 if label == "negative" else moved < -0.05, (text, moved)
    # a reply like none of them hardly moves; danger and every threshold are the shipped ones
    unlike = "Thank you for organising the trip to the science museum"
    assert abs(_remove_chance(adapted, unlike) - _remove_chance(shipped, unlike)) < 0.02
    for where, heads in adapted.items():
        column = heads.names.index("urgent")
        assert (heads.weights[:, column] == shipped[where].weights[:, column]).all()
        assert heads.threshold == shipped[where].threshold
    assert adapted["dm"] is shipped["dm"]  # no decision about a private message


def test_the_learned_tier_is_taught_only_lines_it_would_read() -> None:
    """It reads English only; a line in another language is judged by the word lists."""
    lines = judge_model.Lines(
        [
            "His jumper has gone missing again, can you check lost property?",
            "Meri beti ka koi pata nahi, subah se ghar nahi aayi",
            "Mój syn zaginął, nie wrócił ze szkoły",
        ],
        ["ok", "urgent", "urgent"],
        np.zeros(3),
        np.ones(3, dtype=bool),
    )
    assert english(lines).tolist() == [True, False, False]
    assert lines.only(english(lines)).labels == ["ok"]
