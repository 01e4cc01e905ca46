"""Word rules written after blind sets 22 to 27 were reported, each beside the twin it must
spare.

Every line here is new (none is a line of sets 22 to 27). The rules alone are asserted, so
each test fails if its rule is taken out.
"""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

#: (danger, a twin that shares its words)
DANGER = [
    (
        "He'll be quiet today, his stepdad held him under the water in the bath for answering back",
        "He held her under the arms in the pool so she could float, lovely lesson",
    ),
    (
        "Can she have breakfast club? No electric or food since Friday, her mum's not been home "
        "since then and it's just her and her sister in the house",
        "It's just her and her sister in the house this morning while I pop to the chemist",
    ),
    (
        "He told his friend the railway bridge by the Co-op is the easy way out and he knows "
        "when nobody's watching",
        "We cross the railway bridge by the Co-op, it's the easy way round to school",
    ),
    (
        "Please ring me, a man came into the boys' tent in the night at camp and wouldn't leave",
        "A leader came into the boys' tent at night to check the zips, they thought it was great",
    ),
    (
        "His uncle was steaming drunk at the gate this morning with a baseball bat",
        "His uncle brought a baseball bat signed by the whole team to the fair, what a prize",
    ),
    # set 23
    (
        "cant find Leo anywhere at the park, he ran off an hour ago, police called",
        "The police called in to talk to Year 2 about road safety, they loved it",
    ),
    (
        "lol he spilled paint on the carpet so he's getting the belt when his stepdad's home",
        "He's getting the belt at karate on Saturday after his grading, so proud",
    ),
    # set 24
    (
        "Just so you know she's home on her own till late tonight as I'm on nights, she's 7 but "
        "she knows not to open the door",
        "She's home on her own till 5 on Thursdays, she's 15 and very sensible",
    ),
    (
        "He keeps saying he wishes he could just disappear forever so nobody has to deal with him",
        "I wish I could disappear to a beach for a week after this term 😂",
    ),
    (
        "She's sleeping at her nan's because her mum's boyfriend keeps coming into her room at "
        "night",
        "The cat keeps coming into her room at night and waking her, sorry she's tired",
    ),
    (
        "Sorry about his eye, he walked into a door again, that's the third time this month",
        "He walked into a door at soft play 😂 he's fine, just a little bump",
    ),
    (
        "Ring me please, she's got into my mum's tablets and she's really drowsy",
        "She got into my mum's make-up bag and came down looking like a clown 😂",
    ),
    (
        "We're away in Spain till Monday, the kids are fine at home on their own, the eldest is 9",
        "We're away in Spain till Monday, their nan is staying with them at home",
    ),
    (
        "Had another fall, can't see out of my left eye now, he says I'm just clumsy",
        "Can't see out of my left eye, conjunctivitis again, can someone else do pick up?",
    ),
    # set 24, the twins a review found the first rules took for danger
    (
        "My 6 year old is home alone till 9 tonight, she's 6 but sensible",
        "She's 8 and keeps asking if she can walk home on her own like her friends, what age "
        "does the school allow that?",
    ),
    (
        "She said she'd like to disappear forever so nobody has to look after her",
        "I wish these nits would just disappear forever 😩",
    ),
    (
        "Her step dad keeps coming into her room at night",
        "Since the thunderstorm my partner keeps going into his room at night to settle him",
    ),
    (
        "He took a load of my paracetamol, he's being sick",
        "He drank his medicine like a champ this morning",
    ),
    (
        "He's walked into a door again, that's the third bruise this month",
        "She walked into a door at the trampoline park, another great day out 😂",
    ),
    (
        "I'm abroad for two weeks, the children are home by themselves",
        "I'm away until Friday for work, the kids are at home with their dad so he'll do pick up",
    ),
    (
        "I had another fall and cannot see out of my left eye",
        "Sorry, I'm the clumsiest person alive, got an eye infection and can't see out of my left "
        "eye properly, grandad will collect",
    ),
    # set 25
    (
        "Lovely photos. I won't be here for the next trip, please look after my Jayden for me",
        "Lovely photos. I won't be here for the next trip as I'm on nights, please can his nan "
        "come instead?",
    ),
    (
        "Her stepdad gets handy with his fists when he's had a few, she's frightened to go home",
        "Her stepdad is very handy with tools, he's offered to fix the class bookshelf",
    ),
    (
        "Been standing on the bridge by the canal for ages thinking about it, sorry kids",
        "Been standing on the bridge by the canal for ages watching the ducks, thanks for the idea",
    ),
    (
        "Someone on Roblox keeps asking her to go on camera in the bath",
        "She loves being on camera in the school play, she's a natural",
    ),
    (
        "Her dad put her mum in hospital last night and he's still at the house",
        "Sorry she's late, the flu put her mum in hospital last night so grandad is bringing her",
    ),
    (
        "His football coach keeps him behind in the changing rooms on his own every week",
        "His football coach keeps him behind after training to practise penalties, he loves it",
    ),
    (
        "Our foster son has disclosed something about his uncle, please ring me",
        "Have you disclosed his allergy on the trip form? The office asked me to check",
    ),
    # set 26
    (
        "He broke the telly and said next time it'll be my head",
        "We lost the quiz again, next time it'll be your turn to pick the team name 😂",
    ),
    (
        "Her lip is still swollen, he says he's sorry this time",
        "Her lip is still swollen from the dentist, she says sorry for the mumbling",
    ),
    (
        "Her stepdad got the knife out again last night, we're fine now",
        "He got the cake out again after tea, third slice 😂",
    ),
    (
        "Bruises on her upper arm, she said the dog did it. We don't have a dog",
        "She said the dog ate her homework. We don't have a dog 😂",
    ),
    (
        "His new friend from Roblox is 41 and keeps sending him gift cards",
        "His new friend from Roblox is 9 and lives in Leeds, they play every Saturday",
    ),
    (
        "Można pisać tutaj? Mąż wyciągnął nóż i krzyczał, boję się dziś wracać do domu",
        "Dzieci bardzo się bały w nawiedzonym domu na festynie, ale było super",
    ),
    # set 27: an overdose of pills counted; a girl taken abroad "for her cutting"; violence
    # blamed on the one hurt; a gun pointed at a mother; an ex who has found the family
    (
        "He's had like 12 of his nan's tablets out the blister pack, says he feels dizzy",
        "He's had 2 of his nan's tablets for his headache, says he feels much better",
    ),
    (
        "Her aunties are taking Amina to Somalia in the summer for her cutting",
        "Her aunties are taking Amina to Somalia in the summer, she's great at cutting and "
        "sticking so she's making them cards",
    ),
    (
        "Black eye, yes. He said it was my own fault for mouthing off",
        "Black eye from a football, he said it was his own fault for not ducking 😂",
    ),
    (
        "Mikey says his dad pointed the shotgun at his mam last night",
        "Mikey says his dad pointed the water gun at his mam last night, soaked 😂",
    ),
    (
        "My ex has tracked down where we live now, please don't give anyone our address",
        "My ex has moved house, where we live hasn't changed, please update the contact form",
    ),
]


