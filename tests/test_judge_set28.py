"""Word rules written after blind set 28 was reported (docs/figures.md): danger and a threat
it missed, each beside ordinary twins that share its words. The lines are new, not set 28's."""

from __future__ import annotations

import pytest

from bot.judge import JudgeContext, Label, judge
from handlers.relay import Route, route

DM = JudgeContext(where="dm")
STORY = JudgeContext(where="story")

DANGER = [
    # secret touching that hurts, told after thanks
    "Thanks for the lovely harvest assembly! Also Mia says her step-grandad plays 'secret "
    "tickles' when she stays over and it hurts, she's crying about going on Saturday.",
    # the belt as a punishment
    "If she loses another reading book he'll lose it, he's warned her, last time it was the belt",
    "Her dad took his belt to her on Sunday because she spilt her juice",
    # the one the family fled has found them
    "Please don't post Ava's photo again. Her father is not meant to know where we live and he "
    "was parked outside the flat last night.",
    # a child threatened at home, and hurt
    "My son says Kai's mum told him she'd break his arm if he cried again, and he had bruises "
    "on his wrist at football.",
    # young children home alone
    "Can't make the play, the two little ones are home on their own while I'm at work but they "
    "know not to answer the door lol",
]

ORDINARY = [
    "We played the tickle monster game at bedtime and he laughed so hard he got hiccups",
    "Secret Santa at the staff do sounds like carnage, hope you all survived!",
    "He finally got his yellow belt at karate, last time it was the white belt and he cried",
    "The belt on his trousers broke in PE, can he borrow one from lost property?",
    "We're settled now and happy here. His dad is not meant to know where we live, so please "
    "no photos of Sam on the class page. Thank you.",
    "Grandad said he'd break his legs running that fast, he was flying in the sack race!",
    "PC Shah taught them they know not to answer the door to strangers, brilliant visit",
]

THREAT = (
    "lol no offence miss but next time Kayden gets a red card I'll come in and discuss it in "
    "the car park 😂 only joking... unless?"
)

NOT_THREATS = [
    "Only joking, unless you fancy running the cake stall next year 😂",
    "Ha, he says he's the best footballer in the school. Only joking! Thanks for coaching him",
]


@pytest.mark.parametrize("text", DANGER)
def test_danger_set_28_missed_is_urgent(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context).label is Label.URGENT, (context.where, text)


