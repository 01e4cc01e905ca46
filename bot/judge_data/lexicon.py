"""Lexicons for the message judge.

Every list here is general: words and short phrases of British English as parents write it,
never sentences from an evaluation file. Multi-word entries are matched on whole words
after the judge's normalisation (lower case, confusables folded, emoji removed).
"""

from __future__ import annotations


def _terms(text: str) -> tuple[str, ...]:
    """Comma-separated terms (phrases may contain spaces); lines starting '#' are notes."""
    lines = (line for line in text.splitlines() if not line.strip().startswith("#"))
    return tuple(t.strip() for t in ",".join(lines).split(",") if t.strip())


def _pairs(text: str) -> dict[str, str]:
    """`written=read` pairs separated by spaces; '_' in the reading stands for a space."""
    pairs = (item.split("=", 1) for item in text.split())
    return {written: read.replace("_", " ") for written, read in pairs}


# --- Profanity -----------------------------------------------------------------------------

#: Strong swearing, British and general. Matched as whole words after de-obfuscation.
STRONG_PROFANITY: frozenset[str] = frozenset(
    """
    fuck fucks fucked fucker fuckers fucking fuckin fuckn fking fkn fck fcking fcuk fk effing
    motherfucker motherfucking mofo fuckwit fuckwits fuckhead fuckface
    shit shits shite shitty shite shitting shithead shithole shitshow bullshit horseshit
    cunt cunts twat twats twatty wanker wankers wank wanking wanky tosser tossers
    bollocks bollox bellend bellends knobhead knobheads knobend dickhead dickheads
    prick pricks arsehole arseholes asshole assholes bastard bastards bitch bitches bitchy
    slag slags slut sluts whore whores skank cock cocks cocksucker minge
    ffs wtf stfu gtfo fml omfg jfc mf mfs mofo
    """.split()
)

#: Mild swearing: rude in a class story, harmless as an intensifier ("bloody brilliant").
MILD_PROFANITY: frozenset[str] = frozenset(
    """
    bloody bloomin blooming crap crappy damn damned dammit goddamn hell sod sodding bugger
    buggered naff arse arsey piss pissed pissing bum frigging friggin feck fecking
    jeez ass asses fanny nob damnit sucks sux suck crappy knob
    """.split()
)

#: Words in the package word list that are ordinary in a primary school (anatomy taught in
#: RSE, history topics, nursery rhymes, food, pantomime, identity words that are not
#: insults) or that the judge scores elsewhere (insults, threats, health).
SCHOOL_SAFE_WORDS: frozenset[str] = frozenset(
    """
    anal anus areole arian aryan asanchez bimbo bimbos boob boobs booty breasts
    busty clitoris cow crotch cum dink dinks dong dopey doofus drunk dummy ejaculate erect
    erection erotic fart fat flange foobar gay gays god hebe hemp herp herpes herpy
    hitler hiv homey hooch hookah hooker hooter hooters hootch hump humped humping hymen
    incest jerk junkie junky kill kraut labia len lesbians lmao lmfao loin loins lust
    lusting lusty maxi menses menstruate menstruation molest moron murder naked napalm
    nappy nazi nazism nimrod ninny nipple nipples nude nudes omg opiate opium organ ovary
    ovum ovums paddy pasty pastie pawn pecker pee peepee penetrate penetration penial
    penile penis perversion pms pollock poop pot potty prig prude pube pubic pubis punky
    puss queer queers racy rape raped raper raping rapist rectal rectum rectus reich
    revue rum ruski sadism sadist sandbar schizo screw screwed screwing scum seaman
    seamen seduce semen sex sexual sissy slave slope sniper snatch snuff souse soused
    sperm spunk steamy stoned strip stroke stupid suck sucked sucking tampon teat teets
    teste testee testes testical testicle testis thrust thug tinkle toots tramp trashy
    tush ugly undies unwed urinal urine uterus uzi valium vixen vodka vomit vulva wad wang
    weed weenie weirdo wench whiz willies willy womb woody yury mams transsexual glans
    gonad gonads hardon heroin meth pcp peyote reefer ganja scag skag toke viagra v1gra
    v14gra leper inbred sleaze sleazy smut smutty tawdry wedgie prostitute pimp
    gigolo floozy hussy lech nookie facial gai vagina vulgar xxx xx virgin oral orally
    niggle massa muther mutha nad nads rump sob titi heii kinky fingering guido gae gey
    nooky muff queaf queef
    """.split()
)

