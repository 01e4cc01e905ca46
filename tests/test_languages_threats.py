"""Threats to the teacher in other languages, in new phrasings (`bot/judge_data/languages.py`:
`HOSTILE` cores, `HOSTILE_NEAR` pairs of threat cues and `HOSTILE_NOT`).

A frozen set's threats were phrased differently from every whole phrase the lists held, so the
lists hold short cores ("you'll regret", in the forms that address the teacher) and pairs of
cues found near each other ("I know" ... "where you live", "your address"). For each language:
two threats not written as any entry are diverted to senior leaders, and two ordinary messages
in the same words (the school, where a child's kit is, a child sorry to miss a trip, "we live
near the school") are not. Messages that a "not" turns ordinary ("I don't know where you live,
I'll send the card with my son", "you won't regret it") are not hostile either. All messages
here were written for these tests. No server needed."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from bot import judge as judge_module
from bot.judge import JudgeContext, Label, Outcome, Verdict, _known_words, _prepare
from bot.judge_data import languages
from handlers.relay import Route, route

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

#: language code -> (two threats to the teacher, two ordinary messages using the same words).
MESSAGES: dict[str, tuple[list[str], list[str]]] = {
    "pl": (
        [
            "Znam dobrze twój adres, więc radzę uważać.",
            "Tego pani jeszcze gorzko pożałuje, zapamięta pani moje słowa.",
        ],
        [
            "Nie wiem, gdzie mieszka pan Nowak, ale zapytam męża.",
            "Ola bardzo żałuje, że nie było jej na wycieczce. Dziękuję!",
        ],
    ),
    "ur": (
        [
            "Mujhe achi tarah pata hai tumhara ghar kahan hai, apni hadd mein raho.",
            "یاد رکھنا، تمہیں اس بات پر پچھتانا پڑے گا۔",
        ],
        [
            "Kya aap ko pata hai uski kitab kahan hai? Hamara ghar school ke paas hai.",
            "وہ بہت افسوس کر رہی ہے کہ ٹرپ پر نہیں جا سکی۔",
        ],
    ),
    "ar": (
        ["أنا أعرف جيدا أين تسكنين، فانتبهي.", "والله ستندمين على كل كلمة قلتها لابني."],
        [
            "هل تعرفين أين حقيبة ابني؟ بيتنا قريب من المدرسة.",
            "ابنتي حزينة لأنها لم تذهب إلى الرحلة، شكرا لك.",
        ],
    ),
    "tr": (
        [
            "Evinizi çok iyi biliyorum, dikkatli olun.",
            "Oğluma yaptığınız için pişman olacaksınız, söz veriyorum.",
        ],
        [
            "Evimiz okula yakın, biliyorum bugün geç kaldık.",
            "Kızım geziye gelemediği için çok üzgün, pişman oldu.",
        ],
    ),
    "lt": (
        [
            "Žinau labai gerai, kur jūs gyvenate.",
            "Jūs dar pasigailėsite, kad taip elgėtės su mano sūnumi.",
        ],
        [
            "Nežinau, kur jo sportinė apranga, gal žinote?",
            "Mes gyvename netoli mokyklos, todėl ateisime pėsčiomis.",
        ],
    ),
    "so": (
        [
            "Waan si fiican u ogahay halka aad degan tahay.",
            "Wixii aad wiilkayga ku samaysay waad ka shallayn doontaa.",
        ],
        [
            "Ma ogtahay halka uu buugga dhigay? Waan ka xumahay.",
            "Gabadhaydu way xanuunsan tahay, maanta ma iman doonto.",
        ],
    ),
    "uk": (
        ["Я добре знаю, де ви живете, майте на увазі.", "Ви ще гірко пошкодуєте через мого сина."],
        [
            "Знаю, що ви живете далеко, дякую що приїхали.",
            "Марійка дуже шкодує, що пропустила екскурсію.",
        ],
    ),
    "ru": (
        ["Я прекрасно знаю, где ты живешь.", "Вы ещё пожалеете, что обидели моего сына."],
        [
            "Я не знаю, где его спортивная форма, подскажите пожалуйста.",
            "Мы живём рядом со школой, придём пешком.",
        ],
    ),
    "sq": (
        [
            "E di shumë mirë ku banon ti, mos harro.",
            "Për atë që i bëre djalit tim do të pendohesh.",
        ],
        [
            "A e dini ku janë librat e tij? Ne banojmë afër shkollës.",
            "Vajza është e sëmurë sot, nuk do të vijë.",
        ],
    ),
    "ro": (
        [
            "Știu foarte bine unde locuiți, aveți grijă.",
            "O să regreți amarnic ce i-ai făcut copilului meu.",
        ],
        [
            "Nu știu unde e echipamentul de sport, îl puteți căuta?",
            "Locuim aproape de școală, venim pe jos.",
        ],
    ),
    "pt": (
        [
            "Eu sei muito bem onde você mora.",
            "Você vai se arrepender do que fez com a minha filha.",
        ],
        [
            "Não sei onde está o casaco dele, pode procurar?",
            "Moramos perto da escola, vamos a pé. Obrigada!",
        ],
    ),
    "es": (
        [
            "Ya sé muy bien dónde vives, ten cuidado.",
            "Me las vas a pagar por lo que le hiciste a mi hijo.",
        ],
        [
            "No sé dónde está la mochila de mi hijo, ¿la puede buscar?",
            "Vivimos cerca del colegio, iremos andando.",
        ],
    ),
    "fr": (
        [
            "Je sais très bien où vous habitez, faites attention.",
            "Vous allez le regretter, croyez-moi.",
        ],
        [
            "Je ne sais pas où est son sac de sport, pouvez-vous regarder ?",
            "Nous habitons près de l'école, nous viendrons à pied.",
        ],
    ),
    "de": (
        ["Ich weiß genau, wo du wohnst.", "Das wirst du mir büßen, das schwöre ich."],
        [
            "Ich weiß nicht, wo seine Sportsachen sind.",
            "Wir wohnen in der Nähe der Schule und kommen zu Fuß.",
        ],
    ),
    "it": (
        [
            "Te ne pentirai amaramente, maestra.",
            "Me la pagherà cara per quello che ha fatto a mio figlio.",
        ],
        [
            "Non so dove sono le scarpe da ginnastica, può guardare?",
            "Abitiamo vicino alla scuola, veniamo a piedi.",
        ],
    ),
    "bg": (
        ["Знам много добре къде живееш.", "Ще съжаляваш за това, което направи на сина ми."],
        [
            "Не знам къде е раницата му, може ли да проверите?",
            "Живеем близо до училището и ще дойдем пеша.",
        ],
    ),
    "hu": (
        ["Tudom jól, hol laksz, vigyázz.", "Ezt még nagyon megbánod, azt garantálom."],
        [
            "Nem tudom, hol van a tornazsákja, megnéznék?",
            "Az iskola közelében lakunk, gyalog jövünk.",
        ],
    ),
    "cs": (
        ["Vím moc dobře, kde bydlíte.", "Budete toho hořce litovat, to vám slibuju."],
        ["Nevím, kde má úbor na tělocvik, podíváte se?", "Bydlíme blízko školy, přijdeme pěšky."],
    ),
    "hi": (
        ["मुझे अच्छी तरह पता है तुम कहाँ रहती हो।", "याद रखना, तुम्हें पछताना पड़ेगा।"],
        ["क्या आपको पता है उसकी किताब कहाँ है?", "हमारा घर स्कूल के पास है, हम पैदल आएंगे।"],
    ),
    "fa": (
        ["خوب میدونم کجا زندگی میکنی، مواظب باش.", "پشیمونت میکنم به خاطر کاری که با پسرم کردی."],
        ["میدونید کتابش کجاست؟ خونه ما نزدیک مدرسه است.", "دخترم خیلی ناراحته که به اردو نرفت."],
    ),
    "sw": (
        ["Najua vizuri sana unapoishi.", "Utajuta kwa ulichomfanyia mwanangu."],
        [
            "Unajua kitabu chake kiko wapi? Tunaishi karibu na shule.",
            "Mtoto wangu ni mgonjwa leo, hatakuja.",
        ],
    ),
    "tl": (
        ["Alam ko na kung saan ka nakatira.", "Pagsisisihan mo ang ginawa mo sa anak ko."],
        [
            "Hindi ko alam kung nasaan ang bag niya, pakitingnan po.",
            "Malapit lang po ang bahay namin sa paaralan.",
        ],
    ),
    "vi": (
        ["Tao biết nhà mày ở đâu rồi đấy.", "Cô sẽ phải trả giá vì đã đánh con tôi."],
        ["Cô có biết cặp của cháu ở đâu không ạ?", "Nhà chúng tôi gần trường, cháu sẽ đi bộ."],
    ),
    "zh": (
        ["我知道你住在哪里，你小心点。", "你对我孩子做的事，你会后悔一辈子的。"],
        ["请问您知道他的书包在哪里吗？", "我们家住在学校附近，走路过来。"],
    ),
    "el": (
        ["Ξέρω πολύ καλά πού μένεις.", "Θα με θυμηθείς για αυτό που έκανες στο παιδί μου."],
        [
            "Δεν ξέρω πού είναι η τσάντα του, μπορείτε να δείτε;",
            "Μένουμε κοντά στο σχολείο και ερχόμαστε με τα πόδια.",
        ],
    ),
    "hr": (
        ["Znam dobro gdje živiš.", "Požalit ćeš što si dirala moje dijete."],
        ["Ne znam gdje su mu tenisice, možete pogledati?", "Živimo blizu škole, dolazimo pješice."],
    ),
}

#: Ordinary messages that use a threat's words: a "not" before them, a third person, a
#: costume, an email address, a meeting at the gate. None is hostile.
ORDINARY = [
    "Dzień dobry, wiem, że pani mieszka daleko, dziękuję że pani przyjechała",
    "Nie wiem, gdzie pani mieszka, więc kartkę przekażę przez Olę",
    "Ola będzie żałować, że nie pojechała na wycieczkę",
    "Nie pożałuje pani, to świetny klub! Polecam",
    "Znam pani adres e-mail, wyślę zdjęcia",
    "Krowa i świnia na wycieczce do gospodarstwa, dzieci zachwycone",
    "Mujhe pata hai aap ka ghar school ke paas hai, main kal aa jaungi",
    "Mujhe nahi pata tum kahan rehti ho, card school bhej dungi",
    "Aap pachtayengi nahi, bohat acha program hai",
    "Woh bohat pachtaye gi ke trip par nahi gayi",
    "Mera beta bohat pareshan hai, kya aap ko pata hai uski kitab kahan hai",
    "أعرف أن بيتك بعيد، شكرا على الحضور",
    "لا أعرف أين تسكنين، سأرسل البطاقة مع ابني",
    "لن تندمي، البرنامج رائع",
    "ستندم لأنها لم تذهب إلى الرحلة",
    "سأنتظرك عند البوابة الساعة الثالثة",
    "Ayşe'nin evini biliyorum, çocukları ben alırım",
    "Kızım geziye gitmediği için pişman oldu",
    "Pişman olmayacaksınız, çok güzel bir etkinlik",
    "Seni bulurum kapıda, merak etme",
    "Arabam bozuldu, bugün geç kalacağım",
    "Žinau, kur gyvena močiutė, ji paims vaiką",
    "Nepasigailėsite, labai gera būrelis",
    "Waan ogahay in gurigaagu fog yahay, mahadsanid",
    "Я знаю, що ваш дім далеко, дякую",
    "Я не знаю, де ви живете, листівку передам через сина",
    "Не пошкодуєте, дуже гарний гурток",
    "Вы не пожалеете, прекрасный кружок",
    "Она пожалеет, что не поехала на экскурсию",
    "Я не знаю, где вы живете, но открытку передам через сына",
    "E di ku banon gjyshja, do ta marr unë",
    "Nuk e di ku banoni, do ta çoj kartolinën në shkollë",
    "Nuk e di ku ta lë makinën për mbrëmjen e prindërve",
    "Știu unde stați la coadă dimineața, mulțumesc",
    "Nu știu unde locuiți, trimit felicitarea prin copil",
    "Nu o să regreți, e un club minunat",
    "Eu sei que a sua casa fica longe, obrigada por ter vindo",
    "Não sei onde você mora, mando o cartão pela escola",
    "Não vai se arrepender, é ótimo",
    "Vou te encontrar na porta da escola às três",
    "No te vas a arrepentir, es muy bonito",
    "No sé dónde vives, te mando la tarjeta con mi hijo",
    "Disfraz de zorra para Halloween, ¡qué bonito!",
    "Mi hija va disfrazada de bruja para Halloween",
    "Ya sé dónde vive su abuela, la recojo yo",
    "Je ne sais pas où vous habitez, je déposerai la carte à l'école",
    "Je sais pas où tu habites, je donnerai la carte à l'école",
    "Vous n'allez pas le regretter, c'est super",
    "Je vais te trouver un livre pour lui",
    "Ti troverò un posto in prima fila",
    "La guerra di Troia, che bel progetto!",
    "Non te ne pentirai, è bellissimo",
    "Non so dove abiti, porto il biglietto a scuola",
    "Ich finde dich super, danke!",
    "Ich weiß nicht, wo du wohnst, ich gebe die Karte ab",
    "Das wirst du nicht bereuen, es ist toll",
    "Pass bloß auf dich auf, gute Besserung",
    "Pas maar op voor de gladheid vanochtend",
    "Няма да съжалявате, много е хубаво",
    "Не знам къде живеете, ще пратя картичката по детето",
    "Nem fogod megbánni, nagyon jó",
    "Nem tudom, hol laksz, az iskolába viszem a képeslapot",
    "Nebudete litovat, je to skvělé",
    "Nevím, kde bydlíte, pošlu přání po dceři",
    "Nebudete ľutovať, je to super",
    "Nenožēlosiet, tas ir lieliski",
    "Δεν θα το μετανιώσετε, είναι υπέροχο",
    "Δεν ξέρω πού μένετε, θα στείλω την κάρτα με το παιδί",
    "Cô sẽ không hối hận đâu ạ",
    "Con di hoc bình thường, cảm ơn cô",
    "Hindi mo pagsisisihan, maganda talaga",
    "Hindi ko alam kung saan ka nakatira, ipapadala ko na lang",
    "Babalikan kita mamaya tungkol sa trip",
    "你不会后悔的，这个活动很好",
    "路上你小心点哦",
    "Hutajuta, ni mzuri sana",
    "Sijui unapoishi, nitatuma kadi shuleni",
    "Nitakupigia simu kesho",
    "Nećeš požaliti, super je",
    "Ne znam gdje živite, poslat ću čestitku po djetetu",
    "Znam da živite daleko, hvala vam",
    "میدونم خونتون دوره، ممنون که اومدید",
    "نمیدونم کجا زندگی میکنی، کارت رو میفرستم مدرسه",
    "ناراحت نباش، پشیمون نمیشی",
    "আমি জানি না আপনি কোথায় থাকেন, কার্ডটা স্কুলে পাঠাব",
    "मुझे नहीं पता आप कहाँ रहती हैं, कार्ड स्कूल भेज दूँगी",
    "Você vai pagar pela excursão em dinheiro? Eu vou pagar por isso amanhã",
    "Não vai pagar por isso, a escola paga",
    "¿Vas a pagar por lo que pidió mi hijo en la excursión? Te lo devuelvo",
    "No vas a lamentar venir, es muy bonito",
    "Vous allez payer pour ce que les enfants ont commandé ? Je vous rembourse",
    "Sie werden es nicht bereuen, danke für alles",
    "Ich sorge dafür, dass er seine Hausaufgaben macht",
    "Θα πληρώσετε για την εκδρομή ή εμείς;",
    "Babayaran mo ba ang field trip? Ako na lang ang magbabayad",
    "Utalipa kwa M-Pesa au pesa taslimu?",
    "Vei plăti pentru excursie luni?",
    "Ще ви го върна утре, книгата е у нас",
    "To vám nedaruju, je to moje kniha? Ne, je to dárek",
    "Я сделаю так, как вы сказали, спасибо",
    "Я зроблю так, як ви сказали, дякую",
    "Me aseguraré de que haga los deberes",
    "Vou garantir que ele chegue a tempo",
    "Je vais m'assurer qu'il fasse ses devoirs",
    "Mama yake alipoteza kazi, tunahitaji msaada wa chakula",
    "Meri naukri chali gayi hai, fees mein madad mil sakti hai?",
    "Babam işini kaybetti, yardım alabilir miyiz?",
    "Seni çok seviyoruz öğretmenim, okuldan ayrıldığın için üzgünüz",
    "Kuna'an, ma ogtahay shaqada guriga?",
    "Tôi sẽ không để cháu nghỉ học nữa ạ",
    "你等着我一下，我马上到",
    "Dopilnuję, żeby odrobił lekcje. Dziękuję",
    "Zadbam o to, żeby nie zapomniał stroju",
    "Jakim autem pani przyjedzie na wycieczkę? Możemy podwieźć",
    "Mujhe pata hai tumhari beti ka ghar door hai",
    "Dekhna main kya kar sakti hoon, kal form bhej dungi",
    "Mujhe pata hai aap ka ghar kahan hai, main card de jaungi",
    "Main kal tumhare ghar aa jaungi, Ayesha ki birthday party hai",
    "Beta ne maza kiya trip par, shukriya",
    "Hum chini kam khate hain, ghar mein",
    "আমার বাড়িতে চিনি আছে, কেক বানাব",
    "رح تشوفي شو حلوين الصور",
    "Waxa ku dhacay maanta waan ka xumahay, Allah ha ku caafiyo",
    "Main aap ka saath nahi chhorungi, hamesha madad karungi",
    "Ik weet niet waar u woont, ik geef de kaart aan Sem mee",
    "U zult er geen spijt van krijgen, het is een leuke club",
    "Jag vet inte var du bor, jag skickar kortet med Elsa",
    "Du kommer inte att ångra dig, det är jättekul",
    "Jeg ved ikke hvor du bor, men jeg sender kortet med",
    "Du kommer ikke til å angre, det er kjempegøy",
    "En tiedä missä asut, lähetän kortin koulun kautta",
    "Saya tidak tahu di mana kamu tinggal, kartunya saya titipkan",
    "Kamu tidak akan menyesal, acaranya bagus sekali",
    "안 가면 후회할 거야, 정말 재밌어요",
    "覚えておいてください、明日は遠足です",
    "אני לא יודעת איפה את גרה, אשלח את הכרטיס עם הבת שלי",
    "Dwi ddim yn gwybod lle ti'n byw, mi wna i anfon y cerdyn",
    "M pa konnen kote w rete, m ap voye kat la lekòl",
    "Awas, lantai licin di depan kelas",
    "Meu filho é deficiente e precisa de apoio na excursão",
    "O porco da fazenda era enorme, as crianças adoraram",
    "Cuidado com a curva perto da escola",
    "Als alte Hexe verkleidet, so süß!",
    "Déguisée en vieille sorcière pour Halloween, trop mignonne",
    "Mi hija va vestida de vieja bruja, qué risa",
    "我知道你家孩子很乖，谢谢老师",
    "Cô cứ chờ đấy nhé, em đến ngay",
    "Tôi sẽ không để yên chuyện này, tôi sẽ gặp hiệu trưởng",
    "Awas kamu jatuh, lantainya licin",
    "Siap kau? Kita berangkat jam tujuh",
    "Hayop ka sa galing, anak!",
    "Gwisg y wrach oedd y gorau! Diolch",
    "Nie pożałuje pani, to świetny klub",
    "Pani nie pożałuje, polecam",
    "Za to zapłacisz 20 zł przy wejściu",
    "Nu vei regreta, e minunat",
    "Tu ne vas pas regretter, c'est génial",
    "No te vas a arrepentir, de verdad",
    "Non te ne pentirai, è bellissimo",
    "Não vais te arrepender, é ótimo",
    "Δεν θα το μετανιώσεις, είναι υπέροχο",
    "Не пожалеешь, отличный кружок",
    "Вы не пожалеете, спасибо",
    "Не пошкодуєте, дуже гарно",
    "Aap nahi pachtaogi, bohat acha program hai",
    "Tum nahi pachtaoge, zaroor aana",
    "आप नहीं पछताओगी, बहुत अच्छा है",
    "ما رح تندمي، الحفلة حلوة كتير",
    "Nuk do të pendohesh, është shumë bukur",
    "Do ta paguash ti apo ne biletën?",
    "Ще си платиш таксата утре",
    "Вы за это заплатите наличными или картой?",
    "Bunu ödeyeceksin değil mi, gezi parası?",
    "Mogę dotknąć jego czoła? Ma gorączkę",
    "Můžete se podívat na jeho dítě? Díky",
    "Porozmawiamy o tym na zebraniu, dziękuję",
    "Wrzucę zdjęcia z wycieczki na Facebooka szkoły?",
    "Zobaczy pani, do czego jestem zdolny na zawodach!",
    "Спасибо за помощь, на что я способна без вас",
    "Покажу на что я способен на соревнованиях",
    "Arăt de ce sunt în stare la concurs",
    "Na wycieczce dzieci widziały krowę i świnię",
    "Am văzut o vacă și o scroafă la fermă",
    "Vimos uma vaca e um burro na quinta",
    "Çiftlikte domuz ve inek gördük",
    # "I'll wait for you at the way out" in Italian and Spanish, whose parents often say "tu"
    # to a teacher, is a parent with a bag too
    "Ti aspetto all'uscita con lo zaino di Marco",
    "Te espero a la salida con la mochila de Lucía",
    "Sizi yarın 9'da beklerim, fotoğrafları görürsünüz",
]

#: More threats, each in one language: paying for what was done to a child, the teacher's job,
#: "you don't know who you are dealing with", a car or an address known.
MORE_THREATS = [
    "Pani jeszcze zobaczy, z kim zadarła. Wiem, jakim autem pani jeździ.",
    "Uważaj, bo znam twój adres i wiem, kiedy kończysz pracę.",
    "Zadbam o to, żeby panią zwolnili z tej szkoły.",
    "Tum ne meri beti ke saath jo kiya, uska hisaab dena parega",
    "Teacher, aap ko iski qeemat chukani paregi, yaad rakhna",
    "میں تمہیں اسکول کے باہر دیکھ لوں گا",
    "آپ کی نوکری ختم کروا دوں گا، دیکھنا",
    "ستدفعين ثمن ما فعلته بابني غاليا",
    "انتبهي، أعرف سيارتك وأين تركنينها كل يوم",
    "سأتأكد من أن تخسري وظيفتك",
    "Bunu sana ödeteceğim öğretmen hanım",
    "Seni bu okuldan attıracağım, bak görürsün",
    "Pažadu, tu dar pasigailėsi, kad taip elgeisi su mano vaiku",
    "Waxaan kuu sheegayaa, waad ka qoomameyn doontaa sidaad wiilkayga ula dhaqantay",
    "Shaqadaada waan kaa qaadi doonaa",
    "Я зроблю так, що вас звільнять",
    "Ви ще побачите, з ким зв'язалися",
    "Вы за это ответите, обещаю",
    "Do ta paguash shtrenjtë për këtë",
    "Do të kujdesem që të të pushojnë nga puna",
    "Vei plăti pentru ce i-ai făcut copilului meu",
    "Vai pagar pelo que fez ao meu filho",
    "Vou garantir que seja despedida",
    "Vas a lamentar lo que le hiciste a mi hija",
    "Vous allez payer pour ce que vous avez fait à mon fils",
    "Je vais m'assurer que vous perdiez votre poste",
    "Gliela farò pagare a quella maestra",
    "Sie werden dafür bezahlen, was Sie meinem Sohn angetan haben",
    "Ich sorge dafür, dass Sie Ihren Job verlieren",
    "Ще ти го върна тъпкано",
    "Ezt még megfizeti, tanárnő",
    "Tu vēl to nožēlosi",
    "Θα πληρώσεις για ό,τι έκανες στο παιδί μου",
    "Mày cứ chờ đấy, tao sẽ không để yên đâu",
    "Babayaran mo ang ginawa mo sa anak ko",
    "你等着，我不会放过你的",
    "Utalipa kwa ulichofanya",
    "تو تقاص این کارو پس میدی",
    "آپ کو اس کی سزا بھگتنی پڑے گی",
    "तुम्हें इसकी कीमत चुकानी पड़ेगी",
    "Main tumhe nahi chhorunga, dekhna main kya karta hoon",
    "Teacher tumhara bura haal kar dungi agar phir se meri beti ko daanta",
    "Mujhe pata hai tumhara ghar kahan hai, aukaat mein reh",
    "والله لأوريكي شو بعمل إذا بتلمسي بنتي",
    "بعرف منيح مكان بيتك",
    "তোকে ছাড়বো না, দেখিস কী করি",
    "Tumare charmu na, dekhi lmu",
    "Haddii aad wiilkayga taabato, waxa ku dhici doona waad arki doontaa",
    "मैं तुम्हें नहीं छोड़ूँगा, देखना मैं क्या करता हूँ",
    "Tenu nahi chaddanga, dekhi main ki karda",
    "Ik weet heel goed waar u woont, dat zult u bezuren",
    "Jag vet precis var du bor, det kommer du att ångra",
    "Jeg ved godt hvor du bor, det kommer du til at fortryde",
    "Jeg vet hvor du bor, og du kommer til å angre",
    "Tiedän kyllä missä asut, tulet katumaan tätä",
    "Saya tahu di mana kamu tinggal, awas kamu",
    "사는 곳 다 알아, 가만두지 않겠어",
    "覚えてろ、絶対に後悔させてやる",
    "אני יודעת בדיוק איפה את גרה, את תצטערי",
    "Dwi'n gwybod yn iawn lle ti'n byw, mi fyddi di'n difaru",
    "Mwen konnen byen kote w rete, w ap regrèt sa",
    "Pani pożałuje tego, co zrobiła mojemu synowi",
    "Vei regreta ziua în care l-ai certat pe fiul meu",
    "Te vas a arrepentir de haberle gritado a mi hija",
    "Ti pentirai di aver sgridato mio figlio",
    "Пожалеешь, что связалась с моей семьей",
    "Пошкодуєте, що накричали на мою доньку",
    "Tum pachtaogi, yaad rakhna meri baat",
    "رح تندمي على اللي عملتيه مع بنتي",
    "Θα το μετανιώσεις που μάλωσες το παιδί μου",
    "Tu vas regretter d'avoir puni mon fils",
    "Ще раз торкнетеся моєї дитини, і побачите",
    "Agar phir se mere bache ko haath lagaya to dekhna",
    "Wenn Sie mein Kind noch einmal anfassen, dann gnade Ihnen Gott",
    "Se tocchi ancora mio figlio te la faccio pagare",
    "Wrzucę pani zdjęcie na Facebooka i wszyscy się dowiedzą",
    "Moi bracia przyjdą do szkoły i porozmawiają z panią inaczej",
    "Main tumhari video social media par daal dunga, sab ko pata chalega",
    "أعرف أولادك وين بيدرسوا",
    "Это ещё не конец, вы меня попомните",
    "Teacher tum ne achha nahi kiya, ab tum dekhna tumhare saath kya hota hai",
    "Main tumhein barbaad kar dunga",
    "Tumhari naukri nahi bachegi, likh ke le lo",
    "Aap ki shikayat karke aap ko nikalwa ke rahungi",
    "Tumhe pata nahi main kaun hoon",
    "تمہیں پتہ نہیں میں کون ہوں",
    "میں تمہیں برباد کر دوں گا",
    "Pani nie wie, do czego jestem zdolny",
    "Zniszczę pani karierę, obiecuję",
    "Już pani nie będzie uczyć w tej szkole, zadbam o to",
    "Vă distrug cariera, să știți",
    "Nu știți de ce sunt în stare",
    "O să vă dau afară din școala asta",
    "لن تبقي في هذه المدرسة، أعدك",
    "سأدمر مستقبلك المهني",
    "ما بتعرفي أنا مين",
    "Ma garanaysid cidda aan ahay",
    "Waan ku burburin doonaa",
    "তুমি জানো না আমি কে",
    "তোমার চাকরি থাকবে না",
    "Nu știi cu cine ai de-a face",
    "Nie masz pojęcia, z kim zadzierasz",
    "Você não sabe do que eu sou capaz",
    "No sabe de lo que soy capaz",
    "Vous ne savez pas de quoi je suis capable",
    "Ви не знаєте, на що я здатна",
    "Вы не знаете, на что я способна",
    "Nuk e di se për çfarë jam i aftë",
    "Ne bilerim bilmiyorsun, neler yapabileceğimi bilmiyorsun",
]


#: Insults to the teacher, in the forms that address a person.
INSULTS = [
    "Jest pani głupią krową",
    "Pani jest zwykłą świnią",
    "Ty głupia babo",
    "Tum ek ghatiya aurat ho",
    "Tum kutti ho teacher",
    "Aap ek jahil aurat hain",
    "تم ایک گھٹیا عورت ہو",
    "انتي وحدة حقيرة",
    "انتي كلبة",
    "Sen aptal bir kadınsın",
    "Sen bir domuzsun",
    "Tu esi kvaila karvė",
    "Waxaad tahay naag doqon ah",
    "Ти тупа корова",
    "Ты тупая корова",
    "Ești o proastă și o vacă",
    "Você é uma vaca burra",
    "Eres una estúpida",
    "Vous êtes une vraie conne",
    "Sie sind eine blöde Kuh",
    "Je një lopë budallaqe",
    "تو یه زن احمقی",
    "Wewe ni mjinga kabisa",
    "তুমি একটা কুত্তি",
    "Tu ești o scroafă",
    "Jesteś suką",
    "Siz aptalsınız",
    "Ти сука",
    "Ты сука",
    "Tu es une salope",
]


#: Kind story comments in other languages that once found no kind word (a frozen set's).
KIND = [
    "Carruurta waa ku faraxsan yihiin, aad baad u mahadsan tihiin",
    "عکس‌های خیلی قشنگی است، از خانم معلم خیلی ممنونیم",
    "啲相好靚呀，多謝老師！",
    "يعطيكم العافية، الصور حلوة كتير",
    "بہت خوبصورت تصاویر، شکریہ",
    "Super zdjęcia, dzieci wyglądają cudnie",
]

#: Threats phrased in ways no entry is written, each beside an ordinary message in the same
#: words: the familiar "I'll wait for you" beside a parent bringing a bag, "you'll lose your
#: job" beside a father who lost his, "all the parents" beside a party.
NEW_THREATS = [
    ("uk", "Я знаю, де ви паркуєте машину.", "Я не знаю, де паркуватися біля школи"),
    (
        "fr",
        "Franchement, tu es une incapable et tout le monde le sait",
        "Je suis incapable de venir vendredi, désolée",
    ),
    (
        "es",
        "Ya sé dónde viven sus hijos. Piense bien lo que hace con el mío.",
        "No sé dónde viven sus abuelos, ¿me puede dar la dirección para la carta?",
    ),
    ("pt", "A professora é burra, vai-te lixar", "A burra do presépio ficou linda, parabéns"),
    (
        "pa",
        "Kal teri gaddi da haal vekhna, fer pata lag jauga",
        "Kal pata lag jauga ke trip kado hai",
    ),
    (
        "ur",
        "Main sab parents ko bataungi ke aap ne kya kiya mere bete ke saath",
        "Main sab parents ko bataungi ke trip ka paisa Friday tak dena hai",
    ),
    ("hi", "आपके भी बच्चे हैं, ज़रा उनके बारे में सोचिए", "आपके भी बच्चे हैं क्या? मेरी बेटी पूछ रही थी"),
    (
        "ro",
        "Gândiți-vă la ei: și dumneavoastră aveți copii",
        "Și dumneavoastră aveți copii la școala asta? Ana a întrebat",
    ),
    (
        "bn",
        "ওর সাথে আর একবার এমন হলে দেখবেন কী হয় আপনার",
        "অনুগ্রহ করে একটু দেখবেন কী হয়েছে ওর ব্যাগে, আবার এমন হলে জানাবেন",
    ),
    (
        "so",
        "Ballan baan kuu qaaday, shaqada waad ka waayi doontaa",
        "Aabbahiis shaqada ayuu ka waayay, sidaas darteed wuu murugaysan yahay",
    ),
    (
        "pt",
        "Todos os pais vão saber muito bem o que a senhora fez",
        "Todos os pais vão saber da festa pelo grupo, obrigada",
    ),
    (
        "es",
        "Sé con quién hablar para que la despidan",
        "Ya sé con quién hablar para el disfraz, gracias",
    ),
    (
        "ru",
        "Подумайте о них хорошенько: у вас ведь тоже есть дети",
        "У вас тоже есть дети? Сын спрашивал",
    ),
    (
        "uk",
        "Я знаю, з ким поговорити, і вас звільнять",
        "Дякую, тепер знаю, з ким поговорити про форму",
    ),
    ("bg", "Вие сте тъпа и злобна, мястото ви не е в училище", "Ножицата е тъпа, моля купете нова"),
    (
        "it",
        "Lo racconterò a tutti i genitori, glielo assicuro",
        "Tutti i genitori sono invitati alla recita di venerdì",
    ),
    (
        "fr",
        "Vos enfants… il serait triste qu'il leur arrive quelque chose",
        "Dommage qu'elle ait raté la sortie, elle était malade",
    ),
    (
        "tr",
        "Seni okulun önünde beklerim, o zaman konuşuruz",
        "Sizi okulun önünde bekleriz, çantasını getireceğim",
    ),
    (
        "pl",
        "Powiem wszystkim rodzicom dokładnie, co pani zrobiła",
        "Powiem wszystkim rodzicom o zbiórce na prezent",
    ),
    ("ar", "فكري فيهم جيدا، عندك أولاد أنتِ أيضا", "عندك أولاد في المدرسة؟ ابني يسأل"),
    ("lt", "Pažadu, neteksite darbo dar šiais metais", "Tėtis neteko darbo, todėl vaikas liūdnas"),
    ("sq", "E garantoj që do ta humbni punën", "Babai humbi punën, prandaj djali është i mërzitur"),
    ("fa", "کاری می‌کنم اخراجت کنن، مطمئن باش", "پدرش از کار اخراج شده، برای همین ناراحته"),
    (
        "es",
        "Tu coche rojo… sería una lástima que le pasara algo",
        "Qué pena que se perdiera la excursión, estaba malita",
    ),
    (
        "it",
        "Ti faccio licenziare entro l'estate, vedrai",
        "Mio marito è stato licenziato, per questo Luca è triste",
    ),
    ("lv", "Jūs vēl to nožēlosiet, apsolu", "Nožēloju, ka nevarējām atnākt uz koncertu"),
    (
        "de",
        "Das werden Sie noch bereuen, glauben Sie mir",
        "Wir haben den Ausflug keine Sekunde bereut, danke",
    ),
    ("hr", "Zdravo, znam točno gdje živite", "Ne znam gdje živite, poslat ću čestitku po sinu"),
    (
        "pt",
        "Professora, eu sei onde estacionas todas as manhãs.",
        "Professora, onde estaciono para a festa de Natal?",
    ),
]

Judge = Callable[..., Verdict]  # bot.judge.judge

THREATS = [(code, text) for code, (threats, _) in MESSAGES.items() for text in threats]
PLAIN = [(code, text) for code, (_, plain) in MESSAGES.items() for text in plain]


@pytest.fixture(scope="module")
def judge() -> Iterator[Judge]:
    judge_module.load()
    yield judge_module.judge


def _hostile(text: str) -> str | None:
    return _known_words(_prepare(text, DM).folded.lower())[1]


def test_threats_are_tested_in_at_least_twenty_languages() -> None:
    assert len(MESSAGES) >= 20
    assert set(MESSAGES) <= set(languages.HOSTILE)
    assert set(languages.HOSTILE_NEAR) <= set(languages.HOSTILE)
    assert set(languages.HOSTILE_NOT) <= set(languages.HOSTILE)


def test_no_threat_here_is_an_entry_as_written() -> None:
    """The threats are new phrasings: none of them is a whole `HOSTILE` entry."""
    entries = {e for words in languages.HOSTILE.values() for e in words}
    folded = {_prepare(e, DM).folded.lower() for e in entries}
    for _, text in THREATS:
        assert _prepare(text, DM).folded.lower().strip(" .!?,") not in folded, text


def test_pair_cues_are_lower_case_and_each_side_has_cues() -> None:
    for code, pairs in languages.HOSTILE_NEAR.items():
        for first, second in pairs:
            assert first and second, code
            for cue in (*first, *second):
                assert cue == cue.lower() and cue.strip() == cue, (code, cue)


@pytest.mark.parametrize(
    ("code", "text"), THREATS, ids=[f"{c}-{i % 2}" for i, (c, _) in enumerate(THREATS)]
)
def test_a_threat_in_a_new_phrasing_is_diverted(judge: Judge, code: str, text: str) -> None:
    assert _hostile(text) is not None, text
    found = judge(text, DM)
    assert found.label is Label.ABUSIVE, found
    assert found.outcome is Outcome.REMOVE, found
    assert route(found) is Route.DIVERT, found


@pytest.mark.parametrize(
    ("code", "text"), PLAIN, ids=[f"{c}-{i % 2}" for i, (c, _) in enumerate(PLAIN)]
)
def test_an_ordinary_message_in_the_same_words_is_not_diverted(
    judge: Judge, code: str, text: str
) -> None:
    assert _hostile(text) is None, text
    found = judge(text, DM, learned=False)
    assert found.label is not Label.ABUSIVE, found
    assert route(found) is not Route.DIVERT, found


@pytest.mark.parametrize("text", ORDINARY)
def test_a_not_a_third_person_or_a_costume_is_not_hostile(judge: Judge, text: str) -> None:
    """No hostile word in any language is found. (A few of these, mostly Latin words the
    judge takes for English, are read by the learned tier, which may judge them on its own.)"""
    assert _hostile(text) is None, text
    found = judge(text, DM)
    assert not any("hostile words in another language" in r for r in found.reasons), found


def test_a_pair_of_cues_is_found_with_words_between_and_not_after_a_not() -> None:
    assert _hostile("Wiem doskonale i od dawna, gdzie mieszkasz") is not None
    assert _hostile("Gdzie mieszkasz, to ja dobrze wiem") is not None
    assert _hostile("Nie wiem, gdzie mieszkasz") is None
    assert _hostile("Ich weiß nicht, wo du wohnst") is None
    assert _hostile("Ich weiß ganz genau, wo du wohnst") is not None


@pytest.mark.parametrize("text", KIND)
def test_a_kind_comment_that_found_no_kind_word_now_stays(judge: Judge, text: str) -> None:
    found = judge(text, STORY)
    assert found.outcome is Outcome.KEEP, found
    assert found.label is Label.OK, found


@pytest.mark.parametrize("text", MORE_THREATS + INSULTS)
def test_more_threats_and_insults_to_the_teacher_are_diverted(judge: Judge, text: str) -> None:
    assert _hostile(text) is not None, text
    found = judge(text, DM)
    assert found.label is Label.ABUSIVE, found
    assert route(found) is Route.DIVERT, found


def test_a_not_is_a_whole_word() -> None:
    """French "ne" is a "not"; the end of "une" is not ("tu es une salope")."""
    assert _hostile("Tu es une salope") is not None
    assert _hostile("Bueno, eres una imbécil") is not None


def test_new_threats_are_tested_in_at_least_twenty_languages() -> None:
    assert len({code for code, _, _ in NEW_THREATS}) >= 20
    entries = {
        _prepare(e, DM).folded.lower() for words in languages.HOSTILE.values() for e in words
    }
    for _, threat, _ in NEW_THREATS:
        assert _prepare(threat, DM).folded.lower().strip(" .!?,") not in entries, threat


@pytest.mark.parametrize(
    ("code", "threat", "ordinary"),
    NEW_THREATS,
    ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(NEW_THREATS)],
)
def test_a_threat_is_diverted_and_its_ordinary_twin_is_not(
    judge: Judge, code: str, threat: str, ordinary: str
) -> None:
    assert _hostile(threat) is not None, threat
    found = judge(threat, DM)
    assert found.label is Label.ABUSIVE, found
    assert route(found) is Route.DIVERT, found
    assert _hostile(ordinary) is None, ordinary
    found = judge(ordinary, DM, learned=False)
    assert route(found) is not Route.DIVERT, found


#: Threats in the ways parents phrase them, each kind of cue beside an ordinary twin in the
#: same words: "be careful" with "anything can happen" beside "be careful, she has a cold";
#: "I'll come" with "to your house" beside "I'll come to the school"; "you'll see" with "what I'll
#: do" beside "you'll see the photos"; "I'll publish" with "your name and address" beside "I'll
#: write your name on the card"; the papers with "what you did"; "my brothers" with "will find
#: you" beside "my brothers are coming to the play"; "your children" with "it would be a shame";
#: "I know" with "what time you leave" beside "I know you are busy"; "watch your back", "last
#: warning", "I'll deal with you", "you'll get what's coming". Written for these tests.
THREAT_KINDS = [
    (
        "pl",
        "Niech pani lepiej uważa, wszystko może się zdarzyć",
        "Niech pani uważa na Olę, bo ma katar",
    ),
    ("pl", "Pani jeszcze zobaczy, co się wtedy stanie", "Zobaczy pani jutro zdjęcia z wycieczki"),
    (
        "pl",
        "Przyjdę któregoś dnia pod pani dom i porozmawiamy",
        "Przyjdę jutro do szkoły porozmawiać",
    ),
    ("pl", "Moi bracia znajdą panią, obiecuję", "Moi bracia przyjdą na przedstawienie, dziękujemy"),
    (
        "pl",
        "Opublikuję w internecie pani nazwisko i adres",
        "Pani nazwisko wpiszę na liście obecności",
    ),
    (
        "pl",
        "Pani dzieci też chodzą do szkoły. Szkoda by było, gdyby coś im się stało",
        "Szkoda, że dzieci nie pojechały na wycieczkę",
    ),
    (
        "ro",
        "Aveți grijă, nu se știe niciodată ce se poate întâmpla",
        "Aveți grijă de Ana azi, are febră",
    ),
    ("ro", "O să vezi tu ce-ți fac", "O să vezi pozele de la excursie mâine"),
    ("ro", "Frații mei te găsesc oriunde", "Frații mei vin la serbare"),
    ("ro", "Știu la ce oră pleci de la școală", "Știu că sunteți ocupată, mulțumesc"),
    (
        "pt",
        "Tome cuidado, professora, nunca se sabe o que pode acontecer",
        "Tome cuidado com o Tiago, ele está constipado",
    ),
    ("pt", "Um dia destes vou aparecer à sua porta", "Vou aparecer na escola amanhã às nove"),
    ("pt", "A senhora vai ver o que acontece", "A senhora vai ver as fotos da festa?"),
    (
        "pt",
        "Vou mandar isto aos jornais, todos vão saber o que a senhora fez",
        "Saiu no jornal uma notícia da escola, parabéns",
    ),
    ("es", "Cuídate las espaldas, profe", "Cuídate mucho, profe, que te mejores"),
    (
        "es",
        "Voy a publicar tu nombre y tu dirección en todas partes",
        "Voy a escribir tu nombre en la tarjeta de Navidad",
    ),
    ("es", "Mis primos te van a encontrar", "Mis primos van a venir a la función"),
    ("es", "Ya verás lo que va a pasar", "Ya verá las fotos, salieron preciosas"),
    ("es", "Sé perfectamente a qué hora sales", "Sé que estás muy ocupada, gracias"),
    (
        "fr",
        "Faites attention, un accident est vite arrivé",
        "Faites attention, elle a un rhume aujourd'hui",
    ),
    ("fr", "Je passerai un de ces jours chez vous", "Je passerai à l'école demain pour parler"),
    ("fr", "Mes frères vont s'occuper de vous", "Mes frères vont venir au spectacle"),
    ("fr", "Je vais publier votre adresse partout", "Je vais noter votre adresse mail, merci"),
    ("fr", "Tu vas voir ce que je vais te faire", "Tu vas voir les photos demain"),
    ("de", "Passen Sie auf, man weiß nie, was passiert", "Passen Sie bitte auf, er hat Schnupfen"),
    ("de", "Sie werden schon sehen, wozu ich fähig bin", "Sie werden sehen, die Fotos sind toll"),
    ("de", "Ich komme mal bei Ihnen vorbei, vor Ihrem Haus", "Ich komme morgen in die Schule"),
    ("de", "Meine Brüder werden Sie finden", "Meine Brüder kommen zur Aufführung"),
    ("it", "Stia attenta, può succedere di tutto", "Stia attenta a Luca oggi, ha la febbre"),
    ("it", "Vedrà cosa le succede", "Vedrà le foto domani"),
    ("it", "Guardati le spalle, maestra", "Grazie maestra, a domani"),
    ("it", "Verrò sotto casa sua, vedrà", "Verrò a scuola domani alle nove"),
    ("ru", "Будьте осторожны, мало ли что может случиться", "Будьте осторожны, у него насморк"),
    ("ru", "Мои братья найдут вас", "Мои братья придут на концерт"),
    ("ru", "Я приду к вам домой, поговорим", "Я приду в школу завтра, поговорим"),
    ("ru", "Ты увидишь, что я с тобой сделаю", "Вы увидите фотографии завтра"),
    ("uk", "Ви побачите, що буде", "Ви побачите фото завтра"),
    ("uk", "Мої брати знайдуть вас", "Мої брати прийдуть на свято"),
    ("bg", "Ще видиш какво ще ти направя", "Ще видите снимките утре"),
    ("bg", "Пази си гърба, госпожо", "Пазете се от грипа"),
    ("lt", "Pamatysite, ką aš padarysiu", "Pamatysite nuotraukas rytoj"),
    ("tr", "Arkanı kolla öğretmen hanım", "Teşekkürler öğretmen hanım"),
    ("tr", "Göreceksiniz ne olacak", "Fotoğrafları göreceksiniz yarın"),
    ("tr", "Bir akşam evinize gelirim, konuşuruz", "Yarın okula gelirim, konuşuruz"),
    ("tr", "Kardeşlerim seni bulur", "Kardeşlerim gösteriye gelecek"),
    ("sq", "Do të shihni çfarë do të ndodhë", "Do të shihni fotot nesër"),
    ("ar", "سترين ماذا سأفعل بك", "سترين الصور غدا"),
    ("ar", "رح اجي لعند بيتك", "رح اجي عالمدرسة بكرا"),
    ("ar", "اخواني رح يجوكي", "اخواني رح يجوا عالحفلة"),
    ("ar", "هذا آخر تحذير لك يا معلمة", "شكرا لك يا معلمة"),
    (
        "ur",
        "Bach ke rehna, zamana kharab hai",
        "Zamana kharab hai, bachon ka khayal rakhna parta hai",
    ),
    ("ur", "Dekhna ab main kya karti hoon", "Dekhna ye form theek hai"),
    ("ur", "Main tumhari video viral kar dungi", "Main trip ki video bhej dungi"),
    ("ur", "Mere bande tumhe dhoond lenge", "Mere bande kal shaadi mein aayenge"),
    ("hi", "बच के रहना, कुछ भी हो सकता है", "कुछ भी हो सकता है, इसलिए छाता भेज रही हूँ"),
    ("hi", "देखना मैं क्या करता हूँ", "देखना उसका टिफिन"),
    ("pa", "Yaad rakhi, tenu vekh lavanga", "Kal vekhange trip di photo"),
    ("bn", "মনে রাখিস, তোকে দেখে নেব", "তোমাকে কাল দেখব স্কুলে"),
    ("bn", "দেখবেন আমি কী করি", "দেখবেন ওর খাতা"),
    ("so", "Waad arki doontaa waxa aan kugu samayn doono", "Waad arki doontaa sawirrada berri"),
    ("fa", "خانم معلم، حسابتو میرسم", "حساب مدرسه رو پرداخت کردم"),
    ("fa", "می‌بینی چه بلایی سرت میارم", "عکس‌ها رو فردا می‌بینی"),
    ("zh", "你给我等着，走着瞧", "请你等一下，我马上到"),
    ("zh", "我会找到你的，老师", "我会准时到的，老师"),
    ("vi", "Liệu hồn đấy", "Cô nghỉ ngơi nhé"),
    ("vi", "Rồi mày sẽ biết tay tao, cô giáo ạ", "Cô sẽ biết lịch học mới vào thứ Hai"),
    ("tl", "May kalalagyan ka sa akin, tandaan mo yan", "Salamat po sa lahat"),
    ("tl", "Makikita mo kung ano ang gagawin ko", "Makikita mo ang mga litrato bukas"),
    ("ta", "டீச்சர், இது கடைசி எச்சரிக்கை", "நன்றி டீச்சர்"),
    ("gu", "યાદ રાખ, તને જોઈ લઈશ", "કાલે મળીશું"),
    ("am", "መምህርት፣ ይህ የመጨረሻ ማስጠንቀቂያ ነው", "አመሰግናለሁ"),
    ("ti", "መምህር፣ እዚ ናይ መወዳእታ መጠንቀቕታ እዩ", "የቐንየለይ"),
    ("yo", "Ìkìlọ̀ ìkẹyìn rèé o, olùkọ́", "Ẹ ṣé gan-an"),
    ("ckb", "مامۆستا، ئەمە دوایین ئاگادارکردنەوەیە", "زۆر سوپاس"),
    ("ps", "ښوونکې، دا وروستی خبرداری ده", "ډېره مننه"),
]

#: Ordinary messages in the words of a threat: busy, the car park, waiting at the gate, "be
#: careful" with a cold or ice on the way home, coming to the school to talk, a brother collecting
#: a child, a name on a list, the teacher's photo of a trip, "I'll find you after the meeting",
#: "I know your house is far". None is hostile.
ORDINARY_LOOKALIKES = [
    "Wiem, że pani jest zajęta",
    "Parking przy szkole jest pełny",
    "Poczekam na nią przy bramie",
    "Uważajcie, ona ma katar",
    "Przyjdę jutro do szkoły porozmawiać",
    "Sé que está muy ocupada",
    "Tu aparcamiento está lleno",
    "La esperaré en la puerta",
    "Ten cuidado, tiene un resfriado",
    "Iré al colegio mañana para hablar",
    "Je sais que vous êtes occupée",
    "J'attendrai à la grille pour elle",
    "Fais attention, elle a un rhume",
    "Je viendrai à l'école demain pour parler",
    "Ich weiß, dass Sie beschäftigt sind",
    "Ich warte am Tor auf sie",
    "Pass auf, sie ist erkältet",
    "Ich komme morgen in die Schule",
    "Знаю, что вы заняты",
    "Подожду её у ворот",
    "Осторожно, у неё простуда",
    "Приду завтра в школу поговорить",
    "Mujhe pata hai aap busy hain",
    "Main gate pe uska intezaar karungi",
    "Dhyan rakhna, usay zukaam hai",
    "Main kal school aaungi baat karne",
    "أعرف أنك مشغولة",
    "سأنتظرها عند البوابة",
    "انتبهي، عندها زكام",
    "سآتي إلى المدرسة غدا للحديث",
    "Biliyorum meşgulsünüz",
    "Onu kapıda beklerim",
    "Dikkat edin, nezle oldu",
    "Yarın konuşmak için okula geleceğim",
    "Știu că sunteți ocupată",
    "O aștept la poartă",
    "Aveți grijă, e răcită",
    "Vin mâine la școală să vorbim",
    "Eu sei que está ocupada",
    "Espero por ela no portão",
    "Cuidado, ela está constipada",
    "Vou à escola amanhã para falar",
    "Take care on your way home, Miss, the roads are icy",
    "Niech pani uważa w drodze do domu, jest ślisko",
    "Tenga cuidado de camino a casa, hay hielo",
    "Faites attention en rentrant chez vous, ça glisse",
    "Будьте осторожны по дороге домой, скользко",
    "Mere bhai aayenge Ali ko lene",
    "Main kal tumhare ghar aa jaungi, Ayesha ki birthday party hai",
    "Je vais mettre votre nom sur la liste",
    "Ich werde Ihr Foto vom Ausflug ausdrucken",
    "Wrzucę pani zdjęcie z wycieczki na grupę",
    "Vou partilhar a sua foto da festa no grupo",
    "我有人接孩子，谢谢老师",
    "你看着办吧，老师",
    "Humanda ka na, aalis na tayo",
    "Hahanapin kita sa gate mamaya",
    "Я вас найду после собрания",
    "Je te retrouverai à la sortie",
    "Ich erwische Sie morgen früh am Tor",
    "Wir sehen uns noch beim Elternabend",
    "Tandaan mo ito: Biyernes ang field trip",
    "Cô cứ đợi đấy nhé, em đến ngay",
    "Dhyan rakhna, chhutti ke baad woh akeli na jaye",
    "Apna khayal rakhna, kuch bhi ho sakta hai is mausam mein",
    "আমি জানি আপনার বাড়ি অনেক দূরে",
    "Napiszę do gazety o pani wspaniałym projekcie",
    "Voy a escribir al periódico sobre la feria del colegio",
]


def test_threat_kinds_cover_the_languages_most_spoken_by_uk_families() -> None:
    codes = {code for code, _, _ in THREAT_KINDS}
    assert len(codes) >= 25, sorted(codes)
    assert {"pl", "ur", "pa", "ro", "ar", "bn", "so", "pt", "es", "tr", "fa"} <= codes


@pytest.mark.parametrize("text", ORDINARY_LOOKALIKES)
def test_an_ordinary_message_in_a_threat_s_words_is_not_hostile(judge: Judge, text: str) -> None:
    assert _hostile(text) is None, text
    found = judge(text, DM)
    assert not any("hostile words in another language" in r for r in found.reasons), found


#: Veiled threats with no threat word, each kind of cue pair beside an ordinary twin in the same
#: words: "mind your car" beside "your car is blocking the gate"; "a shame if something happened
#: to you" beside "a shame to miss the party"; "you have children … a shame" beside "do you
#: have children?"; "I pass your house every day" beside "I pass the school every day"; "the way
#: to your house is dark" beside "take care on the way home, it's dark and icy"; "nothing will be
#: left of your job"; "you never know who is waiting" beside "you never know with the weather";
#: "if you shout at him again, you'll see" beside "if it happens again, let me know"; "people
#: remember who hurts children" beside "people remember who helped". Written for these tests.
VEILED_THREATS = [
    (
        "pl",
        "Radzę uważać na pani samochód, różne rzeczy się tu dzieją",
        "Pani samochód blokuje wyjazd, czy może go pani przestawić?",
    ),
    (
        "fa",
        "مواظب ماشینتون باشید خانم، اینجا هر اتفاقی ممکنه بیفته",
        "ماشینتون جلوی در مدرسه پارک شده، لطفا جابجا کنید",
    ),
    ("ar", "خلي بالك على سيارتك يا أستاذة", "سيارتك مركونة أمام البوابة يا أستاذة"),
    ("tr", "Arabanıza dikkat edin öğretmen hanım", "Arabanız okul kapısının önünde duruyor"),
    (
        "ro",
        "Aveți grijă de mașina dumneavoastră, doamnă",
        "Mașina dumneavoastră blochează poarta, doamnă",
    ),
    (
        "pt",
        "Seria uma pena se algo lhe acontecesse, professora",
        "Seria uma pena perder a festa, professora",
    ),
    (
        "es",
        "Tiene hijos pequeños, ¿verdad? Sería una pena",
        "Tiene hijos pequeños, ¿verdad? Mi hija me lo contó",
    ),
    (
        "ru",
        "Будет жаль, если с ними что-то случится",
        "Будет жаль пропустить концерт, сын заболел",
    ),
    (
        "de",
        "Es wäre schade, wenn Ihnen etwas passiert",
        "Es wäre schade, wenn der Ausflug ausfällt",
    ),
    (
        "fr",
        "Vous avez des enfants, ce serait dommage qu'il leur arrive quelque chose",
        "Vous avez des enfants ? Ma fille voulait savoir",
    ),
    ("uk", "Було б шкода, якби з вами щось сталося", "Було б шкода пропустити концерт"),
    (
        "ur",
        "Aap ke bachay bhi hain, kuch ho gaya to afsos hoga",
        "Aap ke bachay bhi isi school mein hain?",
    ),
    (
        "bg",
        "Имате малки деца, нали? Би било жалко",
        "Имате ли малки деца? Дъщеря ми пита",
    ),
    (
        "tr",
        "Her gün evinizin önünden geçiyorum, haberiniz olsun",
        "Her gün okulun önünden geçiyorum, kitabı getirebilirim",
    ),
    ("pl", "Codziennie przechodzę obok pani domu", "Codziennie przechodzę obok szkoły"),
    (
        "es",
        "Paso todos los días por delante de su casa, maestra",
        "Paso todos los días por delante del colegio",
    ),
    ("ru", "Каждый день прохожу мимо вашего дома", "Каждый день прохожу мимо школы"),
    (
        "pl",
        "Droga do pani domu jest taka ciemna",
        "Niech pani uważa w drodze do domu, jest ciemno i ślisko",
    ),
    (
        "it",
        "La strada per casa sua è lunga e buia, maestra",
        "Stia attenta tornando a casa, la strada è buia e ghiacciata",
    ),
    (
        "ur",
        "Aap ki naukri ka kuch nahi bachega, yaad rakhiye",
        "Aap ki naukri bohat mushkil hai, shukriya",
    ),
    ("ru", "От вашей работы ничего не останется", "От вашей работы в восторге все родители"),
    ("bn", "আপনার চাকরি চলে যাবে, মনে রাখবেন", "আপনার চাকরি খুব কঠিন, ধন্যবাদ"),
    (
        "es",
        "Nunca se sabe quién la espera fuera del colegio",
        "Nunca se sabe si va a llover, mejor traer paraguas",
    ),
    (
        "fr",
        "On ne sait jamais qui vous attend dehors",
        "On ne sait jamais avec la météo, je mets un manteau",
    ),
    ("de", "Man weiß nie, wer auf Sie wartet", "Man weiß nie, wie das Wetter wird"),
    (
        "tr",
        "Oğluma bir daha dokunursanız görürsünüz",
        "Bir daha olursa haber verin, görüşürüz",
    ),
    ("es", "Si vuelve a gritar a mi hijo, ya verá", "Si vuelve a pasar, avíseme por favor"),
    (
        "ro",
        "Dacă mai țipați la fiul meu, o să vedeți",
        "Dacă mai aveți poze, le aștept cu drag",
    ),
    (
        "pt",
        "Se voltar a gritar com o meu filho vai ver",
        "Se voltar a chover, ele leva o casaco",
    ),
    (
        "pl",
        "Ludzie pamiętają, kto krzywdzi dzieci",
        "Ludzie pamiętają, kto pomógł przy festynie, dziękujemy",
    ),
    ("ru", "Люди всё помнят, кто обижает детей", "Люди помнят, кто помогал на ярмарке"),
    ("so", "Shaqadaada waad waayi doontaa, macallin", "Shaqadaada aad baad ugu fiican tahay"),
    ("lt", "Kasdien praeinu pro jūsų namus", "Kasdien praeinu pro mokyklą"),
    ("sq", "Çdo ditë kaloj para shtëpisë suaj", "Çdo ditë kaloj para shkollës"),
    ("mr", "तुमचा मुलगाही इथेच खेळतो ना? काळजी घ्या", "तुमचा मुलगा इथेच खेळतो का? आमची मुलगी विचारत होती"),
]


@pytest.mark.parametrize(
    ("code", "threat", "ordinary"),
    THREAT_KINDS + VEILED_THREATS,
    ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(THREAT_KINDS + VEILED_THREATS)],
)
def test_each_kind_of_threat_is_diverted_and_its_twin_is_not(
    judge: Judge, code: str, threat: str, ordinary: str
) -> None:
    assert _hostile(threat) is not None, threat
    found = judge(threat, DM)
    assert found.label is Label.ABUSIVE, found
    assert route(found) is Route.DIVERT, found
    assert _hostile(ordinary) is None, ordinary
    assert route(judge(ordinary, DM, learned=False)) is not Route.DIVERT, ordinary


def test_veiled_threats_are_new_phrasings() -> None:
    entries = {
        _prepare(e, DM).folded.lower() for words in languages.HOSTILE.values() for e in words
    }
    for _, threat, _ in VEILED_THREATS:
        assert _prepare(threat, DM).folded.lower().strip(" .!?,") not in entries, threat


#: Ordinary messages in a veiled threat's words: passing the teacher's house to drop off a book,
#: a friendly word about the icy car park, "if you look again, you'll see the photos".
VEILED_LOOKALIKES = [
    "Przechodzę obok pani domu w drodze do pracy, mogę podrzucić książkę",
    "Evinizin önünden geçiyorum, kitabı bırakayım mı?",
    "Main aap ke ghar ke paas se guzarta hoon, kitab de dun?",
    "Я прохожу мимо вашего дома, могу занести книгу",
    "Je passe devant chez vous ce soir pour déposer le livre",
    "Faites attention à votre voiture, le parking est glissant",
    "Proszę uważać na samochód, parking jest śliski",
    "Вы увидите фотографии завтра, если ещё раз зайдёте на сайт",
    "Agar dobara bhool jaye to form dekh lena",
    "Tenga cuidado al salir del colegio por la noche, no hay luz en el aparcamiento",
    "Nunca se sabe con el tiempo, mejor traer abrigo",
    "Szkoda by było, gdyby wycieczka się nie odbyła",
]


@pytest.mark.parametrize("text", VEILED_LOOKALIKES)
def test_an_ordinary_message_in_a_veiled_threat_s_words_is_not_hostile(
    judge: Judge, text: str
) -> None:
    assert _hostile(text) is None, text
    found = judge(text, DM)
    assert not any("hostile words in another language" in r for r in found.reasons), found


#: Reported sets' threats and insults (language, hostile, ordinary twin in the same words):
#: set 20's, and set 35's in Romanian, Urdu and Albanian that a lead read as unread.
REPORTED = [
    (
        "tr",
        "Sana iyi bak, çocukların hangi okula gidiyor biliyorum",
        "Oğlumun hangi okula gideceğini bilmiyorum, yardım eder misiniz?",
    ),
    ("pa", "ਤੂੰ ਬੇਕਾਰ ਅਧਿਆਪਕ ਹੈਂ, ਸ਼ਰਮ ਕਰ", "ਤੁਸੀਂ ਬਹੁਤ ਵਧੀਆ ਅਧਿਆਪਕ ਹੋ, ਧੰਨਵਾਦ"),
    (
        "tr",
        "Sana iyi bak, çocukların hangi okula gidiyor biliyorum",
        "Kızım hangi okula gidecek biliyorum ama formu bulamadım",
    ),
    # Romanian: miss, watch where you walk after hours, I don't forget; twins: the school yard
    # is icy; I know what time you leave school, can I catch you then about the form?
    (
        "ro",
        "Doamna învățătoare, aveți grijă pe unde umblați după ore. Eu nu uit.",
        "Doamna învățătoare, aveți grijă pe unde umblați, e polei în curtea școlii!",
    ),
    (
        "ro",
        "Doamna învățătoare, aveți grijă pe unde umblați după ore. Eu nu uit.",
        "Bună ziua, știu la ce oră plecați de la școală, vă pot prinde atunci pentru formular?",
    ),
    # Urdu: if you punish my daughter again, your job will go too; twin: if I have to come at
    # two every day, my job will go too
    (
        "ur",
        "اگر پھر میری بیٹی کو سزا دی تو نوکری بھی جائے گی۔",
        "اگر مجھے روز دو بجے آنا پڑا تو میری نوکری بھی جائے گی، کوئی اور وقت مل سکتا ہے؟",
    ),
    # Urdu in Roman letters: punish him again and your job will go, and your honour too; twin:
    # I know many people who can help at the fair, tell me if you need them
    (
        "ur",
        "Agar phir saza di to naukri bhi jayegi aur izzat bhi.",
        "میرے جاننے والے بہت ہیں جو میلے میں مدد کر سکتے ہیں، بتائیں اگر ضرورت ہو۔",
    ),
    # Albanian: I know where you live. Don't you dare do it again; twins: I know where Ana
    # lives, I'm not afraid to take her home myself; where her grandmother lives
    (
        "sq",
        "E di ku banon. Mos guxo ta bësh prapë.",
        "E di ku banon Ana, nuk kam frikë ta çoj vetë në shtëpi pas shkollës.",
    ),
    (
        "sq",
        "E di ku banon. Mos guxo ta bësh prapë.",
        "E di ku banon gjyshja e saj dhe do ta marr unë nesër pas shkollës.",
    ),
]


@pytest.mark.parametrize(
    ("code", "hostile", "ordinary"),
    REPORTED,
    ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(REPORTED)],
)
def test_reported_threats_and_insults_are_diverted_and_their_twins_are_not(
    code: str, hostile: str, ordinary: str
) -> None:
    assert _known_words(_prepare(hostile, DM).folded.lower())[1] == code
    found = judge_module.judge(hostile, DM)
    assert found.label is Label.ABUSIVE and found.outcome is Outcome.REMOVE, found
    assert route(found) is Route.DIVERT
    for learned in (False, True):
        found = judge_module.judge(ordinary, DM, learned=learned)
        assert found.label is not Label.ABUSIVE and route(found) is not Route.DIVERT, found


#: Every ordinary twin above, in a threat's very words.
TWINS = [
    *(text for _, text in PLAIN),
    *(ordinary for _, _, ordinary in NEW_THREATS + THREAT_KINDS + VEILED_THREATS),
    *(ordinary for _, _, ordinary in REPORTED),
    *ORDINARY,
    *ORDINARY_LOOKALIKES,
    *VEILED_LOOKALIKES,
]


def test_the_reader_of_other_languages_diverts_few_twins_of_threats() -> None:
    """The tests above hold the word lists to every twin. The reader of other languages
    (`bot.multilingual`), which sends a private message it is sure is a threat to SLT, knows
    meaning but not grammar: "Ich weiß nicht, wo du wohnst" (I don't know where you live)
    reads as "I know where you live". On these twins, written in a threat's very words with
    nothing else around them, it diverts 14 of 468 (3.0 %), each to SLT, who pass it on; on
    the corpus's ordinary private messages in other languages, about one in 200. None of them
    is diverted by the lower bar of a message of 12 words or more (`judge.THREAT_IN_DOUBT`)."""
    verdicts = [judge_module.judge(text, DM) for text in TWINS]
    diverted = [
        found.reasons[0]
        for found in verdicts
        if found.reasons
        and route(found) is Route.DIVERT
        and "other-language tier" in found.reasons[0]
    ]
    assert len(TWINS) > 400
    assert len(diverted) <= 0.05 * len(TWINS), diverted
    assert not [reason for reason in diverted if reason.startswith("may be")], diverted