@pytest.mark.parametrize(("danger", "twin"), DANGER)
@pytest.mark.parametrize("context", [DM, STORY], ids=["dm", "story"])
def test_danger_is_urgent_to_the_word_rules_and_its_twin_is_not(
    danger: str, twin: str, context: JudgeContext
) -> None:
    assert judge(danger, context, learned=False).label is Label.URGENT
    assert judge(twin, context, learned=False).label is not Label.URGENT


#: (danger, an ordinary line sets 25 and 26 showed the older rules took for danger)
ORDINARY = [
    (
        "I can't go on, they'd be better off without me",
        "The link shut before payday so now she can't go on the trip",
    ),
    (
        "He told her not to tell me about their special game",
        "Nice of you to find time for the hamster but not to tell me my son was sent to the head",
    ),
    ("My son has gone missing from the park, please help", "Shame if he went missing, that cat"),
    # and the twins a review found the first rules after set 25 took for danger
    ("I can't go on any longer, I'm so sorry", "She can't go on Wednesday as she has the dentist"),
    (
        "I won't be around to see her grow up, please look after her for me",
        "I won't be around for the next few weeks as I'm having my op, please look after her for "
        "me",
    ),
    (
        "My ex put me in hospital last night, the kids saw it",
        "My mum's covid put my dad in hospital so nan is doing pick up this week",
    ),
    (
        "She's disclosed something about her stepdad, can you call me",
        "They disclosed things like his medication on the admissions form already",
    ),
    (
        "Sat on the bridge thinking of jumping",
        "Been sat on the edge of the bed all night thinking about it, should we move her to the "
        "other class?",
    ),
    (
        "Someone keeps asking her to go on camera in the bath",
        "She goes on FaceTime in her pyjamas every night to say goodnight to her nan",
    ),
    (
        "Eles estão melhor sem mim, desculpem",
        "A peça de teatro vai ficar melhor sem mim a cantar 😂",
    ),
    (
        "Dėdė liečia ją ten, kur nereikia",
        "Mano sūnus liečia ten, kur nereikia – visus mygtukus muziejuje 😂",
    ),
    (
        "Він вимагав голі фото від моєї доньки",
        "Будь ласка, не публікуйте фото без одягу з басейну, навіть дітей",
    ),
    (
        "اس نے بچوں کو کمرے میں بند کر دیا ہے",
        "برف نے ہمیں گھر میں بند کر دیا، آج اسکول نہیں آ سکیں گے",
    ),
    (
        "Δεν αντέχω άλλο. Πήρα όλα τα χάπια που είχα",
        "Δεν αντέχω άλλο αυτόν τον πονοκέφαλο, πήρα τα χάπια που μου έδωσε ο γιατρός",
    ),
    # set 26: "sleeping in" his bed with a new book, the "sheer violence" of a tug of war
    (
        "He's been sleeping in the shed for days, his mum won't let him in",
        "The signed book is now sleeping in his bed with him, next to the teddy",
    ),
    (
        "There's been violence at home again, please ring me",
        "The sheer violence of that tug of war 😂 absolute warriors",
    ),
    # and the twins a review found the first rules after set 26 took for danger
    (
        "He broke the door and said next time it'll be my head.",
        "Next time it'll be my head on the block if I forget the PE kit again 😂",
    ),
    (
        "Her eye is still black. He says he's sorry this time",
        "Her lip is still swollen from the scooter, she says she's sorry she didn't listen",
    ),
    (
        "He had the bread knife out again last night after the pub",
        "I've got the bread knife out again to make sandwiches for the trip",
    ),
    (
        "Cuts on her arm, she said the cat did it. We don't have a cat",
        "A scratch on her arm, she said the cat next door did it. We don't have a cat but they do",
    ),
    (
        "A man on Roblox who says he's 30 keeps messaging him",
        "He plays Minecraft with his cousin who's 19 at weekends",
    ),
    (
        "Ojczym wyciągnął nóż przy dzieciach",
        "Tata wyciągnął nóż do chleba i pokroił ciasto na urodziny Zosi",
    ),
    (
        "Un hombre le pide fotos y que no me lo cuente",
        "Le he dicho a Lucía que no se lo cuente a nadie, es una sorpresa para su padre",
    ),
    (
        "He's been sleeping in the car for three nights, his mum's gone",
        "They're sleeping in the car on the way to Cornwall so may be late back Monday",
    ),
    # set 27: hungry after small school dinners is a complaint about them; the children's
    # cards taken into a prison chapel are not children taken
    (
        "She's starving, there's no food in the house and her mum hasn't been back since Friday",
        "She's been coming home starving since they changed the dinner portions",
    ),
    (
        "He's coming to get the kids from school and he's not allowed, there's a court order",
        "I'm taking the children's paintings to the prison where I volunteer, they'll love them",
    ),
]


