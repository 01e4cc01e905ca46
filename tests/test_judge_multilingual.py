"""The reader of other languages (bot/multilingual.py): a kind story reply in another language
that the word lists send to a teacher (too long, or not kind in every sentence by their
words) is kept when the reader is sure it is kind; a sneer, a comparison, private news or
danger in another language still goes to a teacher, hidden and marked unread. The lines are
from blind sets 22 and 23, reported before the reader was built and never trained on. A
private message in another language it is sure is abuse or a threat goes to SLT (below)."""

from __future__ import annotations

import pytest

from bot import multilingual
from bot.judge import JudgeContext, Outcome, judge, read_by_the_learned_tier
from handlers.relay import Route, route

STORY = JudgeContext(where="story")

KIND = [
    # Spanish: "dead with laughter" about the piglet at the farm
    "¡Qué pasada de fotos! Lucía llegó a casa muerta de risa contando lo del cerdito de la "
    "granja. Gracias a todos los profes por llevarlos 🐷💛",
    # Arabic: he came home singing the Eid song all evening
    "ما شاء الله، صور جميلة جداً! ابني رجع البيت وهو يغني أغنية العيد طول المساء. شكراً للمعلمين "
    "على هذا الاحتفال الرائع 🌙",
    # Czech: a real lion roared at him
    "Krásné fotky! Syn přišel z výletu do zoo úplně nadšený, prý na něj zařval opravdový lev. "
    "Děkujeme 🦁",
    # Ukrainian: she baked buns for the first time and came home covered in flour
    "Яка краса! Соломійка вперше пекла булочки на святі врожаю, прийшла додому вся в борошні й "
    "щаслива 😄 Дякуємо вчительці!",
    # Yoruba, Tamil, Greek: thanks for the trip, the school play, the celebration
    "Ẹ ṣé gan-an, olùkọ́! Ọmọ mi gbádùn ìrìn-àjò náà gidigidi. Ọlọ́run á bù kún yín.",
    "அருமையான படங்கள்! என் மகள் பள்ளி நாடகத்தைப் பற்றி நாள் முழுவதும் பேசிக்கொண்டே இருந்தாள். "
    "ஆசிரியர்களுக்கு மிக்க நன்றி 🙏",
    "Μπράβο σε όλα τα παιδιά! Πολύ όμορφες φωτογραφίες από τη γιορτή. Ευχαριστούμε πολύ τους "
    "δασκάλους ❤️",
]

NOT_KIND = [
    # Ukrainian: "our school in Kharkiv did a real play; here two songs and that's all"
    "У нашій школі в Харкові діти на Новий рік ставили справжню виставу з костюмами, а тут дві "
    "пісні і все. Наші діти заслуговують на більше.",
    # Portuguese: "it looked like a rehearsal for a wake; the teacher should be ashamed"
    "Kkkkk que apresentação foi essa? Parecia ensaio de velório. A professora devia ter vergonha",
    # Polish: more books than half the class, and the diploma went to a boy who barely reads
    "Moja Zosia przeczytała w tym roku więcej książek niż pół klasy razem wzięte, a dyplom "
    "dostał chłopiec, który ledwo składa literki. Ciekawe, prawda?",
    # Punjabi: always the same two or three children in the photos
    "ਹਰ ਵਾਰ ਉਹੀ ਦੋ ਤਿੰਨ ਬੱਚਿਆਂ ਦੀਆਂ ਫੋਟੋਆਂ ਪਾਉਂਦੇ ਹੋ। ਸਾਡਾ ਮੁੰਡਾ ਵੀ ਉੱਥੇ ਸੀ, ਉਹਦੀ ਇੱਕ ਵੀ ਫੋਟੋ ਨਹੀਂ। ਇਹ ਕੀ ਗੱਲ ਹੋਈ?",
    # Polish, after thanks: a child on a psychiatric ward (private news)
    "Dziękuję za zdjęcia z jasełek. Kuby nie było, bo od poniedziałku leży na dziecięcym "
    "oddziale psychiatrycznym. Lekarze mówią, że powoli wraca do siebie i że jest tam pod dobrą "
    "opieką. Proszę pozdrowić od niego całą klasę.",
    # thanks, then a disclosure (read whole, the thanks outweigh it): Czech, a father's belt;
    # Romanian, a man from the football club asking for photos at night; Hungarian, a mother
    # died last week; Hungarian, "the teacher should take care going home in the dark"
    "Děkujeme za krásné fotky z výletu! Honzík byl nadšený. Včera večer ho táta zbil páskem a "
    "má modřiny na zádech.",
    "Mulțumim pentru pozele frumoase de la excursie! Fiica mea s-a distrat minunat. Un domn de "
    "la clubul de fotbal îi trimite mesaje noaptea și îi cere poze.",
    "Köszönjük a szép képeket a kirándulásról! Bence nagyon élvezte az egészet. Múlt héten "
    "meghalt az édesanyja, ezért most csendesebb.",
    "Köszönjük a szép képeket, a gyerekek nagyon élvezték a napot! A tanárnő vigyázzon magára, "
    "sötétben hazafelé menet sok minden történhet.",
    # the same on a phone, a sentence a line; and in one sentence after a comma (Polish,
    # "since her dad beats her at home"), which kind words in every sentence once kept
    "Děkujeme moc za krásné fotky z výletu do zoo 😍🙏\nHonzík byl úplně nadšený a celý večer "
    "nám vyprávěl o lvech a opicích\nVčera večer ho táta zbil páskem a má modřiny na zádech",
    "Dziękujemy za zdjęcia, Ola pierwszy raz od tygodnia się uśmiechnęła, odkąd tata ją bije w "
    "domu.",
    # Spanish, the zoo reply of PLAIN_NEWS with a disclosure (since Saturday he sleeps in my
    # bed as his aunt's boyfriend comes into his room at night) or private news (new
    # medication for epilepsy) after it
    "¡Qué fotos más chulas! Mi hijo no para de hablar del zoológico. Desde el sábado duerme en "
    "mi cama porque el novio de su tía entra en su cuarto por la noche.",
    "¡Qué fotos más chulas! Mi hijo no para de hablar del zoológico. El lunes empieza con la "
    "medicación nueva para la epilepsia.",
    # Ukrainian: a grown man in a game asks a Year 5 girl for photos and to meet (danger)
    "Доброго дня. Моя донька (5 клас) показала мені, що в грі їй пише дорослий чоловік. Каже, "
    "що він теж учень, просить надіслати фото без одягу і хоче зустрітися в суботу біля парку.",
]


