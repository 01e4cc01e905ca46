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
    _contrast,
    _fold,
    _known_words,
    _languages,
    _other_language,
    _prepare,
    _word_runs,
)
from bot.judge_data import languages
from handlers.relay import Route, route

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
    "ga": (
        (
            "Go raibh míle maith agaibh, grianghraif áille ón turas!",
            "Maith sibh a pháistí, táim chomh bródúil as Aoife ❤️",
        ),
        "Dún do chlab, a amadáin, tá tú gan mhaith mar mhúinteoir.",
    ),
    "gd": (
        (
            "Mòran taing, dealbhan brèagha bhon chuairt!",
            "Glè mhath a chlann, tha mi cho pròiseil às Eilidh",
        ),
        "Tha fios agam càite bheil thu a' fuireach. Bidh aithreachas ort.",
    ),
    "rw": (
        (
            "Murakoze cyane mwarimu, amafoto meza cyane!",
            "Abana bishimye cyane, Imana ibahe umugisha 🙏",
        ),
        "Uri injiji, nzi aho utuye kandi uzabyicuza.",
    ),
    "gl": (
        (
            "Moitas grazas profe, que fotos tan bonitas!",
            "Noraboa aos rapaces, estou moi orgullosa da miña filla ❤️",
        ),
        "Sodes uns incompetentes, vaite á merda.",
    ),
    "ca": (
        (
            "Moltes gràcies, quines fotos més boniques de la colònia!",
            "Enhorabona a tots, estic molt orgullosa de la Martina 😍",
        ),
        "Sé on vius, i te'n penediràs, imbècil.",
    ),
    "be": (
        (
            "Вялікі дзякуй за цудоўныя фота з экскурсіі!",
            "Малайцы дзеці, вельмі ганаруся нашай Алесяй ❤️",
        ),
        "Заткніся, ідыётка, ты страціш працу.",
    ),
    "ka": (
        (
            "დიდი მადლობა მასწავლებელს, ლამაზი ფოტოები!",
            "ყოჩაღ ბავშვებო, ვამაყობ ჩემი გოგონათი ❤️",
        ),
        "ვიცი სად ცხოვრობ, ინანებ, შე იდიოტო.",
    ),
    "hy": (
        (
            "Շատ շնորհակալ եմ, գեղեցիկ նկարներ են!",
            "Ապրեք երեխաներ, հպարտ եմ աղջկաս համար ❤️",
        ),
        "Գիտեմ որտեղ ես ապրում, կզղջաս, ապուշ։",
    ),
    "az": (
        (
            "Çox sağ olun müəllim, gözəl şəkillər!",
            "Afərin uşaqlara, fəxr edirəm qızımla ❤️",
        ),
        "Axmaq müəllim, harada yaşadığını bilirəm, peşman olacaqsan.",
    ),
    "uz": (
        (
            "Katta rahmat ustoz, juda chiroyli rasmlar!",
            "Barakalla bolalar, o'g'limdan faxrlanaman ❤️",
        ),
        "Ahmoq, qayerda yashashingni bilaman, pushaymon bo'lasan.",
    ),
    "af": (
        (
            "Baie dankie juffrou, pragtige foto's van die uitstappie!",
            "Goed gedoen kinders, ons is so trots op Lize ❤️",
        ),
        "Ek weet waar jy woon, jou nuttelose onderwyser. Jy sal spyt wees.",
    ),
    "rom": (
        (
            "Najis tumenge, but šukar fotografie!",
            "Mišto kerdan čhavale, šukar čhave ❤️",
        ),
        "Tu san dilo, džanav kaj beše, ka xasares ti buti.",
    ),
}


