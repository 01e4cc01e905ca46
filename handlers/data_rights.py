"""Access and erasure of one's own data (being built)."""

DATA_RIGHTS_COMMANDS: tuple = ()
