"""Numbered schema migrations. Append only: never edit a step that has shipped.

Step N takes the database from `PRAGMA user_version` N-1 to N, in one transaction.
"""

MIGRATIONS: list[list[str]] = [
    # 1: the foundation
    [
        """CREATE TABLE bot_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        """CREATE TABLE rooms (
            room_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN
                ('story', 'portfolio', 'parent_dm', 'teacher_dm', 'escalation', 'welcome', 'home')),
            key TEXT NOT NULL UNIQUE,
            class_id TEXT,
            owner TEXT,
            created_at TEXT NOT NULL,
            bot_joined_ts INTEGER,
            closed_at TEXT
        )""",
        """CREATE TABLE people (
            user_id TEXT PRIMARY KEY,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('parent', 'pupil', 'teacher', 'slt')),
            staff_id TEXT UNIQUE,
            created_at TEXT NOT NULL
        )""",
        """CREATE TABLE pupils (
            id INTEGER PRIMARY KEY,
            first_name TEXT NOT NULL,
            surname TEXT NOT NULL,
            class_id TEXT NOT NULL,
            photo_consent INTEGER NOT NULL CHECK (photo_consent IN (0, 1)),
            mis_id TEXT UNIQUE,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE INDEX pupils_by_class ON pupils (class_id, first_name)",
        """CREATE TABLE parent_links (
            parent TEXT NOT NULL REFERENCES people (user_id) ON DELETE CASCADE,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            linked_at TEXT NOT NULL,
            linked_by TEXT NOT NULL,
            PRIMARY KEY (parent, pupil_id)
        )""",
        """CREATE TABLE processed_events (
            event_id TEXT PRIMARY KEY,
            room_id TEXT NOT NULL,
            processed_at TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('handled', 'ignored', 'failed')),
            detail TEXT
        )""",
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            action_id TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            room_id TEXT,
            target TEXT,
            cause TEXT NOT NULL,
            reason TEXT,
            detail TEXT NOT NULL DEFAULT '{}',
            dry_run INTEGER NOT NULL DEFAULT 0,
            result TEXT NOT NULL
        )""",
        "CREATE INDEX audit_by_time ON audit (at)",
    ],
]