#: language code -> (a private message threatening the teacher, with no insult word; an
#: ordinary message in the same language using the same everyday words without a threat).
THREATS: dict[str, tuple[str, str]] = {
    "ur": (
        "مجھے پتہ ہے تم کہاں رہتی ہو۔ تم پچھتاؤ گی۔",
        "کیا آپ کو پتہ ہے اس کی پی ای کٹ کہاں ہے؟ میں تین بجے باہر انتظار کروں گی۔",
    ),
    "ar": (
        "أعرف أين تسكنين. لو لمستي بنتي مرة ثانية سترين ماذا سيحدث.",
        "هل تعرفين أين حقيبة الرياضة؟ سأنتظره خارج المدرسة الساعة الثالثة.",
    ),
    "tr": (
        "Nerede yaşadığını biliyorum. Çocuğuma bir daha dokun, o zaman ne olacağını görürsün.",
        "Spor çantası nerede, biliyor musunuz? Saat üçte okulun önünde onu bekleyeceğim.",
    ),
    "lt": (
        "Žinau, kur gyvenate. Dar kartą palieskit mano vaiką ir pamatysite, kas bus.",
        "Ar žinote, kur jo sportinė apranga? Lauksiu jo prie mokyklos trečią valandą.",
    ),
    "so": (
        "Waan aqaan gurigaaga. Ilmahayga mar kale taabo, waad arki doontaa waxa dhacaya.",
        "Ma ogtahay halka uu dharka jimicsiga dhigay? Saddexda ayaan dibadda ku sugi doonaa.",
    ),
    "uk": (
        "Я знаю, де ти живеш. Ще раз торкнешся моєї дитини — побачиш, що буде.",
        "Ви не знаєте, де його спортивна форма? Я чекатиму на нього біля школи о третій.",
    ),
    "sq": (
        "E di ku banon. Prek edhe një herë fëmijën tim dhe do ta shohësh çfarë do të ndodhë.",
        "A e dini ku i janë rrobat e sportit? Do ta pres jashtë në orën tre.",
    ),
    "pl": (
        "Wiem, gdzie pani mieszka. Jeszcze pani pożałuje.",
        "Czy wie pani, gdzie jest jego strój na WF? Poczekam na niego przed szkołą o 15.",
    ),
    "ro": (
        "Știu unde locuiți. Mai pune mâna pe copilul meu și o să vedeți ce se întâmplă.",
        "Știți unde e echipamentul de sport? Îl aștept afară la ora trei.",
    ),
    "pa": (
        "ਮੈਨੂੰ ਪਤਾ ਹੈ ਤੁਸੀਂ ਕਿੱਥੇ ਰਹਿੰਦੇ ਹੋ। ਤੁਸੀਂ ਪਛਤਾਓਗੇ।",
        "ਕੀ ਤੁਹਾਨੂੰ ਪਤਾ ਹੈ ਕਿ ਉਸਦੀ ਪੀਈ ਕਿੱਟ ਕਿੱਥੇ ਹੈ? ਮੈਂ ਤਿੰਨ ਵਜੇ ਬਾਹਰ ਉਡੀਕ ਕਰਾਂਗੀ।",
    ),
    "bn": (
        "আমি জানি আপনি কোথায় থাকেন। আপনাকে ছাড়ব না।",
        "আপনি কি জানেন ওর পিই কিট কোথায়? আমি তিনটায় স্কুলের বাইরে অপেক্ষা করব।",
    ),
    "pt": (
        "Eu sei onde você mora. Toque na minha filha de novo e você vai ver o que acontece.",
        "Você sabe onde está o kit de educação física dele? Vou esperar por ele lá fora às três.",
    ),
    "es": (
        "Sé dónde vives. Vuelva a tocar a mi hijo y ya verás lo que pasa.",
        "¿Sabe dónde está la ropa de deporte de mi hijo? Le espero fuera a las tres.",
    ),
    "hi": (
        "मुझे पता है तुम कहाँ रहती हो। तुम पछताओगी।",
        "क्या आपको पता है उसकी पीई किट कहाँ है? मैं तीन बजे बाहर इंतज़ार करूँगी।",
    ),
    "ta": (
        "உன் வீடு எனக்குத் தெரியும். உன்னை சும்மா விடமாட்டேன்.",
        "அவனுடைய விளையாட்டு உடை எங்கே என்று தெரியுமா? நான் மூன்று மணிக்கு வெளியே காத்திருப்பேன்.",
    ),
    "cy": (
        "Dwi'n gwybod lle ti'n byw. Byddi di'n difaru.",
        "Ydych chi'n gwybod lle mae ei git ymarfer corff? Bydda i'n aros amdano tu allan am dri.",
    ),
    "fr": (
        "Je sais où vous habitez. Touchez encore à mon enfant et vous verrez ce qui se passera.",
        "Savez-vous où est son sac de sport ? Je l'attendrai dehors à 15 h.",
    ),
    "it": (
        "So bene dove abita. Tocchi di nuovo mia figlia e vedrà cosa succede.",
        "Sa dove sono le scarpe da ginnastica? La aspetto fuori alle tre.",
    ),
    "de": (
        "Ich weiß, wo du wohnst. Das wirst du noch bereuen.",
        "Wissen Sie, wo seine Sportsachen sind? Ich warte um drei draußen auf ihn.",
    ),
    "ru": (
        "Я знаю, где ты живешь. Ещё раз тронешь моего ребёнка — увидишь, что будет.",
        "Вы не знаете, где его спортивная форма? Я буду ждать его у школы в три.",
    ),
    "hr": (
        "Znam gdje živiš. Dirni još jednom moje dijete pa ćeš vidjeti što će biti.",
        "Znate li gdje su njegove tenisice za tjelesni? Čekat ću ga ispred škole u tri.",
    ),
    "el": (
        "Ξέρω πού μένετε. Θα μου το πληρώσετε.",
        "Ξέρετε πού είναι τα αθλητικά του; Θα τον περιμένω έξω στις τρεις.",
    ),
    "zh": (
        "我知道你住哪里。再碰我孩子试试，你会后悔的。",
        "请问您知道他的体育服在哪里吗？我三点在学校门口等他。",
    ),
    "vi": (
        "Tôi biết nhà cô ở đâu. Đụng vào con tôi lần nữa rồi xem chuyện gì xảy ra.",
        "Cô có biết đồ thể dục của cháu ở đâu không ạ? Ba giờ tôi sẽ chờ cháu ở cổng trường.",
    ),
    "fa": (
        "میدونم کجا زندگی میکنی. یه بار دیگه به بچم دست بزنی، پشیمون میشی.",
        "میدونید لباس ورزشش کجاست؟ ساعت سه بیرون منتظرش میمونم.",
    ),
    "ja": (
        "お前の家知ってるぞ。今度うちの子に触ったら、ただじゃおかない。",
        "体操服がどこにあるかご存じですか？3時に外で待っています。",
    ),
    "ko": (
        "당신 어디 사는지 알아. 내 아이 한 번만 더 건드려 봐, 두고 봐.",
        "체육복이 어디 있는지 아세요? 세 시에 밖에서 기다릴게요.",
    ),
    "sw": (
        "Najua unapoishi. Mguse mtoto wangu tena, utaona kitakachotokea.",
        "Unajua nguo zake za michezo ziko wapi? Nitamsubiri nje saa tisa.",
    ),
    "tl": (
        "Alam ko kung saan ka nakatira. Hawakan mo ulit ang anak ko, pagsisisihan mo ito.",
        "Alam niyo po ba kung nasaan ang PE uniform niya? Hihintayin ko siya sa labas.",
    ),
    "nl": (
        "Ik weet waar u woont. Raak mijn kind nog één keer aan, dan zult u zien wat er gebeurt.",
        "Weet u waar zijn gymspullen zijn? Ik wacht om drie uur buiten op hem.",
    ),
    "sv": (
        "Jag vet var du bor. Rör mitt barn igen så får du se vad som händer.",
        "Vet du var hans gympakläder är? Jag väntar på honom utanför klockan tre.",
    ),
    "hu": (
        "Tudom, hol laksz. Ezt még megbánod.",
        "Tudja, hol van a tornazsákja? Háromkor kint várom.",
    ),
    "cs": (
        "Vím, kde bydlíte. Toho budete litovat.",
        "Nevíte, kde má úbor na tělocvik? Počkám na něj venku ve tři.",
    ),
}

KIND = [(code, text) for code, (kind, _) in MESSAGES.items() for text in kind]
HOSTILE = [(code, hostile) for code, (_, hostile) in MESSAGES.items()]

Judge = Callable[..., Verdict]  # bot.judge.judge


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


@pytest.mark.parametrize(
    ("code", "threat", "ordinary"), [(c, *t) for c, t in THREATS.items()], ids=list(THREATS)
)
def test_a_threat_to_the_teacher_is_diverted_and_its_ordinary_twin_is_not(
    judge: Judge, code: str, threat: str, ordinary: str
) -> None:
    """Threats are abusive, always: a private message that threatens the teacher (their home,
    car, job or name), with no insult word, is diverted to senior leaders; a message in the
    same language using the same everyday words ("do you know where his PE kit is?", "I'll
    wait for him outside at three") is not."""
    assert _known_words(_prepare(threat, DM).folded.lower())[1] is not None
    found = judge(threat, DM)
    assert found.label is Label.ABUSIVE, found
    assert found.outcome is Outcome.REMOVE, found
    assert route(found) is Route.DIVERT, found
    assert _known_words(_prepare(ordinary, DM).folded.lower())[1] is None
    # the word lists alone: the reader of other languages reads a few twins in a threat's
    # words as threats (tests/test_languages_threats.py bounds how many)
    plain = judge(ordinary, DM, learned=False)
    assert plain.label is Label.OK, plain
    assert route(plain) is not Route.DIVERT, plain