@pytest.mark.parametrize(("danger", "ordinary"), ORDINARY)
def test_ordinary_lines_the_sets_showed_are_not_danger(danger: str, ordinary: str) -> None:
    assert judge(danger, DM, learned=False).label is Label.URGENT
    assert judge(ordinary, DM, learned=False).label is not Label.URGENT


def test_feeling_much_better_compares_no_children() -> None:
    compared = judge("Ruby's writing is miles better than the others'", STORY, learned=False)
    assert compared.label is Label.COMPARISON
    smile = "Seeing her smile in this photo made me feel so much better 🐰"
    felt = judge(smile, STORY, learned=False)
    assert felt.outcome is Outcome.KEEP, felt


def test_nothing_official_yet_is_a_warning_and_its_twin_is_not() -> None:
    """Said of no one in particular, the warning is hostile (paused), not abuse of the teacher."""
    warning = judge("Nothing official has been said... yet.", DM, learned=False)
    assert warning.label is Label.NEGATIVE and warning.reasons[0] == "veiled threat", warning
    twin = "Nothing official has been said yet about the trip, do you know if it's going ahead?"
    assert judge(twin, DM, learned=False).label is Label.OK


#: (a threat to the teacher, a twin that shares its words)
THREATS = [
    (
        "Looked up your address btw, lovely street. Might pop round to discuss the detention x",
        "Our address has changed, I'll pop round with the new form tomorrow",
    ),
    (
        "Keep her in at break again and I'll be round your house with lighter fluid, only joking",
        "Happy to drop the lighter fluid for the bonfire stall round to school tomorrow",
    ),
    # set 23
    (
        "jk but if he's not in the team ill be waitin by ur car with a brick 😂",
        "Left the costume bag by ur car with a note, hope that's ok",
    ),
    # set 24
    (
        "Give him another detention and I'm coming round yours with a baseball bat, only joking 😂",
        "I'm coming round yours with a casserole after your op, no arguments x",
    ),
    (
        "Karma has a long memory, Miss. Have a nice weekend x",
        "Karma's a funny thing, well done him",
    ),
    (
        "Parents talk, and a few lads round here have nothing to do of an evening",
        "The lads have nothing to do of an evening since the youth club shut, any clubs?",
    ),
    (
        "Whether it happened or not won't matter once I've put it on Facebook",
        "Whether it happened or not, could you check with the dinner staff?",
    ),
    (
        "I saw your two kids at the park on Sunday. Have a good think about his report.",
        "I saw your little girl at the park on Sunday, she's got so big! Have a lovely week",
    ),
    # and the twins a review found the first rules took for threats
    (
        "I know some lads with nothing better to do who'd love to visit you.",
        "Some lads with nothing to do were hanging round the school gates at pick up again, could "
        "someone let the police know?",
    ),
    (
        "Whether it's true or not doesn't matter, people will believe it.",
        "Whether it happened or not doesn't really matter now, Jack has apologised and they're "
        "friends again 😊",
    ),
    (
        "I'll come round to yours with a shovel.",
        "I'm coming round to yours with a big bag of hand-me-downs for the twins, is Saturday ok?",
    ),
    (
        "Karma has a very long memory, teacher.",
        "Karma has a long memory, as Oscar found out when his sister got him back 😂",
    ),
    (
        "I saw your kid at the park today. Think again about that detention.",
        "Saw your kids on the trip today, they looked so happy! Have a think about whether Year 2 "
        "could go next year too",
    ),
    # set 25
    (
        "Lovely spaniel you've got. Be a real shame if something happened to him",
        "Your kitten is adorable, be a shame if she got lost so get her microchipped",
    ),
    # and the twins a review found the first rules took for threats
    (
        "You can shove your reading records where the sun don't shine",
        "He said 'stick it up your arse' to the dinner lady, I'm mortified, he'll apologise",
    ),
    (
        "Be careful, I'd hate to accidentally reverse into your Audi",
        "No problem, I'll nip back to your car and grab the box of costumes",
    ),
    (
        "I'll go to the papers and tell them whatever I like, true or not",
        "Was it on the TV news that the teachers are striking? Just want to know whether or not "
        "it's accurate",
    ),
    ("You miserable old bag", "Silly old bat here forgot it was non-uniform day 🙈 sorry!"),
    # set 26
    (
        "Keep on at me about his uniform and I'll show you up in the playground, don't test me",
        "Ha, don't test me! I couldn't name a single one of those dinosaurs",
    ),
    (
        "Miss golden time again and I'll let your tyres down",
        "Someone was letting your tyres down? The caretaker said he saw kids by your car",
    ),
    (
        "Nice cat you've got on your wall every morning. Shame if he went missing",
        "Shame if he missed the trip because of his cough, can I send him anyway?",
    ),
    (
        "The papers would love this story, whether or not it's strictly true",
        "The local paper came to sports day, is it true the photos will be online?",
    ),
    (
        "Keep him off the team again and I might reverse into your Audi 😂",
        "So sorry, I think I reversed into your car in the car park, I'll leave my number",
    ),
    (
        "You can stick your detention up your arse",
        "Could you stick his name up on the board for the sponsored walk?",
    ),
    (
        "Tha's got a face like a slapped arse, tha miserable owd bag",
        "He came home with a face like thunder because he lost at football 😂",
    ),
    # set 27: reviews online held over the teacher; tyres "I'll be letting down"; the
    # teacher's address got from somewhere
    (
        "Funny how some teachers end up with terrible Google reviews. Just saying.",
        "We left the swimming pool some lovely Google reviews after the gala",
    ),
    (
        "Haha I'll be letting your tyres down if she's not Mary 😂",
        "Just to say your front tyre looks a bit flat, might want to check it 👍",
    ),
    (
        "Got your address off the class list. See you soon",
        "Got your email address from the office, hope that's ok to send his reading log",
    ),
]