@pytest.mark.parametrize("text", KIND)
def test_a_kind_reply_the_word_lists_send_to_a_teacher_is_kept(text: str) -> None:
    assert not read_by_the_learned_tier(text)
    assert judge(text, STORY, learned=False).outcome is Outcome.ASK  # the word lists alone
    verdict = judge(text, STORY)
    assert verdict.outcome is Outcome.KEEP, verdict
    assert "other-language tier" in verdict.reasons[0], verdict


#: Thanks, then plain news with no kind word that the reader is not sure of alone (Romanian:
#: tomorrow he wants to draw a big one for the class; French: she slept in the car): each
#: reply, and its plain sentence.
PLAIN_NEWS = [
    (
        "Mulțumim pentru pozele de la muzeu! Andrei a povestit toată seara despre dinozauri. "
        "Mâine vrea să deseneze unul mare pentru clasă.",
        "Mâine vrea să deseneze unul mare pentru clasă.",
    ),
    (
        "Merci pour les photos de la sortie à la ferme ! Léa est rentrée avec de la paille dans "
        "les cheveux. Elle a dormi dans la voiture.",
        "Elle a dormi dans la voiture.",
    ),
    # Spanish, a sentence that does not lean kind (0.34) but reads as no private news or
    # danger at all (0.06): my son won't stop talking about the zoo
    (
        "¡Qué fotos más chulas! Mi hijo no para de hablar del zoológico. Gracias a todas las "
        "profes 💛",
        "Mi hijo no para de hablar del zoológico.",
    ),
]


@pytest.mark.parametrize(("text", "news"), PLAIN_NEWS)
def test_plain_news_after_thanks_that_is_harmless_is_kept(text: str, news: str) -> None:
    """Each sentence with no kind word must be harmless (lean kind, or read as no private news
    or danger at all), and need not be sure of it: most plain news is not sure, and its danger
    is for the danger head to find (the disclosures below)."""
    (reading,) = multilingual.read([news])
    assert reading.harmless(), reading.chances
    assert judge(text, STORY).outcome is Outcome.KEEP


@pytest.mark.parametrize("text", NOT_KIND)
def test_a_sneer_a_comparison_private_news_or_danger_still_goes_to_a_teacher(text: str) -> None:
    verdict = judge(text, STORY)
    assert verdict.outcome is not Outcome.KEEP, verdict
    assert verdict.outcome is Outcome.REMOVE or verdict.unread is not None, verdict