def test_threats_are_tested_in_the_languages_the_school_hears_most() -> None:
    assert len(THREATS) >= 25
    assert {"ur", "ar", "tr", "lt", "so", "uk", "sq", "pl", "ro", "pa", "bn", "pt", "es"} <= set(
        THREATS
    )


def test_vietnamese_written_with_its_marks_is_read_as_vietnamese() -> None:
    """ "đ" keeps its stroke when folded; read as "o" and "i", "đồ" and "đi" made this look
    English to the judge's vocabulary count, and its hostile words went unread."""
    foreign = _other_language(
        "Cô là đồ khốn nạn, câm mồm đi!", _fold("Cô là đồ khốn nạn, câm mồm đi!")
    )
    assert foreign is not None and foreign.hostile == "vi", foreign


@pytest.mark.parametrize("where", [STORY, DM], ids=["story", "dm"])
def test_vietnamese_mong_to_hope_is_no_slur_and_the_english_slur_still_is(
    where: JudgeContext,
) -> None:
    kind = judge_module.judge("Chào cô, con tôi bị bạn trêu, mong cô để ý giúp", where)
    assert kind.outcome is not Outcome.REMOVE, kind
    typed_plain = judge_module.judge("Mong co de y giup chau nha", where)
    assert typed_plain.outcome is not Outcome.REMOVE, typed_plain
    assert judge_module.judge("You absolute mong", where).outcome is Outcome.REMOVE
    assert judge_module.judge("Mrs Nguyễn is a mong", where).outcome is Outcome.REMOVE


def test_no_danger_line_of_the_corpus_is_read_as_kind(judge: Judge) -> None:
    """Kind words make a message that is mostly not English read as another language, which
    keeps it from the sentence model: none of the corpus's danger lines (English, mixed, or
    another language) may be read so, unless the word rules find its danger all the same (a
    goodbye under "Lovely photos", in Farsi)."""
    danger = [(name, text) for name, text in _rows("urgent") if name not in READER_ONLY]
    assert len(danger) > 1000
    turned = []
    for name, text in danger:
        foreign = _other_language(text, _fold(text))
        if foreign is not None and foreign.kind is not None:
            if judge(text, DM, learned=False).label is not Label.URGENT:
                turned.append((name, foreign.kind, text))
    print(*turned, sep="\n")
    assert not turned


#: The story replies of reported sets 22 to 36 wholly in other languages, in the corpus for the
#: reader of other languages only (docs/judge.md): the word rules were not written from them
#: (those of sets 28 to 36 were read for a few rules after each set's report).
SETS_22_TO_27 = "set22_to_27_story_other_languages.jsonl"
SETS_28_TO_36 = "set28_to_36_story_other_languages.jsonl"
READER_ONLY = (SETS_22_TO_27, SETS_28_TO_36)


def test_danger_the_word_lists_miss_in_the_reader_s_lines_is_never_kept_as_kind() -> None:
    """Of their 62 danger replies, the word lists miss the danger of 25 (a known gap, in
    docs/judge.md); none may be kept as kind: a teacher reads each at once, hidden and marked
    unread, and a lead reads it as unread in a private message."""
    danger = [text for name, text in _rows("urgent") if name == SETS_22_TO_27]
    assert len(danger) == 62
    for text in danger:
        story = judge_module.judge(text, STORY)
        assert story.label is Label.URGENT or (
            story.outcome is Outcome.ASK and story.unread is not None
        ), (text, story)
        assert route(judge_module.judge(text, DM)) in (Route.URGENT, Route.CHECK), text


def test_danger_in_sets_28_to_36_other_languages_is_never_kept_and_a_person_reads_it() -> None:
    """Sets 28 to 36's 88 danger replies in other languages, in the corpus since set 36's
    report: none is kept in a class story, and as a private message each takes the urgent path
    or is marked unread (the teacher reads it in hours, a lead out of hours). One is short of
    the test above: a Polish reply about a missing girl with a phone number in it is removed as
    private, its danger unread."""
    danger = [text for name, text in _rows("urgent") if name == SETS_28_TO_36]
    assert len(danger) == 88
    for text in danger:
        assert judge_module.judge(text, STORY).outcome is not Outcome.KEEP, text
        assert route(judge_module.judge(text, DM)) in (Route.URGENT, Route.CHECK), text


def test_no_ok_line_of_the_corpus_has_a_hostile_word(judge: Judge) -> None:
    ok = _rows("ok")
    assert len(ok) > 5000
    tripped = []
    for name, text in ok:
        folded = _prepare(text, DM).folded.lower()
        runs = _word_runs(folded)
        for code, words in _languages().items():
            if words.hostile is not None and (found := words.hostile.search(folded, runs)):
                tripped.append((name, code, found.group(0), text))
    print(*tripped, sep="\n")
    assert not tripped


