"""Phrase rules for the message judge: the shapes of sarcasm, criticism, complaints,
comparisons and abuse, and the British idioms read plainly before any rule runs.

Each rule is `(regular expression, weight, reason)`. The expression is searched in the
judge's normalised text: lower case, emoji removed, confusables folded, text-speak expanded
("u" -> "you", "dont" -> "don't"), pupils' names replaced by `pupilname` (or `ownchild` for
the writer's own children) and staff names and titles by `teacher`. The weight is evidence
for the rule's label (the judge acts at 2.0 and asks a teacher from 0.8); the reason is what a
teacher reads. Rules describe general phrasing, never one message.
"""

from __future__ import annotations

Rule = tuple[str, float, str]

#: Sarcasm and scorn (negative).
SARCASM: tuple[Rule, ...] = (
    (
        r"\boh (?:great|brilliant|lovely|fab|fantastic|wonderful|joy|perfect|good|super)\b",
        1.3,
        "sarcasm ('oh great')",
    ),
    (
        r"\b(?:great|brilliant|perfect|lovely|fab),? just (?:great|brilliant|perfect|lovely)\b",
        1.8,
        "sarcasm ('great, just great')",
    ),
    (r"\byeah,? (?:right|brilliant|great|sure|lovely)\b", 1.3, "sarcasm ('yeah right')"),
    (r"\bthanks (?:a lot|a bunch|for nothing)\W*$", 1.5, "sarcastic thanks"),
    (r"\bthanks for nothing\b", 1.8, "sarcastic thanks"),
    (r"\bas if\b", 1.0, "scorn ('as if')"),
    (r"\bsure,? because\b", 1.4, "sarcasm ('sure, because')"),
    (r"\bthat's (?:just |exactly )?what we (?:all )?need\b", 1.4, "sarcasm"),
    (
        r"\bwow,? so (?:educational|helpful|useful|organised|original|fun|productive)\b",
        1.6,
        "sarcasm ('wow so …')",
    ),
    (r"\b(?:money to burn|made of money|money trees?)\b", 1.2, "complains of cost"),
    (
        r"\b(?:great|brilliant|lovely|fab|fantastic|perfect|oh good|wonderful),? another\b",
        1.6,
        "sarcasm ('great, another …')",
    ),
    # praise for the staff managing the least of it: "they've finally worked out how to hold
    # a camera straight" (a child who "finally managed to ride her bike" is pride)
    (
        r"\b(?:they've|they have|they|you've|you have|you|someone's|someone has|somebody's|"
        r"staff have|the staff have|school has|the school has|teachers have|the teachers have|"
        r"school's|office has|the office has|they've all) finally (?:worked out|figured out|"
        r"managed|learnt|learned|remembered|realised|realized|got round|discovered|found out)\b",
        2.2,
        "sarcasm ('they've finally worked out how to …')",
    ),
    (
        r"\bif (?:you|ye|ya|yer) squint\b|\bif (?:you|ye|ya) (?:like|enjoy|fancy|are into) "
        r"watch(?:ing|in'?) (?:paint|grass) (?:dry|grow)\b|\bif (?:you're|ye're|your) into "
        r"watch(?:ing|in'?) (?:paint|grass) (?:dry|grow)\b|\b(?:as (?:exciting|fun|interesting)"
        r" as|like) watch(?:ing|in'?) (?:paint|grass) (?:dry|grow)\b(?! but| and (?:it|they) "
        r"(?:was|were)n't)",
        2.2,
        "sarcasm ('if you squint', 'watching paint dry')",
    ),
    # a pause before faint praise: "Very... homemade", "How quaint"
    (
        r"\b(?:very|so|quite|rather|really|how|certainly|definitely|um+|erm+)(?:\.{2,}|…) ?"
        r"(?:homemade|home-made|rustic|quaint|interesting|unique|different|brave|creative|"
        r"original|colourful|ambitious|bold|busy|loud|cosy|er|um|something)\b",
        1.8,
        "faint praise ('very… homemade')",
    ),
    (r"\bhow (?:very )?quaint\b", 1.4, "faint praise ('how quaint')"),
    (
        r"\bfound (?:the )?time (?:for|to) (?:\w+ ){1,5}(?:between|in between|amid|among|around) "
        r"(?:all )?(?:the|those|these|their|your)\b",
        2.2,
        "sarcasm ('found time for … between all the …')",
    ),
    (
        r"\btrying (?:their|his|her|your) (?:very |level )?best,? (?:bless (?:them|'em),? )?"
        r"with what (?:they've|they have|they|she's|he's|you've) got\b|\b(?:doing|making) "
        r"(?:the )?(?:best|most) (?:they|she|he) can with what (?:they've|they have|she's|he's)"
        r" got\b",
        2.2,
        "faint praise ('trying their best with what they've got')",
    ),
    # scare quotes round what the school calls it: "the 'science'", Year 5 "choir" 😂
    (
        r"[\"'](?:art|science|science week|cooking|cookery|learning|learning through play|"
        r"teaching|education|homework|fun|performance|choir|singing|concert|forest school|"
        r"sports day|lesson|project|music|dance|effort)[\"'](?!\w)",
        2.0,
        "scare quotes ('the \"science\"')",
    ),
    # praise too grand for the thing, said flatly at the end: "Groundbreaking stuff 🙄",
    # "Riveting." (not "a riveting story, she read it twice")
    (
        r"\b(?:truly |how |so |very )?(?:groundbreaking|ground-breaking|riveting|"
        r"earth[- ]shattering)(?: stuff)?(?: as (?:always|ever|usual))?(?: (?:year \d|miss|sir|"
        r"teacher|everyone|guys|folks))?\s*(?:\.+|$)",
        2.0,
        "sarcasm ('groundbreaking stuff')",
    ),
    # a pause before a lukewarm last word: "Fair play, it was... fine." (not "it was fine,
    # she loved it")
    (
        r"(?:\.\.|…) ?(?:fine|adequate|passable)[ .!]*$",
        1.8,
        "faint praise ('it was… fine')",
    ),
    (
        r"(?<!i'm )(?<!i am )(?<!my )\bthe least (?:organised|organized|prepared|well[- ]run|"
        r"well[- ]planned|professional|inspiring|imaginative|tuneful|coordinated|"
        r"co-ordinated) [\w' ]{1,30}(?:in history|ever|of all time|i've ever seen|"
        r"in living memory)\b",
        2.2,
        "sarcasm ('the least organised … in history')",
    ),
)

#: Criticism of the school, its staff or its children (negative).
NEGATIVE: tuple[Rule, ...] = (
    (
        r"(?<!i'm )(?<!im )(?<!i am )(?<!we're )(?<!we are )(?<!us )\bnot the (?:brightest|"
        r"sharpest|cleverest|smartest) (?:bunch|lot|class|kids|crayons?|"
        r"tools?|bulbs?|year group|group|knives)\b",
        2.2,
        "calls the children dim",
    ),
    # mockery as a question or a correction: "is that meant to be a castle?", "who taught
    # them to dance, a fridge?", "that's not a show, that's a crowd standing there" (not
    # "was that meant to be on Thursday?", "who taught them to sing like that? Stunning!")
    (
        r"\b(?:is|was|are|were) (?:that|this|it|they|those|these|that one|the \w+) (?:meant|"
        r"supposed) (?:to|tae|ta) be (?:a|an|some) [\w' ]{1,25}(?: or (?:a|an|some) "
        r"[\w' ]{1,25})?\?",
        1.8,
        "mockery ('is that meant to be …?')",
    ),
    (
        r"\bwho (?:taught|trained|dressed|choreographed|coached|did (?:the|their)|made (?:the|"
        r"their)|painted|directed|picked|cut) (?:them|him|her|those|these|the \w+|their \w+)\b"
        r"[^.!?]{0,30}(?:, (?:a|an|some|the) [\w' ]{1,20}\?|\? (?:looks? like|proper state|"
        r"state of|what a state|they look like))",
        2.0,
        "mockery ('who dressed them, a …?')",
    ),
    (
        r"\b(?:that's|thats|that is|this is|it's|its) not (?:art|a play|a nativity|singing|"
        r"dancing|a costume|a volcano|a cake|science|football|music|acting|a dance|a show|a "
        r"model|a painting|a display|cooking|baking|a performance|a concert|sport|a choir|a "
        r"race),? (?:that's|thats|that is|it's|its|this is|more like|just) ",
        2.0,
        "mockery ('that's not art, that's …')",
    ),
    # faint praise taken back: "Gorgeous. Well, most of them" (not "most of them slept on
    # the coach"); daring to post it: "brave of the school to publish these" (not "brave of
    # them to sing on their own")
    (
        r"(?:\bwell,? most of them|\bmost of them,? anyway|\bmost of them at least)[ .!?]*$",
        1.6,
        "praise taken back ('well, most of them')",
    ),
    (
        r"\bbrave of (?:the school|school|you|you all|the teachers?|teacher) to (?:publish|post|"
        r"share|put|show)\b",
        2.2,
        "sarcasm ('brave of the school to post these')",
    ),
    # a comparison that mocks: "I've heard better singing from my washing machine"; a
    # staff member (or a child) who "looks like they'd rather be anywhere else", said of
    # someone else's (not "my lad looks like he'd rather be anywhere else 😂"); "got dressed
    # / made in the dark"
    (
        r"\b(?:i've|i have|we've|we have|i|we) (?:heard|seen) better (?:\w+ ){0,2}(?:from|"
        r"out of|on) (?:my|a|an|our) (?!(?:son|daughter|boy|girl|lad|lass|kids?|children|child|"
        r"little one|ownchild|pupilname)\b)",
        2.2,
        "mockery ('I've heard better … from my washing machine')",
    ),
    (
        r"(?:^|[.!?] ?)(?:(?!\b(?:my|ownchild|our|mine)\b)[^.!?])*\b(?:looks?|looking|looked) like "
        r"(?:he|she|they)(?:'d| would) rather be (?:anywhere|somewhere) else\b",
        2.2,
        "mockery ('looks like they'd rather be anywhere else')",
    ),
    (
        r"\b(?:dressed|made|put together|sewn|choreographed) in the dark\b",
        2.0,
        "mockery ('got dressed in the dark')",
    ),
    (
        r"\b(?:is|are|'s|'re) doing (?:a lot of|a lot o'|some) heavy lifting(?: there| here)?"
        r"\W*$",
        2.0,
        "sarcasm ('doing a lot of heavy lifting')",
    ),
    (r"\bwaste of (?:time|money|space|effort|a day|paper)\b", 2.0, "'waste of …'"),
    (
        r"\b(?:is|was|what|absolute|complete|total|utter|such) an? (?:absolute |complete |"
        r"total |utter )?joke\b|\bjoke of an? \w+|\bbeyond a joke\b|\blaughing stock\b",
        2.0,
        "calls it a joke",
    ),
    (
        r"\bwhat(?:'s| is| was)? the point\b|\bno point\b|\bthe point of (?:that|this|it)\b",
        1.6,
        "dismissive ('what is the point')",
    ),
    (
        r"(?:^|[.!?,] )(?:pf+t?|tsk|ugh|urgh|meh|smh|sigh|yawn|eye ?roll|\*eye ?roll\*)\b",
        1.0,
        "scornful noise ('pfft')",
    ),
    (
        r"\b(?:was|were|is|are|did|does|do|has|have) (?:the |they |it |anyone |someone )?"
        r"(?:\w+ )?even\b[^.!]*\?",
        1.0,
        "scornful question ('was it even …?')",
    ),
    (
        r"\b(?:couldn't|can't|could not|cannot) organi[sz]e\b|\bout of a paper bag\b|"
        r"\bpiss ?up in a brewery\b",
        1.8,
        "says staff are incompetent",
    ),
    (r"\bno wonder\b", 1.4, "'no wonder'"),
    (
        r"\b(?:doesn't|don't|didn't|does not|do not) (?:even |seem to |really )?care\b|"
        r"\bcouldn't care less\b|\bcan't be bothered\b",
        1.6,
        "says staff don't care",
    ),
    (
        r"\bsort (?:it|her|his|their|this|them|the|yourselves|themselves)\b.{0,20}\bout\b",
        1.4,
        "tells staff to 'sort it out'",
    ),
    (
        r"\b(?:learn|learns|learnt|learned|learning|taught) (?:nothing|anything)\b",
        1.4,
        "says the children learn nothing",
    ),
    (
        r"\b(?:why|reason) (?:i|we) (?:moved|took|pulled)\b|\bmov(?:ed|ing) \w+ to another "
        r"school\b",
        1.6,
        "says they left the school",
    ),
    (r"\bwhat the (?:hell|heck|hell's|fuck|f)\b|\bwhat on earth\b", 1.2, "'what the hell'"),
    (
        r"\b(?:do|can|does) (?:you|they|she|he) even\b|\bwhat do (?:we|i|you) (?:even )?"
        r"(?:pay|bother)\b",
        1.3,
        "scornful question",
    ),
    (
        r"\bmaybe if (?:they|you|the school|staff|the teachers?|someone)\b",
        1.2,
        "says staff should do better",
    ),
    (r"\bimagine (?:thinking|believing|calling|posting)\b|\boh look\b", 1.0, "sarcasm"),
    (
        r"\b(?:do|does|did|are|is|can) (?:the )?(?:teachers?|staff|school|office|you|anyone) "
        r"(?:actually|even|ever)\b",
        1.2,
        "doubts staff do their job",
    ),
    (
        r"\bthe state of (?:that|this|it|them|those|these|the)\b",
        1.3,
        "derision ('the state of that')",
    ),
    (r"^seriously\W", 0.8, "exasperation"),
    (r"\b(?:typical|as usual|as always|every single (?:time|day|week))\b", 0.6, "'as usual'"),
    (r"\b(?:this|the|your|that) (?:school|place|lot)\b", 0.3, "about the school"),
    (r"(?:^|[.!?,] )another\b", 0.7, "'another …'"),
    (r"\bkeep (?:him|her|them|that \w+) away from (?:my|our)\b", 1.8, "wants a child kept away"),
    (
        r"\b(?:i )?can't believe (?:you|they|they're|they are|the school|we're|we are|we have|"
        r"it's|there's)\b",
        1.0,
        "exasperation",
    ),
    (r"\bcan't believe we're paying\b|\bpaying for this\b", 1.0, "complains of cost"),
)

#: The shape of a complaint that belongs with the office.
COMPLAINT: tuple[Rule, ...] = (
    # after set 27's report: a child "coming home starving" from small school dinners is a
    # complaint about the dinners, not a child neglected (not "she came home starving and
    # filthy so must have been a good day", "starving after all that running, loved the lunch")
    (
        r"(?s)^(?=.*\bstarving\b)(?=.*\b(?:dinners?|lunch(?:es)?|portions?|jacket potato(?:es)?|"
        r"food|puddings?)\b)(?=.*\b(?:tiny|small|smaller|(?:not|wasn't|weren't|isn't) enough|a "
        r"proper (?:lunch|dinner|meal)|run out|ran out|running out|cold|same size|look into|looked "
        r"into|reviewed|a joke|again|every day|every single day|nothing left|half raw|only)\b)",
        1.8,
        "children hungry after school dinners",
    ),
    (
        r"\bnot (?:happy|impressed|good enough|acceptable|ok|okay|fair|on|right|great)\b",
        1.8,
        "'not happy' / 'not good enough'",
    ),
    (
        r"\b(?:unacceptable|disappointed|disappointing|disappointment|appalled|furious|livid|"
        r"fed up|unfair|outrageous)\b",
        1.8,
        "disappointment or unfairness",
    ),
    (r"\bcomplain(?:t|ts|ing|ed)?\b|\bmake a complaint\b", 1.8, "speaks of complaining"),
    # what was missing ("the lack of shade"), what is always gone ("the halal option is
    # often finished by the time they go in"), what costs too much ("a bit much asking for
    # £5"), and two messages that disagree ("so which one was it?")
    (
        r"(?<!despite )(?<!spite of )(?<!for )\b(?:the|total|complete|such a) lack of\b",
        2.0,
        "'the lack of'",
    ),
    (
        r"\b(?:is|are|was|were|gets?|got) (?:all )?(?:often|always|usually|nearly always|every "
        r"time) (?:all )?(?:finished|gone|run out|ran out|sold out|all gone|used up) by the time\b",
        2.0,
        "'always gone by the time'",
    ),
    (
        r"\b(?:a bit|bit|a little|rather|quite|too) much (?:asking|expecting|"
        r"charging|to charge|requesting)\b",
        2.0,
        "too much to ask ('a bit much asking for')",
    ),
    (
        r"\bso which (?:one )?(?:was|is) it(?=\W*$|\?)",
        2.0,
        "conflicting information ('so which was it?')",
    ),
    (
        r"\b(?:i|we) (?:want|would like|'d like|need|wish) to (?:speak|talk) (?:to|with)\b|"
        r"\bspeak to the head\b",
        1.6,
        "asks to speak to someone senior",
    ),
    (
        r"\bout of order\b|\bsick (?:of|and tired)\b|\b(?:that's|it's|this is) (?:just |really |"
        r"so )?not on\b",
        1.6,
        "'out of order'",
    ),
    (
        r"\bnot (?:being )?funny,? but\b|\b(?:sorry|apologies),? (?:to moan|to complain|but)\b|"
        r"\bi'm sorry,? but\b|\bno offen[cs]e,? but\b|\bwith (?:all )?(?:due )?respect\b|"
        r"\brespectfully\b|\bjust a thought,? but\b|\bnot to moan\b|\bi hate to\b",
        1.3,
        "softened criticism ('with respect …')",
    ),
    (
        r"\bit would be (?:nice|good|helpful|great) if\b|\bfor once\b|\bonce again\b|"
        r"\bnot for the first time\b|\byet again\b",
        1.4,
        "'for once' / 'once again'",
    ),
    (
        r"(?:^|[.!?] *)would be (?:nice|nicer|good|helpful|great|better) if\b|"
        r"\bwould(?:'ve| have) been (?:nice|nicer|good|helpful|great|better) (?:if|to (?:have|"
        r"be told|know|hear|get|receive|been told))\b",
        1.4,
        "'it would have been nice if …'",
    ),
    (
        r"\bshould(?:'ve| have) been (?:fairer|better|told|given|warned|informed|asked|"
        r"consulted|sent|organised|planned|longer|earlier|sooner|notified|offered|allowed)\b",
        1.4,
        "'we should have been told'",
    ),
    (
        r"(?:£ ?\d+|\bprices?|\bcosts?|\bcharges?|\bfees?)[^.!?]{0,50}\b(?:steep|a lot for|"
        r"too much for|pricey)\b",
        1.4,
        "the cost is too much",
    ),
    (
        r"\bneeds? (?:looking at|looking into|sorting(?: out)?|addressing|fixing)\b",
        1.2,
        "'needs looking at'",
    ),
    (
        r"(?:^|[.!?] *)however\b(?! (?:did|do|does|have|has|will|can|could|would|long|much|"
        r"many|you|they|he|she|it)\b)",
        1.2,
        "praise, then 'however'",
    ),
    (
        r"\bstill (?:no|not|waiting|haven't|hasn't|nothing|don't|doesn't|can't|isn't|aren't)\b",
        1.5,
        "'still no …'",
    ),
    (
        r"\b(?:no ?one|nobody|no-one) (?:has |have |had |ever |even |seems to |bothered to |"
        r"clearly |obviously |actually )?(?:checked|proofread|proof read|noticed|thought|"
        r"checks|reads|bothers|cared)\b|"
        r"\b(?:no ?one|nobody|no-one) (?:has |have |had |ever |even |seems to |bothered to |"
        r"thought to |is |was )?(?:told|tell|replied|reply|got back|get back|informed|knows|"
        r"know|explained|answered|listens|listening|cares|bothered|said|called|rang|asked|"
        r"wants|wanted|needs|needed)\b",
        1.5,
        "'nobody told us'",
    ),
    (
        r"\b(?:is|does|has) anyone else(?:'s)?\b|\banyone else(?:'s)? (?:child|kid|son|daughter)"
        r"\b",
        0.9,
        "looks for other parents' support",
    ),
    (
        r"\b(?:heard|had|got) nothing\b|\bno (?:reply|response|answer|word|update|"
        r"communication|explanation)\b",
        1.4,
        "no reply",
    ),
    (
        r"\bnothing (?:is |has |was |has been |is being )?(?:being )?(?:done|changed|happened)\b",
        1.4,
        "'nothing is being done'",
    ),
    (
        r"\b(?:isn't|is not|aren't|are not|not|doesn't|does not|don't) (?:working|work)\b",
        1.0,
        "something isn't working",
    ),
    (
        r"\b(?:far |way |much |a bit |bit )?too (?:much|expensive|hard|difficult|late|early|"
        r"many|cold|hot|long|short|often|little|few)\b",
        0.9,
        "'too much'",
    ),
    (
        r"\b(?:more|enough|any|proper|better|some) (?:notice|warning)\b|\bshort notice\b|"
        r"\blast minute\b|\bthe (?:day|night) before\b",
        1.1,
        "asks for more notice",
    ),
    (
        r"\b(?:i've|i have|we've|we have|i had|we had|i|we) (?:already |now |also )?"
        r"(?:asked|emailed|mentioned|raised|chased|called|rang|phoned|complained|written|"
        r"messaged|reported|contacted)\b(?! (?:him|her|them|my|our|his)\b).{0,60}\b(?:before|"
        r"already|twice|again|times|weeks|days|months|nothing|still)\b",
        1.8,
        "has raised it before",
    ),
    (
        r"\b(?:twice|three times|four times|several times|multiple times|\d+ times|so many "
        r"times|countless times|numerous times)\b",
        0.5,
        "repeated ('three times')",
    ),
    (
        r"\b(?:it's|it has|that's|it is) been (?:weeks|days|months|ages|a week|a month|over)\b|"
        r"\b(?:\d+|two|three|four|five|six|several|a few|for) (?:weeks|days|months) (?:now|later|"
        r"and)\b",
        1.0,
        "has waited weeks",
    ),
    (
        r"\b(?:teacher|teachers|school|office|staff|they|nobody|no one|head) (?:never|doesn't|"
        r"don't|won't|didn't|hasn't|haven't) (?:\w+ )?(?:answers?|replies|reply|responds?|"
        r"respond|tells?|listens?|gets? back|got back|bothers?|reads?|returns?|called|rang)\b",
        1.5,
        "says the school never answers",
    ),
    (
        r"\bkeeps? (?:getting|being) (?:cancelled|moved|changed|lost|forgotten|missed)\b|"
        r"\b(?:cancelled|moved|changed|late|missing|lost|forgotten|broken|postponed|closed|"
        r"delayed)\b(?:\s+\w+){0,3}\s+again\b",
        1.5,
        "something went wrong again",
    ),
    (r"\b(?:went|gone|go|goes|going|keeps going) missing\b", 1.0, "things go missing"),
    (r"\b(?:dangerous|unsafe|not safe)\b", 1.2, "raises a safety concern"),
    (r"\b(?:refund|money back|reimburse\w*|paid for nothing)\b", 1.2, "money owed"),
    (
        r"\bwhy (?:has|have|is|are|was|were|did|does|do|can't|won't|isn't|aren't|haven't|"
        r"hasn't|wasn't|weren't|didn't|don't|doesn't|couldn't|wouldn't|should|would|must|on "
        r"earth|only|not|no|the)\b",
        1.1,
        "asks 'why'",
    ),
    (r"\bhow come\b", 1.1, "asks 'how come'"),
    (
        r"\b(?:could|can) (?:someone|somebody|anyone|you) (?:please )?explain\b",
        1.4,
        "asks for an explanation",
    ),
    (r"\bis there (?:a|any) (?:reason|explanation)\b", 1.4, "asks for a reason"),
    (
        r"\b(?:i|we) (?:don't|do not|didn't) think (?:it's|it is|that's|this is|it was) "
        r"(?:fair|right|ok|okay|acceptable|appropriate)\b",
        1.8,
        "thinks it unfair",
    ),
    (
        r"\bplease (?:can|could) (?:we|you|they) (?:stop|not|start|have|get|make sure)\b|"
        r"\b(?:can|could) (?:we|you) (?:please )?(?:stop|not)\b|\b(?:can|could) we (?:please )?"
        r"(?:have|get) (?:more|better|some|proper)\b",
        1.0,
        "asks staff to change something",
    ),
    (r"\bbut (?:can|could|would|please|maybe|perhaps|surely|why)\b", 0.6, "praise, then a request"),
    (
        r"\b(?:expensive|costly|pricey|cost a fortune|can't afford|afford|charging|overcharg\w*)\b",
        0.8,
        "complains of cost",
    ),
    (
        r"\bwe were (?:told|promised)\b|\b(?:told|promised) (?:us )?(?:it|they|the \w+|he|she) "
        r"(?:would|will)\b",
        1.2,
        "a promise not kept",
    ),
    (
        r"\b(?:it's a |what a |such a )?shame (?:that|the|they|it|we|some|how)\b|"
        r"\bit's a shame\b",
        1.0,
        "'it's a shame that …'",
    ),
    (
        r"\b(?:came|come|comes|coming|sent|left|outside|out) (?:home )?without\b",
        1.0,
        "left without something",
    ),
    (r"\bmissed out\b|\bleft out\b", 0.9, "families missed out"),
    (r"\bconfus(?:ing|ed)\b|\bno idea what\b", 0.7, "confusion"),
    (r"\b(?:cancelled|postponed|cut short)\b", 0.7, "something was cancelled"),
    (r"\b(?:hour|hours|\d+ minutes|ages) late\b|\blate (?:back|every)\b", 1.0, "lateness"),
    (r"\bbit (?:rubbish|poor|off|much|unfair|disappointing)\b", 0.8, "mild complaint"),
    (
        r"\b(?:second|third|fourth|fifth|sixth|umpteenth|nth|hundredth) time\b",
        1.2,
        "it has happened before",
    ),
    (
        r"\bwithout (?:my|our|parental|parents') (?:permission|consent|say|knowledge)\b",
        1.4,
        "acted without a parent's consent",
    ),
    (
        r"\bsome of us (?:have|work|actually|do|are)\b|\byou know\W*$",
        0.9,
        "pointed aside ('some of us work')",
    ),
)

