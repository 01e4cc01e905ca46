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
)

#: Criticism of the school, its staff or its children (negative).
NEGATIVE: tuple[Rule, ...] = (
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
    (
        r"\b(?:better|worse|faster|slower|smarter|cleverer|brighter|neater|nicer|harder|quicker|"
        r"stronger|louder|more \w+|less \w+|further|higher|lower) than (?:the |all the |most of "
        r"the |most |some of the |any of the |half the |any ?one |every ?one |every ?body )?"
        r"(?:others?|rest|everyone|everybody|anyone|anybody|most|some|other (?:kids|children|"
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
        r"\b(?:miles|streets|way|loads|lots|much|far|so much|heaps) (?:better|worse|ahead|faster|"
        r"neater|cleverer|smarter)\b",
        1.2,
        "a wide gap between children ('miles better')",
    ),
    (r"\bby (?:miles|far|a mile|a long way|a mile)\b", 1.0, "'by miles'"),
    (
        r"\b(?:favourites?|favouritism|favoritism|teacher's pets?|teachers pets?|golden child)\b",
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
        r"\b(?:always|every time) (?:\S+ ){0,4}(?:gets?|got|picked|chosen|chooses)\b|"
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

#: Threats, intimidation and rude dismissals aimed at staff (abusive).
ABUSE: tuple[Rule, ...] = (
    (
        r"\bwatch (?:your|yer) back\b|\bwatch yourself\b|\bi know where (?:you|she|he) lives?\b|"
        r"\byour days are numbered\b|\byou have been warned\b",
        2.6,
        "threat",
    ),
    (
        r"\byou(?:'ll| will) (?:regret|pay for|be sorry)\b|\b(?:there'll|there will|there's "
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
        r"\b(?:waste of (?:space|oxygen|a salary)|piece of (?:work|shit|crap|rubbish)|not fit to "
        r"(?:teach|be a teacher|run)|shouldn't be (?:a teacher|teaching|allowed near)|should be "
        r"sacked|can't (?:even )?(?:teach|manage|control|run) (?:a|the|your|my)?)",
        1.6,
        "attacks a teacher's worth",
    ),
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
    (r"\bsick (?:of|and tired)\b", "fed up with"),
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
)