#: language code -> (a kind story reply of 12 to 30 words, the same thanks with a complaint
#: after "but", "shame", "why", "again" or "never"), each written for this test.
LONG_KIND: dict[str, tuple[str, str]] = {
    "pl": (
        "Dziękujemy za piękne zdjęcia z wycieczki, Zosia opowiadała cały wieczór o zwierzętach "
        "i już pyta, kiedy pojedziemy tam całą rodziną",
        "Dziękujemy za zdjęcia z wycieczki, ale szkoda, że znowu nikt nas nie uprzedził o "
        "zmianie godziny powrotu autobusu",
    ),
    "ro": (
        "Mulțumim frumos pentru pozele minunate de la serbare, Maria a fost foarte fericită și "
        "ne-a povestit totul acasă",
        "Mulțumim pentru poze, dar păcat că nu am primit nicio scrisoare despre costume și am "
        "aflat de la alți părinți",
    ),
    "pt": (
        "Muito obrigada pelas fotos lindas do passeio, o Rafael chegou em casa tão feliz e "
        "contou tudo ao jantar",
        "Obrigada pelas fotos do passeio, mas é uma pena que a escola nunca avise os pais com "
        "antecedência sobre estas coisas",
    ),
    "es": (
        "Muchísimas gracias por las fotos de la obra, los niños estaban preciosos y mi hija no "
        "para de cantar las canciones",
        "Gracias por las fotos de la obra, pero otra vez nos avisaron tarde y muchos padres no "
        "pudimos llegar a tiempo",
    ),
    "it": (
        "Grazie mille alle maestre per le foto bellissime della gita, Matteo è tornato a casa "
        "felicissimo e racconta tutto",
        "Grazie per le foto della gita, peccato che come sempre nessuno ci abbia detto a che ora "
        "tornava il pullman",
    ),
    "de": (
        "Vielen lieben Dank für die schönen Fotos vom Ausflug, Lena hat den ganzen Abend nur "
        "davon erzählt und will wieder hin",
        "Danke für die Fotos vom Ausflug, aber leider wurden wir schon wieder viel zu spät über "
        "die Abfahrtszeit informiert",
    ),
    "fr": (
        "Un grand merci pour ces photos de la sortie, Chloé est rentrée ravie et nous a tout "
        "raconté pendant le dîner",
        "Merci pour les photos de la sortie, mais dommage qu'on soit toujours prévenus au "
        "dernier moment pour les horaires",
    ),
    "vi": (
        "Cảm ơn cô giáo rất nhiều vì những tấm ảnh đẹp, bé nhà em về nhà rất vui và kể "
        "chuyện suốt buổi tối",
        "Cảm ơn cô vì những tấm ảnh, nhưng tại sao nhà trường không báo trước cho phụ huynh về "
        "giờ xe buýt về",
    ),
    "tl": (
        "Maraming salamat po sa magagandang litrato, sobrang saya ni Migo pag-uwi at "
        "ikinuwento niya lahat sa amin kagabi",
        "Salamat po sa mga litrato, pero bakit hindi na naman kami sinabihan kung anong oras "
        "babalik ang bus",
    ),
    "tr": (
        "Emeğinize sağlık öğretmenim, fotoğraflar çok güzel olmuş, oğlum eve çok mutlu geldi ve "
        "bütün akşam gezi hakkında konuştu",
        "Fotoğraflar için teşekkürler ama yine otobüsün ne zaman döneceğini kimse bize haber "
        "vermedi, çok yazık",
    ),
    "uk": (
        "Дуже дякуємо за чудові фото з екскурсії, Соломія повернулася додому щаслива і весь "
        "вечір розповідала про музей",
        "Дякуємо за фото з екскурсії, але чому нас знову не попередили, о котрій годині "
        "повертається автобус",
    ),
    "ur": (
        "Bohat shukriya madam, tasveerein bohat pyari hain, Ayaan ghar aa kar bohat khush tha "
        "aur sab kuch bataya",
        "Tasveeron ka shukriya lekin hamesha ki tarah bus ke waqt ke baare mein kisi ne "
        "humein nahi bataya",
    ),
    "ht": (
        "Mèsi anpil pwofesè pou bèl foto yo, Widlyne te kontan anpil e li rakonte nou tout sa li "
        "te wè nan mize a",
        "Mèsi pou foto yo, men poukisa lekòl la pa janm di paran yo ki lè bis la ap retounen",
    ),
    "mt": (
        "Grazzi ħafna għar-ritratti sbieħ, Luca rritorna kuntent ħafna u qagħad jirrakkontalna "
        "kollox dwar il-mawra sal-għaxija",
        "Grazzi tar-ritratti, imma għaliex qatt ma jgħidulna meta se tirritorna l-karozza "
        "tal-linja",
    ),
    "ko": (
        "선생님 정말 감사합니다, 사진이 너무 예뻐요, 민준이가 집에 와서 하루 종일 소풍 이야기를 "
        "하면서 다음에도 꼭 가고 싶대요",
        "사진 감사합니다, 하지만 왜 또다시 버스 도착 시간을 아무도 알려주지 않았나요",
    ),
    "ja": (
        "先生 本当にありがとうございます、 写真 とても 素敵でした、 娘は 家に 帰ってから ずっと "
        "遠足の 話を していて 本当に 楽しかった そうです",
        "写真 ありがとうございます、 でも なぜ バスの 時間を 誰も 教えて くれなかったの でしょうか",
    ),
    "he": (
        "תודה רבה על התמונות המקסימות מהטיול, נועה חזרה הביתה מאושרת וסיפרה לנו על הכל עד השינה",
        "תודה על התמונות, אבל למה שוב פעם אף אחד לא הודיע לנו מתי האוטובוס חוזר",
    ),
    "th": (
        "ขอบคุณมากค่ะ คุณครู รูปสวยมาก ลูกสาว กลับบ้าน มา มีความสุข มาก และ เล่า เรื่อง ทัศนศึกษา "
        "ให้ ฟัง ทั้ง คืน เลย ค่ะ",
        "ขอบคุณ สำหรับ รูป ค่ะ แต่ ทำไม ไม่มีใคร บอก ผู้ปกครอง เรื่อง เวลา รถ กลับ อีกแล้ว",
    ),
    "ms": (
        "Terima kasih banyak cikgu atas gambar-gambar yang cantik, Aisyah balik rumah sangat "
        "gembira dan bercerita tentang lawatan itu sepanjang malam",
        "Terima kasih atas gambar, tetapi kenapa tidak pernah ada surat tentang masa bas balik "
        "ke sekolah",
    ),
    "id": (
        "Terima kasih banyak bu guru untuk foto-fotonya yang bagus sekali, Dimas pulang dengan "
        "senang dan cerita terus soal kunjungan ke museum",
        "Makasih fotonya, tapi kenapa lagi-lagi kami tidak dikasih tahu jam berapa bus kembali "
        "ke sekolah",
    ),
    "ha": (
        "Na gode sosai malama saboda hotuna masu kyau, Amina ta dawo gida cikin farin ciki kuma "
        "ta ba mu labarin komai",
        "Na gode da hotunan, amma me yasa ba a gaya mana lokacin da mota za ta dawo ba, abin "
        "takaici",
    ),
    "zu": (
        "Ngiyabonga kakhulu thishela ngezithombe ezinhle, uThando ufike ekhaya ejabule kakhulu "
        "wasixoxela konke ngohambo lwesikole kuze kube sebusuku",
        "Ngiyabonga ngezithombe, kodwa kungani singatshelwanga ukuthi ibhasi izobuya nini, "
        "kuyadabukisa",
    ),
    "sn": (
        "Ndatenda zvikuru mudzidzisi nemifananidzo yakanaka, Rufaro akadzoka kumba afara chaizvo "
        "uye akatiudza zvese nezverwendo rwechikoro manheru ose",
        "Ndatenda nemifananidzo, asi sei tisina kuudzwa nguva yekudzoka kwebhazi, handina kufara",
    ),
    "om": (
        "Galatoomi barsiistuu, suuraawwan baay'ee bareedaa dha, Caaltuu gammachuun mana deebitee "
        "waa'ee imala mana barumsaa halkan guutuu nuuf himte",
        "Galatoomi suuraaf, garuu maaliif yeroo konkolaataan deebi'u nutti hin himne",
    ),
    "ln": (
        "Matondi mingi molakisi mpo na bafoto kitoko mingi, Grâce azongaki na ndako na esengo "
        "mingi mpe alobaki biso makambo nyonso ya mobembo",
        "Matondi mpo na bafoto, kasi mpo na nini bayebisaki biso te ntango motuka ekozonga, na "
        "mawa",
    ),
    "et": (
        "Suur aitäh õpetajale ilusate piltide eest, Mari tuli koju väga rõõmsana ja rääkis terve "
        "õhtu ekskursioonist ja loomadest",
        "Aitäh piltide eest, aga miks jälle keegi ei öelnud meile, mis kell buss tagasi tuleb, "
        "kahjuks",
    ),
    "fi": (
        "Kiitos paljon ihanista kuvista, Aino tuli kotiin tosi iloisena ja kertoi koko illan "
        "retkestä ja eläintarhan apinoista",
        "Kiitos kuvista, mutta miksi meille ei taaskaan kerrottu, milloin bussi palaa koululle, "
        "valitettavasti",
    ),
    "sv": (
        "Tusen tack för de fina bilderna från utflykten, Elsa kom hem så glad och berättade om "
        "djuren hela kvällen",
        "Tack för bilderna, men varför fick vi inte veta när bussen skulle komma tillbaka, tyvärr",
    ),
    "da": (
        "Tusind tak for de dejlige billeder fra turen, Freja kom glad hjem og fortalte om dyrene "
        "hele aftenen",
        "Tak for billederne, men hvorfor fik vi ikke at vide, hvornår bussen kom tilbage, desværre",
    ),
    "no": (
        "Tusen takk for de nydelige bildene fra turen, Ingrid kom glad hjem og fortalte om dyrene "
        "hele kvelden",
        "Takk for bildene, men hvorfor fikk vi ikke beskjed om når bussen kom tilbake, dessverre",
    ),
    "si": (
        "ගුරුතුමියට බොහොම ස්තූතියි ලස්සන පින්තූර වලට, දුව ගෙදර ආවේ හරිම සතුටින් සහ මුළු රෑම චාරිකාව ගැන අපිට කිව්වා",
        "පින්තූර වලට ස්තූතියි, නමුත් ඇයි බස් එක එන වෙලාව අපිට කිව්වේ නැහැ",
    ),
    "te": (
        "టీచర్ గారికి చాలా ధన్యవాదాలు, ఫోటోలు చాలా బాగుంది, మా పాప ఇంటికి చాలా సంతోషంగా వచ్చి విహారయాత్ర గురించి రాత్రంతా చెప్పింది",
        "ఫోటోలకు ధన్యవాదాలు, కానీ బస్సు ఎప్పుడు వస్తుందో మాకు ఎందుకు చెప్పలేదు",
    ),
    "kn": (
        "ಟೀಚರ್ ಅವರಿಗೆ ತುಂಬಾ ಧನ್ಯವಾದಗಳು, ಫೋಟೋಗಳು ತುಂಬಾ ಚೆನ್ನಾಗಿದೆ, ನಮ್ಮ ಮಗಳು ಮನೆಗೆ ತುಂಬಾ "
        "ಖುಷಿಯಾಗಿ ಬಂದು ಪ್ರವಾಸದ ಬಗ್ಗೆ ರಾತ್ರಿಯೆಲ್ಲಾ ಹೇಳಿದಳು",
        "ಫೋಟೋಗಳಿಗೆ ಧನ್ಯವಾದಗಳು, ಆದರೆ ಬಸ್ ಯಾವಾಗ ಬರುತ್ತದೆ ಎಂದು ನಮಗೆ ಯಾಕೆ ಹೇಳಲಿಲ್ಲ",
    ),
    "mr": (
        "बाई खूप धन्यवाद, फोटो खूप छान आले आहेत, आमची मुलगी घरी खूप आनंदात आली आणि सहलीबद्दल "
        "रात्रभर सांगत होती",
        "फोटोसाठी धन्यवाद, पण बस किती वाजता परत येणार हे आम्हाला कोणी सांगितले नाही",
    ),
    "my": (
        "ဆရာမ ကျေးဇူးတင်ပါတယ် ဓာတ်ပုံတွေ လှလိုက်တာ သမီးလေး အိမ်ပြန်ရောက်တော့ အရမ်း ပျော်နေပြီး "
        "ခရီးစဉ် အကြောင်း ညလုံးပေါက် ပြောပြနေတယ် နောက်တစ်ခါလည်း သွားချင်တယ်တဲ့ ဆရာမ",
        "ဓာတ်ပုံတွေအတွက် ကျေးဇူးတင်ပါတယ် ဒါပေမဲ့ ဘာကြောင့် ကားပြန်ချိန်ကို ဘယ်သူမှ မပြောတာလဲ",
    ),
    "km": (
        "សូមអរគុណលោកគ្រូ រូបថតស្អាតណាស់ កូនស្រីខ្ញុំ ត្រឡប់មកផ្ទះវិញ សប្បាយចិត្តណាស់ ហើយ និយាយ "
        "អំពី ដំណើរកម្សាន្ត ពេញមួយយប់ ចង់ទៅទៀត ដែរ ពិតជាល្អណាស់ លោកគ្រូ",
        "អរគុណសម្រាប់រូបថត ប៉ុន្តែ ហេតុអ្វី គ្មាននរណាប្រាប់យើង ពីម៉ោងឡានត្រឡប់មកវិញ",
    ),
}

