"""Pupils (imported from the school's MIS export) and the adults linked to them."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True)
class Pupil:
    id: int
    first_name: str
    surname: str
    class_id: str
    photo_consent: bool
    mis_id: str | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.surname}"


def _pupil(row: aiosqlite.Row) -> Pupil:
    return Pupil(
        row["id"],
        row["first_name"],
        row["surname"],
        row["class_id"],
        bool(row["photo_consent"]),
        row["mis_id"],
    )


class PupilsReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def get(self, pupil_id: int) -> Pupil | None:
        async with self._db.execute("SELECT * FROM pupils WHERE id = ?", (pupil_id,)) as cur:
            row = await cur.fetchone()
        return _pupil(row) if row else None

    async def by_mis_id(self, mis_id: str) -> Pupil | None:
        async with self._db.execute("SELECT * FROM pupils WHERE mis_id = ?", (mis_id,)) as cur:
            row = await cur.fetchone()
        return _pupil(row) if row else None

    async def by_name(self, first_name: str, surname: str | None = None) -> list[Pupil]:
        """Pupils with this first name (and surname, if given); case-insensitive."""
        query = "SELECT * FROM pupils WHERE first_name = ? COLLATE NOCASE"
        args: list[str] = [first_name]
        if surname is not None:
            query += " AND surname = ? COLLATE NOCASE"
            args.append(surname)
        async with self._db.execute(query + " ORDER BY class_id, surname", args) as cur:
            return [_pupil(row) for row in await cur.fetchall()]

    async def in_class(self, class_id: str) -> list[Pupil]:
        async with self._db.execute(
            "SELECT * FROM pupils WHERE class_id = ? ORDER BY first_name, surname", (class_id,)
        ) as cur:
            return [_pupil(row) for row in await cur.fetchall()]

    async def in_story(self, class_id: str | None) -> list[Pupil]:
        """The pupils a story room is about: its class's, or (no class: the School Story)
        every pupil in the school."""
        if class_id is not None:
            return await self.in_class(class_id)
        async with self._db.execute("SELECT * FROM pupils ORDER BY first_name, surname") as cur:
            return [_pupil(row) for row in await cur.fetchall()]

    async def children_of(self, parent: str) -> list[Pupil]:
        async with self._db.execute(
            "SELECT pupils.* FROM pupils JOIN parent_links ON parent_links.pupil_id = pupils.id "
            "WHERE parent_links.parent = ? ORDER BY first_name",
            (parent,),
        ) as cur:
            return [_pupil(row) for row in await cur.fetchall()]

    async def parents_of(self, pupil_id: int) -> list[str]:
        async with self._db.execute(
            "SELECT parent FROM parent_links WHERE pupil_id = ? ORDER BY linked_at", (pupil_id,)
        ) as cur:
            return [row["parent"] for row in await cur.fetchall()]

    async def linked_parents(self) -> list[str]:
        async with self._db.execute(
            "SELECT DISTINCT parent FROM parent_links ORDER BY parent"
        ) as cur:
            return [row["parent"] for row in await cur.fetchall()]


class Pupils(PupilsReader):
    """What changes these tables. Handlers never hold it: they get `PupilsReader`."""

    async def add(
        self,
        first_name: str,
        surname: str,
        class_id: str,
        photo_consent: bool,
        mis_id: str | None,
        *,
        now: str,
    ) -> int:
        cur = await self._db.execute(
            "INSERT INTO pupils (first_name, surname, class_id, photo_consent, mis_id, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (first_name, surname, class_id, int(photo_consent), mis_id, now, now),
        )
        return int(cur.lastrowid or 0)

    async def update(
        self,
        pupil_id: int,
        first_name: str,
        surname: str,
        class_id: str,
        photo_consent: bool,
        *,
        now: str,
    ) -> None:
        await self._db.execute(
            "UPDATE pupils SET first_name = ?, surname = ?, class_id = ?, photo_consent = ?, "
            "updated_at = ? WHERE id = ?",
            (first_name, surname, class_id, int(photo_consent), now, pupil_id),
        )

    async def set_photo_consent(self, pupil_id: int, consent: bool, *, now: str) -> None:
        """A family withdrew photo consent in chat, or the office gave it back."""
        await self._db.execute(
            "UPDATE pupils SET photo_consent = ?, updated_at = ? WHERE id = ?",
            (int(consent), now, pupil_id),
        )

    async def link_parent(self, parent: str, pupil_id: int, *, linked_by: str, now: str) -> bool:
        """Link an adult to a pupil; False if they were linked already."""
        cur = await self._db.execute(
            "INSERT OR IGNORE INTO parent_links (parent, pupil_id, linked_at, linked_by) "
            "VALUES (?, ?, ?, ?)",
            (parent, pupil_id, now, linked_by),
        )
        return cur.rowcount == 1