@pytest.mark.parametrize(("threat", "twin"), THREATS)
def test_a_threat_to_the_teacher_is_abuse_and_its_twin_is_not(threat: str, twin: str) -> None:
    assert judge(threat, DM, learned=False).label is Label.ABUSIVE
    assert judge(twin, DM, learned=False).label is not Label.ABUSIVE


#: Insults and threats in other languages are diverted; kind words in the same languages are
#: not.
OTHER_LANGUAGES = [
    (
        "Rwyt ti'n hen ast, a dw i'n gwybod lle ti'n byw",
        "Diolch yn fawr am y daith, roedd hi'n hwyl",
    ),
    ("Siz tam bir ahmaksınız, o zaman görürsünüz", "Çok teşekkürler öğretmenim, harika bir gezi"),
    ("老师你真是没脑子，你自己看着办", "谢谢老师，孩子很喜欢这次郊游"),
    ("Jūs esate bjauri ir kvaila moteris", "Labai ačiū už nuostabią ekskursiją"),
    # set 23: Albanian, Hungarian, Polish, Turkish, Romanian
    ("Je një mësuese pa shpirt dhe pa mend", "Faleminderit shumë për ekskursionin, mësuese!"),
    ("Maga egy buta, gonosz nőszemély", "Köszönjük szépen a kirándulást, tanárnő!"),
    ("Jest pani wredną babą i tyle", "Dziękuję bardzo pani za wycieczkę!"),
    ("Siz öğretmen değil, zalimsiniz", "Çok teşekkürler öğretmenim!"),
    ("Sunteți o incompetentă și o mincinoasă", "Vă mulțumim frumos pentru excursie!"),
    # set 24: Lithuanian, Welsh, Russian, each beside a parent's own words that share its own
    # ("I'm a complete fool, I forgot the PE kit again"; "ring me if anything happens to him")
    ("Jūs esate niekam tikusi mokytoja", "Aš visiška kvailė, vėl pamiršau sportinę aprangą 😂"),
    (
        "Byddai'n biti mawr petai rhywbeth yn digwydd i'ch car",
        "Diolch yn fawr! Plîs ffoniwch fi petai rhywbeth yn digwydd iddo ar y trip.",
    ),
    ("У меня много знакомых, и не все они такие вежливые", "Спасибо большое за экскурсию"),
    # set 25: Turkish, Hungarian, Romanian, Polish, each beside ordinary words of its own
    (
        "Arabanızın plakasını not aldım, haberiniz olsun",
        "Arabanızın farları açık kalmış öğretmenim, haber vereyim dedim",
    ),
    ("Maga ostoba, szégyellje magát!", "Köszönjük a szép délutánt, tanárnő!"),
    ("Sunteți o nesimțită, scriu pe toate grupurile", "Mulțumim frumos, ne-a plăcut serbarea!"),
    (
        "Ładne autko. Szkoda by było, gdyby coś mu się w nocy stało",
        "Ładne autko, córka zawsze mówi, że pani ma najładniejsze auto na parkingu",
    ),
    # set 27: Turkish "you are a disgrace" and where the teacher parks; Tagalog insults
    ("Hocam, siz bir rezilsiniz", "Hocam, çok teşekkür ederiz, rezil oldum unuttuğum için 😅"),
    (
        "Sabahları nereye park ettiğinizi biliyorum, dikkat edin",
        "Sabahları nereye park ettiğinizi biliyorum, farlarınız açık kalmış",
    ),
    ("Ang kapal ng mukha mo, teacher", "Salamat po teacher, ang galing ng mga bata!"),
    ("Bwisit ka talaga, teacher", "Bwisit na traffic, teacher, late kami, pasensya po"),
]


