"""The store: each part of the bot gets the tables it needs, and handlers only their reading half.

`Store` is the whole (the executor, the runtime and the tools write through it); `Reader` is
the query half over the same connection, all a handler or scheduled job is given: its parts
have no method that writes, so a decision can change the database only by returning a record
for the executor to perform."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from storage.audit import Audit, AuditReader
from storage.codes import JoinCodes, JoinCodesReader
from storage.db import open_database
from storage.decisions import Decisions
from storage.digest import Digests, DigestsReader
from storage.discipline import Discipline, DisciplineReader
from storage.events import (
    EventReports,
    EventReportsReader,
    ProcessedEvents,
    ProcessedEventsReader,
    SentEvents,
    SentEventsReader,
)
from storage.incidents import Incidents, IncidentsReader
from storage.media import Media, MediaReader
from storage.people import People, PeopleReader
from storage.personal_data import PersonalData, PersonalDataReader
from storage.points import Points, PointsReader
from storage.portfolio import Portfolios, PortfoliosReader
from storage.pupils import Pupils, PupilsReader
from storage.relay import Relay, RelayReader
from storage.rooms import Rooms, RoomsReader
from storage.safeguarding import Alerts, AlertsReader
from storage.school_story import ScheduledPosts, ScheduledPostsReader
from storage.state import BotState, BotStateReader
from storage.story import Story, StoryReader

#: The database file in a data directory (`--data-dir`).
DATABASE = "conductbot.sqlite"


@dataclass
class Reader:
    """The query half of the store (each part's `…Reader` class)."""

    state: BotStateReader
    rooms: RoomsReader
    people: PeopleReader
    pupils: PupilsReader
    events: ProcessedEventsReader
    sent: SentEventsReader
    reports: EventReportsReader
    audit: AuditReader
    incidents: IncidentsReader
    discipline: DisciplineReader
    story: StoryReader
    relay: RelayReader
    codes: JoinCodesReader
    points: PointsReader
    personal: PersonalDataReader
    media: MediaReader
    alerts: AlertsReader
    decisions: Decisions
    digests: DigestsReader
    scheduled: ScheduledPostsReader
    portfolios: PortfoliosReader

    @classmethod
    def over(cls, db: aiosqlite.Connection) -> Reader:
        return cls(
            state=BotStateReader(db),
            rooms=RoomsReader(db),
            people=PeopleReader(db),
            pupils=PupilsReader(db),
            events=ProcessedEventsReader(db),
            sent=SentEventsReader(db),
            reports=EventReportsReader(db),
            audit=AuditReader(db),
            incidents=IncidentsReader(db),
            discipline=DisciplineReader(db),
            story=StoryReader(db),
            relay=RelayReader(db),
            codes=JoinCodesReader(db),
            points=PointsReader(db),
            personal=PersonalDataReader(db),
            media=MediaReader(db),
            alerts=AlertsReader(db),
            decisions=Decisions(db),
            digests=DigestsReader(db),
            scheduled=ScheduledPostsReader(db),
            portfolios=PortfoliosReader(db),
        )


@dataclass
class Store(Reader):
    """The whole store: every part with its writing methods, and the connection."""

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
    db: aiosqlite.Connection

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

    @functools.cached_property
    def reader(self) -> Reader:
        """The query half over the same connection: what handlers are given."""
        return Reader.over(self.db)

    async def close(self) -> None:
        await self.db.close()