#: Comparisons between children, groups or families.
COMPARISON: tuple[Rule, ...] = (
    # what another school or class got, then "ours got a morning at the library" (not "the
    # other class joined us and we got to play together")
    (
        r"(?:\bst\.? [a-z]+'?s?|\b[a-z]+ (?:primary|academy|juniors|infants)|\bthe other (?:class|"
        r"classes|year \w+|school|schools)|\bother schools|\bnext door)\b[^.!?]{0,80}[.!?,;] *"
        r"(?:and |but |while |whereas |meanwhile,? )?(?:(?:ours|our lot|our class|this class|"
        r"mine)(?: only| just)? (?:get|got|went|raised|did|had|have)\b|we (?:only |just )?(?:get|"
        r"got)\b(?! to\b))",
        1.8,
        "what another school or class got, then ours",
    ),
    (
        r"\b(?:better|worse|faster|slower|smarter|cleverer|brighter|neater|nicer|harder|quicker|"
        r"stronger|louder|more \w+|less \w+|further|higher|lower) than (?:the |all the |most of "
        r"the |most |some of the |any of the |half the |any ?one |every ?one |every ?body )?"
        # "than some roofs I've been on" compares things, not children
        r"(?:others?|rest|everyone|everybody|anyone|anybody|most|some(?! grown[- ]?ups\b)(?! "
        r"(?!(?:of|kids|children|"
        r"pupils|people|ones|boys|girls|others|classmates|lads|lasses|mates|members|"
        r"teams|classes|schools|groups)\b)[a-z]+s\b)(?! of (?:what|my|our|ours|mine|the "
        r"stuff)\b)"
        # "than some of the fences my horse refuses", "than some I read at work": things the
        # writer meets in their own work, not children (not "some of the other kids")
        r"(?! of (?:the|those|these) (?!(?:kids|children|pupils|others?|boys|girls|ones|class|"
        r"classes|classmates|lads|lasses|year|years|y\d|older|younger|big|little|bigger|kids'|"
        r"juniors|infants|students|teens|teenagers|players|friends|mates|siblings|cousins|"
        r"brothers|sisters|babies|toddlers|grandchildren|grandkids|families|parents)\b)[a-z]+s\b)"
        r"(?! (?:i|we) (?:read|review|taste|tasted|inspect|ride|rode|jump|jumped|build|built|fix|"
        r"fixed|get sent|got sent|deal with|work with)\b[^.!?\n]{0,30}\b(?:at work|in my (?:job|"
        r"work|line of work|trade)|for a living|professionally)\b)|other "
        r"(?:kids|children|"
        r"ones|boys|girls|team|teams|pupils)|boys|girls|kids|children|ones|pupilname|(?:her|his|"
        r"their) (?:table|group|class|friends|classmates))\b",
        2.2,
        "compares a child with others",
    ),
    (
        r"\b(?:above|ahead of|behind|below) (?:everyone|everybody|the others|the rest|most|all "
        r"the others|the other|the class|her class|his class)\b",
        1.8,
        "ranks a child against the class",
    ),
    (r"\bbefore (?:anyone|everyone|anybody|everybody) else\b", 1.8, "ranks a child first"),
    (r"\b(?:the )?only one (?:who|that|to)\b", 1.3, "'the only one who …'"),
    (
        r"\bunlike (?:some|others|the others|most|certain|the rest|half|many|a lot|other)\b",
        2.0,
        "'unlike some'",
    ),
    (
        r"\b(?:every|all the) other (?:child|kid|one|pupil|boy|girl)s?\b|\ball the others\b",
        1.4,
        "'every other child'",
    ),
    (
        r"\bthe others\b|\bthe other (?:kids|children|team|ones|group|table)\b",
        0.9,
        "contrasts with 'the others'",
    ),
    (r"\bexcept (?:mine|my|ours|him|her)\b", 1.4, "'everyone except mine'"),
    (
        r"\bthe same (?:children|kids|ones|few|five|\d+|pupils|faces|families)\b",
        1.4,
        "'the same children' every time",
    ),
    (
        r"\b(?:slower|slow|weaker|weak|brighter|cleverer|lower|higher|top|bottom|struggling|"
        r"less able|more able) (?:readers|ones|group|groups|set|table|kids|children|pupils|"
        r"learners|spellers)\b",
        1.4,
        "sorts children into stronger and weaker",
    ),
    (r"\b(?:way|so|miles|really|far|a long way|so far) behind\b", 1.4, "'way behind'"),
    (
        r"\bholds? (?:the rest|everyone|them|the class|others|the others) back\b",
        1.6,
        "'holds the rest back'",
    ),
    (
        # not "made me feel so much better", "he's doing so much better with his reading"
        r"(?<!\bfeel )(?<!\bfeels )(?<!\bfelt )(?<!\bfeel so )(?<!\bfeels so )(?<!\bfelt so )"
        r"(?<!\bdoing )(?<!\bdoing so )(?<!\bgetting )(?<!\bgetting so )\b"
        r"(?:miles|streets|way|loads|lots|much|far|so much|heaps) (?:better|worse|ahead|faster|"
        r"neater|cleverer|smarter)\b",
        1.2,
        "a wide gap between children ('miles better')",
    ),
    (r"\bby (?:miles|far|a mile|a long way|a mile)\b", 1.0, "'by miles'"),
    (
        # not "it's her favourite cardigan", "my favourite photo"
        r"\b(?:(?<!it's her )(?<!it's his )(?<!its her )(?<!its his )(?<!my )(?<!our )favourite(?! "
        r"(?:thing|bit|part|day|song|photo|picture|one of|book|toy|cardigan|jumper|coat|hat|teddy|"
        r"dinner|lesson|subject|trip|time|colour|food|game|story|hymn|necklace)\b)|favourites|"
        r"favouritism|favoritism|teacher's pets?|teachers pets?|golden child)\b",
        1.8,
        "favouritism",
    ),
    (r"\bfunny how\b|\bis it just me\b", 0.9, "insinuation ('funny how …')"),
    (
        r"\b(?:some|certain) (?:of the |of these |of those )?(?:kids|children|parents|families|"
        r"pupils|ones)\b",
        0.7,
        "singles out 'some kids'",
    ),
    (
        r"\bdeserved (?:it|that|the \w+|this)?\s*more\b|\bshould have (?:got|won|had)\b",
        1.6,
        "says another child deserved it more",
    ),
    (r"\b(?:clearly|obviously) (?:the best|won|better|the winner)\b", 1.0, "'clearly the best'"),
    (r"\bwhen (?:all )?the others\b|\bthe rest of the class\b", 0.8, "'the rest of the class'"),
    (
        # not the writer's own "I don't always get on with these computers"
        r"(?<!n't )(?<!not )\b(?:always|every time) (?:\S+ ){0,4}(?:gets?(?! on\b)|got(?! on\b)|"
        r"picked|chosen|chooses)\b|"
        r"\balways (?:first|the first|at the front|in every|the \w+ one|first in)\b",
        1.2,
        "the same child 'always gets' it",
    ),
    (
        r"\bwhy (?:did|does|do|is|was|has) \S+ (?:get|got|gets|always|have|been)\b.{0,60}"
        r"\b(?:and not|but not|instead of|over|rather than|when)\b",
        1.4,
        "asks why one child was chosen over another",
    ),
    (
        r"\bin every (?:photo|picture|post|video)\b|\bnever in (?:any|the)\b",
        1.2,
        "who appears in the photos",
    ),
    (
        r"\b(?:girls|boys) (?:\w+ ){0,4}(?:than|better) (?:the )?(?:boys|girls)\b",
        1.8,
        "compares boys and girls",
    ),
    (r"\b(?:don't|doesn't|didn't) (?:even )?(?:bother|try)\b", 0.6, "'didn't even try'"),
)

#: A child hurt, in a false allegation held over the teacher ("you grabbed her"), not "you
#: pushed him to try harder".
_A_CHILD = (
    r"(?:him|her|them|my \w+|our \w+|a (?:child|kid|pupil)|the (?:child|kid|boy|girl)|pupilname|"
    r"ownchild)\b(?!\s+to\b)"
)

#: The teacher told they will leave "in an ambulance" or "in a box": a threat, read by `ABUSE`
#: and read plainly by `URGENT_HARMLESS` (no one needs an ambulance now).
AMBULANCE_THREAT = (
    r"\b(?:you|ye|ya|u)(?:'ll| will| wi| wid| would|'d)(?: be)? (?:going|gannin|goin'?|gan|"
    r"leaving|leave|go|heading|coming|comin'?|come|carried|getting carried|wheeled) "
    r"(?:\w+ ){0,2}(?:in|out in|oot in|away in) (?:an ambulance|a box|a body bag|a wheelchair)\b"
)