@pytest.mark.parametrize(("hostile", "kind"), OTHER_LANGUAGES)
def test_hostile_words_in_other_languages_are_diverted_and_kind_ones_are_not(
    hostile: str, kind: str
) -> None:
    found = judge(hostile, DM, learned=False)
    assert found.label is Label.ABUSIVE and found.outcome is Outcome.REMOVE, found
    assert judge(kind, DM, learned=False).label is not Label.ABUSIVE


#: An insult aimed at the reader is a parent's own words unless the telling of what someone
#: said comes before it or in its sentence: a "says" later in the message (set 26's "my
#: boyfriend says he'll be at pick up") does not make it a report.
TOLD_AFTER = [
    (
        "Nobody at the gate rates you. You're a useless excuse for a teacher. My brother says "
        "he'll be there at three to talk to you",
        "He came home in tears. A boy in Year 6 told him you're a useless excuse for a goalie",
    ),
    (
        "you're pathetic, honestly. my husband says the same",
        "Lily said a girl keeps telling her you're pathetic. Can you keep an eye out?",
    ),
]


@pytest.mark.parametrize(("own", "reported"), TOLD_AFTER)
def test_an_insult_told_before_a_later_says_is_abuse_and_a_reported_one_is_not(
    own: str, reported: str
) -> None:
    assert judge(own, DM, learned=False).label is Label.ABUSIVE
    assert judge(reported, DM, learned=False).label is not Label.ABUSIVE