#: language code -> (warm slang with a "scary" word, a sneer or complaint with the same
#: praise and a word of contrast), each written for this test.
SLANG: dict[str, tuple[str, str]] = {
    "pt": (
        "A Sofia matou a pau na peça da escola!",
        "Matou a pau, pena que a escola nunca avisa nada a tempo",
    ),
    "fr": (
        "Les enfants ont tout tué au spectacle 😂 trop fiers",
        "Ils ont tout tué, dommage que la salle était encore trop petite",
    ),
    "cs": (
        "Zabili to! Nejkrásnější besídka vůbec",
        "Zabili to, škoda že zase nebylo nic slyšet",
    ),
    "tl": (
        "Patay na patay ako sa mga costume nila, ang cute",
        "Ang cute, pero bakit na naman walang abiso tungkol sa costume",
    ),
    "uk": (
        "Вбивча вистава, ми плакали від сміху",
        "Вбивча вистава, шкода що знову нічого не було чути",
    ),
    "es": (
        "Me muero de ternura con los pastorcitos del belén",
        "Qué ternura, lástima que siempre salen los mismos niños delante",
    ),
    "de": (
        "Der Auftritt war der Hammer, danke an alle!",
        "Der Auftritt war der Hammer, aber warum war die Aula schon wieder so voll",
    ),
    "ur": (
        "Sab itne cute lag rahe hain, zabardast",
        "Itne cute lag rahe hain, lekin hamesha wahi bachay aage kyun hote hain",
    ),
}