def test_the_reader_is_not_sure_of_the_replies_it_leaves_to_a_teacher() -> None:
    """The twins above are left by the reader itself, not only by the word rules before it."""
    read = multilingual.read(NOT_KIND[:4])
    assert not any(reading.kind() for reading in read), [r.chances for r in read]
    assert all(reading.kind() for reading in multilingual.read(KIND))


def test_a_reply_longer_than_the_reader_reads_goes_to_a_teacher() -> None:
    """The reader reads MAX_CHARACTERS at most (its cost stays bounded), so a longer reply
    is not judged by its kind start: whatever follows may not be kind."""
    start = KIND[1]
    long_text = (start + " ") * (60_000 // len(start))
    verdict = judge(long_text, STORY)
    assert verdict.outcome is Outcome.ASK and verdict.unread is not None, verdict


def test_a_pupils_post_in_another_language_is_not_read_as_kind() -> None:
    """The reader learnt parents' replies; a child's post it cannot read goes to a teacher."""
    post = (
        "A rajzom a kastélyról nagyon szép lett! Egész hétvégén rajzoltam a tesómmal. Egy bácsi "
        "a játékban ír nekem és képeket kér tőlem."
    )
    assert judge(post, JudgeContext(where="pupil")).outcome is not Outcome.KEEP


#: Kind replies with a word of contrast ("ale", "mas", "pero": tired but proud), which the word
#: lists send to a teacher, and twins in the same words that complain or compare. Written for
#: these tests.
KIND_DESPITE_A_BUT = [
    # Polish: very tired but proud as a peacock
    "Dziękujemy za piękne zdjęcia z dnia sportu! Kacper był bardzo zmęczony, ale dumny jak paw "
    "i opowiadał o biegu cały wieczór 🏅",
    # Portuguese: scared of the stage, but loved it and wants to do it again
    "Que fotos lindas do teatro! A Beatriz estava cheia de medo de subir ao palco, mas adorou e "
    "já quer fazer outra vez 🎭",
    # Spanish: very nervous, but sang with all his heart
    "¡Qué bonito el concierto! Mateo estaba nerviosísimo, pero cantó con todo su corazón y "
    "volvió a casa feliz. Gracias a las maestras 🎶",
    # Romanian: nervous at first, but sang beautifully
    "Mulțumim pentru pozele de la serbare! Ana a fost emoționată la început, dar a cântat "
    "frumos și a venit acasă fericită 🌟",
    # Ukrainian: tired but happy, talked about dinosaurs all evening
    "Дякуємо за фото з екскурсії! Марко повернувся втомлений, але щасливий, і весь вечір "
    "розповідав про динозаврів 🦖",
    # Arabic: tired but very happy
    "صور جميلة جداً من يوم الرياضة! ابني كان متعباً لكنه سعيد جداً وتحدث عن السباق طوال المساء 🏃",
]

UNKIND_WITH_A_BUT = [
    # Polish: but again only the same children got medals
    "Dziękujemy za zdjęcia z dnia sportu, ale znowu tylko te same dzieci dostały medale, a nasz "
    "syn jak zwykle nic. Ciekawe dlaczego.",
    # Portuguese: but once again nobody told the parents in time
    "Fotos bonitas, mas mais uma vez ninguém avisou os pais a tempo e metade de nós perdeu o "
    "teatro. Assim não dá.",
    # Spanish: but again the same children in the front row
    "Muy bonito todo, pero otra vez los mismos niños en primera fila y el mío detrás sin que se "
    "le vea. Ya cansa.",
    # Romanian: but again nobody told us in time
    "Frumoase poze, dar iar nu ne-a anunțat nimeni din timp și am pierdut serbarea. Nu e prima "
    "dată.",
    # Ukrainian: but again nobody warned the parents, my son the only one without lunch
    "Гарні фото, але знову ніхто не попередив батьків вчасно, і мій син єдиний був без обіду. "
    "Це вже не вперше.",
    # Arabic: but as usual the same children in every photo
    "الصور جميلة لكن كالعادة نفس الأطفال في كل صورة وابني لا يظهر أبداً. شيء غريب فعلاً.",
    # a "but why again" question in brackets, and one with no space after its "?" (by a
    # read-only review): Polish and Romanian
    "Dziękujemy za piękne zdjęcia z wycieczki! (Ale dlaczego znowu wycieczka w piątek, kiedy "
    "wszyscy pracujemy?) Pozdrawiamy serdecznie całą klasę.",
    "Vă mulțumim frumos pentru pozele minunate de la excursie, dar de ce iar vinerea când toți "
    "părinții lucrează?O zi frumoasă tuturor copiilor.",
]


def test_the_reader_keeps_most_kind_replies_with_a_but_and_none_of_their_twins() -> None:
    """The reader is not asked to be surer of a reply with a word of contrast: in
    cross-validation it passes fewer unkind replies with one than without. Of these six, the
    Portuguese ("já quer fazer outra vez", wants to do it again, reads about 0.6) and the
    Arabic (about 0.8) go to a teacher, under the bar."""
    kept = [judge(text, STORY).outcome is Outcome.KEEP for text in KIND_DESPITE_A_BUT]
    assert sum(kept) >= 4, kept
    for text in UNKIND_WITH_A_BUT:
        assert judge(text, STORY).outcome is not Outcome.KEEP, text


# --- private messages -------------------------------------------------------------------------

DM = JudgeContext(where="dm")

#: Threats to the teacher in other languages that the word lists leave unread, written for
#: these tests: Portuguese (you have children too, don't you? think of them before you
#: humiliate my son again), German (I know where your car stands every morning; one more
#: detention and you'll regret it), French (a pretty house with a big garden; a shame if
#: something happened), Bengali (insult my daughter again and it won't end well; we know
#: where you live), Turkish (raise a hand to my child again and you'll have no peace in this
#: town; we know a lot of people). Of ten written, the lists found five; the reader finds
#: these five and misses three (Italian "you have two small children… I'd be more careful",
#: Turkish "we'll have a separate talk at the gate; I know your number plate", Spanish "next
#: time I won't come to talk, you know what I mean").
THREATS = [
    "Professora, a senhora tem filhos também, não tem? Pois pense neles antes de voltar a "
    "humilhar o meu filho na frente da turma.",
    "Frau Becker, ich weiß, wo Ihr Auto jeden Morgen steht. Wenn meine Tochter noch einmal "
    "nachsitzen muss, werden Sie das bereuen.",
    "Madame, vous avez une jolie maison avec un grand jardin. Ce serait dommage qu'il arrive "
    "quelque chose si vous continuez à punir mon fils.",
    "ম্যাডাম, আমার মেয়েকে আর একবার সবার সামনে অপমান করলে ফল ভালো হবে না। আপনার বাসা কোথায় আমরা জানি।",
    "Hocam, çocuğuma bir daha el kaldırırsan bu şehirde rahat yüzü görmezsin, bunu iyi bil. "
    "Tanıdıklarımız çok.",
]

#: Their ordinary twins: Portuguese (you have children too, so you know how hard mornings
#: are; sorry we were late), German (your car window is open and it's about to rain),
#: French (thank you for the photo of your garden), Bengali (she was scared to recite in front
#: of everyone; you gave her courage), Turkish (we are new in this town and know few people).
TWINS = [
    "Professora, a senhora tem filhos também, não tem? Então sabe como é difícil de manhã. "
    "Desculpe o atraso de hoje.",
    "Frau Becker, Ihr Auto steht mit offenem Fenster auf dem Parkplatz, und es soll gleich "
    "regnen. Nur damit Sie Bescheid wissen!",
    "Madame, merci pour la photo de votre jardin en classe, mon fils veut maintenant planter des "
    "tomates à la maison.",
    "ম্যাডাম, আমার মেয়ে আজ সবার সামনে কবিতা বলতে খুব ভয় পাচ্ছিল। আপনি ওকে সাহস দিয়েছেন, অনেক ধন্যবাদ।",
    "Hocam, bu şehirde yeniyiz, tanıdığımız pek yok. Okul sonrası kulüpler hakkında bilgi "
    "verebilir misiniz?",
]


@pytest.mark.parametrize("text", THREATS)
def test_a_threat_in_another_language_goes_to_slt(text: str) -> None:
    assert not read_by_the_learned_tier(text)
    assert route(judge(text, DM, learned=False)) is Route.CHECK  # the word lists alone
    verdict = judge(text, DM)
    assert route(verdict) is Route.DIVERT, verdict
    assert "other-language tier" in verdict.reasons[0], verdict
    assert verdict.unread is not None, verdict  # the family is told it was read roughly


def test_ordinary_messages_on_the_same_words_are_seldom_diverted() -> None:
    """The word lists divert none of the twins; the reader diverts one, at the edge of its
    threshold (0.86 against 0.84): the German "your car window is open and it's about to
    rain", read as "I know where your car is". A known mistake (docs/judge.md): it goes to
    SLT, who pass it on, and the family is not called disrespectful."""
    assert all(route(judge(text, DM, learned=False)) is not Route.DIVERT for text in TWINS)
    diverted = [text for text in TWINS if route(judge(text, DM)) is Route.DIVERT]
    assert len(diverted) <= 1, diverted