#: Threats, intimidation and rude dismissals aimed at staff (abusive).
ABUSE: tuple[Rule, ...] = (
    (
        # after set 22's report: the teacher's home address found, then a visit; petrol at yours
        r"\b(?:found|got|looked up|have|know) (?:your|ur) (?:home )?address\b[^\n]{0,80}\b(?:pop "
        r"round|come round|call round|pay (?:you )?a visit|drop by|popping round|see you there)\b|"
        r"\b(?:round|at|outside) (?:yours|your house|your place|your flat)\b(?!')"
        r"[^.!?\n]{0,30}\b(?:petrol|lighter fluid|matches)\b",
        2.6,
        "threat to the teacher's home",
    ),
    (
        r"\b(?:waiting|waitin'?|wait|be) (?:by|at|near|outside|round) (?:your|ur|yer|you're) "
        r"(?:car|house|door|gate|flat)\b[^.!?\n]{0,20}\bwith (?:a|an|some) (?:brick|bricks|bat|"
        r"knife|hammer|crowbar|petrol|stick)\b",
        2.6,
        "threat at the teacher's car or home",
    ),
    (
        # a warning with no threat word: "I'd lock your car tonight if I were you", "I'll let
        # myself into yours", "consider this the only polite message you'll get"
        # (a reason given, thefts or break-ins, makes locking up a neighbourly tip)
        r"(?s)^(?!.*\b(?:thefts?|thieves|break-?ins?|broken into|stolen|robbed|nicked|windy)\b)"
        r".*?(?:\block (?:your|ur) (?:car|door|doors|front door|house|windows)(?: tonight)?,? if i "
        r"(?:were|was) you\b|\blet myself (?:in(?:to)?|into) yours\b|\b(?:only|last) (?:polite|"
        r"nice|friendly) (?:message|warning|email|text)s? you(?:'ll| will) (?:get|receive|have) "
        r"from me\b)",
        2.4,
        "veiled threat",
    ),
    # after set 24's report: veiled threats with no threat word
    (
        r"\b(?:com(?:e|es|ing)|pop(?:ping)?|be) (?:round|over|up) (?:to )?(?:yours|your house|"
        r"your place|ur house|ur place)\b[^.!?\n]{0,20}\bwith (?:a|an|my|some) (?:shovel|spade|"
        r"bat|baseball bat|crowbar|hammer|axe|knife|machete)\b|\bkarma(?:'s got| has got| has) a "
        r"(?:very )?long memory\b(?=[^.!?\n]{0,40}\b(?:miss|sir|mrs|mr|teacher|(?<!thank )you|so "
        r"do i)\b)|\b(?:have (?:got )?(?:some |a few )?(?:big )?lads|lads (?:round here|i know)|i "
        r"know (?:some |a few )?(?:big )?lads)\b[^.!?\n]{0,20}\b(?:not much|nothing|fuck all|"
        r"sod all) (?:better |else )?to do\b(?![^.!?\n]{0,60}\b(?:help|volunteer|paint|set up|"
        r"tidy|clear|fair|club)\b)|\bwhether (?:(?:it|that|anything) (?:really )?(?:happened|is "
        r"true|was true)|(?:it|that)'s true) or not\b[^.!?\n]{0,40}(?:\b(?:won't|will not) "
        r"(?:really )?matter\b|\bonce it'?s (?:been )?said|\bmud sticks|\bpeople (?:will |'ll )?"
        r"believe it\b)",
        2.4,
        "veiled threat",
    ),
    # after set 26's report: "don't test me"; the teacher's car keyed or its tyres let down;
    # "nothing official has been said… yet"
    (
        # only as a warning: not "don't test me on the dinosaurs", "someone let your tyres
        # down", "nothing official has been said yet about the trip"
        r"\bdon'?t test me\W*(?:$|(?:i'm not (?:even )?joking|i mean it|you'll see)\b)|\b(?:i'll|i "
        r"will|i'd|i would|i might|i could|i'm gonna|i'm going to)(?: be| just)? let(?:ting)? "
        r"(?:your|ur|you're) (?:tyres|tires) down\b|\bnothing (?:official|formal)(?:'s| has)? been "
        r"(?:said|reported|done|written)\s*(?:\.{2,}|…)\s*yet\b(?=\W*(?:$|[.!?]))",
        2.4,
        "veiled threat",
    ),
    # after set 29's report: a false allegation held over the teacher ("if she gets one more
    # think sheet I will tell the head you grabbed her"; "nobody would question it if a mum
    # said you'd grabbed her child"; "who do you think they'll believe, a crying mum or
    # you?"); a damning review kept "in my drafts" on a condition; "me and you will have a
    # problem". A review's ordinary twins narrowed each (tests/test_judge_set29.py).
    (
        # on a condition about the school's decisions, a child hurt: not a grab that happened
        # ("if it happens again I will report it"), "I'll tell her you hurt your back", "I'll
        # say you pushed him to try harder"
        r"(?s)^(?!.*\bif (?:it|this|that|you) (?:ever )?(?:happens|does|do it|touch|grab|hit|"
        r"push)\b|.*\bif (?:nothing|no one|nobody) (?:is|gets) done\b|.*\bif you don't "
        r"explain\b)(?=.*\b(?:if|unless|next time|one more|or else|or i'll|or i will)\b).*?(?:\b"
        r"(?:i'll|i will|i'm going to|i am going to|i'm gonna|i could|i might|i can|i'd|i would)"
        r"\s+(?:just |always |easily |simply |be )?(?:tell|telling|say|saying|report|mention|"
        r"claim|let (?:the head|everyone|people|the governors|the police|social services) know)"
        r"|\bi'm (?:telling|saying|reporting))\b[^.!?\n]{0,40}\byou(?:'d| had|'ve| have)?\s+"
        r"(?:grabbed|hit|pushed|shoved|hurt|touched|slapped|smacked|dragged|kicked|assaulted|"
        r"manhandled|pinched|bruised|put (?:your )?hands on) "
        + _A_CHILD
        + r"|\b(?:(?:nobody|no one|no-one) would (?:question|doubt|disbelieve)\b[^\n]{0,60}|"
        r"imagine if (?:a|any|one) (?:parent|mum|mam|dad)\s+)(?:said|says|told|claimed|reported)"
        r"\b[^.!?\n]{0,30}\byou(?:'d| had)?\s+(?:grabbed|hit|pushed|shoved|hurt|touched|"
        r"slapped|smacked|dragged|kicked|put (?:your )?hands on) "
        + _A_CHILD
        + r"|\b(?:shame|pity) if "
        r"(?:someone|somebody|anyone|a parent|a mum) (?:told|said to|rang|called|emailed|reported "
        r"to) (?:ofsted|the head|the governors|the police|social services|the council|the lado)\b"
        r"[^.!?\n]{0,20}\byou(?:'d| had)?\s+(?:grabbed|hit|pushed|shoved|hurt|touched|slapped|"
        r"smacked|dragged|kicked)\b|\bwho(?: do you "
        r"think|'d|) (?:they'll|they will|they'd|they|people will|people'll|the head will|the "
        r"head'll|the governors will) believe\b[^.!?\n]{0,30}\b(?:me or you|or (?:a |the )?"
        r"(?:supply )?teacher|or you|over (?:me|a mum|a parent))\b|\byour word against mine\b",
        2.4,
        "veiled threat: a false allegation",
    ),
    (
        # "me and you will have a problem." or "… if she's kept in again": not "a problem
        # getting there on time", "words about that spelling test", a shared worry
        r"\b(?:me and you|you and me|you and i)(?:'ll| will| are going to| are gonna| gonna| is "
        r"going to) (?:have|have got|be having) (?:a |an |some )?(?:serious |big |real )?(?:"
        r"problem|problems|issue|issues|words|a falling out)(?=\W*(?:$|[.!?\n])|\s+(?:if|unless)"
        r" (?:you|this|he|she|they|pupilname|ownchild)\b)|\b(?:me and you|you and me)(?:'re| "
        r"are)? (?:going to|gonna) fall out\b(?=\W*(?:$|[.!?\n]))|\b(?:be|is|'ll be) (?:a |an )?"
        r"(?:serious |big |real )?problem between (?:me and you|you and me)\b",
        2.4,
        "veiled threat",
    ),
    # after set 30's report: a relative held back ("you're lucky it's me writing and not our
    # dad, he's said what he'd do to you"); a film of the teacher held over them ("a video of
    # you screaming… it'll do numbers on TikTok. Your call"); a show or a post naming the
    # teacher "unless his detention goes away". Not "lucky it's me and not his dad, he'd have
    # written you an essay", "a lovely video of you singing, shall I post it? Your call!"
    (
        r"\blucky (?:it's|its|it is|it was) (?:only )?me\b[^.!?\n]{0,40}\bnot (?:his|her|our|my|"
        r"their|the) (?:dad|father|husband|brothers?|uncle|partner|fella|other half)\b[^\n]"
        r"{0,100}\b(?:what (?:he|they)(?:'d| would|'ll| will) do|sort(?:ed)? you out|get hold of "
        r"you|gets? (?:his|their) hands on you)\b|^(?=[\s\S]*\b(?:lucky|sort|watch|warn\w*|"
        r"again|next time|careful|mean it|not stopping)\b)[\s\S]*\b(?:said|told me|says|"
        r"knows|decided) what (?:he|she|they)(?:'d| would|'ll| will|'s going to|'re going to) do "
        r"to you\b",
        2.4,
        "veiled threat: someone held back",
    ),
    (
        r"(?s)^(?=.*\b(?:tiktok|facebook|instagram|youtube|whatsapp|online|the (?:parents'? )?"
        r"group|do numbers|go(?:es)? viral|my channel)\b)(?=.*\b(?:(?:video|footage|clip|"
        r"recording|photos?|pictures?) of you|(?:recorded|filmed|videoed) you) (?:\w+ )?(?:(?:"
        r"screaming|shouting|yelling|swearing) at\b|drunk|smoking|losing (?:it|your temper)|"
        r"grabbing|pushing|shoving)).*\b(?:your call|your choice|up to you(?! (?:if|whether))|"
        r"ball'?s in your court|the choice is yours|unless|or (?:it|this|that|the (?:video|clip|"
        r"footage|recording)) (?:goes|gets (?:posted|shared|put))\b)",
        2.4,
        "veiled threat: a film of the teacher",
    ),
    (
        r"(?s)^(?=.*\b(?:named you|your name|full name|my channel|my podcast|tiktok|facebook|"
        r"youtube|the papers|the press)\b).*\bunless (?:(?:\w+'s |(?:his|her|their|my) |the )?"
        r"(?:detention|sanction|exclusion|punishment|red card|behaviour points?|warning|"
        r"consequence)s? (?:goes away|go away|disappears?|is dropped|gets dropped|is removed|gets "
        r"removed|is cancelled|gets cancelled|is lifted|vanishes)|you (?:drop|cancel|lift|remove|"
        r"scrap|take back) (?:\w+'s |(?:his|her|their|the) )(?:detention|sanction|exclusion|"
        r"punishment|red card|behaviour points?|warning|consequence)s?)\b(?![^.!?\n]*\?)",
        2.4,
        "veiled threat: a condition on a sanction",
    ),
    (
        # a review held back on a condition on the child or the teacher: not "it'll stay in my
        # drafts till Friday… glowing five stars", "it doesn't matter once it's up on the wall"
        r"(?s)^(?!.*\b(?:glowing|five stars|5 stars|typos?|lovely|thank\w*)\b)(?=.*\b(?:unless|"
        r"as long as|so long as|provided|if (?:she|he|you|they|pupilname|ownchild|\w+ (?:gets|"
        r"is|isn't|goes|stays|has|doesn't))|by (?:monday|"
        r"tuesday|wednesday|thursday|friday|tomorrow|the end))\b).*?\b(?:it|this|that|the "
        r"review|the post)(?:'ll| will| is)? (?:stays?|remains?|sits?|sat|sitting|stay) in (?:my "
        r")?drafts\b|^(?=.*\b(?:reviews?|google|facebook|mumsnet|tiktok|instagram)\b)(?!.*\b"
        r"on the (?:wall|display|board)\b).*?\b(?:doesn't|does not|won't|will not) (?:really )?"
        r"matter once it'?s (?:up|out|posted|online)\b|^(?=.*\bdrafts?\b).*?\bnever sees? (?:the "
        r"light of day|daylight)\b|^(?=.*\b(?:reviews?|google|facebook|mumsnet|tiktok|instagram)"
        r"\b).*?\bif (?:she|he|pupilname|ownchild|\w+) (?:isn't|is not|doesn't|does not|gets|"
        r"is)\b[^.!?\n]{0,40}\bgoes (?:live|up|out)\b",
        2.4,
        "veiled threat: a review held over the teacher",
    ),
    # after set 28's report: a joke taken back, "only joking… unless?", with menace after it
    (
        # not "only joking, unless you fancy coming in to help with the cake stall"
        r"(?s)^(?=.*\b(?:(?:only|just) (?:joking|kidding)|joking obviously|obviously joking|jk)\b"
        r"\W*(?:x+\W*)?unless\b)(?:(?=.*\bunless\b.{0,90}\b(?:again|keep|carry on|don't|do not|"
        r"sort (?:you|it) out|catch|see who|won't be a joke|face to face|come down|i see you|car ?"
        r"park|waiting for you)\b)|(?=.*\b(?:car ?park|outside|face to face|have a word)\b)(?=.*"
        r"\bunless\W*$))",
        2.4,
        "veiled threat",
    ),
    # after set 27's report: reviews online held over the teacher "before parents' evening"
    (
        # about the teacher: not "left you a lovely Google review", a coach company's reviews
        r"\b(?:teachers?|you|staff)\b[^.!?\n]{0,60}\bend up with (?:some )?(?:very )?"
        r"(?:interesting|bad|nasty|terrible|awful) (?:google |online |facebook )?reviews\b|"
        r"\b(?:leave|leaving|left|post|posting|write|writing)\b[^.!?\n]{0,25}\breviews? "
        r"(?:about|of|on) you\b",
        2.4,
        "veiled threat",
    ),
    # after set 25's report: the teacher's pet "going missing" or eating something; the papers
    # or the television told a story "whether or not it's accurate"; a car to be reversed into
    (
        r"(?s)^(?=.*\b(?:(?:your|ur|you're) (?:\w+ ){0,2}(?:cat|dog|spaniel|puppy|pup|kitten|"
        r"pets?)|(?:cat|dog|spaniel|puppy|kitten) (?:you've|you have|youve) got)\b)(?=.*\b"
        r"(?:shame|pity) if (?:(?:he|she|it|they) (?:went|goes|got|gets|was|were) (?:missing|lost|"
        r"hurt|run over|poorly|poisoned)|(?:something|anything) (?:happened|were to happen|"
        r"happens) to (?:him|her|it|them))\b(?![^.!?\n]{0,20}\b(?:so|get|make sure|"
        r"microchip\w*)\b))",
        2.4,
        "veiled threat to the teacher's pet",
    ),
    (
        r"(?s)^(?=.*(?:\b(?:go(?:ing)? to|tell|telling|sell|selling|give|giving|ring|call|"
        r"contact)\b[^.!?\n]{0,20}\b(?:papers?|press|reporters?|journalists?|telly|cameras)\b|\b"
        r"(?:papers?|press|reporters?|journalists?) would (?:\w+ )?(?:love|be (?:\w+ )?"
        r"(?:fascinated|interested))\b))(?=.*\b(?:whether or not (?:it'?s|it is|that'?s) "
        r"(?:strictly |entirely |actually |all |100% )?(?:true|accurate)|(?:true|accurate) or "
        r"not)\b)|\b"
        r"(?:tell|telling) (?:the )?(?:cameras|papers|press|reporters?|journalists?|telly) "
        r"whatever (?:i|we) (?:need|want|like|fancy)\b",
        2.4,
        "threat of a story to the papers, true or not",
    ),
    (
        r"\b(?:might|may|will|'ll|could|gonna|going to|easy to|accidentally) (?:\w+ )?(?:reverse|"
        r"crash|smash|bump|prang|plough) into (?:your|ur|yer|you're) (?:\w+ )?(?:car|motor|audi|"
        r"bmw|merc|mercedes|mini|fiesta|corsa|golf|polo|van|jeep|tesla|range rover|4x4)\b"
        r"(?! park)",
        2.4,
        "threat at the teacher's car",
    ),
    (
        r"\b(?:stick|shove|ram|stuff) (?:it|them|that|this|(?:your|ur|yer|you're) [^.!?\n]{1,40}?)"
        r" (?:up (?:your|ur|yer|yor|you're) (?:arse|ass|backside|jacksie|bum)|where the sun "
        r"(?:don't|doesn't|dont|does not) shine)\b|\b(?:you've|you have|you|tha's|thas|tha|uve|u) "
        r"(?:got )?a face like a (?:slapped|smacked|kicked) (?:arse|ass|backside|bum)\b",
        2.4,
        "insult aimed at the teacher",
    ),
    (
        # the teacher's own child seen, then "think again" opening a sentence
        r"(?s)^(?=.*\b(?:saw|seen|see|spotted) (?:your|ur) (?:little |lovely |beautiful |two )?"
        r"(?:girl|boy|daughter|son|kids?|child|children|little ones?|lad|lass)\b)(?=.*(?:^|[.!?]"
        r"\s+|\n)(?:please |so |just )?(?:think again|reconsider|think twice|change your mind|"
        r"have a (?:good )?think about (?:his|her|my|the|that) (?:report|detention|decision|"
        r"complaint|exclusion|red card|place|team|grade|mark)s?)\b)",
        2.4,
        "veiled threat to the teacher's child",
    ),
    (
        # not the back that lifts boxes ("watch ur back lifting all those boxes x")
        r"\bwatch (?:your|yer|you're|yor) back\b(?![^.!?\n]{0,30}\b(?:lift\w*|carry\w*|box\w*|"
        r"bend\w*|heavy)\b)|\bwatch yourself\b|"
        r"\bi know where (?:you|she|he) lives?\b|"
        r"\byour days are numbered\b",
        2.6,
        "threat",
    ),
    (
        # "You have been warned." ending the message, not after rock cakes or the recorder
        r"(?s)^(?!.*\b(?:lol|haha|x+|love|fun|cakes?|bak\w+|recorder|practis\w+|sing\w*|"
        r"glitter|mother-in-law|aunt|nan|gran)\b).*?(?:^|[.!?]\s+)you(?:'ve| have) been "
        r"warned\W*$",
        2.6,
        "threat",
    ),
    (
        r"\byou(?:'ll| will) (?:regret|pay for|be sorry|be the one (?:who's|who is|that's) "
        r"sorry)\b|\b(?:there'll|there will|there's "
        r"going to|there is going to) be (?:trouble|consequences|hell to pay)\b",
        2.4,
        "threat",
    ),
    (
        r"\b(?:i'll|i will|i'm going to|going to|i'm gonna|ill) (?:kill|hurt|smash|batter|punch|"
        r"slap|knock|deck|end|stab|burn|wreck|ruin|deal with|destroy|floor|lamp|glass)"
        r" (?:you|your)\b",
        2.6,
        "threat",
    ),
    (
        r"\bout of your mouth\b|\bor else\W*$|\blast warning\b|\bdon't make me come\b",
        1.6,
        "veiled threat",
    ),
    (
        r"\bwho (?:you're|you are|youre|ur) dealing with(?:\W*(?:$|[.!?])| before\b)|\b(?:i'll|i "
        r"will) (?:be )?deal(?:ing)? with (?:this|it|you|the matter|this matter)(?: myself)?,? "
        r"(?:outside(?: of)?(?: school)?|personally|(?:in )?my own way)\W*(?:$|[.!])",
        2.2,
        "veiled threat",
    ),
    (
        r"\b(?:i|we) know (?:your|ur) (?:home )?address\W*$|\b(?:at|to) (?:your )?(?:home|house)"
        r"\b[^\n]{0,80}\b(?:i|we) know (?:the|your) (?:home )?address\W*$",
        2.2,
        "knows the teacher's address",
    ),
    (
        r"\bsee you (?:in|at|outside|round|by) (?:the )?(?:car ?park|outside|round the back|"
        r"back of|gates?|school gates?)\b",
        1.4,
        "names a place to meet",
    ),
    (
        r"\byou(?:'d| had)? better (?:watch|be careful|pray|hope)\b|\byou(?:'re| are) "
        r"(?:dead|finished|done for)\b|\bi'll have your job\b|\bget (?:you|her|him) sacked\b",
        2.0,
        "intimidation",
    ),
    (
        r"\b(?:fuck|piss|sod|bugger|jog|f[*#.]*(?:ck|k)?) off\b|\bgo to hell\b|\bdrop dead\b|"
        r"\bget stuffed\b|\b(?:fuck|screw|f[*#.]*(?:ck|k)?) (?:you|u)\b|\b(?:go|get) (?:fuck|"
        r"screw|f[*#.]*(?:ck|k)?|stuff) (?:yourself|yourselves)\b",
        2.4,
        "tells staff where to go",
    ),
    (
        r"\b(?:i'll|i will|i'm going to) make sure you (?:never|don't|won't|lose|regret|get "
        r"sacked|are sacked)\b|\b(?:again|once more) and (?:you'll |just )?see what happens\b",
        2.2,
        "intimidation",
    ),
    (
        r"\b(?:i'll|i will|ill|i'm gonna|i'm going to) (?:be waiting|sort you|get you|have you|"
        r"see you outside|be up (?:that|the) school|come (?:up|down|in) (?:to )?(?:that|the) "
        r"school)\b|\byou'll know about it\b|\b(?:gonna|going to|will|you'll) get (?:slapped|"
        r"hurt|battered|hit|a slap|a smack|decked|lamped|what's coming)\b|\bsort you out\b|"
        r"\bi know (?:what|which) car you drive\b|\bi know where you park\b",
        2.4,
        "threat",
    ),
    (
        r"\b(?:windows?|tyres?|car|house) (?:done|put in|smashed|slashed|keyed) for less\b|"
        r"\b(?:have|get|got|had) (?:your|their) (?:windows?|tyres?) (?:put in|smashed|slashed)\b",
        2.4,
        "threat",
    ),
    (
        r"\bi know (?:you live (?:on|in|near|at|off|by|round)|your (?:husband|wife|partner|fella|"
        r"boyfriend|girlfriend)(?:'s)? (?:car|van|work|name))\b",
        1.6,
        "veiled threat",
    ),
    (
        r"\b(?:(?:would|it'd|it would|be a|'d be a) )?shame if (?:something|anything) "
        r"(?:happened|were to happen|was to happen|happens)(?: to (?:you|your|that|yours)\b|"
        r"\W*$)|\b(?:put|post|share|stick) your (?:address|name|face|photo|picture|details|number) "
        r"(?:on|all over|up on) (?:facebook|social media|the internet|tiktok|the (?:school |local |"
        r"class |village )?"
        r"(?:facebook )?(?:group|page))\b|\beveryone(?:'ll| will) know what (?:you are|kind of)\b|"
        r"\bi know people\b"
        r"(?! (?:who|that|whose|with|in|at|from|like))|\b(?:my|our) (?:brothers?|cousins?|lads|"
        r"boys|family|fella|husband|partner|mates) (?:will|'ll|are going to|are gonna|is going "
        r"to|is gonna) (?:be )?(?:coming|come|pay you|have a word|sort)|\bone (?:phone )?call "
        r"and (?:you're|you are|you'll be)\b|\bi know (?:where|which school) your (?:kids|"
        r"children|son|daughter)\b|\bnice (?:car|house) (?:you've got|by the way)\b",
        2.4,
        "veiled threat",
    ),
    (
        r"\b(?:wait(?:ing)?|stand(?:ing)?|be|turn(?:ing)? up|show(?:ing)? up|come round|pop "
        r"round|sit(?:ting)?|parked|park up) (?:\w+ ){0,3}(?:outside|at|by|round to|near) (?:your|"
        r"ur) (?:house|home|front door|door|flat|gaff)\b|\bwait for (?:you|u) (?:to (?:come|get) "
        r"out|outside|in the car ?park|by your car)\b|\b(?:a word|words|a chat|a little chat|a "
        r"talk) with (?:you|u) (?:away from|outside(?: of)?) (?:school|work)\b|^\W*expect me\W*$|"
        r"\bexpect a visit\b",
        2.4,
        "turns up where a teacher lives or away from school",
    ),
    (
        r"\b(?:think|reckon|bet|wonder if|imagine|guess) (?:\w+ ){0,3}(?:papers?|press|local "
        r"news|news|echo|parents'? (?:group|whatsapp|chat)|facebook group)\b.{0,40}\b(?:would|"
        r"'d|might) (?:like|love|be interested|want) to (?:see|hear|know)\b|\b(?:i'd|i would|"
        r"would) hate (?:for )?(?:anything|something) to (?:happen|"
        r"affect|go wrong|get out|come out)\b|\bwhile it'?s still (?:just )?(?:words|messages|"
        r"talk|emails|texts)\b|\byour (?:mum|mother|mam|dad|father|husband|wife|partner|kids|"
        r"children|son|daughter|family|fella|boyfriend|girlfriend)(?:'s)?\b.{0,60}\b(?:still "
        r"(?:on|at|in|lives)|lives on|lives at|lives in)\b",
        2.4,
        "veiled threat to a teacher's name, job or family",
    ),
    # the writer shows they watch the teacher (where they park, shop or live, the road they
    # take home, when they leave, their children), beside a warning; each half is ordinary
    # alone ("I noticed you park on Elm Road, it floods there"; "accidents happen, just a graze")
    (
        r"^(?=.*\b(?:i(?:'ve| have)? (?:noticed|seen|saw|watched|clocked|spotted|know|knows) "
        r"(?:\w+ ){0,3}(?:where|which|what time|when|how) (?:\w+ )?(?:you|your) (?:park|parks|"
        r"shop|live|leave|go|drive|take|walk|get|finish|drop|pick|kids|children|son|daughter|"
        r"little|car|house)|i(?:'ve| have)? (?:noticed|seen|saw|watched|clocked|spotted) you "
        r"(?:\w+ )?(?:park|parking|parked|leave|leaving|left|in|at|outside|with|going|coming|"
        r"walk|walking|jog|jogging|run|running|cycle|take|drive|driving|shopping|getting|drop|"
        r"dropping|pick|picking)|i know (?:which|what)"
        r" (?:road|route|way|bus|train|car|street)|i know (?:which|what) (?:house|flat|car|door|"
        r"road|street) (?:is |'s )?yours|(?:which|what) (?:road|route|way) you take|"
        r"what time you (?:leave|finish|get|go)|(?!.*\b(?:drop|pop|bring|post|return|deliver)\w*)i "
        r"(?:drive|walk|go|come|cycle) (?:right )?past "
        r"(?:yours|your (?:house|place|flat|road|street|door))))"
        r"(?=.*\b(?:accidents (?:can |do |will )?happen"
        r"(?! there| at| on that| on the corner)|(?:be|more) careful (?:who|what you|where you "
        r"go)|who (?:notices|sees|is watching|'s watching|knows) you|(?:would|it'd|it would|be a) "
        r"shame if|somewhere (?:other than|away from|that isn't|that's not) (?:school|work|the "
        r"school)|(?:away from|outside of|outside) (?:school|work) (?:next time|then|instead)|you "
        r"never know (?:who|what could|what might)|anything (?:could|can|might) happen|wouldn't "
        r"want (?:anything|something) to happen|just saying\W*$|think on\W*$|just so you know\W*$|"
        r"quiet (?:round|down|out) there|(?:do )?take care (?:down|out|round) there|do take care"
        r"\W*$|"
        r"take care now(?:\W+x+)?\W*$|keep "
        r"(?:looking|an eye) over your shoulder))",
        2.4,
        "veiled threat: shows they watch the teacher, beside a warning",
    ),
    # a relative just out of prison, beside how protective he is ("my brother's just got out of
    # hospital, so he'll collect" is not)
    (
        r"^(?=.*\b(?:my|his|her|their) (?:brother|cousin|uncle|dad|husband|partner|fella|mate|"
        r"son)(?:'s| has| is)? (?:just )?(?:(?:got|come|getting|coming) out of (?:prison|jail|the "
        r"nick|nick)|been (?:let out|released)(?: from (?:prison|jail))?|out of (?:prison|jail)|"
        r"got out(?=\W*(?:and\b|$|[,.;]))))(?=.*\b(?:protective|looks? out for|won't (?:be )?"
        r"(?:happy|like it|pleased)|just so you know|(?:not|isn't|won't be) (?:happy|pleased) "
        r"(?:about|with) (?:what you|you|how you)|(?:heard|knows|found out) (?:what you|about "
        r"you)))",
        2.4,
        "veiled threat: a relative just out of prison",
    ),
    # the teacher's child's routine, known, and a promise to look out for them ("your daughter
    # swims at the leisure centre on Tuesdays, doesn't she? I'll look out for her" as the last
    # words; not "she's in my Rainbows group on Tuesdays, I'll look out for her and help her
    # settle")
    (
        r"^(?=.*\byour (?:daughter|son|kids|children|boy|girl|little one|lad|lass)\b.{0,80}\b(?:on "
        r"(?:mon|tues|wednes|thurs|fri|satur|sun)days|every (?:mon|tues|wednes|thurs|fri|satur|"
        r"sun)day|every (?:week|morning|evening|night|weekend))\b)(?=.*\bi(?:'ll| will|ll) (?:be )?"
        r"(?:look(?:ing)? out for|keep(?:ing)? an eye (?:out )?(?:on|for)|pop(?:ping)? along and "
        r"see) (?:her|him|them)(?: x+)?\W*$)",
        2.4,
        "veiled threat: knows the teacher's child's routine",
    ),
    # the teacher's home address in a parent's hands, or passed round other parents ("I've got
    # your address and so have the other mums"; not "your address is private, so I left it at
    # the office")
    (
        # not "got your address book handy?", "for the wedding card", "off the newsletter"
        r"(?:\bi(?:'ve| have)? |^|[.!?]\s+)got your (?:home )?address\b(?! (?:book|bar|wrong|"
        r"right))(?![^.!?\n]*\b(?:card|parcel|post|website|newsletter|donations?|envelope|"
        r"invite|invitation)\b)|\b(?:and )?so (?:have|has|"
        r"do) (?:a lot of |all |most of )?the other (?:mums|mams|moms|dads|parents)\b",
        2.2,
        "has the teacher's home address",
    ),
    # harm to the teacher's things or life, wished in the conditional: "would be a pity if your
    # lovely house sale fell through" (not "it'd be a shame if the rain spoils sports day", "if
    # anything happened to the class hamster", "if your class missed the trip")
    (
        r"\b(?:would|'d|it'd|could)? ?be (?:a |such a |a real |a right )(?:shame|pity) if (?:the "
        r"(?:governors|head|other parents|parents|papers|press|council|ofsted|police) (?:found|"
        r"find|heard|hear|knew|saw|see)\b|your\b"
        r"(?! class\b| pupils\b| lesson| lovely display| display))",
        2.4,
        "veiled threat: 'would be a shame if your …'",
    ),
    # someone else's temper set on the teacher: "I do hope DH doesn't bump into you in the car
    # park, he's not as patient as me" (not "hope my husband doesn't bump into you at the quiz,
    # he'll talk your ear off")
    (
        r"^(?=.*\b(?:bumps? into you|runs? into you|catch(?:es)? you|sees? you|meets? you|"
        r"car park|outside|finds? you|have a word|(?:will|'ll) be (?:at|there)|coming (?:in|"
        r"down|up|to (?:the )?school))\b).*(?:\bnot|n't) as (?:patient|calm|nice|forgiving|"
        r"understanding|polite) as (?:me|i am)\b",
        2.4,
        "veiled threat: someone else's temper",
    ),
    # where the teacher's family are, told back to the teacher: "my regards to your mum in the
    # care home on Beach Road" (not "hope your mum in hospital is better")
    (
        r"\b(?:your|you're) (?:mum|mother|mam|dad|father|wife|husband|partner|kids|children|son|"
        r"daughter|nan|gran|nana|grandma|family|boyfriend|girlfriend)(?:'s)? (?:in|at|on|over on"
        r"|down on) (?:the )?(?:(?!(?:the|a|an) )\w+ (?:care|nursing|retirement) home|(?:care|"
        r"nursing|retirement) home (?:on|in|at|off) \w+ (?:road|street|lane|avenue|close|drive)|"
        r"\w+ (?:road|street|lane|avenue|close|drive|crescent|grove|estate))\b",
        2.4,
        "veiled threat: says where the teacher's family are",
    ),
    # harm wished on "people who" do what the teacher did: "accidents happen to people who
    # make children cry" ("accidents happen to the best of us" names no one)
    (
        r"\b(?:accidents|bad things|things) (?:can |do |will |tend to |have a way of )?"
        r"(?:happen|happening) to (?:people|those|teachers|folk|anyone|someone|women|men) "
        r"(?:who|that|like you)\b",
        2.4,
        "veiled threat: harm happens to people who …",
    ),
    # someone else set on the teacher, the writer unable to "stop" them: "I can't guarantee
    # I'll be able to stop her dad coming down to have a word with you" (not "I can't
    # guarantee her dad will be on time")
    (
        r"^(?=.*\b(?:can't|cannot|can not|won't|wont) (?:guarantee|promise|be responsible for|"
        r"answer for|be held responsible for)\b)(?=.*\b(?:stop|keep|hold (?:back|off)|"
        r"control|calm)\b (?:\w+ ){0,2}(?:her|his|my|our|the kids'?) (?:dad|husband|brother|"
        r"brothers|partner|uncle|cousins?|family|fella|boyfriend|lads|mates))(?=.*\b(?:have a "
        r"word|sort (?:it|this|you)|see you|with you|pay you a visit|come (?:down|up|round|in)|"
        r"coming (?:down|up|round|in)|turn(?:ing)? up)\b)",
        2.4,
        "veiled threat: someone else set on the teacher",
    ),
    # after set 35's report: the teacher's past told round the town on a condition ("if Millie
    # is left out again I'll make sure every parent in Criccieth knows why you really left your
    # last school"; not "I'll make sure every parent knows about the cake sale", "thank you
    # again! I'll make sure all the parents hear how you got Leo through his SATs")
    (
        r"(?s)^(?=.*\b(?:if|unless|one more|next time|or else)\b).*\b(?:(?:make sure|making sure|"
        r"see to it that|let) (?:every|all the|the whole|the other|everyone|everybody)\b"
        r"[^.!?\n]{0,40}?\b(?:knows?|hears?|finds? out|learns?) (?:about )?|tell(?:ing)? (?:every|"
        r"all the|the whole|the other|everyone|everybody)\b[^.!?\n]{0,40}?\b)(?:why|how) you "
        r"(?:really |actually )?(?:left|lost|got (?:sacked|suspended|moved)|were (?:sacked|"
        r"suspended|moved))\b",
        2.4,
        "veiled threat: the teacher's past told round the town",
    ),
    # the writer at the gate "till you come out"; the teacher's life made "hell" by the writer
    # (not a parent's warning: "his dad won't leave till you come out", "he said he'd make my
    # life hell", nor "30 Year 6s are going to make your life a misery 😂")
    (
        r"\b(?:i|we|i'm|we're|me and \w+)(?:'ll| will)? (?:won't|will not|wont|am not|are not|"
        r"ain't|not) (?:be )?(?:leav(?:e|ing)|go(?:ing)?(?: home)?|mov(?:e|ing)|budg(?:e|ing)) "
        r"(?:till|until|til|'til) (?:you|u) (?:come|get|walk) out\b(?! (?:to|and|for|with)\b)|"
        r"\b(?:i'll|i will|ill|i'm gonna|i'm going to|we'll|we will|we're gonna|we're going to) "
        r"make (?:your|ur|yer) (?:life|job|days|time here) (?:a )?(?:living )?(?:hell|misery|a "
        r"misery|nightmare|a nightmare)\b",
        2.4,
        "veiled threat",
    ),
    # after set 39's report: the teacher leaving "in an ambulance" (not "hope you're not going
    # home in an ambulance after the staff netball 😂", nor "you'll be going home in an
    # ambulance? Is your husband still a paramedic?"); at the teacher's own door, "and I don't
    # mean the school one"; a photo of the teacher held over them for money
    (
        AMBULANCE_THREAT,
        2.6,
        "veiled threat: the teacher hurt",
    ),
    (
        r"\b(?:me|i|i'll|i will|we|we'll|we will)(?: be| am| are|'m|'re)? (?:knocking|banging|"
        r"hammering|turning up) (?:on|at) (?:your|ur|yer) (?:front |own |house |home )?door\b"
        r"[^.!?\n]{0,40}\b(?:don't|do not|doesn't|does not) mean (?:the|at) (?:school|classroom|"
        r"class|staffroom)(?: one| door)?\b",
        2.4,
        "veiled threat: at the teacher's own door",
    ),
    (
        r"(?s)^(?=.*\b(?:photos?|pictures?|pics?|videos?|footage|clips?|recordings?|screenshots?) "
        r"of you\b)(?=.*(?:£ ?\d|\b\d+ (?:quid|pounds)\b|\bcash\b))(?=.*\b(?:(?:it|they|this|"
        r"that|the (?:photo|picture|video|clip)s?) (?:disappears?|goes away|go away|gets? "
        r"deleted|(?:is|are) deleted|vanish(?:es)?)|(?:nobody|no one) (?:needs to |will ever )?"
        r"(?:sees?|knows?)|(?:governors|the head|the board|your (?:husband|wife|partner)|the "
        r"papers|facebook)\b[^.!?\n]{0,30}\b(?:would love|will love|might like|would like|will "
        r"see|would see|find out))\b)",
        2.6,
        "veiled threat: blackmail",
    ),
    (
        r"\byou(?:'re| are) (?:a |an |such a )?(?:dozy|stupid|useless|thick|lazy|ugly|fat) "
        r"(?:old )?(?:mare|cow|bitch|twat|prat|git|bint|slag|tart)\b|^\W*(?:dozy|stupid|useless|"
        r"thick|lazy|ugly|fat) (?:old )?(?:mare|cow|bitch|twat|prat|git|bint|slag|tart)\W*$",
        2.2,
        "insults staff",
    ),
    (
        r"\byou (?:people|lot|lot are|people are|lot's)(?: are)? (?:scum|vermin|animals|a "
        r"disgrace|clowns|pathetic|useless|a joke)\b|\b(?:jumped up|stuck up|snotty|smug|"
        r"self-important) (?:little |old )?(?:madam|cow|bitch|prat|git|so and so|twat|"
        r"idiot|woman|man|know-it-all)\b|\bkeep your (?:\w+ )?(?:comments|opinions|nose|hands)"
        r" to yourself\b",
        2.2,
        "insults staff",
    ),
    (
        r"\b(?:waste of (?:space|oxygen|a salary)|piece of (?:work|shit|crap|rubbish)|not fit to "
        r"(?:teach|be a teacher|run)|shouldn't be (?:a teacher|teaching|allowed near)|should be "
        r"sacked|can't (?:even )?(?:teach|manage|control|run) (?:a|the|your|my)?)",
        1.6,
        "attacks a teacher's worth",
    ),
)