#: Questions in another language with no kind word go to a teacher: a lost child, in Polish,
#: Spanish and Romanian; a "why". (A question about arrangements, "o której wraca autobus?",
#: is kept: tests/test_languages_questions.py.)
QUESTIONS = (
    "Czy ktoś widział mojego syna?",
    "¿Alguien ha visto a mi hijo?",
    "A văzut cineva pe fiica mea?",
    "¿Por qué nadie nos avisó de la excursión?",
)

#: A kind reply with news after its thanks: each sentence must be kind for a reply of 12
#: words or more to be kept (the news is for a teacher to read).
NEWS_AFTER_THANKS = (
    "Piękne zdjęcia, dziękujemy. Chciałam tylko powiedzieć, że Kuba ma nową diagnozę i bierze "
    "leki od poniedziałku"
)


@pytest.mark.parametrize(("code", "pair"), LONG_KIND.items(), ids=list(LONG_KIND))
def test_a_long_kind_reply_stays_and_its_twin_with_a_complaint_goes_to_a_teacher(
    judge: Judge, code: str, pair: tuple[str, str]
) -> None:
    """Thanks of 12 words or more are kept by the word lists when no word of contrast follows
    them, and never removed; the full judge keeps them when the reader of other languages is
    sure of them too (a disclosure can sit beside a kind word: tests/test_judge_multilingual.py),
    else a teacher reads them. The same thanks followed by "but" and a complaint go to a
    teacher, never silently kept."""
    kind, complaint = pair
    assert len(kind.split()) >= judge_module.KIND_ONLY_WORDS["story"], kind
    words_alone = judge_module.judge(kind, STORY, learned=False)
    assert words_alone.outcome is Outcome.KEEP and words_alone.label is Label.OK, words_alone
    assert judge(kind, STORY).outcome is not Outcome.REMOVE
    assert _contrast(_prepare(complaint, STORY).folded.lower()) is not None, complaint
    twin = judge(complaint, STORY)
    assert twin.outcome is Outcome.ASK, twin


#: The languages given `CONTRAST` words after their kind words (a helper session).
CONTRAST_ADDED = "ht mt ko ja he th ms id ha zu sn om ln et fi sv da no si te kn mr my km".split()


def test_every_language_with_kind_words_has_contrast_words() -> None:
    """A kind story reply longer than KIND_ONLY_WORDS is kept only in a language with
    `CONTRAST` words; each of these has a long kind reply and its complaint in LONG_KIND."""
    assert set(languages.KIND) <= set(languages.CONTRAST)
    assert set(CONTRAST_ADDED) <= set(LONG_KIND)
    for code in CONTRAST_ADDED:
        kind, _ = LONG_KIND[code]
        assert len(kind.split()) <= 25, code
        for word in languages.CONTRAST[code]:
            found = [k for k in languages.KIND[code] if word in k]
            assert not found, (code, word, found)


@pytest.mark.parametrize(("code", "pair"), SLANG.items(), ids=list(SLANG))
def test_warm_slang_stays_and_its_sneering_twin_does_not(
    judge: Judge, code: str, pair: tuple[str, str]
) -> None:
    praise, sneer = pair
    found = judge(praise, STORY)
    assert found.outcome is Outcome.KEEP and found.label is Label.OK, found
    twin = judge(sneer, STORY)
    assert twin.outcome is not Outcome.KEEP, twin


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_in_another_language_goes_to_a_teacher(judge: Judge, text: str) -> None:
    assert _other_language(text, _fold(text)) is not None
    found = judge(text, STORY)
    assert found.outcome is Outcome.ASK, found
    assert found.unread is not None, found


def test_news_after_thanks_goes_to_a_teacher(judge: Judge) -> None:
    """Kind words in the first sentence only: the second is news a teacher should read."""
    text = NEWS_AFTER_THANKS
    assert _contrast(_prepare(text, STORY).folded.lower()) is None
    words = len(text.split())
    assert judge_module.KIND_ONLY_WORDS["story"] <= words < judge_module.KIND_STORY_WORDS
    found = judge(text, STORY)
    assert found.outcome is Outcome.ASK, found


def test_a_kind_idiom_with_an_english_danger_word_is_not_danger(judge: Judge) -> None:
    """German "der Hammer" (great) is a whole kind phrase, which the English danger rules
    skip; a hammer in a German message is still a weapon to them."""
    found = judge("Das Krippenspiel war der Hammer, danke an alle!", STORY)
    assert found.outcome is Outcome.KEEP, found
    danger = judge("Er hat einen Hammer in der Hand und schreit die Kinder an", STORY)
    assert danger.label is Label.URGENT, danger


def test_no_kind_phrase_of_another_language_reads_as_english_danger() -> None:
    """One that holds an English danger word is listed as harmless (rules.URGENT_HARMLESS)."""
    for code, phrases in languages.KIND.items():
        for phrase in phrases:
            text = judge_module._URGENT_HARMLESS.sub(" ", judge_module._fold(phrase).lower())
            found = [r.reason for r in judge_module._URGENT_RULES if r.pattern.search(text)]
            assert not found, (code, phrase, found)


