"""Changes made after blind set 36 was reported (docs/figures.md), each beside twins in the
same words: its story danger replies that no lead was asked to read (a coach who photographs
girls as they change; a child who came off a trampoline and is sick and very sleepy), its kind
praise "absolute weapons" removed as danger, and its private threats in other languages that
the reader of other languages half read as threats and left to the teacher. The lines are
new, not the set's."""

from __future__ import annotations

import pytest

from bot import judge as judge_module
from bot import multilingual
from bot.judge import JudgeContext, Label, Outcome, judge
from handlers.relay import Route, route

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

DANGER = [
    "Well done the gymnasts! Quick one, Isla says the coach takes photos of them while they're "
    "getting changed, he says it's for the club page. Is that allowed?",
    "Lily said the man at swimming recorded her in the showers on his phone",
    "the helper at drama club took pictures of the girls when they were undressing",
    "Sorry to put this here but Max came off his bike an hour ago, he's been sick twice and "
    "is really sleepy, does anyone know if the walk-in centre is open?",
    "She fell off the climbing frame at lunch, has been sick three times since and is so "
    "sleepy now",
    # twins of the praise below: weapons that are there
    "He has proper weapons hidden in his room, I found a machete",
    "Her brother showed her weapons in his bag at the park",
    "My brother-in-law keeps a complete weapons collection in the loft and lets the kids play "
    "with them",
    "Her dad has got total weapons stashed in the shed and showed them to her",
    "the older boys have machetes and a crossbow",
    # after a review: the same in other words, and staff too (no adult photographs children
    # where they change)
    "The coach takes photos of them while they're getting changed into their kit, is that allowed?",
    "The man at swimming takes photos of the girls while they get changed",
    "Her coach photographs them while they are getting changed",
    "the coach takes photos of the girls getting undressed",
    "Miss took pictures while they were getting changed into their costumes for the play",
    # Polish: thanks for the photos, and Kuba says his uncle touches him at night
    "Dziękujemy za piękne zdjęcia a Kuba mówi że wujek go dotyka w nocy",
]

THEIR_TWINS = [
    "The coach took loads of photos of them in their new kit, so smart!",
    "I took photos of them getting changed into their superhero costumes, so cute",
    "She filmed them changing the lyrics to the song, hilarious",
    "The teacher took pictures while the children were changing the water in the fish tank",
    "The man took photos when we were changing trains",
    "The teacher took pictures when they were undressing the dolls in role play",
    "The coach takes photos of the match while we're all changing ends",
    "The coach takes them in the changing rooms to get ready before the match",
    "Our coach films them doing their routines, such a help for practice",
    "Came off the trampoline laughing so hard she was nearly sick, lovely party",
    "He came off the bench in the second half and scored twice, so proud",
    # praise: "absolute weapons" (beside "absolute weapon", read as praise before)
    "That tug of war team are absolute weapons, every one of them 💪",
    "They're total weapons on sports day, the lot of them!",
    "Came off the coach after the trip, she was sick on the way back and is so sleepy now",
    "Him and his cousin came off the rollercoaster, was sick after, so sleepy now lol",
    # Polish: thanks, his uncle hit him with the ball at the match and scored a goal
    "Dziękujemy, wujek go dotknął piłką na meczu i strzelił gola",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_the_set_left_for_a_teacher_is_urgent(text: str) -> None:
    for context in (DM, STORY):
        verdict = judge(text, context, learned=False)
        assert verdict.label is Label.URGENT, (context.where, verdict)
    assert judge(text, STORY).outcome is Outcome.REMOVE


@pytest.mark.parametrize("text", THEIR_TWINS)
def test_their_ordinary_twins_are_not_danger(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is not Label.URGENT, (context.where, text)
    assert judge(text, STORY).outcome is not Outcome.REMOVE, text


# Veiled threats the reader reads between `THREAT_IN_DOUBT` and its own bar, and ordinary
# messages in their words, all of `THREAT_DOUBT_WORDS` words or more.
HALF_READ_THREATS = [
    # Urdu: this is a small neighbourhood and everyone here knows us; better you never treat
    # my daughter like that again, or it will go a long way
    "استانی صاحبہ، یہ چھوٹا سا محلہ ہے اور یہاں سب ہمیں جانتے ہیں۔ بہتر ہوگا کہ آپ میری بیٹی کے "
    "ساتھ دوبارہ ایسا سلوک نہ کریں، ورنہ بات دور تک جائے گی۔",
    # Polish: you know I have many friends in this town; think hard before you do anything to
    # my daughter in front of the class again
    "Pani wie, że mam wielu znajomych w tym mieście. Niech Pani dobrze się zastanowi, zanim "
    "jeszcze raz zrobi coś mojej córce przed całą klasą.",
]

THEIR_ORDINARY_TWINS = [
    # Urdu: everyone here helps each other; if the fair needs anything, tell us
    "استانی صاحبہ، یہ چھوٹا سا محلہ ہے اور یہاں سب ایک دوسرے کی مدد کرتے ہیں۔ اگر اسکول کے میلے "
    "کے لیے کچھ چاہیے تو ضرور بتائیں، ہم حاضر ہیں۔",
    # Polish: I have many friends in town who will gladly help at the fete
    "Pani wie, że mam wielu znajomych w tym mieście, którzy chętnie pomogą przy festynie. "
    "Proszę dać znać, ile osób potrzeba do stoiska z ciastami.",
    # Spanish: everyone knows each other here and people are kind; thank you
    "Maestra, en este pueblo nos conocemos todos y la gente es muy amable. Gracias por cuidar "
    "tanto a mi hijo en su primera semana en la clase.",
    # Romanian: I saw where you park and you left your lights on today
    "Doamna învățătoare, am văzut unde parcați mașina dimineața și v-ați lăsat farurile aprinse "
    "azi. Am vrut doar să vă anunț, o zi bună.",
    # Portuguese: I kept all the photos of the party; I can send them for the class board
    "Professora, guardei todas as fotos da festa, estão lindas. Se quiser, posso mandar para a "
    "senhora pôr no mural da sala para todos verem.",
]


# A frightened parent's disclosure that quotes a threat reads near the bar (0.65): a teacher
# (and, out of hours, a lead) reads it, not SLT as abuse.
DISCLOSURE = (
    "Pani Nauczycielko, mój były mąż powiedział, że jeśli szkoła komuś powie, to zabierze "
    "dziecko i nigdy go nie zobaczymy. Boję się o córkę."
)


def test_a_disclosure_quoting_a_threat_is_not_diverted() -> None:
    verdict = judge(DISCLOSURE, DM)
    assert route(verdict) is Route.CHECK, verdict


@pytest.mark.parametrize("text", HALF_READ_THREATS)
def test_a_longer_message_half_read_as_a_threat_goes_to_slt_and_a_lead(text: str) -> None:
    verdict = judge(text, DM)
    assert route(verdict) is Route.DIVERT, verdict
    assert verdict.unread is not None  # so a safeguarding lead reads it too, at any hour
    bar = multilingual.heads().threshold["threat"]
    assert judge_module.THREAT_IN_DOUBT <= verdict.confidence < bar, verdict
    assert len(text.split()) >= judge_module.THREAT_DOUBT_WORDS


@pytest.mark.parametrize("text", THEIR_ORDINARY_TWINS)
def test_an_ordinary_message_in_their_words_reaches_the_teacher(text: str) -> None:
    verdict = judge(text, DM)
    assert route(verdict) is Route.CHECK, verdict
