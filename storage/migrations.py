"""Numbered schema migrations. Append only: never edit a step that has shipped.

Step N takes the database from `PRAGMA user_version` N-1 to N, in one transaction, and says
in its description what it is for.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    description: str  # logged when it is applied
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "the foundation",
        (
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
        ),
    ),
    Migration(
        "story moderation, discipline and the escalation room",
        (
            """CREATE TABLE story_events (
            event_id TEXT PRIMARY KEY,
            room_id TEXT NOT NULL,
            sender TEXT NOT NULL,
            by_staff INTEGER NOT NULL,
            in_reply_to TEXT
        )""",
            """CREATE TABLE incidents (
            id INTEGER PRIMARY KEY,
            action_id TEXT NOT NULL UNIQUE,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            user_id TEXT NOT NULL,
            room_id TEXT,
            event_id TEXT,
            rule TEXT NOT NULL,
            label TEXT,
            confidence REAL,
            reasons TEXT NOT NULL DEFAULT '[]',
            evidence TEXT NOT NULL DEFAULT '{}',
            outcome TEXT NOT NULL,
            confirmed_by TEXT
        )""",
            "CREATE INDEX incidents_by_time ON incidents (at)",
            "CREATE INDEX incidents_by_user ON incidents (user_id, at)",
            """CREATE TABLE strikes (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            rule TEXT NOT NULL,
            incident_id INTEGER REFERENCES incidents (id),
            confirmed_by TEXT NOT NULL,
            at TEXT NOT NULL,
            pardoned_at TEXT,
            pardoned_by TEXT,
            pardon_reason TEXT,
            UNIQUE (user_id, event_id)
        )""",
            """CREATE TABLE suspensions (
            user_id TEXT PRIMARY KEY,
            since TEXT NOT NULL,
            reason TEXT NOT NULL,
            by TEXT NOT NULL
        )""",
            """CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL UNIQUE,
            room_id TEXT NOT NULL,
            author TEXT NOT NULL,
            in_reply_to TEXT,
            text TEXT,
            label TEXT NOT NULL,
            confidence REAL NOT NULL,
            reasons TEXT NOT NULL DEFAULT '[]',
            created_at TEXT NOT NULL,
            decision TEXT CHECK (decision IN ('keep', 'remove')),
            decided_by TEXT,
            decided_at TEXT
        )""",
            """CREATE TABLE sent_events (
            event_id TEXT PRIMARY KEY,
            room_id TEXT NOT NULL,
            key TEXT NOT NULL
        )""",
            "CREATE INDEX sent_events_by_key ON sent_events (key)",
            """CREATE TABLE event_reports (
            report_id INTEGER PRIMARY KEY,
            seen_at TEXT NOT NULL
        )""",
        ),
    ),
    Migration(
        "private messages relayed between parents and teachers",
        (
            """CREATE TABLE conversations (
            id INTEGER PRIMARY KEY,
            parent TEXT NOT NULL,
            teacher TEXT NOT NULL,
            parent_room TEXT NOT NULL UNIQUE,
            teacher_room TEXT NOT NULL UNIQUE,
            opened_at TEXT NOT NULL,
            closed_at TEXT,
            complaint_route_told INTEGER NOT NULL DEFAULT 0,
            UNIQUE (parent, teacher)
        )""",
            """CREATE TABLE relays (
            id INTEGER PRIMARY KEY,
            conversation_id INTEGER NOT NULL REFERENCES conversations (id),
            direction TEXT NOT NULL CHECK (direction IN ('to_teacher', 'to_parent')),
            source_event TEXT NOT NULL UNIQUE,
            sender TEXT NOT NULL,
            sent_ts INTEGER NOT NULL,  -- ms, on the bot's (injectable) clock
            content TEXT,
            label TEXT,
            status TEXT NOT NULL CHECK (status IN
                ('held', 'pausing', 'diverted', 'delivered', 'cancelled', 'discarded')),
            release_at TEXT,
            delivered_event TEXT UNIQUE,
            delivered_at TEXT,
            marked_at TEXT,  -- ✅ shown on the parent's side (after delivery, never before)
            answered_at TEXT,
            reminded_at TEXT,
            escalated_at TEXT
        )""",
            "CREATE INDEX relays_due ON relays (status, release_at)",
            "CREATE INDEX relays_by_conversation ON relays (conversation_id, id)",
        ),
    ),
    Migration(
        "join codes, pupils' own accounts, values-linked points",
        (
            """CREATE TABLE join_codes (
            id INTEGER PRIMARY KEY,
            code_hash TEXT NOT NULL UNIQUE,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            for_role TEXT NOT NULL CHECK (for_role IN ('parent', 'pupil')),
            created_by TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_by TEXT,
            used_at TEXT
        )""",
            """CREATE TABLE join_attempts (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL,
            at TEXT NOT NULL,
            ok INTEGER NOT NULL
        )""",
            "CREATE INDEX join_attempts_by_user ON join_attempts (user_id, at)",
            """CREATE TABLE pending_links (
            id INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            requested_at TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('waiting', 'approved', 'declined')),
            decided_by TEXT,
            decided_at TEXT
        )""",
            """CREATE TABLE pupil_accounts (
            user_id TEXT PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            linked_at TEXT NOT NULL
        )""",
            """CREATE TABLE points (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            value TEXT NOT NULL,
            amount INTEGER NOT NULL CHECK (amount > 0),
            note TEXT,
            awarded_by TEXT NOT NULL,
            awarded_at TEXT NOT NULL,
            batch TEXT NOT NULL,
            undone_at TEXT
        )""",
            "CREATE INDEX points_by_pupil ON points (pupil_id, awarded_at)",
            "CREATE INDEX points_by_batch ON points (batch)",
            """CREATE TABLE weekly_summaries (
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            week TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            PRIMARY KEY (pupil_id, week)
        )""",
        ),
    ),
    Migration(
        "class media stays in the class",
        (
            """CREATE TABLE media_fingerprints (
            mxc TEXT PRIMARY KEY,
            sha256 TEXT,
            phash TEXT,
            kind TEXT NOT NULL,
            room_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            sender TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
            "CREATE INDEX media_by_sha256 ON media_fingerprints (sha256)",
            """CREATE TABLE media_checks (
            event_id TEXT PRIMARY KEY,
            purpose TEXT NOT NULL CHECK (purpose IN ('protect', 'check')),
            room_id TEXT NOT NULL,
            sender TEXT NOT NULL,
            mxc TEXT NOT NULL,
            kind TEXT NOT NULL,
            content TEXT NOT NULL,
            queued_at TEXT NOT NULL,
            done_at TEXT,
            result TEXT
        )""",
            "CREATE INDEX media_checks_pending ON media_checks (done_at, queued_at)",
        ),
    ),
    Migration(
        'the parents\' "seen" marker, shown in working hours only',
        (
            "ALTER TABLE relays ADD COLUMN read_at TEXT",
            "ALTER TABLE relays ADD COLUMN seen_shown_at TEXT",
        ),
    ),
    Migration(
        "safeguarding alerts: urgent messages, the leads' acknowledgement and the chase",
        (
            """CREATE TABLE safeguarding_alerts (
            id INTEGER PRIMARY KEY,
            source_event TEXT NOT NULL UNIQUE,  -- the family's message
            handle TEXT NOT NULL UNIQUE,  -- what a lead types: !ack 3f9a2c1b
            user_id TEXT NOT NULL,  -- who wrote it
            reply_room TEXT NOT NULL,  -- where the family is answered
            alert TEXT NOT NULL,  -- the leads' notice (JSON: body, html)
            raised_at TEXT NOT NULL,
            notify_at TEXT NOT NULL,  -- at once, or the next opening (alert_out_of_hours off)
            notified_at TEXT,
            acked_by TEXT,
            acked_at TEXT,
            chased_at TEXT
        )""",
            "CREATE INDEX alerts_open ON safeguarding_alerts (acked_at, notified_at)",
        ),
    ),
    Migration(
        "a family's responses to one post are counted (floods), and found again (erasure)",
        ("CREATE INDEX story_events_by_sender ON story_events (sender, in_reply_to)",),
    ),
    Migration(
        "what staff posts say, every version, so a reply's quote of one can be checked",
        ("ALTER TABLE story_events ADD COLUMN staff_text TEXT",),
    ),
    Migration(
        "families' avatars are checked too (a copy of class media, or words in the picture)",
        (
            """CREATE TABLE media_checks_10 (
            event_id TEXT PRIMARY KEY,  -- for an avatar: avatar:USER:MXC, checked once
            purpose TEXT NOT NULL CHECK (purpose IN ('protect', 'check', 'avatar')),
            room_id TEXT NOT NULL,
            sender TEXT NOT NULL,
            mxc TEXT NOT NULL,
            kind TEXT NOT NULL,
            content TEXT NOT NULL,
            queued_at TEXT NOT NULL,
            done_at TEXT,
            result TEXT
        )""",
            "INSERT INTO media_checks_10 SELECT * FROM media_checks",
            "DROP TABLE media_checks",
            "ALTER TABLE media_checks_10 RENAME TO media_checks",
            "CREATE INDEX media_checks_pending ON media_checks (done_at, queued_at)",
        ),
    ),
    Migration(
        "families without Matrix: class story posts and their photos kept for the weekly "
        "digest, families' e-mail addresses, and which digests went to whom",
        (
            """CREATE TABLE story_posts (
            event_id TEXT PRIMARY KEY,
            room_id TEXT NOT NULL,
            class_id TEXT NOT NULL,
            sender TEXT NOT NULL,
            posted_at TEXT NOT NULL,
            text TEXT NOT NULL,
            mxc TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('text', 'photo', 'other'))
        )""",
            "CREATE INDEX story_posts_by_class ON story_posts (class_id, posted_at)",
            """CREATE TABLE story_photos (
            mxc TEXT PRIMARY KEY,
            jpeg BLOB NOT NULL,
            kept_at TEXT NOT NULL
        )""",
            """CREATE TABLE digest_recipients (
            id INTEGER PRIMARY KEY,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            added_at TEXT NOT NULL,
            added_by TEXT NOT NULL,
            UNIQUE (pupil_id, address)
        )""",
            """CREATE TABLE digest_sends (
            recipient_id INTEGER NOT NULL REFERENCES digest_recipients (id) ON DELETE CASCADE,
            week TEXT NOT NULL,
            sent_at TEXT NOT NULL,
            PRIMARY KEY (recipient_id, week)
        )""",
        ),
    ),
    Migration(
        "the School Story: office staff (a new role), School Story posts in the digest (no "
        "class), announcements scheduled for the School Story, and unsubscribes a roster "
        "import must respect",
        (
            # SQLite cannot change a CHECK, so `people` is rebuilt, and `parent_links` (which
            # refers to it) with it: copies first, so that dropping the old tables deletes
            # nothing; renaming `people_new` then points the new links at `people`.
            """CREATE TABLE people_new (
            user_id TEXT PRIMARY KEY,
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('parent', 'pupil', 'teacher', 'slt', 'office')),
            staff_id TEXT UNIQUE,
            created_at TEXT NOT NULL
        )""",
            "INSERT INTO people_new SELECT * FROM people",
            """CREATE TABLE parent_links_new (
            parent TEXT NOT NULL REFERENCES people_new (user_id) ON DELETE CASCADE,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            linked_at TEXT NOT NULL,
            linked_by TEXT NOT NULL,
            PRIMARY KEY (parent, pupil_id)
        )""",
            "INSERT INTO parent_links_new SELECT * FROM parent_links",
            "DROP TABLE parent_links",
            "DROP TABLE people",
            "ALTER TABLE people_new RENAME TO people",
            "ALTER TABLE parent_links_new RENAME TO parent_links",
            """CREATE TABLE story_posts_new (
            event_id TEXT PRIMARY KEY,
            room_id TEXT NOT NULL,
            class_id TEXT,  -- NULL: the School Story
            sender TEXT NOT NULL,
            posted_at TEXT NOT NULL,
            text TEXT NOT NULL,
            mxc TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('text', 'photo', 'other'))
        )""",
            "INSERT INTO story_posts_new SELECT * FROM story_posts",
            "DROP TABLE story_posts",
            "ALTER TABLE story_posts_new RENAME TO story_posts",
            "CREATE INDEX story_posts_by_class ON story_posts (class_id, posted_at)",
            """CREATE TABLE scheduled_posts (
            id INTEGER PRIMARY KEY,
            author TEXT NOT NULL,
            due_at TEXT NOT NULL,
            text TEXT NOT NULL,
            pin INTEGER NOT NULL CHECK (pin IN (0, 1)),
            created_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'waiting'
                CHECK (status IN ('waiting', 'posted', 'pinned', 'cancelled')),
            event_id TEXT,
            done_at TEXT,
            source TEXT NOT NULL UNIQUE
        )""",
            "CREATE INDEX scheduled_posts_due ON scheduled_posts (status, due_at)",
            # a keyed hash, never the address: a roster imported again must not undo an
            # unsubscribe
            """CREATE TABLE digest_unsubscribed (
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            address_hash TEXT NOT NULL,
            at TEXT NOT NULL,
            PRIMARY KEY (pupil_id, address_hash)
        )""",
        ),
    ),
    Migration(
        "a reply the judge could not read is marked so on its review (the language), so a "
        "teacher's removal of it is never a strike",
        ("ALTER TABLE reviews ADD COLUMN unread TEXT",),
    ),
    Migration(
        "pupil portfolios: activities teachers set, and pupils' work waiting for a teacher's "
        "approval before their family sees it",
        (
            """CREATE TABLE portfolio_activities (
            batch TEXT NOT NULL,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            due TEXT,
            set_by TEXT NOT NULL,
            set_at TEXT NOT NULL,
            PRIMARY KEY (batch, pupil_id)
        )""",
            """CREATE TABLE portfolio_work (
            event_id TEXT PRIMARY KEY,
            room_id TEXT NOT NULL,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            sender TEXT NOT NULL,
            content TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'waiting'
                CHECK (status IN ('waiting', 'approved', 'returned')),
            decided_by TEXT,
            decided_at TEXT
        )""",
            "CREATE INDEX portfolio_work_by_pupil ON portfolio_work (pupil_id, submitted_at)",
        ),
    ),
    Migration(
        "approved portfolio work keeps what the family was shown, so a parent linked later is "
        "shown it too",
        ("ALTER TABLE portfolio_work ADD COLUMN shared TEXT",),
    ),
    Migration(
        "a parent's comments and reactions kept in their family view of a portfolio, so "
        "!mydata can give them and !forget can take them down",
        (
            """CREATE TABLE portfolio_comments (
            event_id TEXT PRIMARY KEY,
            room_id TEXT NOT NULL,
            pupil_id INTEGER NOT NULL REFERENCES pupils (id) ON DELETE CASCADE,
            sender TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('comment', 'reaction', 'media')),
            body TEXT,
            at TEXT NOT NULL
        )""",
            "CREATE INDEX portfolio_comments_by_sender ON portfolio_comments (sender)",
        ),
    ),
    Migration(
        "files and photos a teacher sent in their own room with the bot, which a reply with "
        "!activity attaches to the work set",
        (
            """CREATE TABLE portfolio_attachments (
            event_id TEXT PRIMARY KEY,
            room_id TEXT NOT NULL,
            sender TEXT NOT NULL,
            content TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        ),
    ),
    Migration(
        "each safeguarding alert says what kind it is (urgent, unread or unsure, the word its "
        "incident records), so an alert that is not yet urgent becomes urgent when the message "
        "turns out to be danger; alerts already raised take the word their latest incident "
        "recorded (or, without one, unsure when the family was not answered, unread when the "
        "leads were asked to read a language, otherwise urgent)",
        (
            "ALTER TABLE safeguarding_alerts ADD COLUMN kind TEXT NOT NULL DEFAULT 'urgent' "
            "CHECK (kind IN ('urgent', 'unread', 'unsure'))",
            """UPDATE safeguarding_alerts SET kind = COALESCE(
            (SELECT rule FROM incidents
                WHERE incidents.kind = 'safeguarding'
                AND incidents.event_id = safeguarding_alerts.source_event
                AND incidents.rule IN ('urgent', 'unread', 'unsure')
                ORDER BY incidents.id DESC LIMIT 1),
            CASE
                WHEN reply_room = '' THEN 'unsure'
                WHEN alert LIKE '%PLEASE READ: a message in %' THEN 'unread'
                ELSE 'urgent'
            END
        )""",
        ),
    ),
)