def test_a_private_message_keeps_its_shorter_limit(judge: Judge) -> None:
    """Only story replies are allowed the longer limit: a private message of thanks of six
    words or more in another language is still marked unread, as before."""
    found = judge("Dziękujemy bardzo za wszystko, Zosia jest szczęśliwa", DM)
    assert found.unread is not None, found


#: language code -> (a kind story reply whose thanks or praise is in a form once missing: "we
#: thank", "thanks to the teachers", plural "beautiful / wonderful photos", "very happy"; the
#: same words with a complaint after "but" or "why"), each written for this test.
MORE_KIND: dict[str, tuple[str, str]] = {
    "uk": (
        "Дякуємо вчителям! Дуже гарні фото",
        "Дякуємо за фото, але чому знову не попередили про екскурсію",
    ),
    "ro": (
        "Vă mulțumim! Ce poze minunate",
        "Vă mulțumim pentru poze, dar de ce iar nu am fost anunțați",
    ),
    "fa": (
        "چه عکس‌های قشنگی! ممنون از خانم معلم",
        "ممنون از عکس‌ها، ولی چرا باز هم به ما خبر ندادید",
    ),
    "nl": (
        "Dank jullie wel, wat een leuke foto's!",
        "Dank jullie wel, maar waarom laten jullie het weer zo laat weten",
    ),
    "ru": (
        "Какие чудесные фото! Благодарим учителей",
        "Спасибо за фото, но почему опять нас не предупредили",
    ),
    "lt": (
        "Labai gražios nuotraukos, dėkojame!",
        "Ačiū už nuotraukas, bet kodėl vėl niekas nepranešė",
    ),
    "sq": (
        "Foto shumë të bukura! Djali është shumë i lumtur",
        "Foto shumë të bukura, por pse përsëri nuk na njoftuat",
    ),
    "bn": ("খুব সুন্দর ছবি! মেয়ে খুব খুশি", "ধন্যবাদ, কিন্তু কেন আবার আগে জানানো হয়নি"),
    "de": (
        "Voll krass, was die Kinder geschafft haben!",
        "Voll krass, aber warum wurden wir schon wieder nicht informiert",
    ),
    "pt": (
        "Agradecemos muito, fotos maravilhosas!",
        "Agradecemos as fotos, mas porque é que nunca avisam a tempo",
    ),
    "es": (
        "¡Qué pasada de festival, sois unos cracks!",
        "Qué pasada, pero otra vez nos avisaron tarde",
    ),
    "ps": ("ډېره مننه! زما زوی ډېر خوشحاله دی", "مننه، خو ولې بیا موږ ته خبر رانکړل شو"),
    "ar": ("نشكركم على الصور الجميلة، صور رائعة", "شكرا على الصور، لكن لماذا لم تخبرونا مرة أخرى"),
    "it": (
        "Vi ringraziamo di cuore, foto bellissime!",
        "Vi ringraziamo, ma perché ci avvisate sempre all'ultimo momento",
    ),
    "fr": (
        "Nous vous remercions, les photos sont trop belles !",
        "Nous vous remercions, mais pourquoi encore prévenir si tard",
    ),
    "hi": ("बहुत प्यारी तस्वीरें, बेटी बहुत खुश है", "धन्यवाद, लेकिन फिर से देर से क्यों बताया"),
    "pa": ("ਬਹੁਤ ਮਜ਼ਾ ਆਇਆ, ਧੰਨਵਾਦ ਜੀ", "ਧੰਨਵਾਦ, ਪਰ ਫਿਰ ਦੇਰ ਨਾਲ ਕਿਉਂ ਦੱਸਿਆ"),
    "bg": ("Много красиви снимки, благодарим!", "Благодарим, но защо пак ни казахте толкова късно"),
}


#: language code -> (a kind class-story reply in a form once missing: a child came home singing,
#: sang all evening or talked about the trip, a blessing ("may God protect them", "from the evil
#: eye"), "bravo to all", "so proud"; a complaint in the same language, with "but", "why" or
#: "again"), each written for this test (a helper session).
STORY_NEWS: dict[str, tuple[str, str]] = {
    "pl": (
        "Wielkie brawa! Synek wrócił do domu śpiewając",
        "Wielkie brawa, ale dlaczego znowu nikt nas nie uprzedził",
    ),
    "ur": (
        "Mashallah, Allah sab bachon ko nazar se bachaye",
        "Mashallah, lekin phir se humein koi khabar kyun nahi di",
    ),
    "pa": ("ਰੱਬ ਸਾਰੇ ਬੱਚਿਆਂ ਨੂੰ ਖੁਸ਼ ਰੱਖੇ", "ਧੰਨਵਾਦ, ਪਰ ਫਿਰ ਕਿਉਂ ਨਹੀਂ ਦੱਸਿਆ"),
    "ro": ("Doamne ajută! Fetița a venit acasă cântând", "Frumos, dar de ce iar nu ne-ați anunțat"),
    "ar": ("الله يحفظهم من العين، ابني رجع يغني", "الله يحفظهم، لكن لماذا تأخرتم مرة أخرى"),
    "bn": ("আল্লাহ সবাইকে ভালো রাখুক, মেয়ে গান গাইছে", "ভালো লাগলো, কিন্তু কেন আবার দেরিতে জানানো হলো"),
    "so": (
        "Ilaahay ha ilaaliyo carruurta, aad baan ugu faanaynaa",
        "Mahadsanid, laakiin maxaa mar kale nalooga sheegi waayay",
    ),
    "pt": (
        "Fotos incríveis! O meu filho não para de falar do passeio",
        "Fotos incríveis, mas porque é que ninguém avisou outra vez",
    ),
    "es": (
        "¡Enhorabuena a todos! Mi hijo volvió cantando",
        "Enhorabuena, pero ¿por qué nadie nos avisó otra vez?",
    ),
    "uk": (
        "Нехай Бог береже діточок! Донька співала цілий вечір",
        "Молодці, але чому знову нас не попередили",
    ),
    "lt": (
        "Tegul Dievas saugo vaikus, sūnus grįžo namo dainuodamas",
        "Dievas saugo, bet kodėl vėl pavėlavote",
    ),
    "tr": (
        "Allah nazardan korusun! Oğlum akşam boyu geziyi anlattı",
        "Ellerinize sağlık ama neden yine haber vermediniz",
    ),
    "ta": ("Kadavul kaapaathattum, romba perumai", "Nandri, aanaal yen marubadiyum sollala"),
    "hi": ("भगवान सब बच्चों को बुरी नज़र से बचाए", "धन्यवाद, लेकिन फिर से क्यों नहीं बताया गया"),
    "fr": (
        "Bravo à tous ! Mon fils est rentré en chantant",
        "Bravo à tous, mais pourquoi personne ne nous a encore prévenus",
    ),
    "it": (
        "Bravi tutti! Mio figlio è tornato a casa cantando",
        "Dio li benedica, ma perché nessuno ci avvisa mai",
    ),
    "de": (
        "Gott segne sie alle! Unsere Tochter kam singend nach Hause",
        "Schöne Fotos, aber warum erfahren wir das schon wieder als Letzte",
    ),
    "el": (
        "Πανέμορφες φωτογραφίες, ο γιος μου τραγουδούσε όλο το βράδυ",
        "Ωραίες φωτογραφίες, αλλά γιατί πάλι δεν μας ενημερώσατε",
    ),
    "bg": ("Бог да ги пази! Синът ми пя цяла вечер", "Браво, но защо пак не ни казахте навреме"),
    "hu": (
        "Isten éltesse őket! A lányom egész este énekelt",
        "Szép, de miért nem szóltak megint időben",
    ),
    "gu": ("ભગવાન બધા બાળકોને સુખી રાખે, અભિનંદન", "આભાર, પણ ફરીથી કેમ મોડું જણાવ્યું"),
    "tw": ("Onyame nhyira mmofra no nyinaa", "Medaase, nanso adɛn na moanka ankyerɛ yɛn bio"),
    "am": ("እግዚአብሔር ይባርካችሁ! ልጄ ሲዘፍን ነበር", "አመሰግናለሁ፣ ግን ለምን እንደገና አልነገራችሁንም"),
    "ti": ("ኣምላኽ ይሓልዎም፣ ብጣዕሚ ጽቡቕ", "የቐንየለይ፣ ግን ስለምንታይ ደጊም ኣይሓበርኩምና"),
    "zh": ("孩子们真棒，女儿回家一直在唱", "照片很好，但是为什么又没有提前通知"),
    "tl": (
        "Pagpalain kayo ng Diyos! Umuwi ang anak ko na kumakanta",
        "Salamat, pero bakit na naman hindi kami sinabihan",
    ),
    "ru": (
        "Храни их Бог! Сын весь вечер рассказывал про экскурсию",
        "Молодцы, но почему опять не предупредили",
    ),
    "nl": (
        "Dank je! Onze dochter kwam zingend naar huis",
        "Dank je, maar waarom horen we het weer zo laat",
    ),
    "fa": ("خدا حفظشون کنه، خیلی افتخار می\u200cکنیم", "ممنون، ولی چرا دوباره دیر خبر دادید"),
}