@pytest.mark.parametrize("text", ORDINARY)
def test_their_ordinary_twins_are_not_danger(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is not Label.URGENT, (context.where, text)


def test_a_visit_in_the_car_park_only_joking_unless_goes_to_slt() -> None:
    assert route(judge(THREAT, DM)) is Route.DIVERT


@pytest.mark.parametrize("text", NOT_THREATS)
def test_a_joke_taken_back_with_no_visit_is_delivered(text: str) -> None:
    assert route(judge(text, DM)) is Route.DELIVER


#: A read-only review's lines (2026-12-01), written beside the first version of these rules,
#: which made 18 of its 30 ordinary lines danger or threats; the rules were narrowed after it.
REVIEW_DANGER = [
    "Mum's boyfriend does secret tickles on her at night and she says it hurts and she's "
    "not to tell",
    "Lily told me her uncle plays the secret game in her bedroom and she mustn't tell mummy",
    "She said it's their special secret cuddles when mum's at work and he said she'd get "
    "in trouble if she told",
    "He told the teacher step-dad gives him secret kisses in the bath and it makes him feel funny",
    "Last time it was the belt, this time he says it'll be worse. Please don't send him "
    "home with his dad",
    "Her dad hit her with his belt again last night, there are marks on her legs",
    "He takes the belt off to the boys when they're naughty, I can't stop him",
    "The belt came out again last night, Leo has welts on his back, I don't know what to do",
    "He whipped her with the belt buckle, I'm scared to send her in tomorrow",
    "Her dad found out where we live, his van was parked outside this morning, he's not "
    "meant to know",
    "He isn't supposed to know where we are but he's been outside the school gates, "
    "please don't let him take Amir",
    "My ex has tracked us down, we left the refuge last month, he's waiting at the end of the road",
    "He's not allowed to know our address but his car was outside the flat last night",
    "Her dad said he'd break her arm if she told anyone, she's got bruises on her arm",
    "He said he'd snap his neck next time, Ty came to me with a black eye",
    "My partner told him he would break his fingers, he's covered in bruises",
    "He threatened to break his legs and then hit him with the remote, he's terrified",
    "They know not to answer the door, I'm on nights so they're on their own till 8",
    "The little ones know not to open the door, I'm working a double so they're home "
    "alone all evening",
    "She's 6 and knows not to answer the door when I'm out at the pub",
    "The kids will be fine on their own this week, they know not to let anyone in while "
    "I'm at work",
    "Secret tickle game with daddy at bedtime hurts her bottom she says",
    "Dad said it's our secret, the tickling, and if I tell he'll hurt mummy",
]

REVIEW_THREATS = [
    "Only joking... unless I see you in the car park at 3",
    "Just kidding, unless you want me to come in and sort you out myself",
    "I'll be waiting for you after school. Only joking. Unless you keep picking on my son",
    "lol jk unless you don't fix this by Friday, I know where you park",
    "Only joking x unless you want to discuss it face to face outside the gate",
    "Only kidding! Unless you keep him in at lunch again, then we'll see who's laughing "
    "when I catch you outside",
    "Joking obviously, unless I have to come down there, then it won't be a joke",
]

REVIEW_ORDINARY = [
    "We play secret tickles at bedtime with his teddy, it's a game from the Julia "
    "Donaldson book, he giggles so much",
    "The class made up secret games at playtime, she cries when she's not allowed to play "
    "them though",
    "Secret kisses for mummy at the school gate because he doesn't want his friends to "
    "see, so sweet",
    "Last time it was the belt for his karate grading, this time he gets the green belt, so proud!",
    "He took his belt to her grading to show the sensei, he's only got the yellow one",
    "Next time it'll be the black belt he says! Taekwondo is the best thing we did",
    "Can you check lost property, he took his belt to school for PE and came home without "
    "it, it's navy",
    "Dad used his belt on the tent pegs when the mallet broke, the kids thought it was hilarious",
    "Her father isn't allowed to know where we live, we're safe and happy now, she's "
    "waiting for the panto trip so excited",
    "Grandad said he'd break his legs if he went on the trampoline again, he was only "
    "joking, got a bruise from football mind",
    "My brother threatened to break his neck when he pinched the last Yorkshire pudding, "
    "he's a bit scared of his uncle's bad jokes lol",
    "Coach said he'd break his legs in half with that tackle, joking, just a bruised knee",
    "She knows not to answer the door when the PCSO visited they talked about strangers, "
    "she's home with me",
    "The children know not to answer the door when they're at home with their nan, she's "
    "deaf and can't hear it",
    "After the assembly on stranger danger Ollie knows not to answer the door at home "
    "unless I'm there",
    "He knows not to answer the door while I'm in the shower, we've practised it",
    "Only joking, unless you fancy coming in to help with the cake stall after school!",
    "Can we have a word at home time about the reading scheme? Only kidding unless you're "
    "busy, a quick email is fine",
    "jk unless you actually want to discuss the World Book Day costume, it's a giant cabbage",
    "Just kidding, unless the head wants to come in and judge the bake off too!",
    "He's been playing Secret Games on the Switch all night and won't go to bed, please "
    "set more homework",
    "Secret Santa at bedtime tonight is the class game, she doesn't want to tell anyone "
    "who she got",
    "Ha he said this time it was the belt that lost the fight, his trousers fell down in "
    "the nativity",
    "Don't tell Mrs Khan but it's a secret tickle fight every night at ours, he's the "
    "tickle monster",
    "Outside the hall after school is where we'll see you for the leavers' photo, no "
    "secret it's a surprise",
    "Our dog knows not to answer the door lol, he just barks at the postman while I'm at work",
]


@pytest.mark.parametrize("text", REVIEW_DANGER)
def test_the_review_s_danger_is_urgent_to_the_word_rules(text: str) -> None:
    for context in (DM, STORY):
        assert judge(text, context, learned=False).label is Label.URGENT, (context.where, text)


@pytest.mark.parametrize("text", REVIEW_THREATS)
def test_the_review_s_threats_go_to_slt(text: str) -> None:
    assert route(judge(text, DM, learned=False)) is Route.DIVERT


@pytest.mark.parametrize("text", REVIEW_ORDINARY)
def test_the_review_s_ordinary_lines_are_neither_danger_nor_threats(text: str) -> None:
    for context in (DM, STORY):
        verdict = judge(text, context, learned=False)
        assert verdict.label is not Label.URGENT, (context.where, text)
    assert route(judge(text, DM, learned=False)) is not Route.DIVERT
