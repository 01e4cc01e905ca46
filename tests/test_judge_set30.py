"""Word rules written after blind set 30 was reported (docs/figures.md): danger, threats and
insults it missed, and kind replies it removed, each beside ordinary twins that share its
words. The lines are new, not set 30's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge, read_by_the_learned_tier
from handlers.relay import Route, route

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

DANGER = [
    # a diabetic parent who cannot be brought round with sugar
    "Lovely photos. My wife is type 1 and she's gone all confused and clammy, I can't get any "
    "juice into her, what do I do",
    # in Spanish, a man on a game asking a boy for photos without his shirt
    "Hola maestra, un señor en Roblox le pidió fotos sin camiseta a mi hijo. ¿Qué hago?",
    # in Urdu, a daughter not come home since yesterday
    "میری بیٹی کل سے گھر نہیں آئی، پولیس کو بتا دیا ہے",
    # in Vietnamese, a strange man at the school gate who follows a child home
    "Cô ơi, hôm qua có một người lạ đi theo cháu về tận nhà, cháu sợ lắm.",
]

ORDINARY = [
    "Can't get any sugar into him before swimming, he says he's too nervous to eat. Any tips?",
    "She's type 1 and so fussy in the mornings, I can't get any juice into her at breakfast",
    "Thank you for this morning, you grabbed him just in time before he fell off the climbing "
    "frame. Only a tiny scratch!",
    "Hola maestra, la abuela le pidió fotos del festival a la profe de música. ¡Gracias!",
    "Cô ơi, hôm qua ông ngoại đi theo cháu về nhà vì trời mưa. Cảm ơn cô!",
    # "còn đi" (still goes) folds as an insult of the Vietnamese list did
    "Cô ơi, cháu còn đi học bơi thứ Bảy không ạ? Cảm ơn cô.",
    # in Urdu, a reading book that has not come home (a training line tripped "not come home")
    "تصویریں اچھی ہیں، مگر تین ہفتوں سے ریڈنگ بک گھر نہیں آئی۔",
]

THREATS = [
    # a relative held back, who has said what he would do
    "You're lucky it's me emailing and not his uncle. He's told me what he'd do to you.",
    "My husband has said what he'd do to you if he sees you at the gate. Sort it out.",
    # a film of the teacher held over them
    "I've a clip of you shouting at the Year 2s in the yard. It'd go viral on Facebook. Up to "
    "you, love.",
    # a show naming the teacher unless a sanction goes
    "My podcast this week is about a certain Year 4 teacher, your name and all. Unless Jack's "
    "detention is dropped, of course.",
    # Portuguese: a husband's "little chat" at the gate
    "O meu marido quer ter uma conversinha consigo à porta da escola. Fica o aviso.",
    # Greek: "go to the devil"
    "Άντε στο διάολο με τις τιμωρίες σας.",
    # Turkish: "what comes after is not my concern"
    "Oğlumu bir daha cezaya bırakırsanız sonrasına ben karışmam.",
    # Urdu: "this town is small… we know people"
    "یاد رکھیے، یہ شہر بہت چھوٹا ہے اور ہمارے جاننے والے ہر جگہ ہیں۔",
    # Hungarian: photos of the teacher, "it would be a shame"
    "Kár lenne, ha a fotóim Önről a csoportba kerülnének.",
    # Hungarian: "take care of yourself… in the dark a lot can happen"
    "Köszönjük a képeket. Vigyázzon magára, sötétben sok minden történhet.",
    # Tagalog: "shame if your car got scratched"
    "Ganda ng kotse n'yo Ma'am. Sayang naman kung magasgasan, 'no?",
]

NOT_THREATS = [
    "Honestly you're lucky it's me writing and not his dad, he'd have sent you three pages of "
    "thank yous!",
    "I've a lovely video of you singing with the class, can I put it on Facebook? Up to you!",
    "My podcast this week is about the school fair, your name's in the thanks. Cheers Miss!",
    "O meu marido gostava de ter uma conversinha consigo sobre a visita à quinta. Obrigada!",
    "Σας ευχαριστούμε πολύ για την εκδρομή, ήταν υπέροχη!",
    "Ο Νίκος θα λείπει αύριο, έχει γιατρό. Ευχαριστώ!",
    "Kár lenne, ha Bence lemaradna a kirándulásról, holnap hozom az engedélyt.",
    "Vigyázzon magára, tanárnő, sokan betegek mostanában. Köszönjük a képeket!",
    "Sayang naman kung hindi makakasama si Migo sa field trip, babayaran ko bukas po.",
    # a read-only review's twins of the first version of these rules
    "Bob said what he'd do to you if he won the tombola: buy you a massive box of chocolates!",
    "There's a video of you shouting the times at sports day on the Facebook group 😂 up to you "
    "if you want it down!",
    "It's being filmed for the school's YouTube channel, will he miss it unless the detention "
    "is cancelled? Could he do it Friday instead?",
    "Podemos ter uma conversinha rápida à porta amanhã sobre os trabalhos de casa?",
    "Στο διάολο αυτή η βροχή, χάσαμε το λεωφορείο! Θα αργήσουμε λίγο.",
    "Είμαι άχρηστη δασκάλα στα μαθηματικά στο σπίτι, χαχα.",
    "Ben kurabiyeleri getiririm, sonrasına karışmam, satışı veliler yapacak.",
    "ہمارا شہر بہت چھوٹا ہے اور یہاں سب ایک دوسرے کو جانتے ہیں، اس لیے بچے محفوظ ہیں۔",
    "Vigyázzon magára hazafelé, nagyon csúszik az út! Köszönjük a kirándulást.",
    "Sayang kung masira ang project ni Migo sa ulan, dadalhin ko na lang bukas.",
]

KIND = [
    "I forge kitchen knives for a living and that clay pinch pot is better than anything I make!",
    "I stage fight scenes for a theatre and still flinched at the battle in the nativity. Loved it",
    "I've died on stage a hundred times as a comic, these kids absolutely smashed it 😂",
    "What a total for the hospice! Thank you to everyone who baked.",
    "As a vet I can say that class guinea pig is in better shape than some of ours 😂",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_set_30_missed_is_urgent(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is Label.URGENT, (context.where, text)


@pytest.mark.parametrize("text", ORDINARY)
def test_their_ordinary_twins_are_not_danger(text: str) -> None:
    for context in (DM, STORY):
        verdict = judge(text, context, learned=False)
        assert verdict.label is not Label.URGENT, (context.where, text)
        assert verdict.label is not Label.ABUSIVE, (context.where, text)


@pytest.mark.parametrize("text", THREATS)
def test_threats_and_insults_set_30_missed_go_to_slt(text: str) -> None:
    assert route(judge(text, DM, learned=False)) is Route.DIVERT
    assert route(judge(text, DM)) is Route.DIVERT


@pytest.mark.parametrize("text", NOT_THREATS)
def test_their_ordinary_twins_are_not_diverted(text: str) -> None:
    assert route(judge(text, DM, learned=False)) is not Route.DIVERT


@pytest.mark.parametrize("text", KIND)
def test_kind_replies_set_30_removed_stay(text: str) -> None:
    verdict = judge(text, STORY, learned=False)
    assert verdict.outcome is not Outcome.REMOVE, verdict.reasons


def test_an_english_plural_the_vocabulary_lacks_is_english() -> None:
    """ "Superstars." went to a teacher as a reply in another language."""
    assert read_by_the_learned_tier("Legends, the lot of them.")
    assert read_by_the_learned_tier("Superstars!")
    assert not read_by_the_learned_tier("Muchas gracias a todos los profesores")
    assert not read_by_the_learned_tier("Nous avons des difficultés avec les devoirs")


def test_harm_named_in_a_false_allegation_goes_to_slt_and_a_lead_reads_it() -> None:
    """The danger words find a slap; the threat rule finds it held over the teacher."""
    text = (
        "One more think sheet and I'll tell social services you slapped her across the face and "
        "locked her in the cupboard. Your word against mine."
    )
    for learned in (False, True):
        verdict = judge(text, DM, learned=learned)
        assert route(verdict) is Route.DIVERT
        assert verdict.doubt is not None


def test_a_parent_telling_the_teacher_they_hurt_the_child_alerts_a_lead() -> None:
    told = "You grabbed his wrist at lunch and he has red marks on it. I want to know why."
    assert route(judge(told, DM)) is Route.URGENT
    accident = "You hit him with the ball in rounders by accident, he said it didn't hurt at all"
    assert route(judge(accident, DM)) is not Route.URGENT


def test_a_disclosure_beside_a_false_allegation_still_takes_the_urgent_path() -> None:
    """Only the harm inside the allegation is set aside, not danger told after it."""
    text = (
        "One more think sheet and I'll tell the head you grabbed her - and by the way her "
        "stepdad hit her last night and she's scared to go home."
    )
    assert route(judge(text, DM, learned=False)) is Route.URGENT
