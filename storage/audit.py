"""The audit log: one row per action the bot took (or, in dry-run, would have taken)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiosqlite


@dataclass(frozen=True)
class AuditRow:
    action_id: str
    at: str
    kind: str
    room_id: str | None
    target: str | None
    cause: str
    reason: str | None
    detail: dict[str, Any]
    dry_run: bool
    result: str


class AuditReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def recent(self, limit: int = 100, *, kind: str | None = None) -> list[AuditRow]:
        query = "SELECT * FROM audit"
        args: list[Any] = []
        if kind is not None:
            query += " WHERE kind = ?"
            args.append(kind)
        query += " ORDER BY id DESC LIMIT ?"
        args.append(limit)
        async with self._db.execute(query, args) as cur:
            rows = await cur.fetchall()
        return [
            AuditRow(
                r["action_id"],
                r["at"],
                r["kind"],
                r["room_id"],
                r["target"],
                r["cause"],
                r["reason"],
                json.loads(r["detail"]),
                bool(r["dry_run"]),
                r["result"],
            )
            for r in rows
        ]


class Audit(AuditReader):
    """What changes these tables. Handlers never hold it: they get `AuditReader`."""

    async def record(self, row: AuditRow) -> None:
        """Idempotent by action id: a retried action is audited once."""
        await self._db.execute(
            "INSERT INTO audit (action_id, at, kind, room_id, target, cause, reason, detail, "
            "dry_run, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (action_id) DO UPDATE SET result = excluded.result, at = excluded.at",
            (
                row.action_id,
                row.at,
                row.kind,
                row.room_id,
                row.target,
                row.cause,
                row.reason,
                json.dumps(row.detail, sort_keys=True),
                int(row.dry_run),
                row.result,
            ),
        )