#: language code -> (a kind class-story reply in a form once missing: enjoyed it, had a great
#: day, came home beaming, "how sweet", "what a lovely memory"; a complaint in the same language),
#: each written for this test (a helper session).
STORY_PRAISE: dict[str, tuple[str, str]] = {
    "pl": (
        "Świetna robota! Staś wrócił uśmiechnięty",
        "Świetna robota, ale czemu znowu nikt nie odebrał telefonu",
    ),
    "ro": (
        "Ce dulci! Fetița s-a distrat de minune",
        "Ce dulci, dar de ce iar ați uitat de alergia ei",
    ),
    "pt": (
        "Que giros! O meu filho divertiu-se imenso",
        "Que giros, mas porque é que ninguém nos avisou outra vez",
    ),
    "es": ("¡Qué guapos! Se lo pasaron pipa", "Qué guapos, pero otra vez sin avisar de la salida"),
    "fr": (
        "Quel beau souvenir, ils ont l'air ravis et ma fille est rentrée toute contente",
        "Quel beau souvenir, mais pourquoi personne ne nous a dit l'heure du retour",
    ),
    "de": (
        "Die Kinder haben das toll gemacht, unsere Tochter kam strahlend nach Hause",
        "Toll gemacht, aber warum erfahren wir das erst jetzt",
    ),
    "it": (
        "Che emozione! Mio figlio è tornato tutto contento",
        "Che emozione, ma perché ci avete avvisato solo ieri sera",
    ),
    "tr": (
        "Eline emeğine sağlık hocam, kızım çok keyif aldı",
        "Emeğinize sağlık ama neden yine son dakika haber verdiniz",
    ),
    "ar": ("يعطيكم ألف عافية، ابني رجع مبسوط", "يعطيكم العافية، لكن لماذا لم يتصل أحد مرة أخرى"),
    "ur": (
        "Bohat zabardast, bachon ne bahut maze kiye",
        "Zabardast, lekin hamesha aakhri waqt pe kyun batate hain",
    ),
    "hi": ("बच्चों ने खूब मस्ती की, धन्यवाद", "धन्यवाद, लेकिन हमेशा आखिरी समय पर क्यों बताते हैं"),
    "bg": (
        "Страхотен ден! Синът ми се прибра щастлив",
        "Страхотни снимки, но защо пак никой не ни се обади",
    ),
    "hu": (
        "Csodálatos nap, a lányom ragyogva jött haza",
        "Szép képek, de miért nem szóltak megint senkinek",
    ),
    "zh": ("孩子们玩得很开心，谢谢老师们", "照片不错，但是为什么又没有人通知我们"),
    "tl": (
        "Ang saya nila! Talagang nag-enjoy ang mga bata",
        "Ang ganda, pero bakit na naman late ang abiso",
    ),
}

NEW_FORMS = [*MORE_KIND.items(), *STORY_NEWS.items(), *STORY_PRAISE.items()]


@pytest.mark.parametrize(
    ("code", "pair"), NEW_FORMS, ids=[f"{c}-{i}" for i, (c, _) in enumerate(NEW_FORMS)]
)
def test_a_kind_reply_in_a_new_form_stays_and_its_complaint_goes_to_a_teacher(
    judge: Judge, code: str, pair: tuple[str, str]
) -> None:
    kind, complaint = pair
    found_kind, hostile = _known_words(_prepare(kind, STORY).folded.lower())
    assert found_kind is not None and hostile is None, (kind, found_kind, hostile)
    # kept by the word lists; the full judge keeps it if the reader of other languages is sure
    words_alone = judge_module.judge(kind, STORY, learned=False)
    assert words_alone.outcome is Outcome.KEEP and words_alone.label is Label.OK, words_alone
    assert judge(kind, STORY).outcome is not Outcome.REMOVE
    twin = judge(complaint, STORY)
    assert twin.outcome is not Outcome.KEEP, twin
