"""Kind and hostile words in the languages added to `KIND` and `HOSTILE`
(`bot/judge_data/languages.py`), which the judge falls back to for a message its English
sentence model cannot read.

For each: two kind class-story replies, written as a parent would, stay (not removed, not sent
to a teacher), and a hostile one is removed from the story and not delivered plainly as a
private message. The lists are searched in any message that is mostly not English, so the
training corpus must not trip them: no danger line is read as kind (which would keep it from
the sentence model), and no ok line matches a hostile word. All messages here were written for
these tests. No server needed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot import judge as judge_module
from bot.judge import (
    JudgeContext,
    Label,
    Outcome,
    Verdict,
    _known_words,
    _languages,
    _other_language,
    _prepare,
)
from bot.judge_data import languages

STORY = JudgeContext(where="story")
DM = JudgeContext(where="dm")
DATA = Path(__file__).resolve().parent.parent / "bot/judge_data"
CORPUS = sorted([*(DATA / "training").glob("*.jsonl"), *(DATA / "check").glob("*.jsonl")])

#: The languages that had kind and hostile words first (the rest had danger words only).
FIRST = {"pl", "ur", "pa", "ro", "ar", "bn", "so", "pt", "es", "uk", "lt", "tr", "ta", "hi", "cy"}

#: language code -> (two kind story replies, one hostile reply), each written in that language.
MESSAGES: dict[str, tuple[tuple[str, str], str]] = {
    "fr": (
        (
            "Merci beaucoup pour ces belles photos, les enfants ont l'air ravis !",
            "Bravo à tous, trop mignons dans leurs costumes 😍",
        ),
        "Vous êtes une bande d'incompétents, honte à vous.",
    ),
    "it": (
        (
            "Grazie mille maestra, che belle foto!",
            "Bravissimi bambini, sono fiera di mia figlia ❤️",
        ),
        "Siete degli incompetenti, vergognatevi.",
    ),
    "de": (
        (
            "Vielen Dank für die schönen Fotos!",
            "Wie süß, ich bin so stolz auf Lena 😊",
        ),
        "Halt die Klappe, Sie sind total unfähig.",
    ),
    "nl": (
        (
            "Dank je wel juf, wat mooi gedaan!",
            "Prachtige foto's, ik ben zo trots op Sem ❤️",
        ),
        "Jullie zijn onbekwaam, schaam je diep.",
    ),
    "ru": (
        (
            "Спасибо большое за фотографии, дети молодцы!",
            "Какая прелесть! Очень красиво получилось 😍",
        ),
        "Вы просто идиотка, позор вам.",
    ),
    "bg": (
        (
            "Много благодаря за снимките, браво на децата!",
            "Колко красиво! Горда съм с Мария ❤️",
        ),
        "Вие сте некадърници, срам ви да е.",
    ),
    "el": (
        (
            "Ευχαριστώ πολύ για τις φωτογραφίες, μπράβο στα παιδιά!",
            "Τι ωραία! Είμαι πολύ περήφανη για τη Μαρία ❤️",
        ),
        "Είστε ανίκανοι, ντροπή σας.",
    ),
    "hu": (
        (
            "Köszönöm szépen a képeket, nagyon ügyesek a gyerekek!",
            "Milyen szép! Büszke vagyok Petire ❤️",
        ),
        "Maguk teljesen hülyék, szégyelljék magukat!",
    ),
    "cs": (
        (
            "Moc děkuji za fotky, děti jsou šikovní!",
            "Nádherné! Jsem hrdá na Aničku ❤️",
        ),
        "Jste neschopná, styďte se.",
    ),
    "sk": (
        (
            "Ďakujeme za krásne fotky, deti sú úžasné!",
            "Výborne! Som hrdá na Janka ❤️",
        ),
        "Ste neschopná, hanbite sa!",
    ),
    "lv": (
        (
            "Liels paldies par bildēm, bērni malači!",
            "Cik skaisti! Esmu lepna par Annu ❤️",
        ),
        "Jūs esat nekompetenta, kaunieties!",
    ),
    "sq": (
        (
            "Faleminderit shumë për fotot, të lumtë duart!",
            "Sa bukur! Jam krenare për vajzën time ❤️",
        ),
        "Je budalla, turp të keni!",
    ),
    "hr": (
        (
            "Hvala vam puno na slikama, svaka čast djeci!",
            "Predivno! Ponosna sam na Ivu ❤️",
        ),
        "Vi ste nesposobni, sram vas bilo!",
    ),
    "fa": (
        (
            "خیلی ممنون از عکس‌ها، بچه‌ها عالی بودند!",
            "Kheili mamnoon khanoom, aksha kheili ghashange! Afarin bache ha",
        ),
        "تو یک احمق بی شعور هستی، خفه شو",
    ),
    "ps": (
        (
            "ډېره مننه د عکسونو لپاره، ماشومان ډېر ښکلي دي",
            "شاباش! ډېر ښه کار دی ❤️",
        ),
        "ته بې غیرته یې، چپ شه",
    ),
    "ckb": (
        (
            "زۆر سوپاس بۆ وێنەکان، منداڵەکان زۆر جوانن!",
            "دەستخۆش مامۆستا! شانازی پێوە دەکەم ❤️",
        ),
        "بێشەرەف! دەمت دابخە",
    ),
    "ku": (
        (
            "Gelek spas ji bo wêneyan, zarok pir delal in!",
            "Aferîn! Destê we xweş mamoste ❤️",
        ),
        "Tu bêşeref î, tu yê poşman bibî!",
    ),
    "ti": (
        (
            "የቐንየልና ስለቲ ስእልታት፣ ቆልዑ ጎበዛት እዮም!",
            "ኣዝዩ ጽቡቕ እዩ! ኣምላኽ ይባርኽኩም ❤️",
        ),
        "ንስኺ ዓሻ ኢኺ፣ ዘይትሓፍር!",
    ),
    "am": (
        (
            "በጣም አመሰግናለሁ ለፎቶዎቹ፣ ልጆቹ ጎበዞች ናቸው!",
            "በጣም ያምራል! እግዚአብሔር ይባርካችሁ ❤️",
        ),
        "አንቺ ደደብ ነሽ፣ ዝም በይ!",
    ),
    "zh": (
        (
            "谢谢老师！照片太漂亮了",
            "謝謝老師辛苦了，孩子們好可愛",
        ),
        "你这个废物老师，去死吧",
    ),
    "vi": (
        (
            "Cảm ơn cô nhiều ạ, ảnh đẹp quá!",
            "Các con giỏi quá, bố mẹ rất tự hào ❤️",
        ),
        "Cô là đồ khốn nạn, câm mồm đi!",
    ),
    "tl": (
        (
            "Maraming salamat po teacher, ang gaganda ng mga litrato!",
            "Ang galing naman ng mga bata, proud ako sa anak ko ❤️",
        ),
        "Ang tanga mo talaga, walang kwenta kang teacher!",
    ),
    "yo": (
        (
            "Ẹ ṣé púpọ̀ fún àwọn fọ́tò yìí, ó dára gan!",
            "Ẹ kú iṣẹ́ o! Olúwa á bùkún yín ❤️",
        ),
        "Òmùgọ̀ ni ẹ́, ọmọ àlè!",
    ),
    "tw": (
        (
            "Medaase paa, mfonini no yɛ fɛ!",
            "Ayekoo! Nyame nhyira mo ❤️",
        ),
        "Wo yɛ kwasia, wo maame twe!",
    ),
    "ig": (
        (
            "Daalụ nke ukwuu maka foto ndị a, ụmụaka mere nke ọma!",
            "Imela! Chukwu gọzie unu ❤️",
        ),
        "Ị bụ onye nzuzu, mechie ọnụ gị!",
    ),
    "sw": (
        (
            "Asante sana mwalimu kwa picha, watoto ni hodari!",
            "Hongera! Tunajivunia sana ❤️",
        ),
        "Wewe ni mjinga, funga mdomo wako!",
    ),
    "gu": (
        (
            "ફોટા માટે ખૂબ ખૂબ આભાર, બાળકો ખૂબ સરસ!",
            "શાબાશ! અમને ગર્વ છે ❤️",
        ),
        "તું મૂર્ખ અને નાલાયક છે, ચૂપ કર!",
    ),
    "ml": (
        (
            "ഫോട്ടോകൾക്ക് വളരെ നന്ദി, കുട്ടികൾ മിടുക്കർ!",
            "അടിപൊളി! ദൈവം അനുഗ്രഹിക്കട്ടെ ❤️",
        ),
        "നീ ഒരു തെണ്ടി ആണ്, മണ്ടൻ!",
    ),
    "ne": (
        (
            "फोटोको लागि धेरै धन्यवाद, बच्चाहरू धेरै राम्रो!",
            "स्याबास! हामीलाई गर्व छ ❤️",
        ),
        "तँ मूर्ख र नालायक होस्, चुप लाग्!",
    ),
    "ht": (
        (
            "Mèsi anpil pwofesè, foto yo bèl anpil!",
            "Bèl travay timoun yo, nou fyè de li ❤️",
        ),
        "Ou se yon enbesil, fèmen bouch ou!",
    ),
    "mt": (
        (
            "Grazzi ħafna għar-ritratti, sabiħ ħafna!",
            "Prosit lit-tfal kollha, kburin ħafna ❤️",
        ),
        "Int iblah, għalaq ħalqek!",
    ),
    "ko": (
        (
            "선생님 정말 감사합니다! 사진 너무 예뻐요",
            "우리 아이들 너무 귀여워요, 축하합니다 ❤️",
        ),
        "꺼져, 씨발 진짜 무능하네",
    ),
    "ja": (
        (
            "先生、ありがとうございます！写真がとてもかわいいです",
            "みんなよく頑張りました、おめでとう❤️",
        ),
        "ふざけるな、この役立たずの先生",
    ),
    "he": (
        (
            "תודה רבה על התמונות, איזה יופי!",
            "כל הכבוד לילדים, גאים בה ❤️",
        ),
        "את מטומטמת, סתמי את הפה!",
    ),
    "th": (
        (
            "ขอบคุณมากค่ะคุณครู รูปสวยมาก",
            "เด็กๆ เก่งมาก น่ารักมาก ❤️",
        ),
        "หุบปาก ไอ้โง่",
    ),
    "ms": (
        (
            "Terima kasih cikgu, gambar cantik sangat!",
            "Tahniah semua, saya sangat bangga ❤️",
        ),
        "Kau bodoh, mampus kau!",
    ),
    "id": (
        (
            "Terima kasih bu guru, fotonya bagus sekali!",
            "Anak-anak hebat, keren banget ❤️",
        ),
        "Dasar goblok, guru brengsek!",
    ),
    "ha": (
        (
            "Na gode sosai malama, hotunan suna da kyau!",
            "Madalla! Allah ya albarkace ku ❤️",
        ),
        "Kai dan banza ne, rufe bakinka!",
    ),
    "zu": (
        (
            "Ngiyabonga kakhulu mfundisi, izithombe zinhle!",
            "Halala bantwana! Siyaziqhenya ❤️",
        ),
        "Uyisilima, vala umlomo wakho!",
    ),
    "sn": (
        (
            "Ndatenda zvikuru mudzidzisi, mifananidzo yakanaka!",
            "Makorokoto vana! Tinodada nemi ❤️",
        ),
        "Uri benzi, vhara muromo wako!",
    ),
    "om": (
        (
            "Galatoomi barsiisaa, suuraan baay'ee bareedaa!",
            "Hojii gaarii ijoollee! Ni boonna ❤️",
        ),
        "Ati gowwaa, afaan kee cufi!",
    ),
    "ln": (
        (
            "Matondi mingi molakisi, bafoto kitoko mingi!",
            "Bana bosali malamu! Nzambe apambola bino ❤️",
        ),
        "Ozali zoba, kanga monoko na yo!",
    ),
    "et": (
        (
            "Suur aitäh õpetajale, pildid on imeilusad!",
            "Tublid lapsed, oleme uhked ❤️",
        ),
        "Sa oled idioot, pane suu kinni!",
    ),
    "fi": (
        (
            "Kiitos paljon opettaja, ihanat kuvat!",
            "Hienoa työtä lapset, olemme ylpeitä ❤️",
        ),
        "Turpa kiinni, senkin idiootti!",
    ),
    "sv": (
        (
            "Tack så mycket, vilka fina bilder!",
            "Duktiga barn, jag är så stolt ❤️",
        ),
        "Håll käften, din jävla idiot!",
    ),
    "da": (
        (
            "Tusind tak for de flotte billeder!",
            "Godt gået børn, vi er så stolte ❤️",
        ),
        "Hold kæft, din idiot!",
    ),
    "no": (
        (
            "Tusen takk for de fine bildene!",
            "Godt jobbet alle sammen, så søte ❤️",
        ),
        "Hold kjeft, din jævel!",
    ),
    "si": (
        (
            "බොහොම ස්තූතියි ටීචර්, ෆොටෝ හරිම ලස්සනයි!",
            "ළමයින්ට ශාබාෂ්! අපිට ආඩම්බරයි ❤️",
        ),
        "උඹ මෝඩයා, කට වහගන්න!",
    ),
    "te": (
        (
            "చాలా ధన్యవాదాలు టీచర్, ఫోటో చాలా బాగుంది!",
            "పిల్లలకు అభినందనలు! గర్వంగా ఉంది ❤️",
        ),
        "నోరు మూసుకో వెధవ!",
    ),
    "kn": (
        (
            "ತುಂಬಾ ಧನ್ಯವಾದಗಳು ಮೇಡಂ, ಫೋಟೋ ತುಂಬಾ ಚೆನ್ನಾಗಿದೆ!",
            "ಶಭಾಷ್ ಮಕ್ಕಳೇ! ಹೆಮ್ಮೆ ಇದೆ ❤️",
        ),
        "ಬಾಯಿ ಮುಚ್ಚು ಸೂಳೆ ಮಗ!",
    ),
    "mr": (
        (
            "खूप धन्यवाद बाई, फोटो खूप छान!",
            "शाब्बास मुलांनो! अभिमान आहे ❤️",
        ),
        "तोंड बंद कर, हरामखोर!",
    ),
    "my": (
        (
            "ဆရာမ ကျေးဇူးတင်ပါတယ်၊ ဓာတ်ပုံတွေ လှလိုက်တာ",
            "ကလေးတွေ တော်လိုက်တာ၊ ဂုဏ်ယူပါတယ် ❤️",
        ),
        "ပါးစပ်ပိတ်၊ ခွေးမသား",
    ),
    "km": (
        (
            "អរគុណច្រើនលោកគ្រូ រូបថតស្អាតណាស់",
            "កូនៗពូកែណាស់ មោទនភាព ❤️",
        ),
        "បិទមាត់ទៅ អាល្ងង់",
    ),
}

KIND = [(code, text) for code, (kind, _) in MESSAGES.items() for text in kind]
HOSTILE = [(code, hostile) for code, (_, hostile) in MESSAGES.items()]

Judge = Callable[[str, JudgeContext], Verdict]


@pytest.fixture(scope="module")
def judge() -> Iterator[Judge]:
    """The judge, its lists and models loaded once for this file."""
    judge_module.load()
    yield judge_module.judge


def _rows(*labels: str) -> list[tuple[str, str]]:
    return [
        (path.name, row["text"])
        for path in CORPUS
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        if row["label"] in labels
    ]


def test_every_language_with_danger_words_has_kind_and_hostile_words() -> None:
    assert set(languages.KIND) == set(languages.HOSTILE) == set(languages.URGENT)
    assert set(MESSAGES) == set(languages.URGENT) - FIRST
    assert set(languages.NAMES) >= set(languages.URGENT)


def test_entries_are_lower_case_and_not_repeated() -> None:
    for lists in (languages.KIND, languages.HOSTILE):
        for code, entries in lists.items():
            assert all(e == e.lower() and e.strip() == e for e in entries), code
            assert len(entries) == len(set(entries)), code


@pytest.mark.parametrize(
    ("code", "text"), KIND, ids=[f"{c}-{i % 2}" for i, (c, _) in enumerate(KIND)]
)
def test_a_kind_story_reply_stays(judge: Judge, code: str, text: str) -> None:
    kind, hostile = _known_words(_prepare(text, STORY).folded.lower())
    assert kind is not None and hostile is None, (kind, hostile)
    found = judge(text, STORY)
    assert found.outcome is Outcome.KEEP, found
    assert found.label is Label.OK, found


@pytest.mark.parametrize(("code", "text"), HOSTILE, ids=[c for c, _ in HOSTILE])
def test_a_hostile_reply_is_removed_from_the_story_and_not_delivered_plainly(
    judge: Judge, code: str, text: str
) -> None:
    assert _known_words(_prepare(text, STORY).folded.lower())[1] is not None
    in_story = judge(text, STORY)
    assert in_story.outcome is Outcome.REMOVE, in_story
    in_private = judge(text, DM)
    assert in_private.outcome is Outcome.REMOVE, in_private
    assert in_private.label is Label.ABUSIVE, in_private


def test_vietnamese_written_with_its_marks_is_read_as_vietnamese() -> None:
    """ "đ" keeps its stroke when folded; read as "o" and "i", "đồ" and "đi" made this look
    English to the judge's vocabulary count, and its hostile words went unread."""
    foreign = _other_language(_prepare("Cô là đồ khốn nạn, câm mồm đi!", DM))
    assert foreign is not None and foreign.hostile == "vi", foreign


def test_no_danger_line_of_the_corpus_is_read_as_kind(judge: Judge) -> None:
    """Kind words make a message that is mostly not English read as another language, which
    keeps it from the sentence model: none of the corpus's danger lines (English, mixed, or
    another language) may be read so."""
    danger = _rows("urgent")
    assert len(danger) > 1000
    turned = []
    for name, text in danger:
        foreign = _other_language(_prepare(text, DM))
        if foreign is not None and foreign.kind is not None:
            turned.append((name, foreign.kind, text))
    print(*turned, sep="\n")
    assert not turned


def test_no_ok_line_of_the_corpus_has_a_hostile_word(judge: Judge) -> None:
    ok = _rows("ok")
    assert len(ok) > 5000
    tripped = []
    for name, text in ok:
        folded = _prepare(text, DM).folded.lower()
        for code, words in _languages().items():
            if words.hostile is not None and (found := words.hostile.search(folded)):
                tripped.append((name, code, found.group(0), text))
    print(*tripped, sep="\n")
    assert not tripped