#: Slurs: always removed from a story and diverted from a teacher.
SLURS: frozenset[str] = frozenset(
    """
    nigger niggers nigga niggas niggaz nigg niglet paki pakis chink chinks gook gooks
    spic spick spics kike kikes wetback wetbacks coon coons faggot faggots fag fags
    dyke dykes tranny trannies retard retards retarded spaz spazz spastic spac mong
    mongs gyppo gypo pikey pikeys wog wogs raghead ragheads golliwog niggah niggahs nigguh
    nigguhs nicca niccas beaner beaners muzzie muzzies
    """.split()
)

#: Listed words that are ordinary words of another language: the letters only that language
#: writes (two words written with them show the message is in it), and the word's own
#: ordinary use typed without them. Vietnamese "mong" (to hope: "mong cô để ý giúp", "mong co
#: de y giup") is no slur; "Mrs Nguyễn is a mong" is.
ORDINARY_ELSEWHERE: dict[str, tuple[str, str]] = {
    "mong": (
        "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
        r"\bmong (?:co|thay|cac|anh|chi|ban|em)\b",
    ),
}

#: Phrases that contain a listed word but are ordinary in a UK primary school.
ALLOWED_PHRASES: tuple[str, ...] = _terms(
    """
    dick whittington,
    moby dick,
    spotted dick,
    dick king smith,
    dick and dom,
    gay gordons,
    willy wonka,
    blue tit,
    blue tits,
    great tit,
    great tits,
    coal tit,
    coal tits,
    long tailed tits,
    bearded tits,
    knob of butter,
    door knob,
    door knobs,
    cock robin,
    cock a doodle doo,
    pussy willow,
    pussy cat,
    pussycat,
    bum bag,
    hell of a,
    bloody mary,
    faggots and peas,
    prick her finger,
    pricked her finger,
    prick your finger,
    prick his finger,
    sod's law,
    sods law,
    tit for tat,
    homo sapiens,
    homo erectus,
    ho ho ho,
    # Somali "cunto" (food) and its forms: written with the letter o, never a digit, so
    # "cunt0" is still read as the English word
    cunto, cuntada, cuntadii, cuntooyin, cuntadu,
    """
)

#: Vulgar words missing from the package list; read like its entries (a teacher is asked).
EXTRA_LISTED: frozenset[str] = frozenset(
    """
    hoe hoes thot thots bytch bytches biatch biatches pussies
    """.split()
)

# --- Insults and criticism -----------------------------------------------------------------

#: Words that insult a person when aimed at someone ("you're pathetic", "useless lot").
INSULTS: frozenset[str] = frozenset(
    """
    pathetic useless incompetent idiot idiots moron morons stupid clown clowns joke loser
    losers muppet muppets pillock pillocks prat prats plonker git gits numpty numpties
    imbecile imbeciles cretin cretins dimwit halfwit nitwit liar liars disgrace scum vile
    hag jobsworth jobsworths wazzock berk div dipstick nonce parasite parasites amateurs
    hypocrite hypocrites coward cowards fool failure lazy thick pig cow bitch twat twats
    wanker wankers prick pricks dickhead dickheads knobhead knobheads bellend bellends
    tosser tossers cunt cunts arsehole arseholes asshole assholes bastard bastards waste
    embarrassment laughingstock clueless useless disgusting joke
    """.split()
)

#: Evaluative words that criticise a school, its staff, its teaching or its children.
CRITICISM: frozenset[str] = frozenset(
    """
    useless pathetic shambles shambolic disgrace disgraceful shocking appalling atrocious
    diabolical dreadful dire terrible awful horrendous horrific ridiculous rubbish garbage
    trash nonsense farce clueless incompetent amateurish embarrassing pointless chaos
    chaotic hopeless lazy feral menace brats vile disgusting scandalous laughable pitiful
    abysmal woeful unprofessional inept naff shoddy sloppy crap worst
    outrageous ludicrous absurd insulting clowns idiots morons disorganised
    """.split()
)

#: Words that describe a child badly ("naughty", "feral"); aimed at another family's child.
CHILD_INSULTS: frozenset[str] = frozenset(
    """
    naughty menace menaces feral brat brats thug thugs rude horrible nasty vile bully
    bullies savages disruptive troublemaker troublemakers thick dumb stupid ugly smelly
    """.split()
)

# --- Sensitive matters ---------------------------------------------------------------------

