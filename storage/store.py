"""One object that hands each part of the bot the tables it needs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from storage.audit import Audit
from storage.codes import JoinCodes
from storage.db import open_database
from storage.decisions import Decisions
from storage.digest import Digests
from storage.discipline import Discipline
from storage.events import EventReports, ProcessedEvents, SentEvents
from storage.incidents import Incidents
from storage.media import Media
from storage.people import People
from storage.personal_data import PersonalData
from storage.points import Points
from storage.portfolio import Portfolios
from storage.pupils import Pupils
from storage.relay import Relay
from storage.rooms import Rooms
from storage.safeguarding import Alerts
from storage.school_story import ScheduledPosts
from storage.state import BotState
from storage.story import Story

#: The database file in a data directory (`--data-dir`).
DATABASE = "conductbot.sqlite"


@dataclass
class Store:
    db: aiosqlite.Connection
    state: BotState
    rooms: Rooms
    people: People
    pupils: Pupils
    events: ProcessedEvents
    sent: SentEvents
    reports: EventReports
    audit: Audit
    incidents: Incidents
    discipline: Discipline
    story: Story
    relay: Relay
    codes: JoinCodes
    points: Points
    personal: PersonalData
    media: Media
    alerts: Alerts
    decisions: Decisions
    digests: Digests
    scheduled: ScheduledPosts
    portfolios: Portfolios

    @classmethod
    async def open(cls, path: Path | str) -> Store:
        db = await open_database(path)
        return cls(
            db=db,
            state=BotState(db),
            rooms=Rooms(db),
            people=People(db),
            pupils=Pupils(db),
            events=ProcessedEvents(db),
            sent=SentEvents(db),
            reports=EventReports(db),
            audit=Audit(db),
            incidents=Incidents(db),
            discipline=Discipline(db),
            story=Story(db),
            relay=Relay(db),
            codes=JoinCodes(db),
            points=Points(db),
            personal=PersonalData(db),
            media=Media(db),
            alerts=Alerts(db),
            decisions=Decisions(db),
            digests=Digests(db),
            scheduled=ScheduledPosts(db),
            portfolios=Portfolios(db),
        )

    async def close(self) -> None:
        await self.db.close()