#: Private matters the lexicon's words cannot name alone (sensitive): a parent in prison
#: ("his dad's inside till March", not "inside till the rain stopped"), social services in
#: Scots and northern speech ("the Social's been involved"), a refused visa or an asylum case
#: (not "the visa letter for the trip").
_KIN = (
    r"(?:dad|da|daddy|father|mum|mam|maw|ma|mammy|mummy|mother|husband|wife|partner|brother|"
    r"sister|uncle|fella|ex|stepdad|he|she)"
)
SENSITIVE: tuple[Rule, ...] = (
    (
        # after set 25's report: not "the field's been sectioned off"
        r"\b(?:was|been|got|being|be|get) sectioned\b(?! off)",
        2.2,
        "private matter: sectioned",
    ),
    (
        r"\b" + _KIN + r"(?:'s| is| was|'s been| has been| had been) (?:\w+ )?inside "
        r"(?:till|until|til|for|since|now|again|at the moment)\b|\b" + _KIN + r"(?:'s| is|"
        r" was|'s been| has been| went| got sent| got put| been sent| been put| being)? "
        r"(?:in|intae|into|to|sent to) (?:the )?(?:jail|nick|clink|prison|young offenders)\b|"
        r"\bbehind bars\b",
        2.2,
        "private matter: a family member in prison",
    ),
    (
        r"\bthe social(?:'s| have| has| are| were)? (?:been|got|came|come|took|taken|put|"
        r"involved|say|said|told|know|knows|want|wants|visit\w*|round|on (?:at|to) (?:us|me))\b|"
        r"\bthe social (?:is |are )?involved\b",
        2.2,
        "private matter: social services",
    ),
    (
        r"\bvisas? (?:\w+ ){0,2}(?:refused|rejected|denied|turned down|expired|ran out|run out|"
        r"appeal|decision|application was)\b|\b(?:refused|rejected|denied) (?:\w+ ){0,2}visas?\b|"
        r"\bleave to remain\b|\basylum (?:claim|case|appeal|interview|seeker|seekers|hearing|"
        r"decision)\b|\b(?:we|they|he|she|i|family|mum|dad)(?:'re|'ll| are| might| could| may| "
        r"will| were| was)? (?:\w+ )?(?:be |being |been |get |getting |got )deported\b|"
        r"\bdeportation (?:order|letter|notice|hearing)\b|\bimmigration (?:status|case|appeal|"
        r"hearing|detention|centre)\b",
        2.2,
        "private matter: immigration",
    ),
)

#: Ordinary questions with a private word in them, read plainly before the private words
#: are looked for: asking whether anyone is allergic tells nobody's health.
SENSITIVE_HARMLESS: tuple[str, ...] = (
    # giving to a charity: "raised £640 for the hospice", "are the tins going to the food bank?"
    # (not "we had to go to the food bank")
    r"\b(?:raised|raising|donated|donating|donations?|collection|collecting|sponsored|fundraising|"
    r"appeal|money|tins|total) (?:\S+ ){0,3}?(?:for|to|towards) (?:the |our |a |local |the local )?"
    r"(?:food ?bank|hospice)s?\b|\b(?:tins|boxes|food|gifts|"
    r"donations|they|these|those|it all)(?:'ll| will)? (?:be |have |has |are |is |were |was )?"
    r"(?:going|go|gone|went|sent|given|taken) to (?:the |our )?(?:local )?(?:food ?bank|"
    r"hospice)\b|\b(?:food ?bank|hospice)s? "
    r"(?:collection|appeal|fundraiser|fundraising|donations?|gets?|will get|box|bake sale)\b",
    # after set 31's report: volunteering at a hospice, boxes delivered to one, a charity
    # day, a pet that "passed on"
    r"\bvolunteer\w* (?:at|for|with) (?:the |a |our )?(?:local )?hospice\b|\bdelivered to (?:the |"
    r"our )?(?:local )?(?:food ?bank|hospice)\b|\b(?:for|in aid of) (?:the |a )?(?:\w+ ){0,2}(?:"
    r"charity|awareness|appeal) (?:day|week|month|walk|run|bake sale|fundraiser)\b|\b(?:dog|cat|"
    r"hamster|rabbit|guinea pig|goldfish|fish|budgie|tortoise|pony|horse|pet)s? (?:\w+ )?passed "
    r"(?:on|away)\b",
    # after set 30's report: working there ("I book them in at A&E reception"), a comedian's
    # "died on stage"
    r"\b(?:a&e|a and e) (?:reception\w*|nurses?|doctors?|staff|shifts?|department staff)\b|"
    r"\bwork\w* (?:in|at|on) (?:a&e|a and e)\b|\bdied (?:on (?:stage|my arse)|a death)\b",
    # after set 32's report: a police job, and a joke allergy
    r"\bcustody (?:sergeant|suite|officer|desk|nurse|cells?)\b|\ballergic to (?:tidying|"
    r"homework|bedtime|mornings|vegetables|veg|work|cleaning|baths?|early nights|brushing)\b",
    r"\b(?:if|whether|does|do|is|are|has|have) (?:there )?(?:anyone|anybody|any (?:of (?:the |"
    r"them )?)?(?:kids|children|child|pupils|little ones|them)|any child(?:ren)?|someone|"
    r"somebody|any1)\b[\w' ]{0,30}?\b(?:allergic|allergies|an allergy|allergy)\b",
    # after set 35's report: the writer's own job ("As an occupational therapist I loved seeing
    # them so independent", "occupational therapist mum here"), not a child's therapist or a
    # social worker's visit
    # ("we had his dad and a social worker round", "a social worker here all morning")
    r"\b(?:as an?|i'm an?|i am an?|im an?|i work as an?|i trained as an?|(?:mum|mam|dad|parent)"
    r",? (?:who's|who is) an?) (?:retired |trainee |student |qualified |children's )?"
    r"(?:occupational therapist|play therapist|speech and language therapist|physiotherapist|"
    r"therapist|psychologist|educational psychologist|psychiatrist|paediatrician|pediatrician|"
    r"counsellor|social worker|police officer|policeman|policewoman|police constable|nurse|"
    r"paramedic|doctor|surgeon|midwife)\b|\b"
    r"(?:occupational therapist|play therapist|speech and language therapist|psychologist|"
    r"paediatrician|counsellor|social worker|police officer|nurse|paramedic|doctor|surgeon|"
    r"midwife) (?:mum|mam|dad|parent|nan|grandad|by day|by trade)\b",
    # after set 37's report: "these photos are pure medicine", "laughter is the best medicine"
    r"\b(?:is|are|was|were|'s|'re) (?:pure|the best|just the|proper) medicine\b",
)

#: A worry about what other children said or did to the writer's child ("someone said he
#: couldn't play with them", "the girls won't let her join in"): the learned tier must be surer
#: before it reads such a message as a complaint and gives the family the office's address.
PEER_TROUBLE = (
    r"\b(?:someone|somebody|some kids|a boy|a girl|the boys|the girls|other (?:kids|children|"
    r"boys|girls)|(?:his|her|their) (?:friends?|mates?|best friend)|they|nobody|no ?one|no-one)"
    r"(?: \w+){0,2} (?:said|says|told (?:him|her|them)|won't let|wouldn't let|won't play|"
    r"wouldn't play|didn't let|don't let|called (?:him|her|them)|laughed at|keeps? saying)\b"
)

#: Good wishes to a teacher about their own life: their health, their family's, a wedding,
#: a baby, a retirement. The learned tier has learnt that threats name a teacher's family
#: ("your mum in the care home on …"), and reads "Hope your mum is feeling better soon" as one;
#: a private message whose every sentence is a wish like these, with no threat or insult the
#: word rules see, is not diverted on the tier's word alone (bot/judge.py, `_well_wishes`).
WELL_WISHES: tuple[str, ...] = (
    r"\bget well(?: soon)?\b",
    r"\b(?:feel|feels|feeling|get|gets|getting) better\b(?! (?:about|at|than))",
    r"\b(?:speedy|quick|full) recovery\b",
    r"\bhope (?:the |your |his |her |their )?(?:\w+'s )?(?:op|operation|surgery|scan|treatment|"
    r"appointment|results?)(?: goes| went| go)? (?:well|ok|okay|alright|smoothly)\b",
    r"\b(?:sorry|so sorry) (?:to hear|for your loss|about your)\b",
    r"\bthinking of (?:you|your \w+|them|him|her)(?: all| both)?(?=\W*(?:$|x|[.!,]))",
    r"\bsending (?:love|hugs|our love|best wishes|good wishes|our best)\b",
    r"\b(?:congratulations|congrats|well done) on (?:the|your) (?:wedding|baby|engagement|new "
    r"baby|little one|promotion|retirement|marriage|news|graduation)\b",
    r"\bhappy (?:retirement|birthday|anniversary|wedding day)\b",
    r"\b(?:he's|she's|they're|they are|he is|she is) (?:so|just) like you\b",
    r"\b(?:over|better from|recovered from) (?:the|his|her|their) (?:chickenpox|chicken pox|flu|"
    r"bug|cold|covid|op|operation|surgery)\b",
)


#: British and school idioms, read plainly before any rule or VADER sees the text:
#: `(pattern, replacement)`.
REWRITES: tuple[tuple[str, str], ...] = (
    (r"\b(i'm|i am|we're|we are|was|literally|actually) (?:dead|dying|deceased)\b", r"\1 laughing"),
    (
        r"\b(?:died|dying|dead|crying|cried|wet myself) (?:of |from |with |laughing|"
        r"laughing at)+\w*",
        "laughing",
    ),
    (
        r"\b(?:kill|killing|killed|smash|smashing|smashed|boss|bossing|bossed|nail|nailing|"
        r"nailed|aced|slay|slaying|slayed|rock|rocking|rocked|owned|owning|crush|crushing|"
        r"crushed) (?:it|that|this|them)\b",
        "did brilliantly",
    ),
    # "I could have died when he waved", "I nearly died, he's braver than me" are embarrassment
    # or fright ("he could have died", "I nearly died in childbirth" are not)
    (
        r"\bi (?:could (?:have|'ve)|nearly|almost) died\b(?! (?:from|of) (?!laughing|embarrassment|"
        r"shame))(?! (?:in|during|after|giving|having|twice|once))",
        "i was mortified",
    ),
    (r"\bsick (?:of|and tired)\b", "fed up with"),
    (r"\bscared the (?:life|living daylights|hell|crap) out of\b", "startled"),
    (
        r"\b(?:off|been|being|was|is|were|feeling|felt|feels|got|went home|go home|gone home|"
        r"was being) sick\b|\bsick (?:all|bug|in the|on the|last|this|today|yesterday|"
        r"overnight|again|note|day|everywhere)\b",
        "poorly",
    ),
    (r"\bsick\b", "brilliant"),
    (r"\bno (?:worries|worry|problem|problems|bother|probs|prob|stress)\b", "fine"),
    (r"^no way\b|\bno way!", "wow"),
    (r"\b(?:can't|cannot) wait\b", "excited"),
    (
        r"\b(?:can't|cannot|won't|hasn't|haven't|didn't|doesn't|don't) stop(?:ped)? "
        r"(talking|singing|smiling|going on|chatting|raving|dancing|laughing)",
        r"loves \1",
    ),
    (r"\b(?:can't|cannot) (?:believe|get over) how\b", "amazed how"),
    (r"\bnot a (?:single )?(?:tear|cry|tantrum|moan|grumble|wobble)\b", "happily"),
    (r"\bno more (?:tears|crying|tantrums|wobbles)\b", "happily"),
    (r"\blost property\b", "property"),
    (r"\bpoor (?:things?|loves?|lambs?|mites?|kids|babies|darlings?)\b", "bless them"),
    (r"\bhell of a\b", "great"),
    (r"\bmade up (?:with|for|about)\b", "delighted with"),
    (r"\bfair play\b", "well done"),
    (r"\bover the moon\b", "delighted"),
    (r"\bwhale of a time\b", "great time"),
    (r"\bhad a (?:little |bit of a |good |proper )?(?:cry|weep|sob)\b", "was moved"),
    (
        r"\b(?:cried|crying|tears|teary|welled up|sobbing) (?:at|during|watching|through)\b",
        "moved by",
    ),
    (r"\bnot bad\b", "good"),
    (
        r"\b(?:i've|i have|we've|we have|i|we) never (?:heard|seen) (?:a |anything )?better\b",
        "the best ever",
    ),
)

#: Danger now, or a child's safety at stake (urgent). Searched in the text *before* the
#: idioms above are rewritten ("kill them" must not become "did brilliantly" here).
#: Missing one of these is the worst error the judge can make, so single strong cues act
#: alone (2.0) and weaker cues (panic, fear, the police) only together.
_SELF = r"(?:him|her|them|my|your|our)sel(?:f|ves)"
_KID = (
    r"(?:he|she|they|pupilname|ownchild|my (?:son|daughter|child|boy|girl|kid|kids|"
    r"children|little one|lad|lass|wean|weans|bairn|bairns|wee one|wee yin|wee man|wee lass)|"
    r"our (?:son|daughter|boy|girl|kid|kids|children|wean|weans|bairn|bairns|wee one|wee yin|"
    r"little one)|the (?:kids|children|wean|weans|bairn|bairns|wee one|wee yin))"
)
_ADULT = (
    r"(?:dad|daddy|father|stepdad|step-dad|step dad|stepfather|mum|mummy|mom|mommy|mother|"
    r"stepmum|step-mum|boyfriend|girlfriend|partner|ex|ex-partner|husband|wife|uncle|auntie|"
    r"grandad|grandpa|nan|granny|cousin|neighbour|man|woman|adult|lodger|teacher|sir|"
    r"dinner lady|coach|tutor|babysitter|childminder|member of staff|staff member|lady|"
    r"fella|bloke|guy|caretaker|assistant|ta|da|ma|maw|mam|pa|papa|stepmother|brother|"
    r"cousin|his (?:dad|mum)|her (?:dad|mum)|their (?:dad|mum)|"
    r"mum's boyfriend|dad's girlfriend)"
)
_HURTS = (
    r"(?:hit|hits|hitting|beat|beats|beating|beaten|punch|punched|punches|punching|kicked|"
    r"kicks|kicking|strangled|strangles|choked|chokes|choking|slapped|slaps|slapping|"
    r"smacked|smacks|whacked|battered|batters|hurt|hurts|hurting|grabbed|grabs|dragged|"
    r"shook|shakes|throttled|pushed|shoved|threw|burnt|burned|burns|bit|locked|locks|"
    r"hittin|battering|belting|belted|thumped|thumps|smacking|went for|goes for)"
)
#: After "missing", what makes it missing someone or something, not a missing child.
_NOT_MISSING = (
    r"(?! (?:his|her|my|their|our|your|him|me|you|them|us|out|school|lessons?|class|a lot|so "
    r"much|home|the|a|an|some|one|two|three|a few|mummy|mum|daddy|dad|nan|grandad|mammy|mam|"
    r"maw|da|gran|granny|papa)\b)"
)

