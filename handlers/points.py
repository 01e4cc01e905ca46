"""Values-linked points (being built)."""

POINTS_COMMANDS: tuple = ()