#: Diagnoses, SEN, safeguarding, legal and family matters: private by nature.
SENSITIVE_STRONG: tuple[str, ...] = _terms(
    """
    # health and medication
    asthma, asthmatic, inhaler, inhalers, epipen, epi pen, epipens,
    anaphylaxis, anaphylactic, allergic, allergy, allergies, diabetes, diabetic,
    insulin, blood sugar, epilepsy, epileptic, seizure, seizures,
    medication, medicine, meds, prescribed, prescription, antibiotics,
    steroids, melatonin, ritalin, calpol, piriton, his tablets, her tablets,
    cancer, leukaemia, leukemia, tumour, tumor, chemo, chemotherapy,
    pneumonia, chickenpox, chicken pox, measles, mumps, scarlet fever,
    tonsillitis, infection, covid, norovirus, vomiting, diarrhoea, diarrhea,
    sickness bug, sick bug, d&v, head lice, nits, threadworm, threadworms,
    impetigo, conjunctivitis, bed wetting, bedwetting, bed-wetting, wetting,
    soiling, constipation, constipated, surgery, a&e, a and e,
    in hospital, hospitalised, hospital appointment, broken arm, broken leg,
    broken wrist, concussion, migraine, migraines, eczema, incontinence,
    catheter, tummy bug, fractured, fracture,
    # mental health and SEN
    camhs, mental health, anxiety, depression, ocd, self harm,
    self-harm, self harming, suicidal, eating disorder, therapist,
    counselling, counsellor, psychologist, psychiatrist, paediatrician,
    pediatrician, autism, autistic, adhd, dyslexia, dyslexic, dyspraxia,
    dyspraxic, dyscalculia, senco, sendco, ehcp, ehc plan, speech and language,
    salt therapy, diagnosed, diagnosis, referred for, been referred, referral, assessed for,
    assessment for, on the pathway, tourette, tourettes, cerebral palsy,
    down syndrome, down's syndrome, global delay, sensory processing,
    separation anxiety, special needs, additional needs, ed psych,
    educational psychologist, play therapist, occupational therapist, neurodivergent,
    # safeguarding, legal and family
    social services, social worker, child protection, cp plan, cin plan,
    child in need, safeguarding, court order, family court, in court, custody,
    contact order, non-molestation, non molestation, restraining order, injunction,
    arrested, in prison, divorce, divorcing, divorced, split up, splitting up,
    domestic violence, domestic abuse, women's refuge, fostered, foster care,
    foster carer, foster carers, foster placement, adoption, kinship, passed away, passed on,
    bereavement, bereaved, funeral, grieving, miscarriage, hospice,
    abused, rape, raped, molested, food bank, free school meals, homeless,
    evicted, eviction, bailiffs, universal credit, young carer,
    looked after child, special guardianship, not allowed to collect, rehab,
    addiction, alcoholic, overdose, the refuge, a refuge, in care,
    probation, court hearing, custody hearing, made redundant, been sanctioned,
    universal credit's, been sober, sober for, sobermum, sober mum, sober dad,
    bankruptcy, bankruptcy hearing, declared bankrupt, declare bankrupt, gone bankrupt,
    went bankrupt, insolvency, debt relief order,
    antidepressant, antidepressants, anti-depressants, anti depressants, sertraline,
    fluoxetine, citalopram, escitalopram, prozac, mirtazapine, methylphenidate, concerta,
    equasym, elvanse, medikinet, risperidone, guanfacine, atomoxetine,
    ivf, fertility treatment, fertility clinic, embryo transfer,
    youth offending, yot worker, youth justice, on bail, criminal record, electronic tag,
    ankle tag, early help worker, early help team, early help plan, pupil referral unit,
    permanently excluded, permanent exclusion, managed move,
    # after set 25's report
    psychiatric ward, psych ward, mental health unit, section 21, supervised contact,
    contact centre, parental rights, birth mum, birth mother, birth dad, birth father,
    months sober, years sober,
    """
)

#: Health or family words that are often private but also ordinary ("poorly", "doctor").
SENSITIVE_WEAK: tuple[str, ...] = _terms(
    """
    poorly, unwell, ill, flu, therapy, depressed, fever, high temp, high temperature, doctor,
    doctors, nurse, appointment, dentist, optician, hearing aid, grommets,
    pregnant, pregnancy, died, death, grief, struggling, worried about,
    bruise, bruises, injury, injured, rash, cough, virus, hospital,
    operation, accident, accidents, pull ups, medical, condition, carer,
    stepdad, stepmum, my ex, new partner, separated, tablets, police,
    adopted, terminal, admitted, covered in spots, the move, moving house,
    """
)