#: Not come home, or not found (after "missing": "missing, hasn't come home from the park").
_NOT_HOME = (
    r"(?:(?:hasn't|has not|hasnt|haven't|have not|not|never|didn't|did not) (?:come|came|got|"
    r"gone|arrived|made it) (?:home|hone|back)|(?:can't|cannot|can not|couldn't|could not) "
    r"find (?:him|her|them)|(?:no ?one|nobody) (?:has |have )?seen (?:him|her|them))"
)
#: A move, not a farewell ("goodbye everyone, we're moving to Leeds").
_A_MOVE = (
    r"\b(?:moving (?:to|house|school|away|abroad|back|up|on to)|we move|we're off to|new "
    r"(?:school|job|house)|emigrat\w*|relocat\w*)\b"
)
#: A decision, a goodbye to all, having had enough of everything, no more worry.
_FAREWELL = (
    r"(?:(?:i've|i have|i'd|ive) made (?:my|up my) (?:decision|mind)|made my mind up|(?:goodbye|"
    r"bye|farewell) (?:everyone|everybody|all|to you all|to everyone|for ever|forever)|had "
    r"enough of (?:everything|it all|life|living|this life|being alive)|(?:i'm|i am|so) (?:so )?"
    r"(?:tired|done) (?:of|with) (?:all of it|it all|everything|life|living)(?=(?: now)?\W*"
    r"(?:$|[.!]))|(?:i'm|i am) done\W+done with|i can'?t (?:keep going|go on|carry on|do this "
    r"any ?more)(?=\W*(?:$|[.!]))|(?:so|and|then) (?:i )?"
    r"(?:won't|wont|will not) (?:need|have) to worry about|won't (?:need|have) to worry about "
    r"(?:anything|any of (?:it|this)|it) any ?more|none of us will(?: be)?|this is the last "
    r"(?:thing|time) (?:i'll|i will|i) (?:ever )?(?:wanted to |want to )?see|(?:bye|goodbye) "
    r"(?:miss|sir|teacher|mrs \w+|mr \w+)\W+(?:\w+ ){0,2}thanks? (?:you )?for everything|said "
    r"(?:all )?my goodbyes(?! to (?:the|our|year|y\d))|(?:it's|its|it is) (?:for the best|"
    r"better) (?:for (?:everyone|everybody|all of us|all concerned)|this way)|(?:the )?last "
    r"time (?:you'll|you will|anyone will) (?:ever )?hear from me|you (?:won't|wont|will not) "
    r"(?:ever )?hear from me again|if i (?:don't|dont|do not) (?:come|make it|come back|turn "
    r"up|wake up) (?:tomorrow|tonight|back))\b"
)
#: The children left in someone's care ("look after my two for me").
_IN_YOUR_CARE = (
    r"(?:(?:(?:take|look) (?:good )?care of|look after) (?:my|the) (?:boy|girl|boys|girls|kids|"
    r"children|son|daughter|babies|little ones?|lad|lass|two|three|four|lot|bairns?|weans?|wee "
    r"ones?|babby)\b|(?:hug|kiss|cuddle) (?:my|the) (?:boy|girl|boys|girls|kids|children|babies|"
    r"little (?:ones?|girls?|boys?)|son|daughter|bairns?|weans?)\b|(?:i've|i "
    r"have|ive) (?:arranged|sorted it) for (?:my |his |her |their )?\w+ to (?:have|keep|raise) "
    r"(?:him|her|them)\W*(?:$|[.!]))"
)
URGENT: tuple[Rule, ...] = (
    # self-harm and suicide
    (
        r"\b(?:want|wants|wanted|wanting|going|gonna|trying|tried|try|threaten(?:ed|ing|s)?|"
        r"talk(?:s|ed|ing)? about (?:wanting )?to|said (?:he|she|they) (?:want|wants|wanted) "
        r"to) ?(?:to )?(?:die(?! (?:her|his|my|their|your) hair)|kill "
        + _SELF
        + r"|end it(?: all)?|end (?:his|her|my|their) "
        r"(?:life|lives)|hurt " + _SELF + r"|not be here)\b",
        2.6,
        "talk of wanting to die or self-harm",
    ),
    (
        r"\b(?:kill|killing|killed|hurt|hurting|harm|harming|harmed|cut|cutting|cuts|"
        r"scratch(?:es|ed|ing)?|burn(?:s|ed|ing|t)?|starv(?:e|es|ed|ing)|hang(?:s|ed|ing)?) "
        + _SELF
        + r"\b",
        2.6,
        "self-harm",
    ),
    (
        r"\bsuicid\w*|\bself[- ]?harm\w*|\btake (?:his|her|my|their) own li(?:fe|ves)\b|"
        r"\boverdos\w*|\bbetter off dead\b|\b(?:no|any) (?:reason|point) (?:in )?(?:to )?"
        r"(?:living|carrying on|going on)\b|"
        r"\b(?:cut|cuts|cutting|slashed|slit|slitting) (?:his|her|their|my|your) (?:own )?"
        r"wrists?\b",
        2.6,
        "suicide, self-harm or an overdose",
    ),
    (
        r"\b(?:cuts|cut marks|scars|slashes|scratches|marks|burns|bruises|bruising|bruised|"
        r"welts|bite marks)\b (?:\w+ ){0,3}(?:on|all over|up|down|across|round|around) "
        r"(?:his|her|their|the|pupilname's|ownchild's|\w+'s) (?:(?:upper|lower|left|right|inner) )?"
        r"(?:arms?|legs?|wrists?|thighs?|neck|back|face|bum|bottom|"
        r"stomach|tummy|chest|body|ribs|eyes?)\b(?! from (?:the |a |her |his |our )?(?:cat|dog|"
        r"kitten|football|rugby|netball|hockey|pe|fall|scooter|bike|trampoline|bramble|brambles|"
        r"nettles|climbing|playground|forest school|tag))",
        1.6,
        "unexplained injuries",
    ),
    (
        r"\b(?:don't|doesn't|does not|do not|didn't|did not|not|no longer|never) (?:want|wants|"
        r"wanna|wanted) to (?:be alive|live|live anymore|be here any ?more|exist|wake up|be "
        r"born|go on)\b|\bwish(?:es|ed)? (?:he|she|they|i) (?:was|were|wasn't|weren't|had "
        r"never been) (?:dead|never born|born|alive)\b|\bbetter off without (?:him|her|me|"
        r"them|us)\b(?!\s+(?:\w+ing|on|at|in the|for the)\b)|\bnothing to live for\b|"
        r"\bcan't go on(?:\W*(?:$|[.,!?;])| (?:like this|this way|any ?more|any longer|living|"
        r"without|with (?:this|it all|my life|life|everything)|it's|its|i'm|im|i've)\b)",
        2.6,
        "does not want to live",
    ),
    (
        r"\b(?:jump|jumping|jumped) (?:off|in front of|from) (?:the top of )?(?:a|the) (?:bridge|"
        r"roof|building|train|car(?! park)|cliff|balcony|window|multi-?storey|multi storey|car "
        r"park|flats|tower block|viaduct)\b(?! (?:wall|walls|steps|stairs|kerb|bench|ramp|"
        r"barrier|railings?)\b)|\b(?:pills|tablets|paracetamol|"
        r"bleach)\b (?:\w+ ){0,3}(?:took|swallowed|taken|drank|drunk)|(?:took|swallowed|taken|"
        r"drank|drunk) (?:\w+ ){0,3}(?:pills|tablets|paracetamol|bleach|batter(?:y|ies))\b|"
        r"\bi(?:'ve| have)? (?:just )?(?:taken|swallowed) (?:everything|all of it|the lot|"
        r"all (?:the|my) \w+) (?:in|from|out of) the (?:cupboard|cabinet|drawer|bathroom|"
        r"medicine)(?: cabinet| cupboard)?(?: tonight| now| today)?(?=\W*(?:$|[.!]))",
        2.4,
        "an overdose or swallowed something",
    ),
    (
        r"\b(?:bridge|footbridge|flyover|motorway|bypass|railway|train tracks?|cliffs?|roof|car "
        r"park|multi-?storey)\b[^\n]{0,80}\b(?:the easy way(?! (?:to|round|there|home|in)\b)|"
        r"easy way out|when (?:nobody|no ?one)(?:'s| is) (?:watching|looking))",
        2.4,
        "a place to end a life, and a plan",
    ),
    # a goodbye said outright: a rope bought (not "for the tug of war"), a note "by the time
    # you read this it'll be done" (not "… we'll be at the zoo"), letters "for when I'm gone"
    # (not "gone to my mum's"), "I'm going to be at peace soon" (not "at peace with it")
    (
        r"\bi(?:'ve| have|ve)? (?:just |now |finally |already )?(?:bought|got|sorted|tied|found|"
        r"got hold of) (?:a |the |some )?rope(?=\W*(?:$|[.!]))|\bby the time (?:you|anyone|"
        r"someone|they) (?:read|reads|see|sees|get|gets) this(?: message| note|"
        r" letter)?,? (?:it(?:'ll| will|ll) be done|i(?:'ll| will|ll) (?:already )?(?:be gone|"
        r"be dead|not be here|be somewhere (?:quiet|better|peaceful))|i won't be (?:here|around|"
        r"alive))|\bfor (?:when|after) i(?:'m|"
        r" am) (?:gone|dead|no longer here)\b(?! (?:to|away|on|for|back|out|home))|\bi(?:'m|"
        r" am) (?:going to|gonna) be at peace(?: soon)?(?=\W*(?:$|[.!]))|\bi(?:'ll|"
        r" will) (?:finally )?be at peace(?: soon)?(?=\W*(?:$|[.!]))",
        2.4,
        "a goodbye: the means, or a note for after",
    ),
    # others better off without them, as the clause ends ("she'd be better off without me
    # nagging her" is not)
    (
        r"\b(?:everyone|everybody|the world|(?:my|the) family|you all|they all|the kids|the "
        r"children|my kids|my children|they|she|he|we|you)(?:'d| would| will| wd| are| is|'s|'re|"
        r"'ll)(?: all)?(?: be)? better (?:off )?without me\b(?!\s+(?:\w+ing|on|at|in the|for "
        r"the)\b)",
        2.2,
        "says others are better off without them",
    ),
    # at a reservoir, a bridge or the sea, and not coming home ("we're at the lake and won't be
    # coming home till Sunday" is a holiday)
    (
        r"^(?=.*\b(?:at|by|near|on) (?:the |\w+ )?(?:reservoir|bridge|cliffs?|quarry|railway|"
        r"tracks|river|canal|lake|sea|beach|pier|multi-?storey)\b)(?=.*(?<!\bhe )(?<!\bshe )"
        r"(?<!\bthey )(?<!\bwe )\b(?:(?:won't|wont|will not|not) be (?:coming |going )?(?:home|"
        r"back)|(?:don'?t|do not) think (?:i(?:'ll| will|ll) be|i'm|im) (?:coming|going) (?:home|"
        r"back)|(?:i'm |im )?not (?:coming|going) (?:home|back))\b(?! (?:till|until|before|for|by|"
        r"after|on|at|in time|tomorrow|today|this|as planned|yet|tonight (?:till|until))\b))",
        2.2,
        "at water or a height, not coming home",
    ),
    # someone left on their own for a weekend or nights ("she ran the stall on her own all day",
    # "the baby slept on her own all night" are not)
    (
        r"\b(?:has|have|had|'s|is|are|was|were) (?:been )?(?:left )?(?:home )?(?:(?:on|by) (?:his|"
        r"her|their) own|by (?:him|her|them)sel(?:f|ves)|home alone) (?:again )?(?:all (?:weekend|"
        r"night|week)|overnight|every night|for days|since \w+day)\b",
        1.6,
        "a child on their own for days or nights",
    ),
    # the means kept ready: pills saved up, a bridge or a ledge beside a goodbye ("I'm sat on
    # the bridge in traffic, sorry everyone" is a queue)
    (
        r"\b(?:saved up|saving up|been saving|stockpil\w+|hoard\w*) (?:all )?(?:my|"
        r"me|the|her|his)? ?(?:pills|tablets|meds|medication|paracetamol|painkillers|sleeping "
        r"pills)\b|\b(?:my|me) (?:pills|tablets|meds|painkillers|paracetamol) (?:are |'re )?"
        r"(?:all )?(?:lined up|counted out|laid out)\b(?! (?:for the week|in (?:a|the|my) "
        r"(?:pill ?box|dosette|organiser|box)|ready for the (?:week|trip)))",
        2.4,
        "pills saved up",
    ),
    (
        r"^(?!.*\b(?:traffic|queue|jam|stuck|bus|train|roadworks|diversion|watching|boats?|rowing|"
        r"view|photo)\b)(?=.*\b(?:sorry (?:everyone|everybody|all|for everything)|goodbye|"
        r"bye (?:everyone|all)|love you all|can't do this|can't go on|this is it|"
        r"just wanted to (?:say (?:goodbye|thank you|thanks|sorry)|see (?:their|your|the kids'|"
        r"my \w+'?s?) faces?)|one (?:more|last) time)).*\b(?:(?:i'm|im|i am) )?(?:(?:sat|sitting|"
        r"stood|standing|up) )?(?:on|at) (?:the |a )?(?:(?:edge|top) of (?:the |a )?)?(?:bridge|"
        r"ledge|roof|cliff|railway|tracks|multi-?storey|multi storey)\b",
        1.6,
        "on a bridge or a ledge, saying goodbye",
    ),
    # a farewell: each half is ordinary alone ("I'm not going to be around much longer, we're
    # moving"; "please look after my boy at pickup"), together they are a goodbye
    (
        r"\b(?:(?:not|n't|int|aint|ain't|isn't) (?:going to |gonna |gunna )?(?:be )?(?:here|"
        r"around) (?:much longer|for (?:much )?longer|any ?more|after tonight|"
        r"by (?:the )?morning)|(?:not|n't|int|aint|ain't) (?:going to|gonna|gunna) be (?:here|"
        r"around) tomorrow|(?:can'?t|cannot|don'?t|do not) see (?:the|any) point (?:no more|"
        r"any ?more|in (?:anything|"
        r"living|going on|it all))|(?:won't|wont|will not|never) be (?:picking|collecting|seeing|"
        r"here)(?: \w+){0,5} (?:ever|any day) again|(?:won't|wont|will not) be (?:here|"
        r"around) to see|(?:won't|wont|will not) be (?:coming|going) back after (?:tonight|today|"
        r"this)|(?:won't|wont|will not) be needing (?:the|these|this|them|those|my|any|her|"
        r"his) (?:\w+ ){0,3}any ?more|(?:won't|wont|"
        r"will not) be at (?:[\w']+ ){1,4}or anything after (?:that|this|tonight)|(?:i've|i have|"
        r"ive) (?:written|left|wrote) (?:a )?(?:(?:letters?|notes?) (?:for|to) (?:both|all|"
        r"each of|the|my) (?:\w+ ){0,2}(?:kids|children|boys|girls|of them|little ones)|(?:letter|"
        r"note) for \w+ in (?:his|her|their) (?:book ?bag|bag|drawer|tray|coat))|sorry (?:kids|"
        r"my (?:babies|darlings|loves|angels))|(?:the )?last time (?:i'll|i will|"
        r"i'm going to) (?:ever )?(?:(?:message|write|text|contact)(?: you| anyone)?(?=\W*(?:$|"
        r"[.!,]))|see (?:them|him|her))|(?:won't|wont|will not) be at [\w' ]{1,25}(?:,|"
        r"\.)? or (?:anywhere )?ever again|(?:this is|it's) my last message|(?:kids|children|they|"
        r"she|he) (?:deserve|deserves|would be|will be|'d be|are) better (?:off )?(?:than|"
        r"without) me|(?:i'm|i am) done\W+done with|i(?:'ve| have|ve)? (?:just |now |finally |"
        r"already )?(?:bought|got|sorted|tied|found) (?:a |the |some )?rope\b(?! for| to))",
        0.7,
        "talk of not being here",
    ),
    # a letter written to each child: weaker still, as it is also a first day's or a leaver's
    # letter; beside talk of not being here it is a goodbye
    (
        r"\b(?:written|wrote) (?:them|the kids|my kids|the children|my children|(?:both|all|each) "
        r"of them)(?: each| all)? (?:a )?(?:letter|note)s?\b",
        0.6,
        "a letter written to each child",
    ),
    # the other half of a farewell: a decision, a goodbye to all, having had enough of
    # everything ("goodbye everyone, we're moving to Leeds" is a move, not a farewell);
    # weaker, so that beside panic alone ("I've made my decision, call me asap") it is not
    # danger
    (
        r"^(?!.*" + _A_MOVE + r").*?\b" + _FAREWELL,
        0.55,
        "a farewell, a decision or having had enough",
    ),
    # giving up, then good night to all, as a message's last words
    (
        r"\b(?:not doing (?:this|it) any ?more|(?:can't|cannot|can not) do (?:this|it) any ?more)"
        r"[.!]+\s+(?:\w+\W+){0,3}(?:goodnight|good night|"
        r"night night|goodbye|bye) (?:everyone|everybody|all|all of you|you all)\W*$",
        1.4,
        "a goodbye: giving up, then good night to all",
    ),
    # not being there for the next one, or gone by tomorrow: ordinary alone ("I'll be gone
    # by tomorrow, off to Spain"; "won't be there for the next one, working nights"), a
    # goodbye beside a farewell or the children left in someone's care
    (
        r"^(?!.*" + _A_MOVE + r")(?=.*\b" + _FAREWELL + r"|.*\b" + _IN_YOUR_CARE + r")"
        r".*\b(?:(?:i'll|i will|ill|i'm going to|i'm gonna) be gone (?:by|before) (?:tomorrow|"
        r"the morning|tonight|morning|the weekend|then)|(?:i'll|i will|ill) be gone soon|(?:not "
        r"sure|don't think|doubt) i'll (?:see|be (?:here|around|there) for) the next (?:one|ones|"
        r"time)|(?:won't|wont|will not|never) (?:see|be (?:there|here|around) for) the next "
        r"(?:one|ones|time))",
        1.4,
        "a goodbye: not there for the next one, beside a farewell",
    ),
    (
        r"\b(?:tell|give) (?:my|the) (?:kids|children|boys?|girls?|son|daughter|babies|little "
        r"ones?) (?:that )?i (?:love|loved) (?:them|him|her)\b|\b(?:tell \w+ (?:his|her) "
        r"(?:mum|mam|mom|dad|da) (?:loved|loves) (?:him|her))\b|\b"
        + _IN_YOUR_CARE
        + r"|\btell (?:miss|sir|the teacher|my (?:kids|children|boy|girl|son|daughter)) (?:that )?"
        r"(?:i'm|im|i am) (?:so )?sorry\b|\btell \w+ (?:that )?i (?:loved|will always love) "
        r"(?:him|her|them)\b",
        0.7,
        "leaving the children in someone's care, or a last apology",
    ),
    (
        r"^(?:we're|we are|i'm|im|i am|everything's|everything is) (?:all )?(?:fine|ok|okay)\b",
        0.6,
        "calm that opens a message",
    ),
    (r"\bthat's all\W*$|\bthat is all\W*$", 0.3, "calm that closes a message"),
    # violence at home, told of
    (
        r"\b(?:he|she|my (?:husband|partner|ex|fella|boyfriend|girlfriend|wife|other half|"
        r"stepdad|step-dad))(?:'s| has)? (?:went|gone|goes|came|come|flew|kicked off) (?:for|at) "
        r"(?:me|us|her|him|the kids)(?: again| last night| this morning| when| after| in front "
        r"of)",
        1.6,
        "violence at home",
    ),
    (
        r"\b(?:smash|smashed|kick|kicked|bash|bashed|batter|battered|punch|punched) (?:my|her|"
        r"his|their) (?:face|head|teeth) in\b",
        2.4,
        "violence at home",
    ),
    # after set 40's report: a fist through a door or a wall ("turned up drunk last night and
    # put his fist through the door"), not "nearly put his fist through the telly when England
    # lost"
    (
        r"\b(?<!nearly )(?<!almost )(?:put|putting|puts|punched|punches|smashed) (?:his|her|their|"
        r"a) fists? (?:through|thru|into) (?:the|a|our|my|her|his) (?:front |back |bedroom |"
        r"bathroom |kitchen )?(?:door|wall|window)s?\b",
        2.2,
        "violence at home",
    ),
    # a missing child
    (
        r"\b(?:can't|cannot|can not|couldn't|could not|can't|still can't|didn't|did not) "
        r"find (?:him|her|them|my (?:son|daughter|child|boy|girl|kids?|children|little one)|"
        r"pupilname|ownchild)\b(?!'s| (?:\w+ )?(?:book|kit|bag|coat|jumper|shoes?|letter|"
        r"homework|form|bottle|lunch|hat|gloves?|uniform|cardigan|glasses|reading|pe|"
        r"trainers|toy|teddy|phone|tablet|sock|things|stuff|clothes)\b)",
        2.2,
        "a child cannot be found",
    ),
    (
        r"(?<!shame if )(?<!pity if )\b" + _KID + r"(?:'s| is| has been| has gone| went| are| "
        r"have been| were| was| gone| been|'ve been|'ve gone) (?:\w+ )?(?:missing|"
        r"missin(?:'|(?![\w']))|lost|disappeared|vanished)(?!\w)(?! "
        r"(?:his|her|their|a|an|the|some|school|out|you|lessons?|class|pe|my|me|him|them|"
        r"dad|daddy|mum|mummy|friends?|nan|home|it|that|this|tooth|teeth|property|sleep|"
        r"days?|in (?:the|a) (?:story|book|film))\b)",
        2.2,
        "a child is missing",
    ),
    (
        r"\b(?:not|wasn't|isn't|hasn't|haven't|never|didn't|did not|has not|have not) "
        r"(?:\w+ )?(?:at the (?:gate|school gate|door|pick up|pickup|bus stop|club)|come "
        r"(?:home|out|back|out of school)|came (?:home|out|back)|back (?:home )?yet|home yet|"
        r"turned up|got home|arrived home|been seen|made it home)\b",
        1.0,
        "a child not where they should be",
    ),
    # with a child not home, the last way to reach them gone ("her phone's off"); alone, a
    # parent's own phone ("sorry, my phone's off on shift")
    (
        r"\b(?:his|her|their) (?:phone|mobile)(?:'s| is| has been| has| keeps) (?:\w+ )?"
        r"(?:off|dead|going (?:straight )?to voicemail|ringing out)\b(?! (?:since|during|on|for) "
        r"(?:the |his |her )?(?:residential|trip|camp|holiday|journey|flight|course|lessons?)\b)|"
        r"\bnot (?:answering|picking up) (?:his|her|their) (?:phone|mobile)\b",
        1.0,
        "a child who cannot be reached",
    ),
    # nobody knows where a child is ("nobody knows where she is"; not "does anyone know where
    # the lost property box is?")
    (
        r"\b(?:no ?one|nobody|no body|no1|anyone|any1|none of (?:us|them))(?:'s| has| have|"
        r" had| can)? (?:seen|heard from|know(?:s)? where(?! (?:the|a|an|this|that|to|i|we|you|"
        r"they|it|everyone|everybody)\b))\b|\bwhere(?: the \S+| tf)?"
        r" (?:is|'s) (?:he|she|my (?:son|daughter|boy|girl|child|kid|baby))\b",
        1.3,
        "no one knows where a child is",
    ),
    (
        r"\b(?:ran|run|runs|running|has run) (?:away|off) from (?:home|school|the house|us|"
        r"the gate)\b|\b(?:has|have|had) run away\b|\babduct\w*|\bsnatch\w*|\bkidnap\w*|\b"
        r"(?:got|get|getting|gets) (?:in|into) (?:(?:a|some|an) (?:(?!new\b|hire\b)[\w']+ )?|"
        r"(?:the|a) (?:stranger's|man's|strange|random|unknown) )(?:car|van)\b(?! seat| park| boot|"
        r" wash)|"
        r"\bgot in(?:to)? (?:the|a) (?:\w+ )?(?:car|van) with (?:a|an|some|two|three|this|that) "
        r"(?:\w+ )?(?:man|men|woman|stranger|adult)s?\b",
        2.2,
        "a child taken, run away or in a stranger's car",
    ),
    # after set 34's report: in one clause, a stranger trying to get a child into a vehicle ("a
    # man in a white van has tried to get two girls from Y3 into it"; "a man asked my son to
    # get into his car"), not the writer's own ("tried to get the kids into the car"), a dog,
    # a pram or a piano
    (
        r"\b(?:a|an|some|this|that|the same|two|three) (?:\w+ ){0,2}(?:man|men|woman|women|"
        r"stranger|strangers|bloke|blokes|guy|guys|person|people|someone|adult|adults)\b"
        r"[^.!?\n]{0,80}?\b(?:tried|trying|tries|try|attempted|kept trying|asked|told|offered)"
        r" (?:(?:to|2) )?(?:(?:get|getting|lure|entice|coax|pull|drag|grab|take|persuade|talk|"
        r"bundle|push|force) )?(?:(?:(?:her|him|them|pupilname|ownchild)|(?:my|our|two|three|"
        r"some|the|a few|one of the|two of the|(?:\w+ )?of the) (?:\w+ ){0,2}(?:son|daughter|"
        r"girl|girls|boy|boys|kids|children|child|lad|lads|lass|pupils|little ones?)(?: \S+){0,3}?)"
        r" (?:(?:to|2) get )?|(?:\S+ ){1,3}?into get(?:ting)? )(?:into|in|in2|in to) (?:it|(?:the "
        r"back of )?(?:his|her|their|the|a) (?:\w+ )?(?:car|van|vehicle|truck|lorry|motor|taxi|"
        r"motorbike))\b",
        2.2,
        "a stranger trying to get children into a vehicle",
    ),
    # after set 40's report: a stranger at the gate offering a child a lift, who knew his name
    # (not "Ty's coach offered him a lift home after training")
    (
        r"(?s)^(?=.*\b(?:never seen (?:him|her|them)|don'?t know (?:him|her|them|who)|didn'?t know "
        r"(?:him|her|them|who)|hanging (?:round|around|about)|loitering|knew (?:his|her|their) "
        r"names?|strange (?:man|woman|bloke)|stranger)\b).*\b(?:a|an|the|this|that|some) (?:\w+ "
        r"){0,2}(?:man|woman|stranger|bloke|guy|person|someone|lady|fella)\b[^.!?\n]{0,80}?\b"
        r"(?:offered|offering|offers|tried to give|asked if (?:\w+ ){1,2}wanted) (?:(?:my|our|"
        r"her|him|them|\w+'s) )?(?:\w+ ){0,2}(?:a lift|a ride|lifts)\b",
        2.2,
        "a stranger trying to get children into a vehicle",
    ),
    (
        # "missing, Leo, 8, last seen at the gate": lost property is read plainly first, and
        # "missing his mum" is missing someone
        r"\bmissin(?:g\b|'|(?![\w']))"
        + _NOT_MISSING
        + r"[^.!?\n]{0,60}?\b(?:last seen|"
        + _NOT_HOME
        + r")\b|\b(?:last seen|"
        + _NOT_HOME
        + r")\b[^.!?\n]{0,60}?\bmissin(?:g\b|'|(?![\w']))"
        + _NOT_MISSING
        + "|"
        r"\bmissing (?:child|boy|girl|kid|son|daughter|"
        r"pupilname|ownchild)\b|\b(?:child|boy|girl|kid|son|daughter) missing\b",
        2.2,
        "a child missing, last seen or not come home",
    ),
    # violence, threats and fear at home
    (
        r"\b" + _ADULT + r"(?:'s)? (?:\w+ ){0,4}" + _HURTS + r" (?:me|mummy|mum|mom|her|him|us|"
        r"them|my|his|pupilname|ownchild|ma|maw|mam|the baby|the kids|our (?:little one|son|"
        r"daughter|boy|girl|kids|children|baby|wean|bairn|lad|lass|youngest|eldest)(?!'s))\b"
        r"(?! (?:on|in) the (?:swings?|roundabout|pram|buggy|wheelchair))|\b" + _HURTS + r" "
        r"(?:\w+ ){0,5}by (?:(?:his|her|their|my|a|the|our) )?" + _ADULT + r"\b",
        2.2,
        "an adult hurting someone",
    ),
    (
        # a parent telling the teacher they hurt the child: an allegation against staff, for
        # a lead ("you grabbed his wrist and he has red marks"; not "you grabbed him just in time
        # before he fell", "you pushed him to try harder")
        r"\b(?:you|did you) (?:grabbed|grab|hit|slapped|slap|shoved|shove|dragged|drag|kicked|"
        r"kick|smacked|smack|pinched|pinch|yanked|yank) (?:(?:her|his) (?:arms?|wrists?|hands?|"
        r"neck|hair|ears?|face|shoulders?|collar)|her|him|my (?:son|daughter|child|boy|girl)|"
        r"pupilname|ownchild)\b(?![^\n]{0,80}\b(?:by accident|accidentally|with (?:a|the) "
        r"(?:ball|bean ?bag)|(?:didn't|did not|doesn't) hurt|no harm|just in time|before (?:he|she|"
        r"they) (?:fell|ran|slipped|went)|when (?:he|she|they) (?:fell|slipped|tripped)|caught|"
        r"thank\w*|laugh\w*)\b)"
        r"(?=[^\n]{0,120}\b(?:bruis\w*|marks?|scratch\w*|swollen|handprints?|welts?|bleeding|"
        r"hurts)\b)",
        2.2,
        "a member of staff said to have hurt a child",
    ),
    # after set 31's report: a child asking "would you be sad if I went to sleep forever" (not
    # "grandad went to sleep forever"); a parent drunk and about to drive to collect a child
    # (not "I've had a drink at the wedding so I shouldn't be driving, his dad will collect")
    (
        r"\bif (?:i|she|he|they) (?:went|go|goes|was to go|were to go) to sleep (?:forever|for "
        r"ever)\b",
        2.4,
        "a child's words of not wanting to be alive",
    ),
    (
        r"\b(?:i've had|i have had|i had|had) (?:a drink|a few|too much|a lot)\b[^\n]{0,160}\b(?:"
        r"shouldn't|should not|not supposed to) (?:be )?driv\w*\b(?![^\n]{0,80}\b(?:so (?:his|her|"
        r"my|their)|will (?:collect|pick|get)|(?:is|'s) (?:collecting|picking)|taxi|walk\w*|uber|"
        r"a lift)\b)",
        2.2,
        "a parent drunk and about to drive",
    ),
    # after set 33's report: an adult collecting a child today who is drunk and has the car
    # keys ("absolutely steaming, can barely stand up, and he's got the car keys"), not a
    # wedding's "we were all steaming, so I gave my sister the car keys"
    (
        r"(?=[^\n]*\b(?:pick\w* (?:her|him|them) up|collect\w* (?:her|him|them)|(?:is|'s) "
        r"(?:picking|collecting)|doing the school run)\b)[^\n]*\b(?:drunk|steaming|hammered|"
        r"wasted|paralytic|off (?:his|her) (?:face|head)|can (?:barely|hardly) stand(?: up)?|"
        r"slurring)\b[^.!?\n]{0,100}\b(?:car keys|the keys|driving|drive|behind the wheel)\b",
        2.2,
        "a drunk adult about to drive a child",
    ),
    (
        r"\b(?:domestic (?:violence|abuse)|violent|(?<!sheer )violence(?! of (?:that|the|this) "
        r"(?:tug|match|game|race|tackle))|dv)\b",
        1.4,
        "violence",
    ),
    (
        r"\bthreaten\w* (?:to|that he'll|that she'll|he'll|she'll|he will|she will) "
        r"(?:\w+ )?(?:take|snatch|grab|kill|hurt|harm|get|collect|burn|keep|come for|come "
        r"after)\b|(?<!\bi'm )(?<!\bim )(?<!\bi am )\b(?:going to|gonna|will|'ll|is gonna|is going"
        r" to) (?:kill|hurt|harm) (?:me|us|her|him|them|the kids|the children|pupilname|ownchild|"
        r"my)\b|\b(?:i'm|im|i am) (?:going to|gonna) (?:kill|hurt|harm) (?:me|us|her|him|them|the "
        r"kids|the children|pupilname|ownchild|my)\b(?![^\n]*\b(?:lol|haha\w*|lmao)\b)",
        2.2,
        "a threat to a family",
    ),
    (
        r"\b(?:not|isn't|is not|aren't) (?:\w+ )?allowed (?:to )?(?:near|collect|pick|contact|"
        r"see|have|take|come)\b|\b(?:non[- ]?molestation|restraining|protection|prohibited "
        r"steps|court) order\b|\binjunction\b|\bbail conditions\b",
        1.1,
        "a court order or an adult kept away",
    ),
    (
        r"\b(?:don't|do not|please don't|dont|never|must not|mustn't|not to) let (?:him|her|them|"
        r"his dad|her dad|their dad|his mum|her mum|their mum|my ex|anyone|anybody|"
        r"any1) (?:\w+ )?(?:take|collect|pick|near|leave with)\b",
        1.4,
        "asks that an adult be kept away",
    ),
    (
        r"\b(?:breach\w*|broke|breaking|broken) (?:the|his|her|their) (?:order|injunction|"
        r"bail)\b|\b(?:is|he's|she's|was|he was|she was|keeps|kept) (?:\w+ )?(?:outside|"
        r"waiting outside|hanging around|turning up at) (?:the|my|our|her|his) (?:house|flat|"
        r"home|school|gate|gates|door|work)\b",
        1.2,
        "an adult who should not be there",
    ),
    (
        r"\b(?:scared|frightened|afraid|terrified|petrified|fear) (?:for (?:my|our|her|his|"
        r"their|the kids'?|the children'?s?) (?:life|lives|safety)|of (?:him|her|his dad|her "
        r"dad|their dad|daddy|my ex|my partner|my husband|his mum|her mum|my boyfriend|"
        r"what (?:he|she)))|\b(?:in danger|not safe|unsafe|isn't safe|is not safe|doesn't feel"
        r" safe|don't feel safe)\b|\b(?:scared|frightened|afraid|terrified|refuses|won't|"
        r"doesn't want|does not want|too scared) to go home\b|"
        # after set 32's report: "her uncle has started collecting her and she cries in the car"
        r"\b(?:uncle|stepdad|step-dad|step dad|mum's (?:boyfriend|partner)|dad's (?:girlfriend|"
        r"partner)|a neighbour|a man|a family friend) (?:\w+ ){0,3}(?:collect\w*|picks? (?:her|"
        r"him|them) up|picking (?:her|him|them) up)\b[^.!?\n]{0,60}\b(?:cries|crying|sobs|"
        r"screams|shakes|shaking|terrified|frightened)\b",
        2.2,
        "someone in fear for their safety",
    ),
    (
        r"\b(?:(?<!into a )(?<!into the )(?<!been in a )(?<!been in the )refuge(?! since)|"
        r"women's aid|fled|flee|fleeing|escaped from|left (?:my|her|his) (?:partner|husband|"
        r"boyfriend|wife) because)\b",
        1.2,
        "fleeing a violent home",
    ),
    # "since we moved into the refuge", "we've been in a refuge since March": where the
    # family lives now, private; danger only beside another cue
    (
        r"\b(?:into a|into the|been in a|been in the) refuge\b|\brefuge since\b",
        0.9,
        "a family in a refuge",
    ),
    # abuse disclosed
    (
        r"\btouch(?:ed|es|ing)? (?:him|her|them|me|pupilname|ownchild) (?:\w+ )?"
        r"(?:inappropriately|down there|there|in (?:his|her|their) (?:private|pants|knickers|"
        r"bits))|\bprivate parts\b|\bprivates\b|\bmolest(?:ed|ing|s|er|ers|ation)?\b|"
        r"\brape[ds]?\b|\braping\b|"
        r"\bsexual\w*|\bgroom(?:ed|ing|s)\b|\bpaedo\w*|\bpedo\w*|\bindecent\w*",
        2.6,
        "sexual abuse disclosed",
    ),
    (
        r"\b(?:abus(?:e|ed|es|ing|ive)) (?:him|her|them|me|us|pupilname|ownchild|at home|"
        r"by)\b|\b(?:being|been|was|were|is|getting) abused\b|\bchild abuse\b|\bneglect\w*",
        2.2,
        "abuse disclosed",
    ),
    (
        r"\b(?:asked|asking|asks|told|telling|wants|wanted|made|making) (?:him|her|them|"
        r"pupilname|ownchild) (?:\w+ )?(?:to send|for|send) (?:\w+ )?(?:pictures|pics|photos|"
        r"videos|selfies|nudes?)\b|\bnude\w*|\bnaked\b|\b(?:someone|a man|a stranger|an older"
        r" (?:man|boy|lad|girl)|a grown up|an adult|some guy|a guy) (?:\w+ ){0,3}(?:online|"
        r"on (?:roblox|fortnite|tiktok|snapchat|instagram|whatsapp|minecraft|discord|the "
        r"xbox|the game|the ipad|the tablet|his phone|her phone))\b",
        2.2,
        "a child approached online",
    ),
    (
        r"\b(?:told|tells|telling|made|makes) (?:him|her|them|pupilname|ownchild) (?:not to "
        r"tell|to keep (?:it )?(?:a )?secret|it's (?:a|their|our) secret)|\bour (?:little )?"
        r"secret\b|\bsays? (?:it's|its) a secret\b",
        1.6,
        "a child told to keep a secret",
    ),
    (
        r"\b(?:won't|wont|doesn't|does not|refuses to|can't|cannot) (?:say|explain|tell "
        r"(?:me|us)) (?:how|where|what happened|who)\b|\bsays? (?:daddy|dad|mummy|mum|"
        r"(?:his|her|my) (?:dad|mum|stepdad|uncle|brother)|teacher|sir|he|she) (?:\w+ )?"
        r"(?:did it|done it|does it|hurt|hit|did that)\b",
        1.0,
        "an injury not explained",
    ),
    (
        r"\b(?:scratch\w*|cut|cuts|cutting|hurt\w*|burn\w*|pick\w*) (?:at )?(?:his|her|their) "
        r"(?:own )?(?:arms?|legs?|wrists?|skin|thighs?)\b (?:\w+ ){0,4}(?:till|until|so) "
        r"(?:they|it) (?:bleed|bleeds|bled|hurt|hurts)\b|\brun away (?:tonight|today|for good|"
        r"and never)\b",
        1.8,
        "hurts themselves, or plans to run away",
    ),
    (
        r"\b(?:did|does|done|doing) (?:it|that|this|them) (?:to )?" + _SELF,
        0.6,
        "did it to themselves",
    ),
    (
        r"\b(?:locked|shut) (?:him|her|them|pupilname|ownchild|me) (?:\w+ )?(?:in|out|"
        r"outside|up)\b|\b(?:no food|nothing to eat|not been fed|hasn't eaten|haven't eaten|"
        r"not eaten) (?:\w+ )?(?:in (?:the house|days)|for days|since)\b|\b(?:left|leaves|"
        r"leaving) (?:him|her|them) (?:\w+ )?(?:alone|on (?:his|her|their) own) (?:all|for|"
        r"overnight|at night|every)\b|\b(?<!walk )(?<!walks )(?<!walked )(?<!walking )"
        r"(?<!cycles )(?<!cycle )home alone\b",
        1.6,
        "a child locked in, unfed or left alone",
    ),
    (
        r"\b(?:with|using) (?:a|the|his|her|my) (?:belt|stick|cane|slipper|shoe|wooden spoon|"
        r"hairbrush|cable|wire|lead|hot)\b",
        0.8,
        "hit with an object",
    ),
    # weapons, drugs and exploitation
    (
        r"\b(?:knife|knives|blade|blades|machetes?|crossbows?|gun|guns|pistols?|firearms?|"
        r"weapon|weapons|handguns?|revolvers?|"
        r"rifles?|taser|knuckle ?duster|stab|stabbed|stabbing|flick knife|zombie knife|"
        r"penknife|pen knife|screwdriver|hammer)\b",
        2.2,
        "a weapon",
    ),
    (
        r"\b(?:chas\w*|threaten\w*|attack\w*|went for|goes for|going for|came at|coming at|"
        r"waving|jabb\w*|stabb\w*)(?: \S+){0,6} (?:with|wi|wae) (?:a|an|his|her|their|some) "
        r"(?:used |dirty |broken )?(?:syringes?|needles?|broken bottle|brick|crowbar|axe|"
        r"iron bar|baseball bat)\b",
        2.2,
        "a weapon",
    ),
    (
        r"\b(?:drugs|cannabis|(?<!like a )weed|cocaine|pills|spice|ket|ketamine|heroin|county "
        r"lines|dealing(?! with)|(?<!antique )(?<!car )(?<!art )(?<!card )dealers?|deal(?:s|ing)? "
        r"(?:coke|crack|weed|pills|gear|drugs)|sell(?:s|ing)? (?:crack|weed|drugs|pills|gear)|"
        r"(?:using|on|doing|sniffing|snorting) coke|coke "
        r"(?:habit|addict|dealer)|(?:using|addicted to|on|on the|smoking|smokes|doing) crack|crack "
        r"(?:cocaine|pipe|den|addict|house|in the (?:house|flat|home)))\b",
        1.2,
        "drugs",
    ),
    (
        r"\b(?:older|big|some) (?:boys|lads|men|kids|guys|teenagers) (?:\w+ ){0,3}(?:money|"
        r"parcels|packages|bags|phones?|trainers|drugs|carry|deliver|take|hold|hide)\b|\b"
        r"(?:carry|carrying|deliver|delivering|take|taking|hold|holding|hide|hiding) "
        r"(?:\w+ )?(?:parcels|packages|bags|packets|things|stuff) (?:\w+ )?for (?:older|some|"
        r"these|big|a)\b",
        1.6,
        "a child used by older people",
    ),
    # a medical emergency now
    (
        r"\b(?:not breathing|stopped breathing|can't breathe|cant breathe|can't breath|"
        r"struggling to breathe|struggling to breath|turning blue|turned blue|gone blue|"
        r"(?:not|no|no'|isn't|isnae|cannae|cannot|can't|cant|stopped|stopt|struggling to) "
        r"breathin'?|(?:isn't|is not|isnae|not|no|no') breathing (?:right|properly)|lips "
        r"(?:are |is |went |have |has |'ve )?(?:gone |going |turned |turning )?(?:blue|purple|"
        r"grey|gray)|unconscious|unresponsive|passed out|won't wake|"
        r"can't wake|cannot wake|wont wake|wouldn't wake|couldn't wake|"
        r"collapsed|choking|anaphyla\w*|allergic reaction|"
        r"having a (?:seizure|fit)|fitting|call(?:ed|ing)? (?:an|the) ambulance|ambulance|"
        r"having (?:a|an) (?:\w+ ){0,2}asthma attack|(?:inhaler|epipen|epi-pen|insulin) "
        r"(?:isn't|isnt|is not|wasn't|not|won't|is n't) (?:working|helping)|"
        r"999|emergency services|resus|intensive care|icu)\b|\b(?:having a hypo|hypo(?:glyc\w*)?"
        r"\b|(?:gone|going|is|he's|she's|he is|she is) (?:all |really |very )?(?:confused|clammy|"
        r"floppy|drowsy|sweaty)|slumped|not making sense)\b[^\n]{0,120}\b(?:can't|cannot|can not|"
        r"cant|couldn't|could not) get (?:any )?(?:sugar|glucose|juice|lucozade|gel) (?:in|into) "
        r"(?:him|her|them)\b|"
        # after set 32's report: a knock to the head, then sick or drowsy (the NHS's signs to
        # go to A&E), not "bumped his head, he's fine"
        r"\b(?:banged|bumped|hit|cracked|knocked|smacked|whacked) (?:his|her|their) head\b"
        r"[^.!?\n]{0,100}\b(?:been sick|being sick|was sick|is sick|keeps being sick|vomit\w*|"
        r"throwing up|threw up|drowsy|really sleepy|so sleepy|very sleepy|can't stay awake|"
        r"seeing double|confused)\b|"
        # after set 33's report: a fall, then sick and drowsy (no head named)
        # (and after set 36's: "came off the trampoline…")
        r"\b(?:(?:fell|fallen|falling) (?:off|of|from|down)|(?:came|come|coming) off (?:the |a |"
        r"an |his |her |their )?(?:trampoline|bike|bicycle|scooter|swing|monkey bars|climbing "
        r"frame|horse|pony|wall|skateboard|slide|zip ?wire))\b"
        r"[^.!?\n]{0,80}\b(?:been sick|being sick|was sick|sick "
        r"(?:twice|\d|two|three|four) times?|vomit\w*|throwing up|threw up)\b[^.!?\n]{0,80}\b(?:"
        r"drowsy|really sleepy|so sleepy|very sleepy|keeps? going sleepy|won'?t stay awake|"
        r"can'?t stay awake)\b",
        2.2,
        "a medical emergency",
    ),
    # panic: weak alone, telling beside another cue
    (
        r"\b(?:urgent|urgently|emergency|asap|right now|immediately|please help|help me|"
        r"help us|help him|help her|ring me|call me|phone me|desperate|panicking|panic|"
        r"police|the police|polis|scared|frightened|terrified|worried sick|beside myself)\b",
        0.6,
        "panic or fear",
    ),
)