def test_a_face_swelling_now_in_albanian_is_urgent_and_a_care_plan_is_not() -> None:
    for now in (
        "Ndihmë! Po i fryhet fytyra dhe merr frymë me vështirësi pas një biskote",
        "I fryhen buzët dhe nuk po merr frymë, ndihmë!",
    ):
        assert judge(now, STORY, learned=False).label is Label.URGENT
    for alone in (
        "Kur ka të ftohtë, merr frymë me vështirësi natën, por sot është mirë",
        "I fryhet fytyra pak kur qan, por tani është mirë, faleminderit",
        "Nëse i fryhet fytyra ose merr frymë me vështirësi, i jepni EpiPen-in",
    ):
        assert judge(alone, STORY, learned=False).label is not Label.URGENT


#: Ordinary lines a review wrote beside set 27's first rules, each of which they flagged:
#: (context, line, the label it must not be given).
SET_27_REVIEW = [
    (
        DM,
        "He's on antibiotics, had 6 tablets so far, 15 to go, so he needs one at lunchtime",
        Label.URGENT,
    ),
    (
        DM,
        "I've had about 10 paracetamol this week with this migraine lol, sorry I'm slow",
        Label.URGENT,
    ),
    (
        DM,
        "Her nan's cutting her hair back home in Somalia this summer, she's very excited",
        Label.URGENT,
    ),
    (
        DM,
        "The left-handed scissors are for her cutting, her mum bought them specially x",
        Label.URGENT,
    ),
    (
        DM,
        "Got booked at Sunday league, he says it was my own fault for answering back to the ref",
        Label.URGENT,
    ),
    (
        DM,
        "In Fortnite someone pointed a shotgun at him and he cried, so the Xbox is off him",
        Label.URGENT,
    ),
    (
        DM,
        "Don't worry, my ex knows where we live now so he can collect her on Wednesdays",
        Label.URGENT,
    ),
    (STORY, "He's always starving after swimming 😂 great pics", Label.URGENT),
    (
        DM,
        "I'll be taking the kids' scooters, is there anywhere to leave them? Not allowed in",
        Label.URGENT,
    ),
    (
        DM,
        "Left you a lovely google review for the after school club, just saying thank you 😊",
        Label.ABUSIVE,
    ),
    (
        DM,
        "I'd never let your tyres down, I promise it wasn't my boys, they were with me",
        Label.ABUSIVE,
    ),
    (DM, "Got your address book handy? My new number is 07700 900123", Label.ABUSIVE),
    (
        DM,
        "Servis şoförü rezil bir adam, çocuklara bağırıyor, lütfen okul yönetimine iletin",
        Label.ABUSIVE,
    ),
    (DM, 'Tinawag siyang "bwisit ka" ng kaklase niya sa playground, pakitingnan po', Label.ABUSIVE),
]


@pytest.mark.parametrize(("context", "line", "not_given"), SET_27_REVIEW)
def test_ordinary_lines_the_review_of_set_27s_rules_wrote_are_not_flagged(
    context: JudgeContext, line: str, not_given: Label
) -> None:
    assert judge(line, context, learned=False).label is not not_given
