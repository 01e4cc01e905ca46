"""Danger now written in another language (`bot/judge_data/languages.py`, `URGENT`).

For each language the judge has danger phrases for: messages a frightened parent might send
(a missing child, a threat to take the children, violence at home, self-harm, a stranger
following a child) are urgent in a private message, and ordinary ones in the same language
(illness, absence, unkindness between children, sad news, thanks, a lost jumper) are not.
The phrase lists are searched in every message, English included, so the English corpus must
not trip them. All messages here were written for these tests. No server needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.judge import (
    JudgeContext,
    Label,
    _Evidence,
    _other_language_urgent,
    _prepare,
    _urgent_rules,
    judge,
)
from bot.judge_data import languages

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")
TRAINING = Path(__file__).resolve().parent.parent / "bot/judge_data/training"
CHECK = TRAINING.parent / "check"

#: language code -> (danger now, ordinary messages), each written in that language.
MESSAGES: dict[str, tuple[list[str], list[str]]] = {
    "pl": (
        [
            "Proszę pilnie o kontakt, córka nie wróciła ze szkoły i nikt nie wie, gdzie jest",
            "Mój były mąż grozi, że zabierze dzieci siłą, proszę mu ich nie wydawać",
            "Syn powiedział wczoraj, że chce umrzeć i nie chce już żyć",
            "Mąż mnie bije, dzieci to widzą, w nocy groził nożem",
            "Jakiś mężczyzna szedł za nią aż pod szkołę i dalej tam stoi",
        ],
        [
            "Dzień dobry, Ola ma gorączkę i zostanie dziś w domu. Dziękuję",
            "Martwię się, bo chłopcy z klasy śmieją się z Antka na przerwie. Możemy porozmawiać?",
            "Niestety zmarła babcia Zosi, może być dziś smutna",
            "Dziękuję za pomoc przy wycieczce! Dzieci były zachwycone",
            "Czy dzieci uczą się jeść nożem i widelcem na stołówce?",
            "Czy w piątek policja przyjdzie do szkoły na pogadankę o bezpieczeństwie?",
            "Antek porwał spodnie na placu zabaw, przepraszam za stan mundurka",
            "Znowu wrócił bez czapki i nikt nie wie, gdzie jest. Czy jest w rzeczach znalezionych?",
        ],
    ),
    "ur": (
        [
            "Miss mera beta abhi tak ghar nahi pohancha, kisi ko nahi pata woh kahan hai",
            "Mera shohar mujhe maarta hai aur ab jaan se maarne ki dhamki de raha hai",
            "Meri beti kehti hai ke woh marna chahti hai, please us par nazar rakhein",
            "میرا بیٹا اسکول سے گھر نہیں آیا، براہ کرم فوراً رابطہ کریں",
            "Uska baap bachon ko zabardasti le jayega, please bachay usko mat dena",
        ],
        [
            "Assalam o alaikum, Ayaan ko bukhar hai, aaj school nahi aayega",
            "Kuch bachay Zara ko tang karte hain, please dhyan rakhein",
            "Hamari nani ka inteqal ho gaya, Hamza thora udaas hai",
            "Aap ki madad ka bohat shukriya teacher",
            "Uska jumper gum ho gaya hai, lost property mein dekh lein please",
            "میرا بیٹا بہت پریشان ہے کیونکہ اس کا دوست دوسرے اسکول چلا گیا",
        ],
    ),
    "pa": (
        [
            "ਮੇਰਾ ਮੁੰਡਾ ਸਕੂਲੋਂ ਘਰ ਨਹੀਂ ਆਇਆ, ਕਿਸੇ ਨੂੰ ਨਹੀਂ ਪਤਾ ਕਿੱਥੇ ਹੈ",
            "Mera ghar wala mainu kutda hai, bachyan nu vi, ajj dhamki diti",
            "Kudi labh nahi rahi, school ton baad ghar ni aayi",
            "ਉਹ ਕਹਿੰਦਾ ਬੱਚੇ ਲੈ ਜਾਊਗਾ, ਜ਼ਬਰਦਸਤੀ ਲੈ ਜਾਊਗਾ",
        ],
        [
            "ਸਤਿ ਸ੍ਰੀ ਅਕਾਲ ਜੀ, ਹਰਮਨ ਨੂੰ ਬੁਖਾਰ ਹੈ, ਅੱਜ ਸਕੂਲ ਨਹੀਂ ਆਵੇਗਾ",
            "Bahut dhanvaad ji, tuhadi madad nal Simran bahut khush hai",
            "Kuj bache usnu chhed de ne, tusi dekh lao please",
            "Munde di jacket gum ho gayi, lost property vich dekh lena",
        ],
    ),
    "ro": (
        [
            "Vă rog, fiica mea nu a ajuns acasă de la școală și nimeni nu știe unde este",
            "Fostul soț amenință că ia copiii cu forța. Vă rog să nu-i dați copiii!",
            "Soțul mă bate și a zis că ne omoară pe toți",
            "Băiatul meu a spus că vrea să moară",
            "Un bărbat a urmărit-o până la școală și stă acum la poartă",
            "Tatăl lor a încălcat ordinul de protecție, e la poarta școlii acum",
        ],
        [
            "Bună ziua, Maria are febră și nu vine azi la școală",
            "Doi colegi râd de el în pauză, vă rog să vorbiți cu ei",
            "Bunicul lui a murit ieri, poate fi trist zilele acestea",
            "Mulțumesc pentru ajutor! Copiii s-au bucurat mult",
            "Ghiozdanul lui a dispărut din vestiar, îl puteți căuta?",
            "Avem ordin de protecție, vă rog să nu dați pozele tatălui",
        ],
    ),
    "ar": (
        [
            "أرجوكم ابنتي لم ترجع من المدرسة حتى الآن ولا أحد يعرف أين هي",
            "زوجي يضربني ويهددني بالقتل، أنا خائفة على حياتي",
            "ابني يقول إنه يريد أن يموت",
            "رجل غريب لحقها من المدرسة إلى البيت",
            "طليقي يهدد بأخذ الأطفال بالقوة، لا تسلموه الأطفال",
            "هناك رجل يحمل سكيناً في الملعب، اتصلوا بالشرطة",
        ],
        [
            "مرحبا، ابني مريض اليوم وعنده حرارة ولن يحضر",
            "بعض الأولاد يضايقون ابنتي في الاستراحة، أرجو الانتباه",
            "توفيت جدته الأسبوع الماضي وهو حزين",
            "شكرا جزيلا على مساعدتكم، الله يعطيكم العافية",
            "هل ستأتي الشرطة إلى المدرسة للحديث عن السلامة على الطريق؟",
            "ضاعت سترة ابني، هل وجدتموها؟",
            "تعلم ابني كيف يمسك السكين بأمان في درس الطبخ، شكراً لكم",
        ],
    ),
    "bn": (
        [
            "আমার মেয়ে এখনও বাড়ি ফেরেনি, ফোন বন্ধ, কেউ জানে না কোথায়",
            "Amar shami amake mare, aj bolche mere felbe",
            "ছেলে বলছে সে মরতে চায়, দয়া করে খেয়াল রাখবেন",
            "Meyeke khuje pacchi na, school theke bari fereni",
        ],
        [
            "ম্যাডাম, রাহিমের জ্বর, আজ স্কুলে আসবে না",
            "Kichu baccha ore khepay, ektu dekhben please",
            "অনেক ধন্যবাদ আপনার সাহায্যের জন্য",
            "ওর দাদু মারা গেছেন, ও খুব মন খারাপ করে আছে",
        ],
    ),
    "so": (
        [
            "Macalin, wiilkayga dugsiga kama soo laaban, meel walba waan ka raadinay",
            "Ninkaygii wuu i garaacaa, hadda wuxuu ku hanjabay inuu carruurta qaado",
            "Gabadhayda waxay tidhi nin ayaa daba socday markay dugsiga ka soo baxday",
            "Wiilkaygu wuxuu leeyahay waxaan doonayaa inaan is dilo",
        ],
        [
            "Subax wanaagsan, Hodan way jirantahay maanta, ma iman doonto",
            "Carruur ayaa ku qoslaya wiilkayga, fadlan la hadal",
            "Ayeeyadeed ayaa dhimatay, aad bay u murugaysan tahay",
            "Aad baad u mahadsantihiin caawimaadda",
            "Fadlan i soo wac hadda, waxaan rabaa inaan kaala hadlo safarka",
        ],
    ),
    "pt": (
        [
            "A minha filha não voltou da escola e ninguém sabe dela, por favor",
            "O pai ameaça levar as crianças à força, não as entreguem a ele",
            "O meu marido bate-me e disse que me mata se eu sair de casa",
            "O meu filho disse que quer morrer e tem cortes nos braços",
            "Um homem seguiu-a até casa ontem e hoje está outra vez no portão",
        ],
        [
            "Bom dia, o Tiago está com febre e fica em casa hoje",
            "Uns colegas gozam com ela no recreio, podemos falar?",
            "A avó dele faleceu, ele anda muito triste",
            "Obrigada pela ajuda, foi um dia fantástico",
            "Ele precisa de aprender a comer com faca e garfo?",
            "A polícia vem à escola falar sobre segurança rodoviária?",
            "Essa lição de casa vai me matar 😂",
        ],
    ),
    "es": (
        [
            "Mi hija no ha llegado a casa y no la encontramos por ningún lado",
            "Mi ex amenaza con llevarse a los niños a la fuerza, no se los entreguen",
            "Mi marido me pega y dice que nos va a matar",
            "Mi hijo dice que quiere morirse y se está cortando",
            "Un hombre la siguió hasta el colegio y está fuera ahora",
        ],
        [
            "Hola, Lucía tiene fiebre y hoy no irá al colegio",
            "Unos niños se ríen de él en el recreo, ¿podemos hablar?",
            "Su abuelo falleció el domingo, está muy triste",
            "Muchas gracias por la ayuda con la excursión",
            "Este niño me va a matar, otra vez se dejó la mochila 😂",
            "Se corta el pelo mañana, por eso llegará tarde",
        ],
    ),
    "uk": (
        [
            "Допоможіть! Донька не повернулася зі школи, її ніде немає",
            "Чоловік б'є мене і погрожує забрати дітей силою",
            "Син каже, що хоче померти",
            "Незнайомий чоловік ішов за нею від школи до дому",
        ],
        [
            "Добрий день, Марко захворів і сьогодні не прийде",
            "Дякую за допомогу з домашнім завданням!",
            "Хлопці з класу дражнять його, можна поговорити?",
            "Помер його дідусь, він дуже сумний",
        ],
    ),
    "lt": (
        [
            "Sūnus negrįžo iš mokyklos, niekas nežino kur jis",
            "Vyras mane muša ir grasina nužudyti",
            "Dukra sako, kad nori mirti",
            "Nepažįstamas vyras sekė ją iki namų",
        ],
        [
            "Laba diena, Emilija serga ir šiandien neateis",
            "Ačiū už pagalbą, vaikai labai džiaugėsi",
            "Klasės draugai iš jo juokiasi, gal galite pakalbėti?",
            "Mirė jo senelis, jis labai liūdnas",
            "Ar vaikai mokosi valgyti su peiliu ir šakute?",
        ],
    ),
    "tr": (
        [
            "Kızım okuldan eve gelmedi, nerede olduğunu kimse bilmiyor",
            "Eşim beni dövüyor, çocukları zorla alıp götüreceğini söylüyor",
            "Oğlum ölmek istediğini söyledi",
            "Yabancı bir adam okuldan beri peşinden geliyor",
        ],
        [
            "Merhaba, Elif hasta, bugün okula gelemeyecek",
            "Bazı çocuklar onunla dalga geçiyor, konuşabilir miyiz?",
            "Dedesi vefat etti, bu hafta biraz üzgün olabilir",
            "Yardımlarınız için çok teşekkürler",
            "Montu kayboldu, kayıp eşyalara bakabilir misiniz?",
            "Otobüsü kaçırdı, biraz geç kalacak",
            "Bugün harika bir gün, çocuklar çok mutlu görünüyor",  # gün (day) is no "gun"
        ],
    ),
    "ta": (
        [
            "என் மகளைக் காணவில்லை, இன்னும் வீட்டுக்கு வரவில்லை",
            "Enga paiyana kaanom, school la irundhu veetuku varala",
            "என் கணவர் என்னை அடிக்கிறார், கொலை மிரட்டல் விடுகிறார்",
            "மகன் தற்கொலை பற்றி பேசுகிறான்",
        ],
        [
            "வணக்கம், அருணுக்கு காய்ச்சல், இன்று பள்ளிக்கு வரமாட்டான்",
            "மிக்க நன்றி டீச்சர், உங்கள் உதவிக்கு",
            "என் பையனின் பென்சில் பெட்டியைக் காணவில்லை",
            "அவனுடைய தாத்தா இறந்துவிட்டார், அவன் சோகமாக இருக்கிறான்",
        ],
    ),
    "hi": (
        [
            "मेरा बेटा स्कूल से घर नहीं आया, किसी को नहीं पता वह कहाँ है",
            "पति मुझे मारता है और जान से मारने की धमकी देता है",
            "बेटी कहती है वह मरना चाहती है",
            "Beta gayab hai subah se, phone bhi band hai",
        ],
        [
            "नमस्ते, आरव को बुखार है, आज स्कूल नहीं आएगा",
            "कुछ बच्चे उसे चिढ़ाते हैं, कृपया ध्यान दें",
            "उसके दादाजी का निधन हो गया, वह उदास है",
            "आपकी मदद के लिए बहुत धन्यवाद",
        ],
    ),
    "cy": (
        [
            "Mae fy merch ar goll, dyw hi ddim wedi dod adre o'r ysgol",
            "Mae e'n bygwth cymryd y plant, peidiwch â rhoi'r plant iddo",
            "Mae fy mab wedi dweud ei fod eisiau marw",
            "Ffoniwch yr heddlu, mae dyn dieithr tu allan i'r ysgol",
            "Mae e wedi fy nharo eto neithiwr ac wedi bygwth fy lladd",
            "Mae ganddo gyllell, ffoniwch naw naw naw",
        ],
        [
            "Bore da, mae Ffion yn sâl heddiw",
            "Diolch yn fawr am eich help",
            "Mae ei siwmper ar goll, ydy hi yn yr eiddo coll?",
            "Mae e'n ymarfer bwyta gyda chyllell a fforc",
            "Mae e wedi bygwth glaw drwy'r dydd, ond aethon ni i'r parc",
            "Mae ei chot ar goll ers dydd Llun, ydy hi yn yr eiddo coll?",
        ],
    ),
    "fr": (
        [
            "Ma fille n'est pas rentrée de l'école et personne ne sait où elle est",
            "Mon ex menace de prendre les enfants de force, ne lui donnez pas les enfants",
            "Mon mari me frappe et menace de nous tuer",
            "Mon fils dit qu'il veut mourir, il se scarifie",
            "Un homme l'a suivie jusqu'à l'école ce matin",
        ],
        [
            "Bonjour, Léa a de la fièvre et restera à la maison aujourd'hui",
            "Des camarades se moquent de lui à la récré, pouvons-nous en parler ?",
            "Son grand-père est décédé, il est très triste",
            "Merci beaucoup pour votre aide !",
            "Ce qui me frappe, c'est le manque de devoirs cette année",
            "Il apprend à manger avec un couteau et une fourchette",
        ],
    ),
    "it": (
        [
            "Mio figlio non è tornato a casa da scuola, nessuno sa dove sia",
            "Mio marito mi picchia e minaccia di portare via i bambini",
            "Mia figlia dice che vuole morire, si taglia le braccia",
            "Un uomo l'ha seguita fino a casa",
        ],
        [
            "Buongiorno, Giulia ha la febbre e oggi resta a casa",
            "Grazie mille per il vostro aiuto!",
            "Alcuni compagni lo prendono in giro, possiamo parlarne?",
            "È morto il nonno, è molto triste",
            "Non si sveglia mai la mattina, scusate il ritardo",
        ],
    ),
    "de": (
        [
            "Meine Tochter ist nicht nach Hause gekommen, niemand weiß, wo sie ist",
            "Mein Mann schlägt mich und droht, die Kinder mitzunehmen",
            "Mein Sohn sagt, er will sterben, er ritzt sich",
            "Ein fremder Mann ist ihr von der Schule gefolgt",
        ],
        [
            "Guten Morgen, Lukas hat Fieber und bleibt heute zu Hause",
            "Vielen Dank für die Hilfe!",
            "Einige Kinder ärgern ihn in der Pause, können wir sprechen?",
            "Ihre Oma ist gestorben, sie ist sehr traurig und vermisst sie",
            "Das bringt mich um, schon wieder keine Hausaufgaben 😅",
        ],
    ),
    "nl": (
        [
            "Mijn zoon is niet thuisgekomen en niemand weet waar hij is",
            "Hij slaat me en dreigt de kinderen mee te nemen",
            "Mijn dochter zegt dat ze dood wil",
            "Een vreemde man volgde haar naar school",
        ],
        [
            "Goedemorgen, Sem is ziek en blijft vandaag thuis",
            "Bedankt voor de hulp!",
            "Een paar kinderen pesten hem, kunnen we praten?",
            "Zijn opa is overleden, hij is verdrietig",
            "Och, me arme kind is zijn jas weer vergeten",
        ],
    ),
    "ru": (
        [
            "Дочь не вернулась домой из школы, её нигде нет",
            "Муж бьёт меня и угрожает забрать детей",
            "Сын говорит, что хочет умереть",
            "Незнакомый мужчина шёл за ней до самого дома",
        ],
        [
            "Здравствуйте, Маша заболела и сегодня не придёт",
            "Спасибо за помощь!",
            "Мальчики дразнят его на перемене, можно поговорить?",
            "Умер дедушка, он очень грустит",
            "Он забыл линейку, можно одолжить?",
            "Учимся есть с ножом и вилкой",
        ],
    ),
    "bg": (
        [
            "Синът ми не се прибра от училище, никой не знае къде е",
            "Мъжът ми ме бие и заплашва да ме убие",
            "Дъщеря ми иска да умре",
            "Непознат мъж я следеше до вкъщи",
        ],
        [
            "Здравейте, Иван е болен и днес няма да дойде",
            "Благодаря за помощта!",
            "Някои деца му се подиграват, може ли да поговорим?",
            "Дядо му почина, много е тъжен",
        ],
    ),
    "el": (
        [
            "Η κόρη μου δεν γύρισε σπίτι από το σχολείο, κανείς δεν ξέρει πού είναι",
            "Ο άντρας μου με χτυπάει και απειλεί να με σκοτώσει",
            "Ο γιος μου λέει ότι θέλει να πεθάνει",
            "Ο γιος μου λεει οτι θελει να πεθανει",
            "Ένας άγνωστος άντρας την ακολούθησε",
        ],
        [
            "Καλημέρα, η Μαρία έχει πυρετό και θα μείνει σπίτι",
            "Ευχαριστώ πολύ για τη βοήθεια!",
            "Κάποια παιδιά τον κοροϊδεύουν, μπορούμε να μιλήσουμε;",
            "Πέθανε ο παππούς του, είναι πολύ λυπημένος",
        ],
    ),
    "hu": (
        [
            "A fiam nem jött haza az iskolából, senki sem tudja, hol van",
            "A férjem megver és azzal fenyeget, hogy megöl",
            "A lányom azt mondja, meg akar halni",
            "Egy idegen férfi követte hazáig",
        ],
        [
            "Jó reggelt, Anna beteg, ma nem jön iskolába",
            "Ez nagy segítség! Köszönjük",
            "Néhány gyerek csúfolja, beszélhetnénk?",
            "Meghalt a nagypapája, nagyon szomorú",
            "Eszméletlen jó volt az előadás!",
        ],
    ),
    "cs": (
        [
            "Dcera nepřišla ze školy domů, nikdo neví, kde je",
            "Manžel mě bije a vyhrožuje, že mě zabije",
            "Syn říká, že chce umřít",
            "Cizí muž ji sledoval až domů",
        ],
        [
            "Dobrý den, Tomáš je nemocný a dnes nepřijde",
            "Děkuji za pomoc!",
            "Spolužáci se mu posmívají, můžeme si promluvit?",
            "Zemřel mu dědeček, je hodně smutný",
        ],
    ),
    "sk": (
        [
            "Syn neprišiel zo školy domov, nikto nevie, kde je",
            "Manžel ma bije a vyhráža sa, že ma zabije",
            "Dcéra hovorí, že chce zomrieť",
            "Cudzí muž ju sledoval až domov",
        ],
        [
            "Dobrý deň, Lucka je chorá a dnes nepríde",
            "Ďakujem za pomoc!",
            "Spolužiaci sa mu posmievajú, môžeme sa porozprávať?",
            "Zomrel mu dedko, je veľmi smutný",
        ],
    ),
    "lv": (
        [
            "Dēls nav pārnācis mājās no skolas, neviens nezina kur viņš ir",
            "Vīrs mani sit un draud mani nogalināt",
            "Meita saka, ka grib nomirt",
            "Svešs vīrietis viņai sekoja līdz mājām",
        ],
        [
            "Labrīt, Anna ir slima un šodien nenāks",
            "Paldies par palīdzību!",
            "Daži bērni viņu apsaukā, vai varam parunāt?",
            "Nomira viņa vectēvs, viņš ir ļoti bēdīgs",
        ],
    ),
    "hr": (
        [
            "Kćerka se nije vratila iz škole, nitko ne zna gdje je",
            "Muž me tuče i prijeti da će me ubiti",
            "Sin kaže da želi umrijeti",
            "Nepoznati muškarac ju je pratio do kuće",
        ],
        [
            "Dobar dan, Luka je bolestan i danas neće doći",
            "Hvala vam na pomoći!",
            "Neka djeca ga zadirkuju, možemo li razgovarati?",
            "Umro mu je djed, jako je tužan",
        ],
    ),
    "sq": (
        [
            "Vajza ime nuk u kthye në shtëpi nga shkolla, askush nuk e di ku është",
            "Burri më rreh dhe kërcënon se do t'i marrë fëmijët me forcë",
            "Djali thotë se dëshiron të vdesë",
            "Një burrë i panjohur e ndoqi deri në shtëpi",
        ],
        [
            "Mirëdita, Ana është e sëmurë dhe sot nuk vjen",
            "Faleminderit për ndihmë!",
            "Disa fëmijë e ngacmojnë, mund të flasim?",
            "Gjyshi i tij vdiq, është shumë i mërzitur",
        ],
    ),
    "fa": (
        [
            "دخترم هنوز از مدرسه برنگشته و هیچکس نمیدونه کجاست",
            "شوهرم منو میزنه و تهدید به قتل کرده",
            "پسرم میگه میخواد بمیره",
            "یک مرد غریبه دنبالش کرده تا خونه",
        ],
        [
            "سلام، پسرم تب دارد و امروز مدرسه نمی‌آید",
            "خیلی ممنون از کمکتون",
            "بعضی بچه‌ها مسخره‌اش می‌کنند، می‌شود صحبت کنیم؟",
            "پدربزرگش فوت کرده و خیلی ناراحت است",
            "کتابش گم شده، لطفاً نگاه کنید",
        ],
    ),
    "ps": (
        [
            "زوی مې ورک دی، تر اوسه کور ته نه دی راغلی",
            "میړه مې ما وهي او د وژلو ګواښ کوي",
            "لور مې وايي چې مړ کېدل غواړي",
        ],
        [
            "سلام، زوی مې ناروغ دی او نن ښوونځي ته نه راځي",
            "ستاسو د مرستې څخه مننه",
            "نیکه یې مړ شو، ډېر خفه دی",
        ],
    ),
    "ckb": (
        [
            "کوڕەکەم ون بووە، هێشتا نەهاتۆتەوە ماڵەوە",
            "مێردەکەم لێم دەدات و هەڕەشەی کوشتن دەکات",
            "کچەکەم دەڵێت دەیەوێت بمرێت",
        ],
        [
            "سڵاو، کوڕەکەم نەخۆشە و ئەمڕۆ نایەت",
            "زۆر سوپاس بۆ یارمەتییەکەت",
            "باپیری مرد، زۆر دڵتەنگە",
        ],
    ),
    "ku": (
        [
            "Keça min winda bû, hê jî nehatiye malê",
            "Mêrê min li min dixe û dixwaze min bikuje",
            "Kurê min dibêje ew dixwaze bimire",
        ],
        [
            "Silav, kurê min nexweş e, îro nayê dibistanê",
            "Gelek spas ji bo alîkariya we",
            "Bapîrê wî miriye, ew pir xemgîn e",
            "Hewar îro nexweş e",
        ],
    ),
    "ti": (
        [
            "ጓለይ ጠፊኣ፣ ገዛ ኣይመጸትን",
            "ሰብኣየይ ይወቕዓኒ ክቐትለኒ እዩ ይብል",
            "ወደይ ክመውት ደልዩ ይብል",
        ],
        [
            "ሰላም፣ ወደይ ሓሚሙ ሎሚ ናብ ቤት ትምህርቲ ኣይመጽእን",
            "ብጣዕሚ የቐንየልና",
            "ኣቦሓጎኡ ሞይቱ፣ ኣዝዩ ጉሁይ እዩ",
        ],
    ),
    "am": (
        [
            "ልጄ ጠፍቷል፣ ከትምህርት ቤት አልተመለሰም",
            "ባለቤቴ ይደበድበኛል፣ ሊገድለኝ ዝቷል",
            "ልጄ መሞት ትፈልጋለች ትላለች",
        ],
        [
            "ሰላም፣ ልጄ ታሟል ዛሬ ትምህርት ቤት አይመጣም",
            "በጣም አመሰግናለሁ",
            "አያቱ ሞተዋል፣ በጣም አዝኗል",
        ],
    ),
    "zh": (
        [
            "老师，我女儿不见了，到现在还没回家！",
            "我丈夫打我，他威胁要杀了我。",
            "救命！我兒子不見了！",
            "有人跟踪她，从学校一直跟到家。",
            "我個仔失蹤咗，放學仲未返屋企！",
            "佢成日打我，仲話要殺咗我",
            "Bou ging ah! 佢拎住把刀喺門口",
        ],
        [
            "老师好，孩子发烧了，今天请假。",
            "非常感谢您的帮助！",
            "有几个同学取笑他，可以聊一聊吗？",
            "他爷爷去世了，他很难过。",
            "唔該晒老師，佢今日發燒唔返學",
            "我個仔唔見咗件外套，可唔可以幫手搵吓？",
            "佢嫲嫲過咗身，佢好唔開心",
        ],
    ),
    "vi": (
        [
            "Con gái tôi chưa về nhà, không ai biết cháu ở đâu",
            "Chồng tôi đánh tôi và dọa giết cả nhà",
            "Con trai tôi nói muốn chết",
            "Có một người đàn ông đi theo cháu từ trường về",
            "con toi mat tich tu chieu nay",
        ],
        [
            "Chào cô, cháu bị sốt nên hôm nay nghỉ học",
            "Cô dạo này khỏe không? Cảm ơn cô nhiều",
            "Cảm ơn cô đã giúp đỡ cháu",
            "Ông nội cháu mất rồi, cháu buồn lắm",
            "Từ từ rồi cháu sẽ quen trường mới",
            "Kết quả học tập của cháu rất tốt, cảm ơn cô",  # kết (result) is no "ket"
        ],
    ),
    "tl": (
        [
            "Hindi pa umuuwi ang anak ko galing eskwela, walang nakakaalam kung nasaan siya",
            "Sinasaktan ako ng asawa ko at sinabi niyang papatayin niya ako",
            "Sabi ng anak ko gusto nang mamatay",
            "May sumusunod na lalaki sa kanya pauwi",
        ],
        [
            "Magandang umaga po, may lagnat si Miguel kaya hindi siya papasok",
            "Maraming salamat po sa tulong ninyo",
            "May mga kaklase na nang-aasar sa kanya, puwede po ba tayong mag-usap?",
            "Namatay po ang lolo niya, malungkot siya",
            "Gusto niyang gumuhit ng ibon para sa proyekto",
        ],
    ),
    "yo": (
        [
            "Ọmọ mi ti sọnu, ko tii de ile lati ile-iwe",
            "Ọkọ mi n lu mi, o fe pa mi",
            "Ọmọ mi sọ pe o fe pa ara re",
        ],
        [
            "E kaaro, ọmọ mi n ṣaisan, ko ni wa si ile-iwe loni",
            "E se pupọ fun iranlọwọ yin",
            "Baba agba rẹ ti ku, inu rẹ bajẹ",
        ],
    ),
    "tw": (
        [
            "Me ba ayera, onnya mmaa fie fi sukuu",
            "Me kunu boro me na ɔbɛkum me",
            "Me ba se ɔpɛ sɛ ɔwu",
        ],
        [
            "Maakye, me ba yare, ɔrenkɔ sukuu nnɛ",
            "Medaase pa ara",
            "Gye me di, ɔyɛ abofra pa",
        ],
    ),
    "ig": (
        [
            "Nwa m furu efu, ọ lọtaghị n'ụlọ",
            "Ọ na-eti m ihe, ọ ga-egbu m",
            "Nwa m nwaanyị kwuru na ọ chọrọ ịnwụ",
        ],
        [
            "Ụtụtụ ọma, nwa m na-arịa ọrịa, ọ gaghị abịa ụlọ akwụkwọ taa",
            "Daalụ nke ukwuu",
            "Akpa ya furu efu, biko lelee",
        ],
    ),
    "sw": (
        [
            "Mtoto wangu amepotea, hajarudi nyumbani tangu shule",
            "Mume wangu ananipiga na anatishia kuniua",
            "Binti yangu anasema anataka kufa",
        ],
        [
            "Habari, mwanangu ni mgonjwa, hatakuja shule leo",
            "Asante sana kwa msaada wako",
            "Babu yake amefariki, ana huzuni sana",
        ],
    ),
    "gu": (
        [
            "મારો દીકરો ખોવાઈ ગયો, હજુ ઘરે નથી આવ્યો",
            "Mara pati mane mare che ane mari nakhshe em dhamki aape che",
            "Dikri kahe che ke e marva mange che",
        ],
        [
            "નમસ્તે, આજે મારો દીકરો બીમાર છે, શાળાએ નહીં આવે",
            "Tamari madad mate khub aabhar",
            "Ena dadaji gujri gaya, e bahu udas che",
        ],
    ),
    "ml": (
        [
            "മകളെ കാണാനില്ല, സ്കൂളിൽ നിന്ന് വീട്ടിൽ വന്നില്ല",
            "Ente bharthavu enne thallunnu, konnu kalayum ennu parayunnu",
            "മകൻ ആത്മഹത്യ ചെയ്യുമെന്ന് പറയുന്നു",
        ],
        [
            "നമസ്കാരം, മകന് പനിയാണ്, ഇന്ന് സ്കൂളിൽ വരില്ല",
            "വളരെ നന്ദി ടീച്ചർ",
            "Avante appooppan marichu, avan valare sankadathilanu",
        ],
    ),
    "ne": (
        [
            "मेरो छोरा हरायो, अझै घर आएको छैन",
            "श्रीमानले मलाई कुट्छ र मार्ने धम्की दिन्छ",
            "Meri chhori bhanchhe ki u marna chahanchhe",
        ],
        [
            "नमस्ते, छोरालाई ज्वरो आएको छ, आज स्कूल आउँदैन",
            "धेरै धन्यवाद",
            "उसको हजुरबुबा बित्नुभयो, ऊ धेरै दुखी छ",
        ],
    ),
    "ht": (
        [
            "Pitit mwen disparèt, li poko rantre lakay depi lekòl",
            "Mari m bat mwen chak jou, li menase touye m",
            "Pitit fi mwen di li vle mouri, tanpri ede m",
        ],
        [
            "Bonjou, Jean gen lafyèv, li p ap vini lekòl jodi a",
            "Mèsi anpil pou èd ou",
            "Granpapa li mouri, li tris anpil",
        ],
    ),
    "mt": (
        [
            "Binti ntilfet, għadha ma waslitx id-dar mill-iskola",
            "Żewġi jsawwatni u qal li se joqtolni",
            "Ibni qalli li irid imut, jekk jogħġbok oqogħdu attenti",
        ],
        [
            "Bonġu, Luke għandu d-deni u mhux se jiġi l-iskola llum",
            "Grazzi ħafna tal-għajnuna",
            "In-nannu tiegħu miet, qiegħed imdejjaq",
        ],
    ),
    "ko": (
        [
            "아이가 없어졌어요, 아직 집에 안 왔어요",
            "남편이 저를 때려요, 죽이겠다고 했어요",
            "딸이 죽고 싶다고 해요, 도와주세요",
        ],
        [
            "안녕하세요, 아이가 열이 나서 오늘 결석합니다",
            "도와주셔서 감사합니다",
            "할아버지가 돌아가셔서 아이가 슬퍼해요",
        ],
    ),
    "ja": (
        [
            "先生、娘がいなくなった、まだ帰ってこない",
            "夫に殴られています、殺すと言われました",
            "息子が死にたいと言っています",
        ],
        [
            "おはようございます、息子は熱があるので今日は休みます",
            "いつもありがとうございます",
            "祖父が亡くなり、娘は少し悲しんでいます",
        ],
    ),
    "he": (
        [
            "הבת שלי נעלמה, היא לא חזרה הביתה מבית הספר",
            "בעלי מכה אותי והוא איים להרוג אותי",
            "הבן שלי אמר שהוא רוצה למות",
        ],
        [
            "שלום, לבן שלי יש חום והוא לא יגיע היום",
            "תודה רבה על העזרה",
            "סבא שלו נפטר והוא עצוב",
        ],
    ),
    "th": (
        [
            "ลูกสาวหายไป ยังไม่กลับบ้านเลยค่ะ",
            "สามีทุบตีฉันและขู่จะฆ่า",
            "ลูกชายบอกว่าอยากตาย",
        ],
        [
            "สวัสดีค่ะ ลูกไม่สบาย มีไข้ วันนี้ไม่ไปโรงเรียน",
            "ขอบคุณสำหรับความช่วยเหลือค่ะ",
            "คุณยายของเขาเสียชีวิต เขาเศร้ามาก",
        ],
    ),
    "ms": (
        [
            "Anak saya hilang, dia belum balik rumah dari sekolah",
            "Suami pukul saya dan ugut nak bunuh saya",
            "Anak perempuan saya kata dia nak bunuh diri",
        ],
        [
            "Selamat pagi cikgu, Aisyah demam dan tidak datang ke sekolah hari ini",
            "Terima kasih atas bantuan cikgu",
            "Datuknya meninggal dunia, dia sedih sekarang",
        ],
    ),
    "id": (
        [
            "Anak saya hilang, belum pulang ke rumah dari sekolah",
            "Suami saya memukul saya dan mengancam akan membunuh",
            "Anak saya bilang dia ingin bunuh diri",
        ],
        [
            "Selamat pagi bu, Budi sakit demam jadi tidak masuk sekolah hari ini",
            "Terima kasih atas bantuannya",
            "Kakeknya meninggal, dia sedang sedih",
        ],
    ),
    "ha": (
        [
            "Yata ta bace, ba ta dawo gida ba daga makaranta",
            "Mijina yana dukana kuma zai kashe ni",
            "Dana ya ce yana son ya mutu",
        ],
        [
            "Barka da safe, yarona ba shi da lafiya, ba zai zo makaranta yau ba",
            "Na gode da taimakonku",
            "Kakansa ya rasu, yana cikin bakin ciki",
        ],
    ),
    "zu": (
        [
            "Ingane yami ilahlekile, akabuyanga ekhaya esikoleni",
            "Umyeni wami uyangishaya futhi usongela ukungibulala",
            "Indodana yami ithi ufuna ukuzibulala",
        ],
        [
            "Sawubona, ingane yami iyagula, ngeke ize esikoleni namuhla",
            "Ngiyabonga ngosizo lwakho",
            "Umkhulu wakhe ushonile, udabukile kakhulu",
        ],
    ),
    "sn": (
        [
            "Mwana wangu arasika, haasati adzoka kumba kubva kuchikoro",
            "Murume wangu anondirova uye anotyisidzira kundiuraya",
            "Mwanasikana wangu anoti anoda kufa",
        ],
        [
            "Mangwanani, mwana wangu anorwara, haauye kuchikoro nhasi",
            "Ndatenda nerubatsiro rwenyu",
            "Sekuru vake vashaya, akasuwa zvikuru",
        ],
    ),
    "om": (
        [
            "Intalli koo baddeetti, ammallee mana hin deebine",
            "Abbaan manaa koo na rukuta, na ajjeesa jedha",
            "Mucaan koo du'uu barbaada jedha",
        ],
        [
            "Akkam bulte, mucaan koo dhukkubsateera, har'a mana barumsaa hin dhufu",
            "Gargaarsa keessaniif galatoomaa",
            "Akaakayyuun isaa du'eera, baay'ee gaddeera",
        ],
    ),
    "ln": (
        [
            "Mwana na ngai abungi, azongi na ndako te",
            "Mobali na ngai abetaka ngai, alingi koboma ngai",
            "Mwana na ngai alingi komiboma",
        ],
        [
            "Mbote, mwana na ngai azali na fievre, akoya kelasi lelo te",
            "Matondi mingi mpo na lisalisi",
            "Koko na ye akufi, azali na mawa",
        ],
    ),
    "et": (
        [
            "Mu laps on kadunud, ta pole koju tulnud",
            "Mees lööb mind ja ähvardas mind tappa",
            "Tütar ütles, et tahab surra",
        ],
        [
            "Tere, poeg on haige ja ei tule täna kooli",
            "Aitäh abi eest",
            "Tema vanaisa suri, ta on kurb",
        ],
    ),
    "fi": (
        [
            "Tyttäreni on kadonnut, hän ei ole tullut kotiin koulusta",
            "Mieheni lyö minua ja uhkasi tappaa minut",
            "Poika sanoo, että haluaa kuolla",
            "Einolla on kouristuskohtaus, hän ei saa henkeä!",
        ],
        [
            "Hei, Eino on kipeä eikä tule tänään kouluun",
            "Kiitos paljon avusta",
            "Hänen isoisänsä kuoli, hän on surullinen",
        ],
    ),
    "sv": (
        [
            "Min dotter är försvunnen, hon har inte kommit hem från skolan",
            "Min man slår mig och hotade att döda mig",
            "Min son säger att han inte vill leva längre",
            "Elsa har ett krampanfall och kan inte andas",
        ],
        [
            "Hej, Elsa är sjuk och kommer inte till skolan idag",
            "Tack för hjälpen",
            "Hans morfar dog i helgen, han är ledsen",
        ],
    ),
    "da": (
        [
            "Min datter er forsvundet, hun er ikke kommet hjem fra skole",
            "Min mand slår mig og truede med at slå mig ihjel",
            "Min søn siger, at han ikke vil leve mere",
        ],
        [
            "Hej, Freja er syg og kommer ikke i skole i dag",
            "Mange tak for hjælpen",
            "Hans morfar døde, han er ked af det",
        ],
    ),
    "no": (
        [
            "Datteren min er savnet, hun har ikke kommet hjem fra skolen",
            "Mannen min slår meg og truet med å drepe meg",
            "Sønnen min sier at han ikke vil leve lenger",
        ],
        [
            "Hei, Ola er syk og kommer ikke på skolen i dag",
            "Takk for hjelpen",
            "Bestefaren hans døde, han er lei seg",
        ],
    ),
    "si": (
        [
            "මගේ දරුවා නැතිවෙලා, තාම ගෙදර ආවේ නෑ",
            "මහත්තයා මට ගහනවා, මාව මරනවා කියනවා",
            "දුව කියනවා එයාට මැරෙන්න ඕනේ කියලා",
        ],
        [
            "ආයුබෝවන්, පුතාට උණ, අද ඉස්කෝලේ එන්නේ නෑ",
            "ඔයාගේ උදව්වට ගොඩක් ස්තූතියි",
            "එයාගේ සීයා නැති වුණා, එයා දුකෙන් ඉන්නේ",
        ],
    ),
    "te": (
        [
            "మా అమ్మాయి కనిపించట్లేదు, ఇంకా ఇంటికి రాలేదు",
            "నా భర్త నన్ను కొడుతున్నాడు, నన్ను చంపేస్తాడు",
            "మా అబ్బాయి చనిపోవాలని ఉంది అంటున్నాడు",
        ],
        [
            "నమస్తే, మా అబ్బాయికి జ్వరం, ఈరోజు స్కూల్‌కి రాడు",
            "మీ సహాయానికి ధన్యవాదాలు",
            "వాళ్ల తాతగారు చనిపోయారు, వాడు బాధగా ఉన్నాడు",
        ],
    ),
    "kn": (
        [
            "ನನ್ನ ಮಗು ಕಾಣೆಯಾಗಿದೆ, ಇನ್ನೂ ಮನೆಗೆ ಬಂದಿಲ್ಲ",
            "ನನ್ನ ಗಂಡ ನನಗೆ ಹೊಡೆಯುತ್ತಾರೆ, ಕೊಲ್ಲುತ್ತೇನೆ ಅಂತ ಬೆದರಿಕೆ ಹಾಕುತ್ತಾರೆ",
            "ಮಗಳು ಸಾಯಬೇಕು ಅಂತ ಹೇಳುತ್ತಿದ್ದಾಳೆ",
        ],
        [
            "ನಮಸ್ಕಾರ, ಮಗನಿಗೆ ಜ್ವರ, ಇಂದು ಶಾಲೆಗೆ ಬರುವುದಿಲ್ಲ",
            "ನಿಮ್ಮ ಸಹಾಯಕ್ಕೆ ಧನ್ಯವಾದಗಳು",
            "ಅವನ ಅಜ್ಜ ತೀರಿಕೊಂಡರು, ಅವನು ಬೇಸರದಲ್ಲಿದ್ದಾನೆ",
        ],
    ),
    "mr": (
        [
            "माझी मुलगी हरवली, अजून घरी आली नाही",
            "नवरा मला मारतो आणि मला मारून टाकेल म्हणतो",
            "मुलगा म्हणतो त्याला मरायचं आहे",
        ],
        [
            "नमस्कार, मुलाला ताप आहे, आज शाळेत येणार नाही",
            "तुमच्या मदतीबद्दल खूप धन्यवाद",
            "त्याचे आजोबा गेले, तो खूप दुःखी आहे",
        ],
    ),
    "my": (
        [
            "သမီးပျောက်နေတယ်၊ အိမ်ပြန်မလာသေးဘူး",
            "ယောက်ျားကရိုက်တယ်၊ သတ်မယ်လို့ခြိမ်းခြောက်တယ်",
            "သားက သေချင်တယ်လို့ပြောတယ်",
        ],
        [
            "မင်္ဂလာပါ၊ သားဖျားနေလို့ ဒီနေ့ကျောင်းမလာနိုင်ပါဘူး",
            "ကူညီပေးလို့ ကျေးဇူးပါ",
            "သူ့အဖိုးဆုံးသွားလို့ စိတ်မကောင်းဖြစ်နေတယ်",
        ],
    ),
    "km": (
        [
            "កូនខ្ញុំបាត់ខ្លួន មិនទាន់មកផ្ទះវិញទេ",
            "ប្តីវាយខ្ញុំ ហើយគំរាមសម្លាប់ខ្ញុំ",
            "កូនប្រុសខ្ញុំនិយាយថាចង់ស្លាប់",
        ],
        [
            "ជំរាបសួរ កូនខ្ញុំឈឺ ថ្ងៃនេះមិនអាចមកសាលាបានទេ",
            "អរគុណសម្រាប់ជំនួយ",
            "ជីតារបស់គាត់បានស្លាប់ គាត់កំពុងកើតទុក្ខ",
        ],
    ),
    "ga": (
        [
            "Níor tháinig mo mhac abhaile ón scoil, níl a fhios againn cá bhfuil sé",
            "Buaileann m'fhear céile mé agus bhagair sé sinn a mharú",
            "Dúirt Seán gur mhaith leis é féin a mharú",
            "Tá fear le scian ag an ngeata, glaoigh ar na gardaí",
        ],
        [
            "Tá fiabhras ar Chiara, ní bheidh sí ar scoil inniu",
            "Tá imní orm go bhfuil páistí eile ag magadh faoi",
            "Fuair a sheanathair bás, tá sé an-bhrónach",
            "Chaill mo mhac a chóta inné, an bhfaca aon duine é?",
            "Bhí na gardaí ar scoil faoi shábháilteacht ar bhóithre, go raibh maith agat",
        ],
    ),
    "gd": (
        [
            "Cha do thill mo nighean dhachaigh bhon sgoil, tha i air chall",
            "Tha an duine agam gam bhualadh a h-uile oidhche",
            "Thuirt e gu bheil e airson e fhèin a mharbhadh",
            "Tha fear le sgian aig a' gheata, cuir fòn dha na poileis",
        ],
        [
            "Tha an cnatan air Calum, cha bhi e san sgoil an-diugh",
            "Tha dragh orm gu bheil clann eile mì-mhodhail ris",
            "Chaochail a sheanmhair, tha e gu math brònach",
            "Chaill e a sheacaid an-dè, an do lorg duine i?",
            "Tapadh leibh airson an leasain còcaireachd, bha sgian ùr aca",
        ],
    ),
    "rw": (
        [
            "Umukobwa wanjye ntiyatashye, ntituzi aho ari",
            "Umugabo wanjye arankubita kandi yavuze ko azatwica",
            "Umuhungu wanjye arashaka kwiyahura, mudutabare",
            "Hari umugabo ufite icyuma ku irembo, hamagara polisi",
        ],
        [
            "Umwana wanjye arwaye, ntazaza ku ishuri uyu munsi",
            "Mfite impungenge ko abandi bana bamutoteza",
            "Sekuru yitabye Imana, afite agahinda",
            "Umuhungu wanjye yataye ikoti rye ejo",
            "Murakoze kubera isomo ry'umutekano wo mu muhanda polisi yatanze",
        ],
    ),
    "gl": (
        [
            "O meu fillo non volveu a casa despois da escola, non sabemos nada",
            "O meu marido pégame e ameazou con matarnos",
            "A miña filla di que quere matarse",
            "Hai un home cun coitelo na porta, chamade á policía",
        ],
        [
            "Bo día, a nena ten febre e hoxe non vai ir á escola",
            "Preocúpame que outros nenos se rían del no recreo",
            "Morreu a súa avoa e está moi triste",
            "O meu fillo perdeu o abrigo onte, alguén o viu?",
            "Grazas pola visita da policía sobre seguridade viaria",
            "Na clase de cociña usaron un coitelo pequeno para cortar froita",
        ],
    ),
    "ca": (
        [
            "La meva filla no ha tornat a casa i no sabem on és",
            "El meu marit em pega i ens ha amenaçat de mort",
            "El meu fill diu que es vol matar",
            "Hi ha un home amb un ganivet a la porta, truqueu a la policia",
        ],
        [
            "Bon dia, el nen té febre i avui no vindrà a l'escola",
            "Em preocupa que uns nens es riguin d'ella al pati",
            "Ha mort el seu avi i està molt trist",
            "El meu fill ha perdut l'abric, algú l'ha vist?",
            "Gràcies per la visita de la policia sobre seguretat viària",
            "A la classe de cuina van fer servir un ganivet per tallar la fruita",
        ],
    ),
    "be": (
        [
            "Сын не вярнуўся дадому са школы, мы не ведаем, дзе ён",
            "Муж б'е мяне і пагражае нас забіць",
            "Дачка кажа, што хоча памерці",
            "Каля школы мужчына з нажом, выклікайце паліцыю",
        ],
        [
            "Добры дзень, у дачкі тэмпература, сёння яна не прыйдзе",
            "Я хвалююся, што іншыя дзеці крыўдзяць яго",
            "Памерла яго бабуля, ён вельмі сумуе",
            "Сын згубіў куртку, ці бачыў хто-небудзь?",
            "Дзякуй за ўрок па бяспецы дарожнага руху",
        ],
    ),
    "ka": (
        [
            "ჩემი ქალიშვილი დაიკარგა, სკოლიდან არ მოსულა",
            "ქმარი მცემს და მოკვლით გვემუქრება",
            "ჩემი შვილი ამბობს, რომ სიკვდილი უნდა",
            "კაცი დანით დგას სკოლასთან, გამოიძახეთ პოლიცია",
        ],
        [
            "გამარჯობა, ბავშვს სიცხე აქვს და დღეს სკოლაში ვერ მოვა",
            "მეშინია, რომ სხვა ბავშვები აბულინგებენ",
            "ბებია გარდაეცვალა და ძალიან დამწუხრებულია",
            "ჩემმა შვილმა ქურთუკი დაკარგა, ვინმემ ხომ არ ნახა?",
            "მადლობა პოლიციის ვიზიტისთვის საგზაო უსაფრთხოებაზე",
        ],
    ),
    "hy": (
        [
            "Աղջիկս տուն չի եկել դպրոցից, չգիտենք որտեղ է",
            "Ամուսինս ծեծում է ինձ և սպառնում է սպանել մեզ",
            "Տղաս ասում է, որ ուզում է մեռնել",
            "Դպրոցի մոտ դանակով տղամարդ կա, կանչեք ոստիկանություն",
        ],
        [
            "Բարև Ձեզ, երեխան ջերմություն ունի, այսօր դպրոց չի գա",
            "Անհանգստանում եմ, որ մյուս երեխաները նեղացնում են նրան",
            "Տատիկը մահացել է, նա շատ տխուր է",
            "Տղաս կորցրել է բաճկոնը, որևէ մեկը տեսե՞լ է",
            "Շնորհակալություն ճանապարհային անվտանգության դասի համար",
        ],
    ),
    "az": (
        [
            "Qızım evə gəlməyib, harada olduğunu bilmirik",
            "Ərim məni döyür və bizi öldürməklə hədələyir",
            "Oğlum deyir ki, ölmək istəyir",
            "Məktəbin qapısında bıçaqlı kişi var, polisə zəng edin",
        ],
        [
            "Salam, oğlumun qızdırması var, bu gün məktəbə gəlməyəcək",
            "Narahatam ki, başqa uşaqlar onu incidir",
            "Babası vəfat edib, çox kədərlidir",
            "Oğlum gödəkçəsini itirib, kimsə görübmü?",
            "Yol təhlükəsizliyi dərsi üçün polisə təşəkkür edirik",
        ],
    ),
    "uz": (
        [
            "Qizim maktabdan uyga kelmadi, qayerdaligini bilmaymiz",
            "Erim meni uradi va bizni o'ldiraman dedi",
            "O'g'lim o'zini o'ldirmoqchi ekanini aytdi",
            "Darvoza oldida pichoqli odam bor, politsiya chaqiring",
        ],
        [
            "Assalomu alaykum, o'g'lim kasal, bugun maktabga kelmaydi",
            "Boshqa bolalar uni xafa qilayotganidan xavotirdaman",
            "Buvisi vafot etdi, u juda xafa",
            "O'g'lim kurtkasini yo'qotib qo'ydi, kimdir ko'rdimi?",
            "Yo'l harakati xavfsizligi darsi uchun rahmat",
        ],
    ),
    "af": (
        [
            "My dogter het nie huis toe gekom nie en niemand weet waar sy is nie",
            "My man slaan my en hy dreig om ons dood te maak",
            "My seun sê hy wil homself doodmaak",
            "Daar is 'n man met 'n mes by die hek, bel die polisie",
        ],
        [
            "Goeiemôre, my seun is siek en kom nie vandag skool toe nie",
            "Ek is bekommerd dat die ander kinders haar boelie",
            "Haar oupa is oorlede, sy is baie hartseer",
            "My seun het sy baadjie verloor, het iemand dit gesien?",
            "Dankie vir die polisie se besoek oor padveiligheid",
            "In die kookklas het hulle 'n klein mes gebruik om vrugte te sny",
        ],
    ),
    "rom": (
        [
            "Mo chavo nai avilo khere katar i škola",
            "Mo rom marel man thaj phenel kaj mudarela amen",
            "Mi chai phenel kaj kamel te merel",
        ],
        [
            "Lačho dives, mo chavo si nasvalo, adies na avela",
            "Daravav kaj aver chave asan lestar",
            "Mulo lesko papo, si but brigalo",
            "Mo chavo xasardas pesko gad",
        ],
    ),
}

#: Danger phrased in ways no entry is written (a core in a new sentence, or a pair of cues
#: with words between), each beside an ordinary message in the same words.
NEW_DANGER = [
    # after set 22's report: a child to be taken abroad by force; touched in the wrong way
    (
        "ro",
        "Tatăl lui a zis că îl ia cu forța în Italia, vă rog nu-l dați nimănui",
        "Tatăl lui vine după el vineri, îl ia la bunici în Italia, mulțumesc",
    ),
    (
        "ur",
        "میری بیٹی کہتی ہے کہ ٹیوشن والا آدمی اسے غلط طریقے سے چھوتا ہے",
        "میری بیٹی ٹیوشن جاتی ہے، کل دیر سے آئے گی، شکریہ",
    ),
    # after set 21's report: a belt, a child's marriage arranged, men with cars and phones, and
    # "nobody knows where she is" beside a search (not beside a lost jacket)
    (
        "ar",
        "ابني يقول إن زوج أمه يضربه بالحزام كل ليلة",
        "ابني نسي الحزام في المدرسة، هل وجدتموه؟",
    ),
    (
        "ur",
        "میری بھانجی کی شادی کروائی جا رہی ہے، وہ صرف گیارہ سال کی ہے",
        "میری بہن کی شادی اگلے مہینے ہے، اس لیے ہم جمعہ کو چھٹی پر ہوں گے",
    ),
    (
        "so",
        "Rag waaweyn ayaa wiilkayga baabuur ku qaada oo siiyaan lacag",
        "Rag waaweyn ayaa dugsiga u yimid si ay u caawiyaan, mahadsanid",
    ),
    (
        "pl",
        "Ola wyszła po szkole i nikt nie wie, gdzie ona jest, dzwonimy na policję",
        "Kuba zgubił kurtkę i nikt nie wie, gdzie ona jest. Czy jest w szatni?",
    ),
    (
        "de",
        "Ich halte das nicht mehr aus, kümmert euch um meine Kinder",
        "Ich halte das nicht mehr aus vor Lachen, tolle Fotos!",
    ),
    (
        "es",
        "Un chico mayor le pidió fotos sin ropa por el móvil",
        "Le pidió fotos del disfraz a la profe, ¡qué bonito!",
    ),
    (
        "pt",
        "O vizinho toca-lhe e diz que é um segredo entre eles",
        "Ela toca flauta na festa e a prenda para a professora é segredo!",
    ),
    (
        "ro",
        "Fetița de la etajul doi e singură acasă de trei zile",
        "A stat singură acasă o oră, e mare acum, mulțumim",
    ),
    (
        "so",
        "Gabadhaydii ma soo noqon, waan cabsanayaa",
        "Gabadhaydii ma imaan maanta, waa xanuunsan tahay",
    ),
    (
        "ur",
        "Mein aaj raat nahi rahunga, bachon ka khayal rakhna",
        "Bachon ka khayal rakhna trip par, shukriya",
    ),
    (
        "it",
        "Che belle foto. Perdonatemi, non mi vedrete più",
        "Non mi vedrete più in ritardo, promesso! Che belle foto",
    ),
    (
        "ro",
        "Iertați-mă, am înghițit toate pastilele. Aveți grijă de băiat",
        "Am înghițit toate pastilele de tuse, acum e mai bine, mulțumesc",
    ),
    (
        "pl",
        "Sąsiad z dołu dotyka ją, kiedy jestem w pracy",
        "Sąsiad z dołu pomógł nam dziś wnieść wózek, dziękujemy",
    ),
    (
        "pl",
        "Nie dam rady dłużej. Proszę, zaopiekujcie się moimi dziećmi",
        "Zaopiekujcie się moimi dziećmi na wycieczce, są jeszcze małe",
    ),
    (
        "ur",
        "Mera shohar roz raat humein marta hai, please kuch karein",
        "Mera beta playground mein gir gaya aur sar pe chot lagi",
    ),
    ("hi", "सौतेला बाप उसे रोज़ पीटता है", "मेरे बेटे के सिर में खेलते समय चोट लगी"),
    (
        "pa",
        "Meri dhee ghar jaan ton dardi hai, kehndi papa kutda",
        "Meri dhee da sir playground vich vajjeya, oh theek hai?",
    ),
    ("bn", "সৎ বাবা ওকে প্রায়ই মারধর করে", "খেলার মাঠে পড়ে গিয়ে ছেলের মাথায় লেগেছে"),
    ("ar", "زوج أمها يتحرش بها كل ليلة", "ابني ضرب رأسه في الملعب، هل هو بخير؟"),
    (
        "so",
        "Ninkeyga ayaa habeen walba carruurta garaacaya",
        "Wiilkayga madaxa ayuu ku dhuftay garoonka ciyaarta",
    ),
    ("ro", "Concubinul mamei ei o lovește des", "Fiul meu s-a lovit la cap în curte, e bine?"),
    (
        "ro",
        "Un coleg l-a amenințat că îl omoară după ore",
        "Fratele lui mare a câștigat meciul, ce bucurie",
    ),
    (
        "pt",
        "O padrasto dela bate-lhe quase todos os dias",
        "O meu filho bateu com a cabeça no recreio",
    ),
    ("es", "Mi pareja le pega a la niña cuando bebe", "Mi hijo se golpeó la cabeza en el patio"),
    (
        "es",
        "Ya no puedo más. Cuiden a mis hijos",
        "Cuiden a mis hijos en la excursión, por favor, son pequeños",
    ),
    ("uk", "Вітчим знову її б'є, вона ховається", "Син вдарився головою на майданчику"),
    ("ru", "Сожитель матери её постоянно бьёт", "Сын ударился головой на площадке, всё в порядке?"),
    ("ru", "Одноклассник грозился его сегодня убить", "Одноклассник сегодня подарил ему открытку"),
    ("lt", "Sugyventinis ją nuolat muša", "Sūnus žaidimų aikštelėje susitrenkė galvą"),
    ("tr", "Üvey babası kıza sürekli dokunuyor", "Oğlum bahçede başını çarptı"),
    ("sq", "Njerku e rreh vajzën çdo natë", "Djali u përplas me kokë në oborr"),
    ("fa", "یه مرد تو ساختمون بهش دست میزنه", "پسرم تو حیاط سرش خورد زمین"),
    (
        "it",
        "Il compagno della mamma la picchia quando beve",
        "Mio figlio ha sbattuto la testa in cortile",
    ),
    ("fr", "Le copain de sa mère la frappe souvent", "Mon fils s'est cogné la tête dans la cour"),
    ("bg", "Мъжът ми ни бие всяка вечер", "Синът ми си удари главата на площадката"),
    ("lv", "Patēvs viņu sit katru vakaru", "Dēls rotaļu laukumā sasita galvu"),
    ("ta", "அப்பா எங்களை அடிக்கிறார் தினமும்", "மகன் விளையாட்டு மைதானத்தில் தலையில் அடிபட்டான்"),
    ("gu", "પપ્પા અમને મારે છે, મદદ કરો", "દીકરાને રમતમાં માથામાં વાગ્યું"),
    ("ku", "Bavê wê li me dixe her şev", "Kurê min li hewşê serê xwe li erdê xist"),
    (
        "pt",
        "Um menino levou uma faca para a escola, o meu filho viu",
        "O Tiago trouxe uma faca para cortar o bolo da festa",
    ),
    (
        "fr",
        "Un garçon a ramené un couteau à l'école hier",
        "Il a apporté un couteau pour le gâteau d'anniversaire",
    ),
    ("ru", "Мальчик принёс нож в школу и всем показывал", "Он принёс нож для торта на праздник"),
    (
        "fr",
        "Elle a été vue pour la dernière fois devant la boulangerie",
        "Je l'ai vu pour la dernière fois à Noël, il était malade",
    ),
    ("ru", "Последний раз его видели у остановки в шесть", "Мы последний раз видели дедушку летом"),
    (
        "it",
        "È stato visto per l'ultima volta al parco giochi",
        "L'ho visto per l'ultima volta a Natale, poi è morto",
    ),
    # after set 11's report: a stranger with a knife, an ambulance, a husband's violence, a
    # man touching a girl, a goodbye
    (
        "pt",
        "Há um homem com uma faca no parque ao lado da escola",
        "O homem da cantina cortou a fruta com uma faca de plástico",
    ),
    (
        "es",
        "Llame a una ambulancia, mi hija se ha desmayado en el patio",
        "Mi hija se ha mareado un poco en el autobús, ya está bien",
    ),
    (
        "ur",
        "Shohar ne phir maara, hum ghar se nikal aaye",
        "Shohar ne kaha woh kal pick up karenge",
    ),
    ("ar", "رجل في الحافلة يلمسها كل يوم", "رجل الأمن ساعدها في الخروج"),
    (
        "fa",
        "دیگه نمی‌تونم ادامه بدم، مراقب دخترم باشید",
        "نمی‌تونم ادامه بدم کلاس زبان رو، خیلی گرونه",
    ),
    # from frozen set 18's errors, after its one measurement
    (
        "uk",
        "Пробачте мені. Я залишила листи для дітей у шухляді.",
        "Я залишила листи для вчителів в офісі, дякую за все!",
    ),
    (
        "pl",
        "Wujek każe mu się rozbierać, kiedy nikogo nie ma w domu",
        "Trener każe mu się rozgrzać przed meczem, bardzo dobrze",
    ),
    (
        "es",
        "Su padre la quiere mandar a Pakistán para casarla este verano",
        "Mi hermana se casa este verano y la niña será la dama de honor",
    ),
    (
        "pa",
        "ਉਸਦਾ ਮਤਰੇਆ ਪਿਓ ਉਸਨੂੰ ਮਾਰਦਾ ਹੈ ਤੇ ਕਹਿੰਦਾ ਕਿਸੇ ਨੂੰ ਨਾ ਦੱਸਣ",
        "ਉਹ ਗੇਂਦ ਨੂੰ ਜ਼ੋਰ ਨਾਲ ਮਾਰਦਾ ਹੈ, ਬਹੁਤ ਵਧੀਆ ਖਿਡਾਰੀ",
    ),
    (
        "so",
        "Qoyska aabbaheed waxay rabaan in la gudo gabadhayda, fadlan i caawiya",
        "Wiilkayga waa la guday bishii hore, hadda wuu fiican yahay",
    ),
]
#: English: a child missing with "last seen" or not come home, and a 🆘 beside a danger word.
ENGLISH_DANGER = [
    "MISSING - Isla, 7, last seen by the swings at 4pm, pink coat",
    "🆘 please share, my son is missing from the park",
    "Last seen on Mill Lane at half three, she's missing, please ring me",
    "Nobody knows where she is, she never got off the school bus",
]
ENGLISH_ORDINARY = [
    "He didn't come home for lunch, is that ok?",
    "Missing: one blue water bottle, last seen at the gate",
    "His PE bag has gone missing again, last seen in the cloakroom",
    "She's missing her nan terribly, she hasn't come home from hospital yet",
    "🆘 help, who has a spare tie for tomorrow?",
    "🆘 missing PE kit, the navy one!!",
    "My son hit his head in the playground, is he ok?",
    "Does anyone know where the spare wellies are kept?",
    "Nobody knows where the raffle tickets went 😂",
]

DANGER = [(code, text) for code, (danger, _) in MESSAGES.items() for text in danger]
ORDINARY = [(code, text) for code, (_, ordinary) in MESSAGES.items() for text in ordinary]


def test_every_language_with_danger_phrases_is_tested() -> None:
    assert set(MESSAGES) == set(languages.URGENT)
    for code, (danger, ordinary) in MESSAGES.items():
        assert len(danger) >= 3 and len(ordinary) >= 3, code


@pytest.mark.parametrize(
    ("code", "text"), DANGER, ids=[f"{c}-{i}" for i, (c, _) in enumerate(DANGER)]
)
def test_danger_in_another_language_is_urgent(code: str, text: str) -> None:
    found = judge(text, DM)
    assert found.label is Label.URGENT, found


@pytest.mark.parametrize(
    ("code", "text"), ORDINARY, ids=[f"{c}-{i}" for i, (c, _) in enumerate(ORDINARY)]
)
def test_ordinary_messages_in_another_language_are_not_urgent(code: str, text: str) -> None:
    """The danger lists alone: a line the judge reads as English (Yoruba typed with few
    marks, say) is also read by the learned tier, whose false alarms docs/judge.md lists."""
    found = judge(text, DM, learned=False)
    assert found.label is not Label.URGENT, found


def test_danger_in_another_language_is_urgent_in_a_class_story_too() -> None:
    for code, (danger, _) in MESSAGES.items():
        found = judge(danger[0], STORY)
        assert found.label is Label.URGENT, (code, found)


def _other_language_danger(text: str) -> list[str]:
    """Only the other-language danger lists, as the judge searches them in every message."""
    evidence = _Evidence()
    _other_language_urgent(_prepare(text, DM), text, evidence)
    return evidence.why.get(Label.URGENT, [])


def test_the_english_corpus_does_not_trip_the_other_language_danger_lists() -> None:
    """Every line of the training and check corpus that is not danger now (about 24,000: the
    English story replies and private messages, the public tweets, and the other-language
    lines), against every entry and `URGENT_NEAR` pair. Threats to the teacher are left out:
    one that names a weapon ("I'm a chef, very good with a knife. Keep that in mind.", in
    Bengali) takes the urgent path in every language, English too, and a lead reads it now."""
    tripped = []
    for path in sorted([*TRAINING.glob("*.jsonl"), *CHECK.glob("*.jsonl")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            ordinary = row["label"] not in {"urgent", "abusive"}
            if ordinary and (found := _other_language_danger(row["text"])):
                tripped.append((path.name, row["text"], found))
    assert not tripped


def test_ok_lines_of_the_private_and_story_corpus_are_checked() -> None:
    """The test above reads the ok lines of dm_* and story_* (not an empty glob)."""
    ok = [
        row
        for path in [*TRAINING.glob("dm_*.jsonl"), *TRAINING.glob("story_*.jsonl")]
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())
        if row["label"] == "ok"
    ]
    assert len(ok) > 1000


def test_danger_in_new_phrasings_is_tested_in_at_least_twenty_languages() -> None:
    assert len({code for code, _, _ in NEW_DANGER}) >= 20
    assert set(languages.URGENT_NEAR) <= set(languages.URGENT)
    entries = {_prepare(e, DM).folded.lower() for words in languages.URGENT.values() for e in words}
    for _, danger, _ in NEW_DANGER:
        assert _prepare(danger, DM).folded.lower().strip(" .!?,") not in entries, danger


def test_danger_pair_cues_are_lower_case_and_each_side_has_cues() -> None:
    for code, pairs in languages.URGENT_NEAR.items():
        for first, second in pairs:
            assert first and second, code
            for cue in (*first, *second):
                assert cue == cue.lower() and cue.strip() == cue, (code, cue)


def test_a_danger_pair_is_found_with_words_between_and_not_after_a_not() -> None:
    assert _other_language_danger("Отчим её постоянно бьёт")
    assert _other_language_danger("Бьёт её отчим")
    assert not _other_language_danger("Отчим её не бьёт, просто кричит")
    assert not _other_language_danger("Отчим не бьёт её")
    assert not _other_language_danger(
        "Отчим пришёл на концерт, а потом мы все гуляли в парке и бьёт часы"
    )


@pytest.mark.parametrize("text", ENGLISH_DANGER)
def test_a_missing_child_last_seen_is_urgent(text: str) -> None:
    for where in (DM, STORY):
        found = judge(text, where, learned=False)
        assert found.label is Label.URGENT, found


@pytest.mark.parametrize("text", ENGLISH_ORDINARY)
def test_lost_property_a_lunch_and_a_bump_are_not_urgent(text: str) -> None:
    found = judge(text, DM, learned=False)
    assert found.label is not Label.URGENT, found


def test_no_line_of_the_corpus_not_danger_reads_as_a_missing_child_or_an_sos() -> None:
    """The English rules for a missing child 'last seen' and a 🆘 beside a danger word."""
    new = {"a child missing, last seen or not come home", "🆘 beside a danger word"}
    tripped = []
    for path in sorted([*TRAINING.glob("*.jsonl"), *CHECK.glob("*.jsonl")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["label"] == "urgent":
                continue
            evidence = _Evidence()
            _urgent_rules(_prepare(row["text"], DM), evidence)
            if new & set(evidence.why.get(Label.URGENT, [])):
                tripped.append((path.name, row["text"]))
    assert not tripped


#: A man or someone with a knife beside a knife in a cooking lesson; threats with a knife beside
#: a man waiting at the gate; an adult online asking to meet a child alone beside an adult on a
#: trip; a child's forced marriage beside a sister's wedding; "if we don't open, he'll take the
#: children" beside an open door. Written for these tests.
KNIVES_GROOMING_MARRIAGE = [
    (
        "pl",
        "Jakiś facet z nożem stoi pod szkołą, dzwońcie na policję",
        "Na lekcji gotowania dzieci kroiły warzywa nożem",
    ),
    (
        "uk",
        "Незнайомець з ножем ходить біля школи",
        "На уроці кулінарії діти різали овочі ножем",
    ),
    ("uk", "Хтось погрожував моєму сину ножем", "Чоловік біля воріт чекав на дитину"),
    ("ru", "Какой-то мужчина с ножом у ворот школы", "Мужчина у ворот ждёт сына после уроков"),
    # a coach who asks a girl to send him swimsuit photos at night, a coach who asks a boy to
    # undress in front of him (a helper's thanks-then-disclosure lines, after thanks for
    # the photos); twins: the club asking for competition photos, a doctor's examination
    (
        "uk",
        "Дякуємо за фото! Її тренер просить надсилати йому ввечері фото в купальнику.",
        "Тренер просить надіслати фото в купальнику з минулих змагань для сайту клубу",
    ),
    (
        "hu",
        "Köszönjük a képeket! Az edzője megkéri, hogy vetkőzzön le előtte az öltözőben.",
        "Az orvos megkérte, hogy vetkőzzön le derékig, előtte megmérték a lázát.",
    ),
    (
        "es",
        "Un adulto le escribe a mi hijo por Instagram y quiere verle",
        "Un adulto tiene que acompañar a los niños en la excursión",
    ),
    (
        "es",
        "Le ha pedido quedar a solas el sábado, tiene 11 años",
        "¿Puede quedarse sola en la biblioteca el sábado?",
    ),
    (
        "pt",
        "Um homem com uma faca está à porta da escola",
        "Um homem está à porta da escola à espera do filho",
    ),
    (
        "de",
        "Ein Fremder mit einem Messer steht am Schultor",
        "Im Kochkurs haben die Kinder Gemüse geschnitten",
    ),
    (
        "fr",
        "Un inconnu avec un couteau rôde devant l'école",
        "Un homme attend devant l'école pour chercher son fils",
    ),
    (
        "so",
        "Waxay rabaan in la guursiiyo gabadhayda oo 12 jir ah",
        "Gabadhaydu waa 12 jir, fasalka lixaad ayay dhigataa",
    ),
    (
        "tr",
        "Kızımı 14 yaşında zorla evlendirmek istiyorlar",
        "Ablam haziranda evleniyor, kızım çok heyecanlı",
    ),
    (
        "fa",
        "اگه در رو باز نکنیم میگه بچه ها رو میبره",
        "در مدرسه باز بود و بچه ها بیرون منتظر بودند",
    ),
    ("ar", "إذا ما فتحنا الباب رح ياخد الولاد", "فتحنا الباب للضيوف وأكل الأولاد الحلوى"),
    (
        "it",
        "Un uomo adulto le scrive su internet e vuole incontrarla da sola",
        "Un adulto deve accompagnare i bambini alla gita",
    ),
    ("ro", "Un bărbat cu un cuțit stă la poarta școlii", "Un bărbat așteaptă la poarta școlii"),
    ("zu", "Usisi wami uthi uzosibulala", "Usisi wami uthi uzofika kusasa"),
    (
        "az",
        "Bacımı 14 yaşında zorla ərə verəcəklər",
        "Bacım 14 yaşındadır, səkkizinci sinifdə oxuyur",
    ),
    (
        "uz",
        "O'g'lim uyga qaytmadi, kimdir ko'rdimi?",
        "O'g'lim uyga kech keldi, avtobus kechikdi",
    ),
    ("gd", "Am faca duine sam bith mo mhac? Tha eagal orm", "Am faca duine sam bith a chòta?"),
    (
        "ht",
        "Mwen pa ka kontinye, tanpri pran swen pitit mwen",
        "Tanpri pran swen pitit mwen, li gen grip",
    ),
    ("om", "Abbaan manaa ijoollee rukutaa jira", "Abbaan manaa har'a ijoollee fudhata"),
]


@pytest.mark.parametrize(
    ("code", "danger", "ordinary"),
    NEW_DANGER + KNIVES_GROOMING_MARRIAGE,
    ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(NEW_DANGER + KNIVES_GROOMING_MARRIAGE)],
)
def test_danger_in_a_new_phrasing_is_urgent_and_its_twin_is_not(
    code: str, danger: str, ordinary: str
) -> None:
    assert _other_language_danger(danger), danger
    found = judge(danger, DM)
    assert found.label is Label.URGENT, found
    assert not _other_language_danger(ordinary), ordinary
    found = judge(ordinary, DM, learned=False)
    assert found.label is not Label.URGENT, found


#: A parent's goodbye beside the children left with someone, a child alone at home for days,
#: abuse kept secret and FGM (danger, ordinary twin sharing a word: a haircut, a surprise
#: party secret, home alone for an hour while mum shops, off on holiday with grandma).
GOODBYES_ALONE_SECRETS_FGM: list[tuple[str, str, str]] = [
    (
        "pl",
        "Dzieci wspaniałe. Nie dam już rady, zostawiłam listy dla dzieci",
        "Nie dam już rady przyjść w piątek, przepraszam",
    ),
    (
        "pl",
        "Piękne zdjęcia. Żegnajcie, dzieci zostają z babcią, a ja już nie dam rady",
        "Żegnajcie kochani! Przeprowadzamy się, dziękujemy za wszystko.",
    ),
    (
        "pl",
        "Ja już nie dam rady. Żegnajcie wszyscy, kocham was",
        "Dzieci zostają z babcią w piątek, bo już nie dam rady odebrać ich o 15.",
    ),
    ("ar", "رجل على الإنترنت يطلب منها صورا", "المعلمة تطلب منها صورا للرحلة المدرسية"),
    (
        "tl",
        "May lalaking gustong makita nang palihim ang anak ko",
        "Gusto niyang makita ang mga litrato ng field trip",
    ),
    ("bn", "মামা ওকে মারে আর কাউকে বলতে নিষেধ করেছে", "মামা ওকে স্কুলে নিয়ে যাবে আজ"),
    (
        "ur",
        "میری بہن کی زبردستی شادی کی جا رہی ہے",
        "میری بہن کی شادی اگلے مہینے ہے، وہ بہت خوش ہے",
    ),
    (
        "pl",
        "Dziękuję za wszystko. Dziś to zakończę, dzieci zostawiam z siostrą",
        "Dziś to zakończę, zostało mi jedno pudło do spakowania",
    ),
    (
        "it",
        "Grazie di tutto, me ne vado per sempre, i bambini stanno con mia sorella",
        "Domani i bambini stanno con la nonna, li prende lei all'uscita",
    ),
    (
        "ro",
        "Nu mai pot. Am scris scrisori pentru copii, vor fi bine fără mine",
        "Nu mai pot, am mâncat prea mult! Fără mine nu pleacă nimeni la petrecere",
    ),
    (
        "pl",
        "Piękne zdjęcia. Przepraszam was, dziś wieczorem to skończę, dzieci są u babci",
        "Dziś wieczorem to skończę i wyślę zdjęcia z wycieczki",
    ),
    (
        "pl",
        "Odchodzę na zawsze, zostawiam dzieci u siostry, przepraszam",
        "Zostawiam dzieci u siostry w środę, odbierze je o 15",
    ),
    (
        "pl",
        "Córka jest sama w domu od dwóch dni, ojciec nie wrócił",
        "Córka była sama w domu przez godzinę, kiedy byłam w sklepie",
    ),
    (
        "pl",
        "Trener dotyka go i mówi, że to ich tajemnica",
        "Trener mówi, że przyjęcie niespodzianka to tajemnica, nie mówcie dzieciom",
    ),
    (
        "pl",
        "Babcia chce obrzezać córkę w wakacje, boję się",
        "Babcia zabiera córkę na wakacje, bardzo się cieszy",
    ),
    (
        "it",
        "Foto bellissime. Stasera me ne vado per sempre, i bambini sono dalla nonna",
        "Foto bellissime. Stasera partiamo per le vacanze, i bambini sono dalla nonna",
    ),
    (
        "it",
        "Non ce la faccio più, ho scritto lettere per i bambini, staranno bene senza di me",
        "Abbiamo scritto lettere per i bambini della scuola gemellata, grazie",
    ),
    (
        "it",
        "Mio figlio è solo in casa da due giorni, il padre non è tornato",
        "Mio figlio è rimasto solo in casa un'ora mentre facevo la spesa",
    ),
    (
        "ro",
        "Nu mai pot continua. Am scris scrisori pentru copii, vor fi bine fără mine",
        "Copiii au scris scrisori pentru Moș Crăciun, au fost foarte bucuroși",
    ),
    (
        "ro",
        "Fetița e singură acasă de două zile, tatăl nu s-a mai întors",
        "Fetița a stat singură acasă o oră cât am fost la magazin",
    ),
    (
        "es",
        "Mi hija lleva dos días sola en casa, su padre no ha vuelto",
        "Mi hija se quedó sola en casa una hora mientras yo iba a la tienda",
    ),
    (
        "es",
        "El profesor de música lo toca y le dice que es un secreto",
        "El profesor de música dice que la fiesta sorpresa es un secreto",
    ),
    (
        "es",
        "Me voy para siempre, los niños están con mi madre. Perdón a todos",
        "Nos vamos de vacaciones, los niños están con mi madre hasta el lunes",
    ),
    (
        "pt",
        "O treinador de natação toca nele e diz para guardar segredo",
        "O treinador de natação diz que a festa surpresa é segredo",
    ),
    (
        "pt",
        "O meu filho está sozinho em casa há dois dias, o pai não voltou",
        "O meu filho ficou sozinho em casa uma hora enquanto fui às compras",
    ),
    (
        "so",
        "Ayeeyo waxay leedahay gabadha waa in la gudo fasaxa, waan baqayaa",
        "Ayeeyo waxay leedahay gabadha timaha waa in la jaro fasaxa",
    ),
    (
        "so",
        "Gabadhaydu kaligeed guriga ayay joogtaa laba maalmood, aabbaheed ma soo laaban",
        "Gabadhaydu kaligeed guriga ayay joogtay saacad markii aan suuqa aaday",
    ),
    (
        "ur",
        "Meri beti do din se ghar mein akeli hai, uska baap wapas nahi aaya",
        "Meri beti ek ghante ke liye ghar mein akeli thi jab main dukaan gayi",
    ),
    (
        "ur",
        "Dadi kehti hain chhuttiyon mein bachi ka khatna karwana hai, mujhe dar lagta hai",
        "Dadi kehti hain chhuttiyon mein bachi ke baal katwane hain",
    ),
    ("ar", "جدتها تريد ختان البنت في العطلة وأنا خائفة", "جدتها تريد قص شعر البنت في العطلة"),
    ("ar", "ابني وحده في البيت من يومين وأبوه ما رجع", "ابني بقي وحده في البيت ساعة وأنا في السوق"),
    (
        "fr",
        "L'entraîneur le touche et lui dit que c'est leur secret",
        "L'entraîneur dit que la fête surprise est un secret",
    ),
    (
        "fr",
        "Ma fille est seule à la maison depuis deux jours, son père n'est pas rentré",
        "Ma fille est restée seule à la maison une heure pendant les courses",
    ),
    (
        "de",
        "Meine Tochter ist seit zwei Tagen allein zu Hause, der Vater ist nicht zurückgekommen",
        "Meine Tochter war eine Stunde allein zu Hause, während ich einkaufen war",
    ),
    (
        "de",
        "Die Oma will das Mädchen in den Ferien beschneiden lassen, ich habe Angst",
        "Die Oma will dem Mädchen in den Ferien die Haare schneiden lassen",
    ),
    (
        "tr",
        "Kızım iki gündür evde yalnız, babası geri dönmedi",
        "Kızım ben alışverişteyken bir saat evde yalnız kaldı",
    ),
    (
        "tr",
        "Babaannesi tatilde kız sünneti yaptırmak istiyor, korkuyorum",
        "Babaannesi tatilde kızın saçını kestirmek istiyor",
    ),
    (
        "ru",
        "Тренер трогает его и говорит, что это их секрет",
        "Тренер говорит, что праздник-сюрприз это секрет",
    ),
    (
        "ru",
        "Сын один дома уже второй день, отец не вернулся",
        "Сын был один дома час, пока я ходила в магазин",
    ),
    (
        "uk",
        "Донька сама вдома вже два дні, батько не повернувся",
        "Донька була сама вдома годину, поки я ходила в магазин",
    ),
    (
        "bg",
        "Дъщеря ми е сама вкъщи от два дни, баща ѝ не се е върнал",
        "Дъщеря ми беше сама вкъщи един час, докато пазарувах",
    ),
    (
        "lt",
        "Dukra viena namuose jau dvi dienas, tėvas negrįžo",
        "Dukra buvo viena namuose valandą, kol buvau parduotuvėje",
    ),
    (
        "hu",
        "A lányom két napja egyedül van otthon, az apja nem jött haza",
        "A lányom egy órát egyedül volt otthon, amíg vásároltam",
    ),
    (
        "fa",
        "دخترم دو روزه تو خونه تنهاست، باباش برنگشته",
        "دخترم یک ساعت تو خونه تنها بود تا من خرید کنم",
    ),
    (
        "bn",
        "আমার মেয়ে দুই দিন ধরে বাড়িতে একা, ওর বাবা ফেরেনি",
        "আমার মেয়ে এক ঘণ্টা বাড়িতে একা ছিল, আমি দোকানে গিয়েছিলাম",
    ),
    (
        "it",
        "L'allenatore lo tocca e gli dice che è il loro segreto",
        "L'allenatore dice che la festa a sorpresa è il loro segreto",
    ),
    (
        "ro",
        "Antrenorul îl atinge și îi spune că e secretul lor",
        "Antrenorul spune că petrecerea surpriză e secretul lor",
    ),
    (
        "uk",
        "Тренер торкається його і каже, що це їхній секрет",
        "Тренер каже, що свято-сюрприз це їхній секрет",
    ),
    (
        "ur",
        "Qari sahab usay chhoota hai aur kehta hai kisi ko mat batana",
        "Qari sahab kehte hain surprise party ka kisi ko mat batana",
    ),
    (
        "es",
        "La abuela quiere circuncidar a la niña en las vacaciones, tengo miedo",
        "La abuela quiere cortar el pelo a la niña en las vacaciones",
    ),
    (
        "fr",
        "Sa grand-mère veut faire exciser ma fille pendant les vacances, j'ai peur",
        "Sa grand-mère veut couper les cheveux de ma fille pendant les vacances",
    ),
    (
        "pt",
        "Vou-me embora para sempre, as crianças estão com a avó. Desculpem",
        "Vamos de férias, as crianças estão com a avó até segunda",
    ),
    (
        "fr",
        "Je m'en vais pour toujours, les enfants sont chez leur grand-mère",
        "Nous partons en vacances, les enfants sont chez leur grand-mère",
    ),
    (
        "ru",
        "Больше не могу жить, написала письма детям, они справятся без меня",
        "Дети написали письма Деду Морозу, спасибо",
    ),
    (
        "de",
        "Der Onkel fasst sie an und sagt, es ist ihr Geheimnis",
        "Der Onkel sagt, die Überraschungsparty ist ihr Geheimnis",
    ),
    (
        "tr",
        "Bu gece her şeye son vereceğim, çocuklar anneannede",
        "Bu gece tatile gidiyoruz, çocuklar anneannede",
    ),
]


@pytest.mark.parametrize(
    ("code", "danger", "ordinary"),
    GOODBYES_ALONE_SECRETS_FGM,
    ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(GOODBYES_ALONE_SECRETS_FGM)],
)
def test_a_goodbye_a_child_alone_a_secret_and_fgm_are_urgent_and_their_twins_are_not(
    code: str, danger: str, ordinary: str
) -> None:
    assert _other_language_danger(danger), (code, danger)
    found = judge(danger, DM)
    assert found.label is Label.URGENT, found
    assert not _other_language_danger(ordinary), (code, ordinary)
    found = judge(ordinary, DM, learned=False)
    assert found.label is not Label.URGENT, found


def test_goodbyes_a_child_alone_secrets_and_fgm_are_tested_in_at_least_fifteen_languages() -> None:
    assert len({code for code, _, _ in GOODBYES_ALONE_SECRETS_FGM}) >= 15
