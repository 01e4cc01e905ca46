"""Data for the message judge (`bot.judge`), kept apart from the code that uses it.

- `lexicon`: word lists (profanity tiers and school allow-list, insults, private topics,
  thanks in many languages, British corrections to VADER, text-speak);
- `rules`: phrase rules (sarcasm, criticism, complaints, comparisons, abuse) and British
  idioms read plainly.

Both are plain constants a school can read and extend; the judge compiles them once.
"""
