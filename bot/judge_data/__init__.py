"""Word lists for the message judge (`bot.judge`), kept apart from the rules that use them.

They are plain constants so that a school can read and extend them; the judge compiles them
once, on first use.
"""