#: Things a child loses (lost property, a pet), not a child.
_THINGS = (
    r"(?:jumpers?|coats?|cardigans?|fleeces?|hats?|scarf|scarves|gloves?|bags?|books?|"
    r"bottles?|lunch ?box(?:es)?|shoes?|trainers|kit|jackets?|blazers?|glasses|lanyards?|"
    r"uniform|letters?|forms?|homework|phones?|tablets?|keys?|cat|dog|hamster|rabbit|"
    r"tortoise|budgie|pet|teddy|toys?|socks?|wellies|money|purse|wallet|watch|reading record|"
    r"library book|pe bag|water bottle|jumper|tooth|teeth|sheets?|pages?|pieces?|parts?|"
    r"items?|buttons?|earrings?)\b"
)

#: Words that may stand before a thing ("missing: one blue water bottle", "missing his PE bag").
_FEW = (
    r"(?:(?:a|an|one|two|three|the|his|her|my|our|their|some|\w+'s|blue|red|navy|black|grey|"
    r"gray|green|white|pink|purple|yellow|brown|school|pe|new|named|reading|library|water) )*"
)

#: What a knife got out is for when it is for food ("the bread knife out again to make
#: sandwiches").
_FOR_FOOD = r"to (?:cut|make|slice)|for (?:the|a)|sandwich\w*|cake|toast"
#: Everyday phrases with alarming words, read plainly before the urgent rules run.
URGENT_HARMLESS: tuple[str, ...] = (
    AMBULANCE_THREAT,
    r"\bnot in (?:any )?danger\b|\bno danger\b|\bnot (?:at all )?(?:worried|serious|urgent)\b",
    r"\b(?:absolute|total|complete|utter|proper|you|ye|ya|what a) weapon\b",
    # after set 36's report: the same praise of a team ("absolute weapons, every one of them",
    # "they're total weapons"), not "a complete weapons collection in the loft"
    r"\b(?:are|were|'re) (?:absolute|total|utter) weapons\b|\b(?:absolute|total|utter) weapons,? "
    r"(?:every|each|all|the lot)\b",
    # football praise ("his left foot is a weapon") and cookery ("the knife skills on them")
    r"\b(?:left|right) (?:foot|peg)(?: is| was|'s) (?:a |an absolute |a lethal )?weapon\b",
    r"\bknife skills\b",
    # pumpkin carving and cookery: "nerves of steel with those little knives"
    r"\b(?:pumpkins?|carving|whittling|chopping|cookery|cooking|baking|vegetables?|veg|fruit)"
    r"\b(?:,? (?!(?:pulled|brought|took|had|waved|waving|man|lad|boy|someone|threat\w*|stab\w*|"
    r"at)\b)[\w']+){0,8},? (?:with )?(?:those|the|these|their|his|her|little|small|safety|blunt|"
    r"special|kids'?|children's) (?:(?:little|small|safety|blunt|special|carving|sharp) )?"
    r"kni(?:fe|ves)\b|\b(?:carving|pumpkin|vegetable|veg|fruit) kni(?:fe|ves)\b",
    r"\bknives? and forks?\b|\bknife and fork\b|\b(?:butter|plastic|cake|bread|table|"
    r"cutlery) kni(?:fe|ves)\b(?! out again\b(?![^.!?\n]{0,30}\b(?:" + _FOR_FOOD + r")\b))|"
    r"\bcutlery\b|\btop gun\b",
    r"\b(?:nerf|water|glue|toy|bubble|squirt|foam|cap|staple|massage|spud) (?:guns?|pistols?)\b",
    # after set 35's report: a gun-dog trainer's dogs (not "a gun, dogs going mad")
    r"\bgun-?dogs?\b|\bgun dogs? (?:trainer|training|for a living|(?:are|is) my (?:job|work|"
    r"trade|living))\b|\btrain(?:s|ed|ing|er)? "
    r"gun dogs\b",
    r"\bhave a stab at\b|\bstab in the dark\b|\bgunning for\b|\bguns? blazing\b",
    r"\b(?:dying|dyin) (?:to|for|of)\b|\bkill for\b|\bcould (?:kill|murder) (?:for|a)\b",
    r"\bthe film was about\b|\bin (?:the|a) (?:story|book|film|play|game|video)\b",
    # German "der Hammer": great (a kind phrase of `languages.KIND`; a test checks that no
    # such phrase reads as danger to these rules)
    r"\bclaw hammer\b|\btoy hammer\b|\bhammer(?:ed)? (?:it|them|home|away)\b|\bder hammer\b",
    r"\bsecret santa\b|\bsecret (?:garden|agent|seven|weapon)\b|\bweapon of choice\b",
    # after set 30's report: a smith's trade ("at the forge making blades")
    r"\bforg(?:e|es|ing) (?:\w+ ){0,3}(?:blades?|knives|swords?)\b",
    # after set 32's report: laughing at a fright, a job with the air ambulance, stage gore,
    # a custody suite's cells
    r"\b(?:nearly|almost) (?:passed out|fainted)\b(?! (?:in|at|during|after|and|when|from|"
    r"because|with|on)\b)",
    r"\b(?:shifts?|working|flying|crew|paramedic|doctor|pilot|on jobs) (?:with|on|for) (?:the )?"
    r"air ambulance\b",
    r"\bfake blood\b|\bbattle wounds\b|\bkicking off (?:in|at) the (?:cells|custody suite|"
    r"club|pub|ground|match)\b",
    # after set 33's report: the writer's own trade or sport ("I work with knives all day",
    # "knives are my day job", a circus's knife act, a ghillie "on the hill with the guns")
    r"\bi work with kni(?:fe|ves)\b|\bkni(?:fe|ves) (?:are|is) my (?:day job|job|trade)\b",
    r"\bknife(?:-throwing| throwing)? act\b|\b(?:on|up) the (?:hill|hills|moor|estate) with "
    r"the guns\b|\bguns,? rods\b",
    # after set 37's report: shooting as a sport ("away with the gun club at a clay shoot",
    # "out with the guns at dawn" for pheasant), not a gun brought home from the club
    r"\bgun club\b|\bclay (?:pigeon )?shoot(?:s|ing)?\b|\bclay pigeons?\b|\bout with the guns\b"
    r"(?=[^.!?\n]{0,80}\b(?:pheasants?|grouse|partridges?|beaters?|clays|the shoot)\b)",
    # after reading the kind replies of sets 22 to 33 the word rules removed: a trade ("I throw
    # knives for a living", "a 999 call handler"), a castle trip's "siege weapons", laughing
    # till "I can't breathe... best one ever", a child who "dragged me round every single
    # stall", art "fitting for this time of year" (not "fitting for ten minutes")
    r"\b(?:throw|throwing|juggle|juggling|sharpen|sharpening) kni(?:fe|ves) for a living\b",
    r"\b999 (?:call handler|call-handler|operator|dispatcher|call taker|control room)s?\b",
    r"\b(?:medieval )?siege (?:weapons?|engines?)\b",
    r"\bcan'?t breathe?\b(?=[\s.!…]*(?:(?:for|from|with) laugh\w*|laughing|best \w+ ever|😂|🤣))",
    r"\bdragged (?:me|us) (?:round|around) (?:every|all|each) (?:single )?(?:stall|shop|stand|"
    r"ride)s?\b(?!\W*(?:by|and)\b)",
    r"\bfitting (?:tribute|end|send-off)\b|\b(?:very|so|how|quite|most|a) fitting\b|\bfitting "
    r"(?:for|to) (?:this|the|such) (?:part of the world|time of year|season|occasion|theme|"
    r"topic)\b",
    r"\b(?:take|takes|taking) blood for a living\b|\bflinch\w* at (?:the )?(?:\S+ ){0,4}(?:battle "
    r"wounds|fake blood)\b",
    # "I thought I was going to die on that hill": out of breath, not in danger
    r"\bi (?:thought|felt like) i (?:was|were) (?:going to|gonna) die (?=(?:on|up) (?:that|the|"
    r"this) (?:last |big |steep )?(?:hill|climb|mountain)\b|laughing)",
    # "killing himself laughing": laughter, not harm
    r"\b(?:kill|killing|killed|kills) (?:himself|herself|myself|themselves|ourselves|yourself) "
    r"(?:laughing|with laughter)\b",
    # "has anyone seen Ava's jumper?": lost property, not a lost child
    r"\b(?:anyone|anybody|any1|no ?one|nobody)(?:'s| has| have)? seen (?:\w+'s|his|her|my|our|"
    r"the|a) (?:\w+ )?(?:jumper|coat|cardigan|fleece|hat|scarf|gloves?|bag|book|bottle|"
    r"lunch ?box|shoes?|trainers|kit|jacket|blazer|glasses|lanyard)\b",
    # "his jumper went missing, last seen in the hall": lost property, not a lost child
    r"\b" + _THINGS + r"(?:'s| is| are| has| have| went| gone| has gone| have gone| has been|"
    r" have been)? (?:\w+ ){0,2}missing\b|\bmissing[:;, -]+" + _FEW + _THINGS,
    # "so scared she'd freeze on stage": nerves before a performance
    r"\b(?:scared|nervous|worried) (?:she'd|he'd|they'd|she would|he would|they would) "
    r"(?:freeze|forget|fluff|mess|cry|fall)\b",
    r"\b(?:sexual|relationships and sex|rse|sex) education\b|\bsex ed\b",
    # "I'll kill him if he loses another jumper": exasperation at a child's small mishap
    r"\b(?:i'll|i will|i'm going to|gonna) (?:kill|murder|strangle) (?:him|her|them) if "
    r"(?:he|she|they) (?:loses?|forgets?|leaves?|breaks?|spills?|rips?|tears?|comes? home)\b",
)