#: Family members: a death or separation next to one of these is a private matter.
FAMILY_WORDS: frozenset[str] = frozenset(
    """
    mum mom mummy mother dad daddy father nan nana nanna nanny gran granny grandma grandad
    grandpa granddad grandmother grandfather grandparent grandparents aunt auntie aunty
    uncle brother sister cousin baby stepdad stepmum step-dad step-mum parents husband
    wife partner ex i we
    """.split()
)

# --- Kindness ------------------------------------------------------------------------------

#: Thanks and praise in the languages of a UK school community, and British slang.
THANKS: tuple[str, ...] = _terms(
    """
    thank, thanks, thankyou, thanku, thx, ty, ta, cheers, merci,
    gracias, danke, grazie, obrigado, obrigada, shukran, dziekuje,
    dziękuję, dzieki, dzięki, multumesc, mulțumesc, köszönöm, koszonom,
    dekuji, děkuji, hvala, aitäh, aciu, ačiū, paldies, tak, takk,
    tack, kiitos, dank, bedankt, teşekkürler, tesekkurler, teşekkür,
    spasibo, спасибо, дякую, diolch, asante, dhanyavaad, dhanyavad,
    shukriya, shukria, jazakallah, jazakallahu, xie xie, arigato, gamsahamnida,
    salamat, cảm ơn, cam on, efcharisto, ευχαριστώ, mahalo, go raibh maith agat,
    tapadh leat, धन्यवाद, شكرا, شكراً, شکریہ, 谢谢, 謝謝, ありがとう,
    감사합니다, ngiyabonga, medaase, dankie, obrigadu, faleminderit, blagodarya,
    ευχαριστω, gracies, eskerrik asko, merci beaucoup, muchas gracias,
    danke schön, danke schon, vielen dank, grazie mille,
    """
)

#: British and school words VADER does not know or misreads; valence on VADER's -4..4 scale.
VADER_UPDATES: dict[str, float] = {
    # titles and school words read as negative
    "miss": 0.0,
    "missed": 0.0,
    "missing": -0.5,
    "fire": 0.0,
    "joke": 0.0,
    "jokes": 0.5,
    "lost": -0.3,
    "war": -0.3,
    "battle": -0.3,
    "evil": -0.5,
    "villain": -0.3,
    "monster": 0.0,
    "monsters": 0.0,
    "scary": 0.0,
    "spooky": 0.5,
    "witch": 0.0,
    "ghost": 0.0,
    "scream": 0.0,
    "screaming": -0.3,
    "killing": 0.0,
    "killer": 0.0,
    "insane": 0.0,
    "crazy": 0.0,
    "wild": 0.3,
    "mad": -0.4,
    "sick": 0.0,
    "dead": -0.5,
    "wicked": 2.2,
    "savage": 0.0,
    "filthy": -1.5,
    # feelings of children and parents, not criticism
    "cry": -0.4,
    "cried": -0.4,
    "crying": -0.4,
    "tears": -0.3,
    "tear": -0.3,
    "teary": 0.0,
    "shattered": -0.3,
    "knackered": -0.3,
    "exhausted": -0.4,
    "nervous": -0.5,
    "gutted": -1.2,
    "worries": -0.5,
    "freezing": -0.3,
    "lol": 0.8,
    "haha": 0.8,
    "hahaha": 0.8,
    # British praise
    "buzzing": 2.2,
    "buzzin": 2.2,
    "buzzed": 1.8,
    "chuffed": 2.4,
    "lush": 2.2,
    "mint": 1.5,
    "belter": 2.4,
    "cracking": 2.2,
    "brill": 2.4,
    "fab": 2.3,
    "fabby": 2.3,
    "ace": 2.0,
    "smashing": 2.2,
    "bless": 1.8,
    "ta": 1.5,
    "cheers": 1.8,
    "thankyou": 1.9,
    "thanku": 1.9,
    "proud": 2.2,
    "stunning": 2.8,
    "gorgeous": 2.8,
    "champion": 2.2,
    "superstar": 2.6,
    "superstars": 2.6,
    "legend": 2.2,
    "legends": 2.2,
    "grinning": 1.8,
    "inspiring": 2.4,
    # British criticism VADER does not know
    "shambles": -2.6,
    "shambolic": -2.6,
    "rubbish": -2.2,
    "naff": -2.0,
    "dire": -2.4,
    "feral": -2.4,
    "diabolical": -2.8,
    "farce": -2.2,
    "typical": -0.8,
    "shoddy": -2.2,
    "unprofessional": -2.2,
    "disorganised": -2.0,
    "dreadful": -2.6,
}

