"""People and their roles. Commands check roles here, never display names or power levels."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import aiosqlite


class Role(StrEnum):
    PARENT = "parent"
    PUPIL = "pupil"
    TEACHER = "teacher"
    SLT = "slt"
    OFFICE = "office"  # posts in the School Story; never in class stories or conversations

    @property
    def is_staff(self) -> bool:
        return self in (Role.TEACHER, Role.SLT, Role.OFFICE)


@dataclass(frozen=True)
class Person:
    user_id: str
    display_name: str
    role: Role
    staff_id: str | None


def _person(row: aiosqlite.Row) -> Person:
    return Person(row["user_id"], row["display_name"], Role(row["role"]), row["staff_id"])


class PeopleReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def get(self, user_id: str) -> Person | None:
        async with self._db.execute("SELECT * FROM people WHERE user_id = ?", (user_id,)) as cur:
            row = await cur.fetchone()
        return _person(row) if row else None

    async def staff(self) -> list[Person]:
        async with self._db.execute(
            "SELECT * FROM people WHERE role IN ('teacher', 'slt', 'office') ORDER BY user_id"
        ) as cur:
            return [_person(row) for row in await cur.fetchall()]


class People(PeopleReader):
    """What changes these tables. Handlers never hold it: they get `PeopleReader`."""

    async def upsert(
        self, user_id: str, display_name: str, role: Role, *, now: str, staff_id: str | None = None
    ) -> None:
        await self._db.execute(
            "INSERT INTO people (user_id, display_name, role, staff_id, created_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET "
            "display_name = excluded.display_name, role = excluded.role, "
            "staff_id = excluded.staff_id",
            (user_id, display_name, role.value, staff_id, now),
        )

    async def delete(self, user_id: str) -> None:
        await self._db.execute("DELETE FROM people WHERE user_id = ?", (user_id,))
