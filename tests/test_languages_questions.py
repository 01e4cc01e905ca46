"""Plain questions about arrangements, and happy news between thanks, in other languages
(`languages.ARRANGEMENTS`, `PRIVATE`, and the happy-news words of `KIND`): a class-story reply
the judge cannot read with its English sentence model is kept when it is a short question
about the trip, the kit or the time, and goes to a teacher when it complains ("why again"), is
private (an inhaler), mocks with no arrangement in it, or runs long; a kind reply whose middle
sentence is happy news ("came home happy and talked about it all evening") is kept, and its
twin with a complaint after the thanks is not. All messages here were written for these tests.
No server needed."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Outcome, judge

STORY = JudgeContext(where="story")

#: language code -> (a plain question about arrangements, the same with a complaint, one
#: with a private word, a mocking question with no arrangement word).
QUESTIONS: dict[str, tuple[str, str, str, str]] = {
    "pl": (
        "Czy dzieci mają wziąć drugie śniadanie na wycieczkę w piątek?",
        "Dlaczego znowu wycieczka w piątek? Czy dzieci mają wziąć drugie śniadanie?",
        "Czy syn ma wziąć inhalator na wycieczkę w piątek?",
        "Czy to ma być zamek?",
    ),
    "ro": (
        "La ce oră pleacă autocarul vineri?",
        "De ce iar excursie vineri? La ce oră pleacă autocarul?",
        "Trebuie să ia inhalatorul în excursie vineri?",
        "Asta ar trebui să fie un castel?",
    ),
    "uk": (
        "О котрій годині їде автобус у п'ятницю?",
        "Чому знову екскурсія у п'ятницю? О котрій годині автобус?",
        "Чи треба взяти інгалятор на екскурсію?",
        "Це мав бути замок?",
    ),
    "ru": (
        "Во сколько отправляется автобус в пятницу?",
        "Почему опять экскурсия в пятницу? Во сколько автобус?",
        "Нужно ли взять ингалятор на экскурсию?",
        "Это должен был быть замок?",
    ),
    "ar": (
        "متى تعود الحافلة من الرحلة يوم الجمعة؟",
        "لماذا رحلة أخرى يوم الجمعة؟ متى تعود الحافلة؟",
        "هل يأخذ البخاخ معه في الرحلة؟",
        "هل هذا من المفترض أن يكون قلعة؟",
    ),
    "bn": (
        "শুক্রবার ট্রিপে টিফিন আনতে হবে?",
        "আবার কেন শুক্রবার ট্রিপ? টিফিন আনতে হবে?",
        "ট্রিপে ইনহেলার আনতে হবে?",
        "এটা কি দুর্গ হওয়ার কথা ছিল?",
    ),
    "ur": (
        "جمعہ کو ٹرپ کے لیے بس کتنے بجے نکلے گی؟",
        "کیوں پھر سے جمعہ کو ٹرپ؟ بس کتنے بجے نکلے گی؟",
        "کیا ٹرپ پر انہیلر لے کر جانا ہے؟",
        "کیا یہ قلعہ ہونا چاہیے تھا؟",
    ),
    "pa": (
        "ਸ਼ੁੱਕਰਵਾਰ ਨੂੰ ਟ੍ਰਿਪ ਲਈ ਬੱਸ ਕਿੰਨੇ ਵਜੇ ਜਾਵੇਗੀ?",
        "ਫਿਰ ਕਿਉਂ ਸ਼ੁੱਕਰਵਾਰ ਨੂੰ ਟ੍ਰਿਪ? ਬੱਸ ਕਿੰਨੇ ਵਜੇ ਜਾਵੇਗੀ?",
        "ਕੀ ਟ੍ਰਿਪ ਤੇ ਦਵਾਈ ਲੈ ਕੇ ਜਾਣੀ ਹੈ?",
        "ਕੀ ਇਹ ਕਿਲ੍ਹਾ ਹੋਣਾ ਸੀ?",
    ),
    "so": (
        "Baska safarka goorma ayuu baxayaa jimcaha?",
        "Maxaa safarka mar kale jimcaha loo dhigay? Baska goorma ayuu baxayaa?",
        "Ma u baahan yahay inuu daawada safarka qaato?",
        "Tani ma qalcad ayay ahayd?",
    ),
    "pt": (
        "Os meninos têm de levar lanche para o passeio de quinta-feira?",
        "Porquê outra vez um passeio na quinta? Os meninos têm de levar lanche?",
        "Ele precisa de levar a bombinha para a visita de estudo?",
        "Isso era para ser um castelo?",
    ),
    "es": (
        "¿A qué hora sale el autobús de la excursión el viernes?",
        "¿Por qué otra vez excursión el viernes? ¿A qué hora sale el autobús?",
        "¿Tiene que llevar el inhalador a la excursión?",
        "¿Eso se supone que es un castillo?",
    ),
    "fr": (
        "À quelle heure part le car pour la sortie vendredi ?",
        "Pourquoi encore une sortie vendredi ? À quelle heure part le car ?",
        "Doit-il prendre sa ventoline pour la sortie ?",
        "C'est censé être un château ?",
    ),
    "it": (
        "A che ora parte il pullman per la gita venerdì?",
        "Perché ancora una gita venerdì? A che ora parte il pullman?",
        "Deve portare l'inalatore in gita?",
        "Quello doveva essere un castello?",
    ),
    "de": (
        "Um wie viel Uhr fährt der Bus zum Ausflug am Freitag?",
        "Warum schon wieder ein Ausflug am Freitag? Um wie viel Uhr fährt der Bus?",
        "Muss er sein Asthmaspray zum Ausflug mitnehmen?",
        "Soll das eine Burg sein?",
    ),
    "tr": (
        "Cuma günü gezi için otobüs saat kaçta kalkıyor?",
        "Neden yine cuma günü gezi? Otobüs saat kaçta kalkıyor?",
        "Geziye astım ilacını götürmesi gerekiyor mu?",
        "Bunun bir kale olması mı gerekiyordu?",
    ),
    "lt": (
        "Kelintą valandą penktadienį išvyksta autobusas į ekskursiją?",
        "Kodėl vėl ekskursija penktadienį? Kelintą valandą išvyksta autobusas?",
        "Ar reikia pasiimti inhaliatorių į ekskursiją?",
        "Ar tai turėjo būti pilis?",
    ),
    "bg": (
        "В колко часа тръгва автобусът за екскурзията в петък?",
        "Защо пак екскурзия в петък? В колко часа тръгва автобусът?",
        "Трябва ли да вземе инхалатора на екскурзията?",
        "Това замък ли трябваше да бъде?",
    ),
    "hu": (
        "Hány órakor indul a busz pénteken a kirándulásra?",
        "Miért megint kirándulás pénteken? Hány órakor indul a busz?",
        "Vigye magával az inhalátort a kirándulásra?",
        "Ez egy vár akart lenni?",
    ),
}

#: language code -> (thanks, a statement of news): thanks after the plain question of
#: QUESTIONS keep it a question; news after it is for a teacher to read. Together they run to
#: 12 words or more, past the length a reply of kind words alone is kept at.
AFTER_THE_QUESTION: dict[str, tuple[str, str]] = {
    "pl": ("Dziękuję bardzo za odpowiedź i za piękne zdjęcia!", "Syn był smutny cały weekend."),
    "ro": (
        "Vă mulțumesc frumos pentru răspuns și pentru pozele minunate!",
        "Fiul meu a fost trist tot weekendul.",
    ),
    "uk": ("Щиро дякую за відповідь і за чудові фотографії!", "Син був сумний усі вихідні."),
    "ar": (
        "شكرا جزيلا على الرد وعلى الصور الجميلة من الرحلة!",
        "ابني كان حزينا طوال عطلة نهاية الأسبوع.",
    ),
    "ur": ("جواب اور خوبصورت تصویروں کے لیے بہت شکریہ!", "میرا بیٹا پورا ہفتہ اداس رہا۔"),
    "pa": ("ਜਵਾਬ ਅਤੇ ਸੋਹਣੀਆਂ ਤਸਵੀਰਾਂ ਲਈ ਬਹੁਤ ਧੰਨਵਾਦ!", "ਮੇਰਾ ਪੁੱਤਰ ਸਾਰਾ ਹਫ਼ਤਾ ਉਦਾਸ ਰਿਹਾ।"),
    "so": (
        "Aad baad u mahadsantihiin jawaabta iyo sawirrada qurxoon!",
        "Wiilkaygu wuu murugaysnaa toddobaadkan oo dhan.",
    ),
    "pt": (
        "Muito obrigada pela resposta e pelas fotos lindas!",
        "O meu filho esteve triste o fim de semana todo.",
    ),
    "es": (
        "¡Muchas gracias por la respuesta y las fotos!",
        "Mi hijo estuvo triste todo el fin de semana.",
    ),
    "bn": ("উত্তর আর সুন্দর ছবিগুলোর জন্য অনেক ধন্যবাদ!", "আমার ছেলে পুরো সপ্তাহ মন খারাপ করে ছিল।"),
}

#: Who collects a child is a question for a teacher (a parent may not be allowed to), however
#: plainly it names the day; so is one that gives a reason about the family.
COLLECT = (
    "Czy Kuba może nie jechać na wycieczkę, bo ojczym mu nie pozwala?",
    "¿Puede quedarse sin ir a la excursión? Su padrastro no le deja.",
    "Czy tata może go odebrać w piątek?",
    "¿Puede recogerlo su padre el viernes?",
    "Darf sein Vater ihn am Freitag abholen?",
    "Son père peut-il venir chercher Léo vendredi ?",
    "Il papà può ritirare Marco venerdì?",
    "Чи може тато забрати його у п'ятницю?",
    "Может ли папа забрать его в пятницу?",
)

#: language code -> (thanks, happy news, praise; the same with a complaint after the thanks).
HAPPY_NEWS: dict[str, tuple[str, str]] = {
    "pl": (
        "Dziękujemy bardzo za ten dzień! Syn wrócił szczęśliwy i opowiadał cały wieczór o "
        "wycieczce. Piękne zdjęcia!",
        "Dziękujemy bardzo za ten dzień! Ale syn wrócił smutny, bo znowu siedział sam. Piękne "
        "zdjęcia!",
    ),
    "ro": (
        "Vă mulțumim mult pentru această zi! A venit acasă fericit și a povestit toată seara. "
        "Poze minunate!",
        "Vă mulțumim mult pentru această zi! Dar a venit acasă trist, pentru că iar a stat "
        "singur. Poze minunate!",
    ),
    "uk": (
        "Дуже дякуємо за цей день! Син повернувся щасливий і розповідав весь вечір. Чудові фото!",
        "Дуже дякуємо за цей день! Але син повернувся сумний, бо знову сидів сам. Чудові фото!",
    ),
    "ru": (
        "Огромное спасибо за этот день! Сын вернулся счастливый и рассказывал весь вечер. "
        "Прекрасные фото!",
        "Огромное спасибо за этот день! Но сын вернулся грустный, потому что опять сидел один. "
        "Прекрасные фото!",
    ),
    "ar": (
        "شكرا جزيلا على هذا اليوم الجميل! ابني عاد سعيدا جدا وكان يضحك طوال الطريق. صور رائعة!",
        "شكرا جزيلا على هذا اليوم الجميل! لكن ابني عاد حزينا لأنه بقي وحده مرة أخرى. صور رائعة!",
    ),
    "ur": (
        "بہت شکریہ اس خوبصورت دن کے لیے! بیٹا خوش ہو کر آیا اور سب کو بتاتا رہا۔ بہت خوبصورت "
        "تصویریں!",
        "بہت شکریہ اس خوبصورت دن کے لیے! لیکن بیٹا اداس آیا کیونکہ پھر سے اکیلا تھا۔ بہت "
        "خوبصورت تصویریں!",
    ),
    "pt": (
        "Muito obrigada por este dia! O meu filho voltou muito feliz e falou disso a noite "
        "toda. Fotos lindas!",
        "Muito obrigada por este dia! Mas o meu filho voltou triste, porque outra vez ficou "
        "sozinho. Fotos lindas!",
    ),
    "es": (
        "¡Muchas gracias por este día! Mi hijo volvió muy feliz y habló de ello toda la tarde. "
        "¡Preciosas fotos!",
        "¡Muchas gracias por este día! Pero mi hijo volvió triste porque otra vez estuvo solo. "
        "¡Preciosas fotos!",
    ),
    "fr": (
        "Merci beaucoup pour cette belle journée ! Notre fils est rentré heureux et en a parlé "
        "toute la soirée. Très belles photos !",
        "Merci beaucoup pour cette belle journée ! Mais notre fils est rentré triste, encore "
        "seul toute la journée. Très belles photos !",
    ),
    "it": (
        "Grazie mille per questa bella giornata! Nostro figlio è tornato a casa felice e ne ha "
        "parlato tutta la sera. Foto bellissime!",
        "Grazie mille per questa bella giornata! Però nostro figlio è tornato triste, ancora "
        "una volta da solo. Foto bellissime!",
    ),
    "de": (
        "Vielen Dank für diesen schönen Tag! Unser Sohn kam strahlend nach Hause und hat den "
        "ganzen Abend davon erzählt. Tolle Fotos!",
        "Vielen Dank für diesen schönen Tag! Aber unser Sohn kam traurig nach Hause, weil er "
        "schon wieder allein war. Tolle Fotos!",
    ),
    "tr": (
        "Bu güzel gün için çok teşekkürler! Oğlumuz mutlu döndü ve bütün akşam anlattı. Harika "
        "fotoğraflar!",
        "Bu güzel gün için çok teşekkürler! Ama oğlumuz üzgün döndü, çünkü yine yalnız kaldı. "
        "Harika fotoğraflar!",
    ),
    "lt": (
        "Labai ačiū už šią nuostabią dieną! Sūnus grįžo laimingas ir visą vakarą pasakojo. "
        "Nuostabios nuotraukos!",
        "Labai ačiū už šią nuostabią dieną! Bet sūnus grįžo liūdnas, nes vėl buvo vienas. "
        "Nuostabios nuotraukos!",
    ),
    "bg": (
        "Много благодарим за този прекрасен ден! Синът ни се прибра щастлив и разказваше цяла "
        "вечер. Прекрасни снимки!",
        "Много благодарим за този прекрасен ден! Но синът ни се прибра тъжен, защото пак беше "
        "сам. Прекрасни снимки!",
    ),
    "hu": (
        "Nagyon köszönjük ezt a szép napot! A fiunk boldogan jött haza és egész este erről "
        "mesélt. Gyönyörű képek!",
        "Nagyon köszönjük ezt a szép napot! De a fiunk szomorúan jött haza, mert megint "
        "egyedül volt. Gyönyörű képek!",
    ),
}


def _outcomes(text: str) -> set[Outcome]:
    """The full judge's outcome and the word rules' alone, for a class-story reply."""
    return {judge(text, STORY).outcome, judge(text, STORY, learned=False).outcome}


def test_enough_languages() -> None:
    assert len(QUESTIONS) >= 15 and len(HAPPY_NEWS) >= 12


@pytest.mark.parametrize("code", QUESTIONS)
def test_a_plain_question_about_arrangements_is_kept(code: str) -> None:
    question = QUESTIONS[code][0]
    verdict = judge(question, STORY)
    assert verdict.outcome is Outcome.KEEP, verdict
    assert verdict.reasons[0].startswith("a question about arrangements in "), verdict
    assert judge(question, STORY, learned=False).outcome is Outcome.KEEP


@pytest.mark.parametrize(
    ("code", "which"),
    [(code, which) for code in QUESTIONS for which in ("complaint", "private", "mocking")],
)
def test_its_twins_go_to_a_teacher(code: str, which: str) -> None:
    _, complaint, private, mocking = QUESTIONS[code]
    text = {"complaint": complaint, "private": private, "mocking": mocking}[which]
    assert Outcome.KEEP not in _outcomes(text), text


@pytest.mark.parametrize("code", QUESTIONS)
def test_the_question_rule_stops_at_twenty_words(code: str) -> None:
    """The plain question, asked again and again: only its length is new. A longer reply is
    not kept as a question (the reader of other languages may still read it as kind:
    tests/test_judge_multilingual.py)."""
    question = QUESTIONS[code][0]
    text = question
    while sum(any(map(str.isalpha, w)) for w in text.split()) <= 20:
        text += " " + question
    verdict = judge(text, STORY, learned=False)
    assert verdict.outcome is Outcome.ASK, (text, verdict)


@pytest.mark.parametrize("text", COLLECT)
def test_a_question_about_collecting_a_child_or_the_family_goes_to_a_teacher(text: str) -> None:
    assert Outcome.KEEP not in _outcomes(text), text


@pytest.mark.parametrize("code", HAPPY_NEWS)
def test_happy_news_between_thanks_and_praise_is_kept(code: str) -> None:
    kind = HAPPY_NEWS[code][0]
    assert len(kind.split()) >= 12  # longer than a short kind reply: every sentence counts
    # kept by the word lists; the full judge keeps it if the reader of other languages is sure
    assert judge(kind, STORY, learned=False).outcome is Outcome.KEEP, kind
    assert judge(kind, STORY).outcome is not Outcome.REMOVE, kind


@pytest.mark.parametrize("code", HAPPY_NEWS)
def test_a_complaint_after_the_thanks_is_not_kept(code: str) -> None:
    complaint = HAPPY_NEWS[code][1]
    assert Outcome.KEEP not in _outcomes(complaint), complaint


@pytest.mark.parametrize("code", AFTER_THE_QUESTION)
def test_thanks_after_the_question_keep_it_a_question(code: str) -> None:
    thanks, _ = AFTER_THE_QUESTION[code]
    text = f"{QUESTIONS[code][0]} {thanks}"
    assert 12 <= len(text.split()) <= 20, text
    verdict = judge(text, STORY, learned=False)
    assert verdict.outcome is Outcome.KEEP, (text, verdict)
    assert verdict.reasons[0].startswith("a question about arrangements in "), verdict
    assert judge(text, STORY).outcome is Outcome.KEEP, text


@pytest.mark.parametrize("code", AFTER_THE_QUESTION)
def test_the_question_rule_does_not_keep_news_after_the_question(code: str) -> None:
    """The word rules send it to a teacher; the reader of other languages may still keep it
    when it reads every sentence as kind ("the boy was sad all weekend" leans kind)."""
    thanks, news = AFTER_THE_QUESTION[code]
    for text in (
        f"{QUESTIONS[code][0]} {news} {thanks}",
        f"{QUESTIONS[code][0]} {thanks.rstrip('!')}, {news[0].lower()}{news[1:]}",
    ):
        assert judge(text, STORY, learned=False).outcome is Outcome.ASK, text