#: More shapes of danger, in the words families use when they do not name it.
URGENT_UNNAMED: tuple[Rule, ...] = (
    (
        r"\b(?:never|not) (?:to )?wake up\b|\bgo to heaven\b|\bgoodbye (?:note|letter)\b|"
        r"\bsorry (?:mummy|mum|daddy|dad) (?:and )?goodbye\b|\b(?:no ?one|nobody) (?:will|would|"
        r"is going to) miss (?:him|her|me|them)\b|\b(?:not|won't|will not) be (?:alive|here|"
        r"around) tomorrow\b|\bhow many (?:paracetamol|pills|tablets) (?:\w+ ){0,3}(?:die|kill)|"
        r"\bdeserves? to (?:die|disappear|be dead)\b|\b(?:get|got|find) a rope\b|\bvoices (?:\w+ )?"
        r"(?:tell|telling|told)\b|\bhurt (?:the|my|our) (?:baby|kids|children)\b|\b(?:all )?"
        r"my (?:tablets|pills) out\b",
        2.4,
        "words of someone who may not be safe",
    ),
    (
        r"\b(?:not coping|can't cope|cannot cope|in a bad way|at the end of my tether|"
        r"breaking down|falling apart)\b",
        1.0,
        "a parent not coping",
    ),
    (
        r"\b(?:never|not|didn't|did not|hasn't|has not|haven't) (?:\w+ )?(?:arrived|arrive|"
        r"turned up|turn up|came in|come in|got there|get there)\b|\b(?:don't|do not|doesn't|"
        r"no ?one|nobody|no one) (?:knows?|understand) where (?:he|she|they|pupilname|ownchild) "
        r"(?:is|are|went|has gone)\b|\bwho took (?:him|her|them)\b|\b(?:you|they|school)(?:'ve| "
        r"have)? lost (?:(?:my|our) (?:son|daughter|child|boy|girl|kid|baby|little one)\b(?!'s)|"
        r"(?:him|her)(?=\W*$|[.!?,;]| (?:at|on|in|during|when|today|yesterday|again|for)\b)(?!"
        r"[^.!?\n]{0,30}(?:fraction|maths|phonics|spelling|tables|test|lesson|\bbit\b|['\"])))|"
        r"\blost my (?:son|daughter|child|boy|girl|baby)\b|\b(?:been )?gone (?:for )?"
        r"(?:two|three|four|five|\d+|an|a couple of) hours?\b|\bbeds? (?:haven't|hasn't|have not|"
        r"has not|weren't|wasn't) been slept in\b|\bran out of the (?:house|flat|school)\b",
        1.6,
        "a child whose whereabouts are unknown",
    ),
    (
        r"\b(?:nobody|no ?one|no one)(?:'s| has)? (?:picked up|collected|come for)\b|\bnot "
        r"been (?:picked up|collected)\b|\bdid (?:he|she|they) leave (?:school )?with (?:anyone|"
        r"someone|anybody)\b|\bis (?:he|she) (?:still )?(?:with you|in school|in class|there)\b|"
        r"\b(?:stranger|someone (?:else|i don't know)) (?:\w+ )?(?:collect|pick|took|take)\w*",
        0.8,
        "a child's whereabouts questioned",
    ),
    (
        r"\bpillow over (?:his|her|their) face\b|\bheld (?:his|her|their) (?:hands?|head|face|"
        r"arm|arms) (?:on|under|in|against)\b|\bburns? (?:him|her|them) with\b|\b(?:ciggies|"
        r"cigarettes?|cig) (?:on|burns?)\b|\bslit (?:his|her|their) throat\b|\bhe'd (?:kill|"
        r"stab|slit|hurt|cut)\b|\b(?:man|someone|bloke|fella|guy|people) with a (?:bat|knife|gun|"
        r"weapon|machete|hammer)\b|\block the doors\b|\bheld down and\b",
        2.4,
        "violence described",
    ),
    # after set 22's report: held under water; a drunk adult at the gate with a bat
    (
        r"\b(?:held|holds|holding|pushed|pushes|dunked|dunks|forced|kept) (?:him|her|them|"
        r"pupilname|ownchild|my (?:son|daughter|boy|girl)) (?:head )?under (?:the )?(?:bath ?"
        r"water|water|the bath|the tap)\b|\b(?:drunk|pissed|steaming|off his head|off her "
        r"head|raging|kicking off)\b[^.!?\n]{0,60}\bwith (?:a|an) (?:bat|baseball bat|knife|"
        r"machete|hammer|crowbar|golf club|axe)\b",
        2.4,
        "violence described",
    ),
    # after set 23's report: a child run off, not found anywhere, the police called; a child
    # who is "getting the belt" (not a karate grading)
    (
        r"\b(?:can'?t|cannot|can not|couldn'?t) find (?!it\b|this\b|that\b|one\b)\w+ "
        r"anywhere\b|\bpolice (?:called|have been called|are on their way|are coming)\b(?! in\b)|"
        r"\b(?:called|rang|phoned) the police\b",
        0.8,
        "a child not found, the police called",
    ),
    (
        r"\b(?:he|she|they|he's|she's|they're|he'll|she'll|they'll)(?: is| are| will)? (?:\w+ )?"
        r"(?:getting|get|gets|got|gonna get) the belt\b(?![^.!?\n]{0,30}\b(?:karate|judo|"
        r"taekwondo|grading|boxing|jiu|wrestling)\b)",
        2.2,
        "a child to be beaten",
    ),
    # after set 26's report: "next time it'll be my head"; a face "still a mess" and "he says
    # he's sorry"; a knife got out again, or after drink; an injury blamed on a pet the family
    # does not have; an adult "friend" met in a game
    (
        # at the end of a clause: not "my head on the block if I forget the PE kit"
        r"\bnext time (?:it'?ll|it will|it's gonna|it's going to) be (?:my|her|his|your) (?:head|"
        r"face|neck|skull)\b(?=\W*(?:$|[.,!?;]))",
        2.4,
        "a threat of violence at home",
    ),
    (
        # his sorry "this time": not a swollen lip "from the scooter", nor a child's own sorry
        r"(?s)^(?=.*\b(?:face|eye|lip|nose|ribs)(?:'s| is| are)? (?:still )?(?:a mess|swollen|"
        r"black|purple|busted|split)\b(?! from))(?=.*\bhe (?:says|said|swears|swore) (?:he's|he "
        r"is|he was) sorry (?:this time|again)\b)",
        2.4,
        "an injury, and an apology from the one who did it",
    ),
    (
        # not to cut the cake or make sandwiches
        r"(?:\bknife out\b(?=[^.!?\n]{0,20}\bagain\b)|\b(?:had a few|had a drink|drunk|pissed|"
        r"steaming|kicking off)\b(?! friends)[^.!?\n]{0,40}\b(?:got|get|gets|pulled|took|had) "
        r"(?:the |a |his |her )?(?:\w+ )?knife out\b)(?![^.!?\n]{0,30}\b(?:to carve|birthday|"
        + _FOR_FOOD
        + r")\b)",
        2.4,
        "a knife drawn at home",
    ),
    (
        # an injury named: not "she said the dog ate her homework. We don't have a dog 😂"
        r"(?s)^(?=.*\b(?:cuts?|scratch(?:es)?|bruises?|bruising|marks|burns?|bites?|(?:little|"
        r"straight|neat|thin) (?:straight )?lines)\b).*?"
        r"\b(?:said|says|claims?|told me)\b[^.!?\n]{0,30}\b(?:the|our) (?:cat|dog|kitten|puppy)\b"
        r"(?! next door| at)"
        r"[^\n]{0,40}\bwe (?:don't|do not|haven't|have not) (?:have|got) a (?:cat|dog|kitten|"
        r"puppy)\b(?!\W*(?:but|so)\b)",
        2.2,
        "an injury blamed on a pet the family does not have",
    ),
    (
        # a stranger, not a cousin or an uncle who plays with him
        r"(?![^.!?\n]*\b(?:cousin|uncle|auntie|aunt|brother|sister|dad|mum|grandad|nan|baker|"
        r"eldest)\b)\b(?:friend|mate|man|guy|bloke|someone|somebody|stranger)\b[^.!?\n]{0,25}?\b"
        r"(?:from|on|in) (?:minecraft|roblox|fortnite|fifa|tiktok|snapchat|instagram|discord|xbox|"
        r"playstation|the game|a game|online)\b[^.!?\n]{0,40}\b(?:who'?s|who is|he'?s|she'?s|is|"
        r"aged) (?:1[89]|[2-6]\d)\b(?! (?:minutes|mins|hours|levels?|days|followers|points|quid|"
        r"pounds|%))",
        2.2,
        "an adult 'friend' met online",
    ),
    # after set 27's report: a child who "had about 10 of my paracetamol"; a girl taken abroad
    # "for her cutting"; "he says it was my own fault for answering back"; a gun pointed at a
    # mother; an ex who has found out where the family lives
    (
        # five or more of someone's own: not "she had 2 paracetamol", "I've had about 10
        # paracetamol this week", "had 6 tablets so far", "wish I had 5 of my pills left"
        r"(?<!\bi )(?<!\bi've )(?<!\bwe )\b(?:had|eaten|ate|necked|downed)\b (?:about |around |"
        r"like |nearly |maybe |at least |over |a )?(?:[5-9]|[1-9]\d|five|six|seven|eight|nine|"
        r"ten|eleven|twelve|fifteen|twenty|handful|whole (?:packet|box|strip|bottle)) of "
        r"(?:(?:my|me|her|his|the|mum's|dad's|nan's|gran's|grandad's|brother's|sister's) ){1,2}"
        r"(?:paracetamol|pills|tablets|painkillers|ibuprofen|sleeping pills|co-?codamol)\b"
        r"(?! (?:left|a day|so far|this week|over the))",
        2.4,
        "an overdose or swallowed something",
    ),
    (
        # "for her cutting" or "to get her cut", with a journey: not "the scissors are for her
        # cutting", "her nan's cutting her hair back home"
        r"(?s)^(?=.*\b(?:for (?:her|[a-z]+'s) cutting\b(?! (?:and|out|skills|practice|"
        r"scissors|work|paper))|(?:get|getting|have|having) her cut\b))(?=.*\b(?:sudan|somalia|"
        r"somaliland|egypt|ethiopia|eritrea|guinea|mali|sierra leone|gambia|kenya|nigeria|yemen|"
        r"djibouti|back home|abroad|flying|flights?|travel\w*|visit(?:ing)?)\b)",
        2.4,
        "FGM: a girl to be cut",
    ),
    (
        # with the hurt told: not a child's "it's my own fault for winding her up" over a
        # slipper, nor a referee's booking
        r"(?s)^(?=.*\b(?:it was|it's|it were|it is|that) my (?:own )?fault(?: i got hit)? for "
        r"(?:answering (?:him |her )?back|talking back|back ?chat|mouthing off|giving (?:him|"
        r"her) (?:lip|cheek)|winding (?:him|her) up|making (?:him|her) (?:angry|mad|lose it))\b)"
        r"(?=.*\b(?:hit|hits|hitting|bruis\w*|black eye|broken|broke|wrist|ribs|shoved|pushed|"
        r"slapped|punched|kicked|strangled|choked|done it again|did it again|made him do it|had "
        r"to)\b)",
        2.4,
        "violence at home blamed on the one hurt",
    ),
    (
        # a weapon aimed at a person: not a water pistol, a speed gun or a finger gun, nor one
        # in a game, a film or laser quest
        r"(?s)^(?!.*\b(?:fortnite|roblox|minecraft|the game|a game|the film|a film|the movie|"
        r"laser quest|en garde|photo)\b).*?(?:\b(?<!water )(?<!nerf )(?<!toy )(?<!bubble )"
        r"(?<!laser )(?<!glue )(?<!speed )(?<!finger )(?<!cap )(?<!squirt )(?<!thermometer )"
        r"(?<!paint )(?<!butter )(?<!cake )(?<!plastic )(?:gun|shotgun|rifle|air rifle|pistol|"
        r"crossbow|knife|machete|blade)\b[^.!?\n]{0,60}\bpointed (?:it |that |the \w+ )?"
        r"(?:straight )?at (?:his |her |my |our |the )?(?:mam|mum|mom|mother|wife|girlfriend|"
        r"partner|me|us|them|kids|children|sister|brother|nan|gran|dad)\b|\bpointed (?:a|the|"
        r"his|her) (?:kitchen )?(?:gun|shotgun|rifle|air rifle|pistol|crossbow|knife|machete) "
        r"at\b)",
        2.4,
        "a weapon pointed at someone at home",
    ),
    (
        # the one the family left, with fear or a bar on him: not an ex who "knows where we
        # live now so he can collect her on Wednesdays"
        r"(?s)^(?=.*\b(?:my|her|his|the kids'?|their) ex(?:-husband|-partner|-wife|-boyfriend| "
        r"husband| partner| boyfriend)?\b[^.!?\n]{0,30}\b(?:has |had |have )?(?:found out|"
        r"tracked down|got hold of) (?:(?:where|were) (?:we|i|they)(?:'re| are)? (?:live|living|"
        r"staying|moved)|our (?:new )?(?:address|house|flat))\b)(?=.*\b(?:scared|afraid|"
        r"frightened|terrified|not allowed|injunction|order|please don't|don't let|refuge|fled|"
        r"police|keep (?:him|her) away|front door|see you soon|threat\w*|hurt)\b)",
        2.4,
        "an adult the family fled has found them",
    ),
    # after set 29's report: an abuser who said he would "finish what he started"; a parent's
    # joke about going off the top of a car park, the children "better off with their dad"
    (
        # said of someone who hurt them, at the end of its clause: not "he'd finish what he
        # started on the Lego", "she'd finish what she started at home, so we're baking"
        r"\b(?:said|says|swore|told (?:me|us|her|him)|threatened|promised)\b[^.!?\n]{0,20}\b(?:"
        r"he'd|he would|he'll|he will|she'd|she would|she'll|she will|they'd|they'll|to) finish "
        r"what (?:he|she|they) started\b(?=\W*(?:$|[.!?,;\n])|\s+(?:if|when|this time|with (?:me|"
        r"us|mum|her|you))\b)|\b(?:he|she)(?:'ll| will) finish the job this time\b(?=\W*(?:$|"
        r"[.!?\n]))",
        2.4,
        "a threat to finish an attack",
    ),
    (
        # the children better off without the parent, beside a way to die; not a custody
        # worry ("honestly they'd be better off with their dad on school nights")
        r"(?s)^(?=.*\bbetter off (?:without (?:me|mummy|mum|daddy|dad)|with (?:their|his|her) "
        r"(?:dad|mum|father|mother|nan|gran)(?: anyway)?\W*(?:lol|x+)?\W*$))(?=.*\b(?:off the top "
        r"of|off (?:a|the) (?:bridge|cliff|roof|multi-storey)|jump(?:ed|ing)? off|end(?:ing)? it "
        r"all|end my life|end things|not (?:be )?(?:here|around) (?:anymore|tomorrow))\b)",
        2.4,
        "a parent hinting at suicide",
    ),
    # after set 28's report: "secret tickles" that hurt; "last time it was the belt"; the
    # father who is not meant to know where they are and has found them; "he'd break his
    # legs" with a black eye; young children home alone who "know not to answer the door".
    # A review's ordinary twins narrowed each (tests/test_judge_set28.py).
    (
        # not a "secret tickles" game at bedtime with a teddy, "secret kisses" at the gate
        r"(?s)^(?!.*\bsecret santa\b)(?=.*\bsecret (?:tickles|tickling|cuddles|kisses|games?)\b)"
        r"(?=.*\b(?:hurts?|hurting|sore|bottom|bum|private\w*|touch\w*|bath|bedroom|feel\w* "
        r"(?:funny|weird)|(?:not to|mustn't|must not|can't|cannot|not allowed to) tell|don't tell "
        r"(?:mum|mummy|mam|anyone|anybody|nobody|your)|if (?:she|he|i|you) (?:tells?|told)|in "
        r"trouble|scared)\b)",
        2.4,
        "an adult's 'secret' touching disclosed",
    ),
    (
        # the belt as a punishment: not a karate grading, a seat belt, trousers that fell down
        r"(?s)^(?!.*\b(?:karate|taekwondo|judo|jiu|grading|sensei|dojo|martial|kickboxing|seat ?"
        r"belt|lost property|trousers|(?:white|yellow|orange|green|blue|purple|brown|black|red) "
        r"belt)\b).*?(?:\b(?:last time|next time|the time before) (?:it was|it'll be|it will be|"
        r"(?:he|she) got|(?:he|she) gets|(?:he|she) had) the belt\b|\b(?:took|take|takes|taking|"
        r"used|uses) (?:the|his|her|a|my|their) belt (?:off )?(?:to|on) (?:him|her|them|me|us|the "
        r"(?:boys|girls|kids))\b|\bthe belt (?:came|comes|come) (?:out|off)\b|\b(?:hit|hits|"
        r"whipped|whips|leathered|beat|beats|smacked|strapped) (?:him|her|them|me) with (?:the|"
        r"his|a|her) belt\b)",
        2.4,
        "hit with a belt",
    ),
    (
        # "not meant to know" and he has found them: not the same line alone (a family
        # settled after a refuge asking for no photos)
        r"(?s)^(?=.*\b(?:not|isn't|is not) (?:meant|supposed|allowed) to know\b)(?=.*\b(?:found "
        r"(?:out|us|where|our)|tracked|parked|(?:waiting|sat|sitting|standing|stood|hanging "
        r"(?:about|around)|was|been|is) (?:outside|at the (?:end|gate|door))|turned up|followed|"
        r"knows now|has seen|got our)\b)",
        2.4,
        "an adult the family fled has found them",
    ),
    (
        # a threat to break a child's bones with an injury or fear told: not a grandad's joke
        r"(?s)^(?!.*\b(?:joking|joke|kidding|lol|haha|tackle|trampoline)\b)(?=.*\b(?:said|says|"
        r"told him|told her|threatened) (?:he'd|he would|she'd|she would|he'll|she'll|he will|"
        r"she will|to) (?:break|snap|smash) (?:his|her|their|your) (?:legs?|arms?|neck|jaw|"
        r"fingers|wrists?|nose|face|teeth)\b)(?=.*\b(?:black eye|bruis\w*|marks|hit|hits|cut lip|"
        r"split lip|scared|frightened|terrified)\b)",
        2.4,
        "a child threatened at home, and hurt",
    ),
    (
        # young children home alone: "they know not to answer the door" with no adult there;
        # not a police visit's lesson about strangers, nor a child at home with their nan
        r"(?s)^(?=.*\bknows? not to (?:answer|open) the door\b|.*\bknows? not to let (?:anyone|"
        r"anybody|people) in\b)(?=.*\b(?:on (?:their|his|her) own|by (?:them|him|her)sel(?:f|"
        r"ves)|home alone|alone|on (?:shift|nights|lates|earlies|a double)|working|at work|out "
        r"(?:at|to|for)|at the pub|till \d|until \d|all (?:day|evening|night))\b)(?!.*\b"
        r"(?:strangers?|pc|pcso|police|officer|visit|shower|dog|with (?:me|their|his|her|nan|"
        r"nana|gran|granny|grandma|grandad|dad|mum|the childminder|a sitter))\b)",
        2.4,
        "a child left alone",
    ),
    # after set 25's report: a farewell that leaves a child in the teacher's care; a partner
    # "handy" when drunk; a parent on a bridge "thinking about it"; a child asked on camera in
    # the bath; a parent put in hospital by a partner; a coach who keeps a child back alone
    (
        # not "I won't be around for the next few weeks (an operation), look after her for me"
        r"(?s)\b(?:won't|wont|will not|shan't|not going to) be (?:around|here) (?:(?:for|to see) "
        r"(?:the next|next|another)\b(?! (?:few|couple|week|weeks|day|days|month|months|term|"
        r"fortnight|time|\d))|to see (?:her|him|them) grow up|much longer)\b.{0,160}\b(?:look "
        r"after|take care of) (?:my|our|her|him|them)\b(?:\s+\w+)?\s+for me\b",
        2.4,
        "a farewell that leaves a child in the school's care",
    ),
    (
        # not "handy with his hands" (a grandad who builds the bug hotel)
        r"\bhandy (?:with (?:his|her|their) fists|when (?:he|she|they)(?:'s|'ve| has| have| is)? "
        r"(?:had a (?:drink|few|skinful)|been drinking|drunk|had a couple))\b|\bwhen (?:he|she)"
        r"(?:'s| has) (?:had a (?:drink|few|skinful)|been drinking)\W+(?:he|she) (?:gets|can get|"
        r"goes) (?:a bit |quite )?handy\b",
        2.4,
        "violence at home when drunk",
    ),
    (
        # not "sat on the edge of the bed all night thinking about it"
        r"(?s)\bon (?:the|a) (?:\w+ )?(?:bridge|roof|ledge|cliff|edge of (?:the|a) (?:bridge|roof|"
        r"cliff|building|platform)|top of the car park)\b.{0,80}\bthinking (?:about|of) (?:it|"
        r"doing it|jumping|ending it)\b",
        2.6,
        "a parent at a height, thinking about it",
    ),
    (
        # someone asks: not a goodnight to nan on FaceTime in pyjamas
        r"\b(?:ask\w*|want\w*|wanted|told|tells|beg\w*|pressur\w*)\b[^.!?\n]{0,30}\bon (?:camera|"
        r"cam|video|facetime|live)\s+(?:\w+ ){0,2}in (?:the|their|her|his) (?:bath|shower|pants|"
        r"underwear)\b",
        2.4,
        "a child asked on camera undressed",
    ),
    (
        # the adult put them there: not "my mum's covid put my dad in hospital", "had to put"
        r"\b"
        + _ADULT
        + r" (?:has |had |just |has just )?put (?:me|her|him|(?:her|his|my|their|our)"
        r" (?:mam|mum|mom|mother|ma|maw|nan|dad|sister|brother|partner)) in (?:hospital|a&e|"
        r"intensive care)\b",
        2.4,
        "a parent put in hospital by a partner",
    ),
    (
        # alone, or for "checks": not kept back to tidy up or to dry her hair
        r"\b(?:coach|instructor|leader|man|helper|tutor|caretaker|lifeguard)\b(?=[^.!?\n]{0,120}"
        r"\b(?:alone|on (?:his|her|their) own|by (?:him|her)sel(?:f|ves)|after the others|"
        r"checks?)\b)[^.!?\n]{0,40}\b(?:keeps?|kept|keeping|makes?|made) (?:him|her|them|"
        r"pupilname|ownchild|my (?:son|daughter|boy|girl|lad|lass)) (?:to )?(?:stay )?(?:back|"
        r"behind)\b[^.!?\n]{0,60}\bchanging ?rooms?\b",
        2.2,
        "an adult keeps a child back alone in the changing rooms",
    ),
    (
        # after set 35's report: an adult who goes into a child's changing cubicle with them,
        # or follows them in ("the swimming instructor comes into the changing cubicle with him
        # to 'check' him"), or into the changing rooms or showers to check them, alone, behind
        # a shut door or as a secret; not a teacher with a child in the toilets after an
        # accident, nor staff who help with a costume or check the class has its kit
        r"\b(?:coach|instructor|leader|man|helper|tutor|caretaker|lifeguard|teacher|volunteer)"
        r"\b[^.!?\n]{0,40}\b(?:(?:comes?|came|coming|goes|went|going|gets?|got|getting) (?:in|"
        r"into|in to) (?:the |a |his |her |their )?(?:(?:changing|shower) cubicles?|(?:changing ?"
        r"rooms?|showers?)(?=[^.!?\n]{0,60}(?:\bcheck(?:s|ed|ing)?\W{0,2} (?:him|her)\b|\balone\b|"
        r"\bon (?:his|her) own\b|\bshuts?\b|\blocks? the door\b|\bsecret\b))) with (?:him|her|"
        r"them|pupilname|ownchild|my (?:son|daughter|boy|girl|lad|lass)|the (?:boys|girls|kids|"
        r"children))\b|follow(?:s|ed|ing)? (?:him|her|pupilname|ownchild|my (?:son|daughter|boy|"
        r"girl|lad|lass)) into the (?:changing|shower) (?:cubicles?|rooms?))",
        2.2,
        "an adult goes in with a child where they change",
    ),
    (
        # after set 36's report: an adult who photographs or films children while they change
        # ("the coach… takes photos of them while they're getting changed"); not the writer's
        # own photos, nor "changing" a thing ("changing the water in the fish tank")
        r"\b(?:coach|instructor|leader|man|helper|tutor|caretaker|lifeguard|teacher|volunteer|"
        r"miss|sir|mr|mrs|he|she|someone|somebody)\b[^.!?\n]{0,60}\b(?:(?:takes?|took|taking|"
        r"takin)\b[^.!?\n]{0,20}\b(?:photos?|pictures?|pics?|videos?)\b|photograph(?:s|ed|ing)?|"
        r"(?:films?|filmed|filming|records?|recorded|recording) (?:them|him|her|the (?:girls|"
        r"boys|kids|children))\b)[^.!?\n]{0,40}?(?:\b(?:while|whilst|when|as)\b[^.!?\n]{0,20}?|"
        r"\b(?:of|on) (?:them|him|her|the (?:girls|boys|kids|children))\s+)?(?:\bget(?:ting)? "
        r"changed\b|\bchanging\b(?=\s*(?:$|[,.!?;)]|(?:in|into|for|after|before|out|their|his|"
        r"her)\b))|\b(?:getting )?undress(?:ed|ing)\b(?! (?:the|a|an|dolls?|teddy|teddies)\b)|"
        r"\bnaked\b|\bin the (?:showers?|changing ?rooms?)\b)",
        2.2,
        "an adult photographs children while they change",
    ),
    (
        # "she has disclosed something", in a school's own word for it (not "disclosed" of a
        # form, a fee or an allergy)
        r"(?:\b(?:has|just|she|he|pupilname|ownchild)|'s)\s+(?:\w+\s+)?disclosed (?:something|"
        r"abuse)\b|\bmade a disclosure\b",
        2.2,
        "a child has disclosed something",
    ),
    # after set 24's report: a young child alone at home; a wish to disappear for good; an
    # adult coming into a child's room at night; "walked into a door" again; medicines or
    # poison taken; children at home while the parent is abroad; an eye hurt in "a fall"
    (
        # left at home alone, not "asks to walk home on her own" or "reads at home by himself"
        r"(?s)^(?=.*\b(?:is|was|'s|are|left|stays?|staying) (?:at home|home|in the house) (?:on "
        r"(?:his|her|their) own|alone|by (?:him|her|them)sel(?:f|ves))\b)(?=.*\b(?:he|she)(?:'s|"
        r" is) (?:only |just )?(?:[2-8]|two|three|four|five|six|seven|eight)\b(?! ?(?:o'?clock|"
        r"pm|am|months|weeks|mins|minutes|hours|days|miles)\b))",
        2.2,
        "a young child alone at home",
    ),
    (
        # the child to disappear, not the nits, Mondays or a parent's own joke
        r"\b(?:wish(?:es|ed)? (?:he|she|they) could (?:\w+ ){0,6}|(?:he|she|they)(?: wants?| "
        r"wanted|'d like| would like) to (?:just )?)disappear\b[^.!?\n]{0,40}\b(?:so (?:nobody|no "
        r"one|no-one)|forever|for good|and never come back)\b",
        2.2,
        "wishes to disappear for good",
    ),
    (
        r"\b(?:step[- ]?dad|stepfather|step-father|uncle|boyfriend|partner|lodger|a man|grandad|"
        r"granddad)\b[^.!?\n]{0,20}\b(?:started|starts|keeps|kept|has been|been|comes|came|gets)"
        r" (?:coming |going |creeping |sneaking |getting )?(?:in(?:to)?|into) (?:her|his|their|"
        r"my) (?:bed)?(?:room|bed) (?:at night|every night|in the night)\b(?! (?:to|because|as|"
        r"when|since|if|for) )",
        2.4,
        "an adult coming into a child's room at night",
    ),
    (
        r"\b(?:he|she|pupilname|ownchild)(?:'s| has)?\W{0,3}walked into (?:a|the|another) door\b"
        r"[^.!?,\n]{0,60}\b(?:again|third|fourth|another (?:bruise|mark|black eye|injury|"
        r"shiner))\b",
        2.2,
        "injuries explained as walking into a door",
    ),
    (
        # someone else's medicine, or a quantity: not "he drank his medicine like a champ" nor
        # "I took my tablets"
        r"\bgot into (?:some of |all of |a few of |one of )?(?:my|his|her|the|their) (?:\w+'s )?"
        r"(?:morphine|methadone|pills|tablets|meds|medication|medicine|paracetamol|patches|bleach|"
        r"dishwasher tablets|washing (?:tablets|pods)|vape liquid)\b|(?<!\bi )\b(?:has "
        r"swallowed|swallowed|ate|eaten|chewed|drank|took|has taken) (?:(?:some|all|a few|one|a "
        r"load|loads) of )?(?:my|my \w+'s|(?:his|her|their) (?:mum|dad|nan|gran|grandad|"
        r"grandma)'s) (?:morphine|methadone|pills|tablets|meds|medication|medicine|paracetamol|"
        r"patches|bleach|dishwasher tablets?|washing (?:tablets?|pods?)|vape liquid)\b",
        2.4,
        "a child has taken medicine or poison",
    ),
    (
        # no other adult at home with them
        r"(?s)^(?!.*\b(?:their|my|his|her|the) (?:dad|mum|nan|nana|gran|granny|grandma|grandad|"
        r"grandparents|auntie|aunt|partner|husband|wife|childminder|babysitter|neighbour)\b)"
        r"(?=.*\b(?:i'?m|im|i am|we'?re|we are) (?:in|away in|abroad in|on holiday in|"
        r"over in|away|abroad|on holiday) (?:\w+ )?(?:til+|until|for) (?:\w+day|next week|the "
        r"weekend|a week|(?:\d+|two|three|four|a few|a couple of) (?:days|nights|weeks))\b)"
        r"(?=.*\b(?:kids|children|they)(?:'re| are)? (?:(?:fine|ok|okay|alright) )?(?:at home"
        r"(?! with)|(?:home |at home )?(?:alone|on their own|by themselves))\b)",
        2.2,
        "children at home while the parent is away",
    ),
    (
        r"(?s)^(?=.*\b(?:another|a) (?:fall|fell)\b|.*\bfell (?:down|over|again)\b)(?=.*\bcan(?:'?t"
        r"| ?not) (?:really )?see (?:out )?(?:of )?(?:my|her|his) (?:left|right) eye\b)",
        2.0,
        "an eye hurt in 'a fall'",
    ),
    # an adult who came into the children's room at night and would not leave
    (
        r"\b(?:grown ?up|adult|man|member of staff|leader|instructor|helper)\b[^.!?\n]{0,30}"
        r"\b(?:came|come|comes|went|got) (?:in(?:to)?|into) (?:the |our |her |his |their )?"
        r"(?:girls'?|boys'?|kids'?)? ?(?:room|dorm|bedroom|tent|bed)\b[^.!?\n]{0,40}"
        r"\b(?:wouldn't|would not|won't|didn't|refused to) (?:leave|go|get out)\b",
        2.4,
        "an adult in a child's room at night",
    ),
    # children left at home with no power or food, the adult gone
    (
        r"\bno (?:gas|electric|electricity|power|heating|food)(?: or (?:gas|electric|electricity|"
        r"power|heating|food))? (?:since|for (?:days|a week|\d+ days))\b",
        0.8,
        "no power or food at home for days",
    ),
    (
        r"\b(?:just|only) (?:him|her|them|the kids|the two of them)(?: and (?:his|her|their) "
        r"(?:brother|sister|siblings?)(?: \(?\d+\)?)?)? (?:at home|in the house|home alone|on "
        r"(?:their|his|her) own)\b|\b(?:dad|mum|father|mother|partner|he|she)(?:'s| has| is)? "
        r"(?:not|n't) been (?:back|home) (?:since|for)\b",
        0.7,
        "children at home with no adult",
    ),
    (
        # "he'll break my arm like last time": someone at home threatens the parent; not "I'll
        # break my neck on these stairs"
        r"\b(?:he|she|they|he's|she's)(?:'ll|'d| will| would| is going to| are going to| said "
        r"(?:he|she)(?:'d| would| will)| says (?:he|she)(?:'ll| will)| threatened to| has "
        r"threatened to| going to| gonna)? ?(?:\w+ ){0,2}break my (?:other )?(?:arm|arms|leg|legs|"
        r"neck|jaw|nose|ribs?|fingers?|wrists?|face|teeth)\b(?![^.!?\n]*(?:😂|🤣|\blol\b|\bhaha|"
        r"only joking|\bjk\b|cheeky|biscuit))",
        2.4,
        "threatens to hurt the parent",
    ),
    (
        r"\b(?:someone|somebody|something|he|she|they|the man|a man)(?:'s| is| are)? (?:\w+ )?"
        r"hurting (?:her|him|them|me)\b|(?<!n't )(?<!not )(?<!never )(?<!without )(?<!them )"
        r"(?<!of us )\bflinch\w*\b(?! (?:at|when) (?:the |a |his |her )?(?:fire alarm|flu spray|"
        r"spray|needle|injection|jab|noise|bang|fireworks?|horses?|shire|dog|ball|drums?|thunder|"
        r"cold water|whistle)\b)(?! at the (?:\S+ ){0,3}(?:battle|fight|fights|scene|bit|moment|"
        r"ending|film|play|show|nativity|performance)\b)|\bpunched a hole\b|"
        r"\bsmashing (?:the|up|"
        r"things|everything|the place)\b|\b(?:drunk|pissed|raging|kicking off)(?: again)?\W+"
        r"(?:and |n |& )?smash(?:ing|in'?) (?:stuff|things|everything|the house)\b|\bkicking off\b|"
        r"\b(?:partner|husband|boyfriend|he|ex|she) did this\b|\b(?:he|she) (?:hit|hits|punched|"
        r"strangled|choked|beat|kicked|slapped|attacked|hurt) me\b|"
        # after set 32's report: "he put my head through the kitchen door again"
        r"\b(?:he|she|partner|husband|boyfriend|ex|stepdad)(?: has| had|'s|'d)? (?:put|pushed|"
        r"smashed|slammed|shoved|banged|threw) my head (?:through|into|against|off)\b|"
        # "he dragged me round the kitchen by my hair" (not a child who "dragged me round every
        # stall", read plainly first)
        r"\b(?:he|she|partner|husband|boyfriend|ex|stepdad|dad|mum)(?: has| had|'s|'d)? "
        r"(?:dragged|pulled|yanked) (?:me|her|him|them|pupilname|ownchild) (?:\w+ ){0,4}by (?:my|"
        r"her|his|their) (?:hair|arm|arms|neck|throat|collar|ear)\b",
        1.8,
        "signs of violence at home",
    ),
    (
        r"\b(?:drunk|been drinking|drinking all day|off (?:her|his|their) heads?|needles|"
        r"high on|on drugs|passed out drunk)\b",
        1.0,
        "an adult drunk or on drugs",
    ),
    (
        r"\bsex(?:ual\w*|t(?:ing|ed|s)?|y)?\b|\b(?:grown up|adult|rude|dirty) (?:videos|films|"
        r"pictures|photos|things)\b|"
        r"\bporn\w*|\b(?:no|without (?:any )?) clothes\b|\b(?:photos?|pictures?|pics|videos?)"
        r" (?:\w+ ){0,3}(?:in the bath|in (?:her|his|their) (?:pyjamas|pants|knickers|underwear)|"
        r"with no clothes)\b|\bsit on (?:his|her) (?:knee|lap)\b|\b(?:makes?|made|making) "
        r"(?:him|her|them) do (?:things|stuff)\b|\bdo (?:things|stuff) to (?:him|her|them)\b|"
        r"\b(?:touch|touched|touches|touching) (?:him|her|them) (?:at|in the) night\b|\b"
        + _ADULT
        + r"(?:'s)? (?:\w+ ){0,2}(?:touch|touches|touched|touching)\b|\bdown below\b",
        2.2,
        "sexual harm described",
    ),
    (
        r"\bkeep (?:it )?(?:a |our |their |his |her )?secrets?\b|\bnot to tell (?:mummy|mum|"
        r"anyone|anybody|daddy|dad|you|me|her mum|his mum|his dad|her dad)\b(?! my (?:son|"
        r"daughter|child|boy|girl|lad|lass)\b)|\b(?:their|our|a "
        r"special|a secret) game\b|\b(?:shows?|showed|showing) (?:him|her|them) (?:pictures|"
        r"videos|photos|things)\b",
        1.6,
        "a child kept from telling",
    ),
    (
        r"\b(?:told|tells|telling|keeps telling|kept telling|says to|said to) (?:her|him) (?:that "
        r")?(?:she|he)(?:'s| is) [\"“']?(?:so |very |really |quite )?mature for (?:her|his) age\b",
        1.6,
        "an adult telling a child they are mature for their age",
    ),
    (
        r"\b(?:married|marry|marriage|wedding) (?:\w+ ){0,4}(?:holiday|summer|abroad|back home|in"
        r" (?:bangladesh|pakistan|somalia|india|nigeria|yemen|afghanistan|iraq|egypt|sudan))|\bto"
        r" be cut\b|\bfgm\b|\bbondo\b|"
        r"\bmade (?:clean|pure),? like (?:a|the other) (?:proper |real |good )?(?:girl|woman|"
        r"girls)\b|\bcutting ceremony\b|"
        r"\bspecial ceremony\b|\bcircumcis\w*|"
        r"\b(?:he|she|they|dad|mum|father|mother|husband|wife|ex|uncle|aunt|family)(?:'s| has| "
        r"have|'ve)? (?:got|has|have|take|kept|keeps)\b(?: (?!for\b|at\b)\S+){0,5} passports?\b|"
        r"\b(?:taken|took|hidden|hid|stolen|stole|grabbed|snatched)\b(?: (?!for\b|at\b)\S+){0,6} "
        r"passports?\b|\b(?:can't|cannot|can not|"
        r"couldn't) find (?:\S+ ){0,2}passports?\b|\bpassports? (?:is|are|were|was|have been|has "
        r"been|have|has|'s) (?:gone|missing|taken|hidden|kept|stolen)\b|"
        r"\bnever see (?:them|him|her) again\b|\b(?:taking|take|takes) "
        r"(?:the (?:boys|girls|kids|children)|them|him|her) (?:\w+ )?(?:abroad|to (?:pakistan|"
        r"bangladesh|somalia|india|nigeria|poland|romania|iraq|syria|turkey|jamaica))\b",
        1.8,
        "a child at risk of being taken abroad, married or cut",
    ),
    (
        r"\b(?:no food|nothing to eat|not (?:been )?fed|doesn't get fed|don't get fed|isn't "
        r"allowed to eat|not allowed to eat|no heating|electric's gone|no electric|same clothes|"
        r"nobody there overnight|no ?one there overnight|out in the street|sleeping "
        r"(?![^.!?\n]{0,40}\b(?:sleepover|camping|on the way|holiday)\b)(?:rough|(?:in|on) (?:the|"
        r"a) (?:street|bus shelter|park|car|stairs|stairwell|shed|floor|garage|doorway))|in (?:his|"
        r"her) pants (?:since|in the street|outside))\b",
        1.6,
        "a child neglected",
    ),
    (
        # a child starved, or "starving" with a home that does not feed: not "he's always
        # starving after swimming", "coming home starving" from small school dinners (a complaint)
        r"(?s)\b(?:are|is|been|were|was) starving (?:her|him|them)\b|^(?=.*\bstarving\b)(?=.*\b"
        r"(?:doesn't feed|don't feed|didn't feed|won't feed|never feeds?|nothing in the (?:house|"
        r"fridge|cupboards?)|cupboards? (?:are |is )?(?:empty|bare)|locked the fridge|(?:out of|"
        r"from) the bins|been gone|hasn't been (?:back|home)|on (?:their|his|her) own)\b)",
        1.6,
        "a child neglected",
    ),
    (
        r"\b(?:left|been|be|home) (?:on (?:their|his|her) own|alone|by (?:them|him|her)"
        r"sel(?:f|ves)) (?:since (?:\w+day|yesterday|last night)|for (?:two|three|four|five|six|"
        r"several|a few|\d+) (?:days|nights))\b|\b(?:no ?one|nobody|no adult)(?: has been|'s "
        r"been| been| is| was)? (?:at home|home|there|in) for (?:the|those|her|his|their|my|our) "
        r"(?:\w+ ){0,2}(?:kids|children|little ones|baby|babies|boys|girls)(?: \S+){0,5} "
        r"(?:for (?:two|three|four|five|six|several|a few|\d+) (?:days|nights)|since (?:\w+day|"
        r"yesterday|last night))\b",
        1.6,
        "children left alone for days",
    ),
    (
        r"\b(?:wants?|wanted|trying|tried|asked) to meet (?:him|her|them|up)\b|\bmeet (?:him|"
        r"her|them) (?:at|down|after|in|by)\b|\bgave (?:him|her|them) a (?:phone|sim)\b|\b"
        r"(?:messages|messaging|texts|texting) (?:\w+ ){0,2}from (?:someone|a man|an adult|a "
        r"stranger|uncle|a grown)\b|\bgrown (?:man|woman)'s voice\b|\b(?:man|lady|woman|"
        r"someone|stranger|fella|bloke|guy) in a (?:car|van)\b|\bcome and see (?:his|her|my) "
        r"(?:puppies|puppy|kittens|dog)\b|\b(?:taking|takes|took) (?:pictures|photos|videos) "
        r"of (?:the )?(?:kids|children)\b|\bloves? her and\b|\bsays? they love (?:him|her)\b",
        1.8,
        "a child groomed or approached",
    ),
    (
        r"\b(?:parcels|packages|packets) to people\b|\b(?:make|makes|made|making) (?:him|her|"
        r"them) (?:carry|hold|sell|deliver|take|hide)\b|\bolders\b|\bwad of (?:cash|money|"
        r"notes)\b|\bgives? (?:him|her|them) jobs\b|\bvapes? with\b|\bselling (?:vapes|drugs|"
        r"weed|stuff)\b|\bgive (?:him|her|them) money to\b|\bgives (?:him|her|them) money to\b",
        1.8,
        "a child exploited",
    ),
    (
        r"\btaken something\b|\bslurring\b|\bcan't stand up\b|\bcan't see properly\b|"
        r"\bwheez\w*|\blips (?:are )?swell\w*|\bwhere (?:is|'s) (?:the|his|her) (?:epipen|epi "
        r"pen|pen|inhaler)\b|\bgive (?:him|her) (?:his|her) (?:pen|epipen|epi pen|inhaler)\b|"
        r"\bdrank (?:something|bleach|\w+ from under)\b|\bmouth is burning\b|\bcovered in "
        r"(?:blood|bruises)\b|\b(?:cough\w*|spit\w*|bring\w* up|throw\w* up|vomit\w*|being "
        r"sick|sick)(?: up)? (?:some |a lot of |lots of )?blood\b",
        1.6,
        "signs of a medical emergency",
    ),
    (
        r"\bfeels? (?:really |very )?strange\b|\bfainted\b|\bon the floor\b|\bbleed\w*|"
        r"(?<!fake )(?<!pretend )(?<!fake-)\bblood\b|\bsleepy and sick\b|\bcut head\b",
        0.6,
        "may be hurt or unwell",
    ),
    (
        r"\b(?:not|don't think|doesn't think) (?:\w+ )?(?:they're|he's|she's|it's|they are|he is|"
        r"she is|it is) safe\b|\bdon't tell (?:him|her|them|anyone) where (?:we|i|they) (?:are|"
        r"live|went)\b|\b(?:take|taking|get|getting|grab|come for|coming for|coming to get|come to "
        r"get|gonna get|goin to get|going to get) (?:him|her|them|the kids|the "
        r"children)(?!['’])(?: (?:from|at) (?:school|the gate|the school))?\b(?=.*\b(?:not allowed|"
        r"order|drunk|drinking|prison|police|scared|afraid|terrified|threat\w*|angry|kicking off|"
        r"court|judge|not on the list|not supposed)\b)|\bnot on the list\b|\bnot supposed to\b|"
        r"\bgot out of prison\b|\bvery afraid\b|\bso scared\b",
        1.4,
        "a family in danger from an adult",
    ),
    (
        r"\b(?:he|she|they)(?:'s| is) (?:\d{1,2}|six|seven|eight|nine|ten|eleven|five|four)\b"
        r"(?: years? old)?|\b(?:\d{1,2}|six|seven|eight|nine|ten|eleven) ?(?:yr|year)s? old\b",
        0.4,
        "says how young the child is",
    ),
)