#: Words that intensify the next word in British speech ("mad proud", "dead happy").
INTENSIFIERS: frozenset[str] = frozenset(
    """
    mad dead proper well bloody crazy insanely ridiculously stupidly seriously wicked super
    mega ultra wildly right so really absolutely totally massively hugely sooo soooo
    """.split()
)

#: Upper-case acronyms for SEN and health services; matched case-sensitively, and only in
#: text that is not written in capitals throughout.
SENSITIVE_ACRONYMS: frozenset[str] = frozenset(
    """
    SEN SEND ASD ASC ADD PDA ODD OCD EHCP EHC IEP CAMHS SALT GP CP CIN LAC FSM PTSD SENCO
    """.split()
)

#: Text-speak, missing apostrophes and common misspellings, as `written=read` (a "_" in the
#: reading stands for a space). Mapped before any rule reads the text.
TEXT_SPEAK: dict[str, str] = _pairs(
    """
    dont=don't cant=can't wont=won't isnt=isn't doesnt=doesn't didnt=didn't havent=haven't
    hasnt=hasn't wasnt=wasn't werent=weren't arent=aren't couldnt=couldn't wouldnt=wouldn't
    shouldnt=shouldn't im=i'm ive=i've youre=you're u=you ur=you're ya=you yer=your r=are
    pls=please plz=please ppl=people cos=because coz=because cuz=because gonna=going_to
    wanna=want_to thx=thanks ty=thanks thankyou=thank_you thanku=thank_you n=and wat=what
    wot=what luv=love dissapointed=disappointed disapointed=disappointed
    dissapointing=disappointing disapointing=disappointing unexceptable=unacceptable
    rediculous=ridiculous ridiculus=ridiculous discusting=disgusting apauling=appalling
    appaling=appalling embarassing=embarrassing disgracefull=disgraceful useles=useless
    pathetik=pathetic incompetant=incompetent definately=definitely alot=a_lot noone=no_one
    nobodys=nobody's thats=that's whats=what's theres=there's theyre=they're its=it's
    polis=police weans=children bairns=children
    """
)

#: Informal British English that the sentence model's vocabulary lacks as whole words: with
#: it, a reply of "Brill" or "Aww" is English, not "another language" for a teacher to read.
#: Never a word that is common in another language written in Latin letters (Polish "mam",
#: Spanish "ay", Romanian "cos", Danish "hun", German "im").
INFORMAL_ENGLISH: frozenset[str] = frozenset(
    """
    aw aww awww awwww ahh ahhh aah brill fab fabby lush hiya heya lol lols lmao omg omgosh
    haha hahaha hehe pics piccies grandad grandma nanna grampa gramps stepdad stepmum
    stepson stepdaughter mums dads maths mins pls plz tbh ngl tmrw tmw cant dont wont
    didnt doesnt isnt wasnt hes shes thats ive youre theyre chuffed gutted knackered buzzin
    buzzing bostin wellies jumpers lunchbox lunchtime playtime bedtime tummy nits spellings
    phonics sats inset leavers raffle fortnight owt nowt summat innit bairns weans wean daft
    bloke fella teary clingy wobbly grumpy heartbroken unsettled carer inhaler epipen meds
    chemo adhd ehcp camhs pta eid diwali nativity emailed messaged replying practising
    auntie aunty bouncy roblox tiktok snapchat whatsapp instagram shambles yum yummy yay woohoo
    """.split()
)


#: Insults and obscenities in the languages families here write in, as typed without accents
#: (the judge drops accents first): Polish, Spanish, Portuguese, Romanian, French, Italian,
#: Urdu and Punjabi written in Latin letters, Somali. Words that are harmless in English or in
#: another language ("burro", "prost", "puta" as a Spanish verb form is rare) are left out.
FOREIGN_INSULTS: frozenset[str] = frozenset(
    """
    idiota idiotka idiotko idiotą idiota debil debilu debilka kretyn kretynie kretynka
    glupia glupi glupku gowno kurwa kurwo suka spierdalaj pierdol chuj cipa szmata
    estupido estupida imbecil pendejo pendeja gilipollas cabron cabrona mierda zorra
    idiotas imbecis otario otaria merda caralho porra
    proasta prostule idioata cretin cretina nesimtit dobitoc
    connard connasse conne salope encule cretine abruti abrutie
    stronzo stronza cretino scemo vaffanculo
    bewakoof bewaqoof ullu kutta kutti kamina kameena kamini harami haramzada gadha gadhi
    chutiya chutia besharam badtameez pagal
    doqon dameer
    """.split()
)
