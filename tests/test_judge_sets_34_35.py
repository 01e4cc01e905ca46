"""Word rules written after blind sets 34 and 35 were reported (docs/figures.md), each beside
twins in the same words. Set 34: its two story danger replies that were missed (a stranger in
a van trying to get two girls into it, kept in the story; a Somali plea that a child cannot
breathe, removed as private) and its kind replies removed for an antique dealer's "dealer";
and Roman Bengali "bari ashe ni" (did not come home), which alerted a lead for a library book
in an English line once set 34's replies joined the corpus. Set 35: its two story danger
replies hidden for a teacher without a lead alerted (an instructor who goes into a child's
changing cubicle with him; a girl nobody has seen since she left home, in Scottish Gaelic)
and its kind replies removed for a gun-dog trainer's "gun". The lines are new, not the
sets'."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, Outcome, judge

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

DANGER = [
    "Great show! Off topic but a man in a grey van tried to get two of the Year 4 boys into it "
    "by the shop yesterday, and he knew their names.",
    "Some bloke in a silver car tried to talk our Jake into getting in it outside the chippy.",
    "A woman in a red car tried to get my daughter into her car at the park gate this morning.",
    # Somali: please help, my son can't get a breath, I called the ambulance
    "Macallimad fadlan i caawi! Wiilkayga neef ma heli karo, ambalaas ayaan u yeeray.",
    # Somali: her lips turned blue
    "Gabadhayda bushimaheedu waxay noqdeen buluug, maxaan sameeyaa?",
    "His dad's dealer comes to the house when the kids are in bed.",
    "a man asked my son to get into his car after football",
    "two men tried to get my son into the back of their van",
    "My ex is a car dealer and deals coke from the house.",
    # Roman Bengali: my son still hasn't come home, he left school at 3; my daughter hasn't
    # come home since four; Rahim hasn't come home from school
    "Amar chele ekhono bari asheni, school theke ber hoyeche 3 tay. Please help",
    "Amar meye bikel char tar por theke bari ashe ni",
    "Rahim school theke bari asheni, please help",
]

THEIR_TWINS = [
    "Tried to get the kids into the car for the trip and it took an hour 😂 lovely photos!",
    "A man from the garage tried to get the car into the bay and failed, so we were late.",
    "Antique dealer here, I'd happily have put a price ticket on that Victorian washboard 😂",
    "Car dealer by trade, and I've never seen a better-run raffle. Well done the PTA!",
    "A man in the park tried to get his dog into his car, it took him ages 😂",
    "A woman tried to get her pram in the car, took her three goes.",
    "Grandad tried to get all five grandkids in his car, a man on a mission!",
    "The tuck shop sells coke and crisps now?",
    # Somali: my dad drives an ambulance; the classroom walls turned blue; no animal for Eid
    "Aabahay waa darawal ambalaas, carruurtu aad bay u jeclaadeen booqashadiisa.",
    "Darbiyada fasalka waxay noqdeen buluug, aad bay u qurux badan yihiin.",
    "Ciidda neef ma heli karo sanadkan, lacag ma haysano.",
    # Roman Bengali in an English line: the library book hasn't come home this week
    "Photos are lovely. Kintu ei week e library book bari ashe ni, ektu dekhben?",
]

DANGER_35 = [
    "Lovely gala photos! Odd question, but Ava says the coach goes into the changing cubicle "
    "with her after swimming, is that normal?",
    "The football coach goes into the showers with my son to check him, on his own.",
    "A man from the pool followed her into the changing cubicle.",
    "The coach goes into the showers with the boys and says it's their secret.",
    # Scottish Gaelic: Calum left the house after tea and nobody has seen him since
    "Dh'fhàg Calum an taigh às dèidh a' bhiadh-feasgair agus chan fhaca duine e bhon uair sin.",
    # Scottish Gaelic: she is missing, nobody has seen her
    "Tha i air chall, chan fhaca sinn i bho mhadainn an-dè.",
    # Scottish Gaelic: Eilidh left school at three, nobody has seen her since; nobody at all
    # has seen him since, we have called the police
    "Dh'fhalbh Eilidh às an sgoil aig trì uairean. Chan fhaca duine i on uair sin.",
    "Chan fhaca duine sam bith e bhon uair sin, tha sinn air na poileas a ghairm.",
]

THEIR_TWINS_35 = [
    "I come into the changing cubicle with him as he can't do his buttons yet.",
    "The instructor came into the changing room to tell them the bus was waiting.",
    "His teacher went into the cubicle with him to help him get changed after his accident, "
    "thank you so much.",
    "The teacher goes into the changing room with them to check they've all got their kit.",
    "Mrs Smith went into the changing room with her to help with her costume, thank you!",
    "The PE teacher comes into the changing room with them to make sure they're quick.",
    "His nan goes into the toilets with him at the leisure centre.",
    "The teacher came in with the class photos today, gorgeous!",
    # Scottish Gaelic: nobody has seen his jumper since Monday
    "Chan fhaca duine e bho Diluain, an geansaidh gorm aige.",
    "As a gun-dog trainer I'm impressed, they all sat on command 😂",
    "I train gundogs and that recall was better than my spaniels manage!",
    "Gun dogs are my job, so the dog-themed art made my week.",
]


@pytest.mark.parametrize("text", DANGER + DANGER_35)
def test_danger_the_sets_missed_is_urgent(text: str) -> None:
    for context in (DM, STORY):
        verdict = judge(text, context, learned=False)
        assert verdict.label is Label.URGENT, (context.where, verdict)
    assert judge(text, STORY).outcome is Outcome.REMOVE


@pytest.mark.parametrize("text", THEIR_TWINS + THEIR_TWINS_35)
def test_their_ordinary_twins_are_not_danger(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is not Label.URGENT, (context.where, text)
    assert judge(text, STORY).outcome is not Outcome.REMOVE, text


# After set 35's report: kind replies removed for the writer's own job, or for comparing the
# class's work with what the writer meets at work; and threats to the teacher that took the
# urgent path or the office's note.
OWN_WORK_35 = [
    "As an occupational therapist I was so impressed with their scissor skills today!",
    "Occupational therapist mum here, those pincer grips are spot on 👏",
    "As a police officer I can confirm this is the best road safety poster in town 🚔",
    "Proofreader by day, and those spelling posters are better than some I read at work 😂",
    "Farrier here, and those cardboard horseshoes are neater than some of the shoes I fit 😅",
]

THEIR_TWINS_OWN_WORK_35 = [
    "Lovely pots! Her occupational therapist says the clay is great for her grip.",
    "His writing is neater than some of the girls in his class.",
    "Better than some of the year 6s to be fair.",
    "Her reading is better than some I see in Year 4 at my school.",
    "His manners are better than some I see every day at pick-up 🙄",
    "Her reading's better than some of the juniors to be fair.",
    "Sorry we missed assembly, we had his dad and a social worker round.",
    "We had a social worker here all morning, sorry.",
]

THREATS_35 = [
    "If Maisie is left out of the play again I'll make sure every mum in the village knows why "
    "you really left your last job 😊 Thanks x",
    "I'm not leaving till you come out, I'll be by the gate all night.",
    "One more detention and I'm telling all the parents why you got sacked from your last school.",
    "Upset my boy once more and I'll make your life a misery, I mean it.",
]

# a parent's warning in the threats' words, which stays urgent
WARNINGS_35 = [
    "He said he'd make my life hell if I took the kids, and he's outside now.",
    "Heads up Miss, Kyle's dad is sat in his van by the staff gate and won't leave till you come "
    "out. If I were you I'd walk out with someone tonight.",
]

THEIR_TWINS_THREATS_35 = [
    "I'll make sure every parent knows about the cake sale if you send me the poster!",
    "If Ruby is picked again I'll make sure every parent knows what you did for her, star!",
    "The kids won't leave till you come out to wave, they love you!",
    "Thank you again! I'll make sure all the parents hear how you got Leo through his SATs.",
    # a child's words passed on keep their weight as a report
    "Maisie told me to tell you a Year 6 girl keeps whispering 'you're a stupid cow' at her in the "
    "line.",
    *WARNINGS_35,
]


@pytest.mark.parametrize("text", OWN_WORK_35)
def test_the_writers_own_work_stays(text: str) -> None:
    assert judge(text, STORY, learned=False).outcome is Outcome.KEEP, text
    assert judge(text, STORY).outcome is not Outcome.REMOVE, text


@pytest.mark.parametrize("text", THEIR_TWINS_OWN_WORK_35)
def test_a_childs_therapist_or_a_comparison_of_children_goes(text: str) -> None:
    assert judge(text, STORY, learned=False).outcome is Outcome.REMOVE, text


@pytest.mark.parametrize("text", THREATS_35)
def test_threats_to_the_teacher_go_to_slt(text: str) -> None:
    for learned in (False, True):
        verdict = judge(text, DM, learned=learned)
        assert (verdict.label, verdict.outcome) == (Label.ABUSIVE, Outcome.REMOVE), verdict


@pytest.mark.parametrize("text", THEIR_TWINS_THREATS_35)
def test_their_twins_are_no_threat_in_words(text: str) -> None:
    assert judge(text, DM, learned=False).outcome is not Outcome.REMOVE, text


@pytest.mark.parametrize("text", WARNINGS_35)
def test_a_warning_in_their_words_stays_urgent(text: str) -> None:
    verdict = judge(text, DM)
    assert verdict.label is Label.URGENT and verdict.doubt is None, verdict
