"""Import the pupil roster from a CSV exported by the school's MIS (SIMS, Arbor, Bromcom).

The roster is personal data: it lives in the database, never in the repo's config.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from bot.progress import Tell, uninterrupted
from storage.db import transaction
from storage.digest import valid_address
from storage.pupils import Pupil
from storage.store import Store

# Header aliases per field, normalised (lower case, "_" as space, single spaces). Where a
# file has several columns for one field, the earlier alias wins: a preferred forename is
# what the child is called, so it beats the legal one.
COLUMNS: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "forename", "preferred forename", "legal forename"),
    "surname": ("surname", "last name", "legal surname"),
    "class": ("class", "reg group", "registration group", "form"),
    "photo_consent": ("photo consent", "photo permission"),
    "mis_id": ("mis id", "upn", "adno", "admission number"),
    "email": ("email", "e-mail", "email address", "parent email", "contact email"),
}
REQUIRED = ("first_name", "surname", "class", "photo_consent")
LABELS = {
    "first_name": "first name",
    "surname": "surname",
    "class": "class",
    "photo_consent": "photo consent",
}
CONSENT = {
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "granted": True,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
    "refused": False,
}


class RosterError(Exception):
    """The roster file as a whole cannot be read; nothing was imported."""


@dataclass(frozen=True)
class ImportReport:
    added: int
    updated: int
    unchanged: int
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.rejected)} rejected"
        ]
        lines += [f"line {line}: {reason}" for line, reason in self.rejected]
        return "\n".join(lines)


@dataclass(frozen=True)
class _Row:
    line: int
    first_name: str
    surname: str
    class_id: str
    photo_consent: bool
    mis_id: str | None
    #: Addresses registered for the family's e-mail digest (`family add-email` does one).
    emails: tuple[str, ...] = ()


def _emails(cell: str) -> tuple[str, ...] | None:
    """The addresses in an e-mail cell (none for an empty one); None if one is not valid."""
    found = tuple(part.strip() for part in re.split(r"[;,]", cell) if part.strip())
    return found if all(valid_address(address) for address in found) else None


def _normalise(header: str) -> str:
    return re.sub(r"\s+", " ", header.replace("_", " ")).strip().lower()


#: Columns a roster may leave out, as the import describes them.
OPTIONAL = {
    "mis_id": "MIS id (optional)",
    "email": "family's e-mail for the weekly digest (optional; several separated by ;)",
}


def _expected() -> str:
    return "; ".join(
        f"{LABELS.get(name) or OPTIONAL[name]}: {', '.join(aliases)}"
        for name, aliases in COLUMNS.items()
    )


def _read(path: Path, data: bytes) -> list[tuple[int, dict[str, str]]]:
    """Rows as (first line number, {field: stripped value}); raises RosterError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it from the MIS or "
            "spreadsheet as 'CSV UTF-8'"
        ) from None
    if "\x00" in text:
        raise RosterError(f"{path}: not a CSV file (it holds binary data); export it as CSV")
    # strict: an unclosed quote is an error, not the rest of the file swallowed into one cell.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next((cells for cells in reader if any(c.strip() for c in cells)), None)
        if header is None:
            raise RosterError(
                f"{path}: the file is empty; expected a header row with {_expected()}"
            )
        names = [_normalise(h) for h in header]
        where: dict[str, int] = {}
        for name, aliases in COLUMNS.items():
            found = [names.index(a) for a in aliases if a in names]
            if found:
                where[name] = found[0]
        missing = [LABELS[name] for name in REQUIRED if name not in where]
        if missing:
            raise RosterError(
                f"{path}: no column for {', '.join(missing)} in the header "
                f"{', '.join(repr(h) for h in header)}; expected columns (case and _ ignored) "
                f"{_expected()}"
            )
        rows: list[tuple[int, dict[str, str]]] = []
        end = reader.line_num
        for cells in reader:
            start, end = end + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            values = {name: cells[i].strip() if i < len(cells) else "" for name, i in where.items()}
            rows.append((start, values))
    except csv.Error as exc:
        raise RosterError(
            f"{path}: not a readable CSV file (line {reader.line_num}: {exc})"
        ) from None
    if not rows:
        raise RosterError(f"{path}: a header row but no pupils; expected one pupil per line")
    return rows


def _check(
    rows: list[tuple[int, dict[str, str]]], class_ids: Collection[str]
) -> tuple[list[_Row], list[tuple[int, str]]]:
    """Split rows into valid ones and (line, reason) rejections."""
    classes = {c.lower(): c for c in class_ids}
    valid: list[_Row] = []
    rejected: list[tuple[int, str]] = []
    seen_ids: dict[str, int] = {}
    seen_names: dict[tuple[str, str, str], int] = {}
    for line, v in rows:
        mis_id = v.get("mis_id") or None
        missing = [LABELS[name] for name in REQUIRED if not v[name]]
        consent = CONSENT.get(v["photo_consent"].lower())
        class_id = classes.get(v["class"].lower())
        key = (v["first_name"].lower(), v["surname"].lower(), class_id or "")
        emails = _emails(v.get("email", ""))
        if mis_id and mis_id in seen_ids:
            reason = f"MIS id '{mis_id}' is already used on line {seen_ids[mis_id]}"
        elif missing:
            reason = f"missing {', '.join(missing)}"
            if "photo consent" in missing:
                reason += " (consent is never assumed)"
        elif class_id is None:
            reason = f"unknown class '{v['class']}'; expected one of: {', '.join(sorted(classes))}"
        elif consent is None:
            reason = (
                f"photo consent '{v['photo_consent']}' not understood; "
                f"expected one of: {', '.join(CONSENT)}"
            )
        elif emails is None:  # the address itself is not repeated: it is personal data
            reason = (
                "the e-mail column holds something that is not an address such as sam@example.org"
            )
        elif not mis_id and key in seen_names:
            reason = (
                f"same name and class as line {seen_names[key]}; "
                "add an MIS id column to tell them apart"
            )
        else:
            reason = ""
        if mis_id:
            seen_ids.setdefault(mis_id, line)
        if reason:
            rejected.append((line, reason))
            continue
        assert class_id is not None and consent is not None and emails is not None
        if not mis_id:
            seen_names[key] = line
        valid.append(_Row(line, v["first_name"], v["surname"], class_id, consent, mis_id, emails))
    return valid, rejected


async def _match(store: Store, row: _Row) -> Pupil | list[Pupil] | None:
    """The existing pupil for a row, or every candidate when the name alone is ambiguous."""
    if row.mis_id:
        return await store.pupils.by_mis_id(row.mis_id)
    same = [
        p
        for p in await store.pupils.by_name(row.first_name, row.surname)
        if p.class_id == row.class_id
    ]
    return same[0] if len(same) == 1 else (same or None)


class Change(Enum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


#: Rows saved together: a stopped import keeps whole batches, never part of one.
BATCH = 200


async def import_roster(
    store: Store,
    path: Path,
    class_ids: Collection[str],
    *,
    now: str,
    progress: Tell | None = None,
) -> ImportReport:
    """Add or update pupils from an MIS CSV export, `BATCH` rows to a transaction.

    Bad rows are reported and skipped; a malformed file raises RosterError before the
    database is touched. Pupils missing from the file are left as they are. `progress`
    hears the rows saved of the rows to save after each batch. Stopped part way (Ctrl-C),
    the batch under way is finished first and the rest left; importing the same file
    again carries on, the pupils already saved being found and left unchanged (never
    added twice).
    """
    try:
        data = await asyncio.to_thread(path.read_bytes)
    except OSError as exc:
        raise RosterError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    valid, rejected = _check(_read(path, data), class_ids)
    counts = dict.fromkeys(Change, 0)

    async def save(batch: list[_Row], saved: int) -> None:
        async with transaction(store.db):
            for row in batch:
                outcome = await _save(store, row, now)
                if isinstance(outcome, Change):
                    counts[outcome] += 1
                else:
                    rejected.append(outcome)
        if progress is not None:
            progress(saved, len(valid))

    for start in range(0, len(valid), BATCH):
        batch = valid[start : start + BATCH]
        await uninterrupted(save(batch, start + len(batch)))
    return ImportReport(
        counts[Change.ADDED], counts[Change.UPDATED], counts[Change.UNCHANGED], sorted(rejected)
    )


async def _save(store: Store, row: _Row, now: str) -> Change | tuple[int, str]:
    """Add or update one pupil, or say why not (line, reason)."""
    match = await _match(store, row)
    if isinstance(match, list):
        return (
            row.line,
            f"{len(match)} pupils called {row.first_name} {row.surname} are already in "
            f"{row.class_id}; add an MIS id column to tell them apart",
        )
    if match is None:
        pupil_id = await store.pupils.add(
            row.first_name, row.surname, row.class_id, row.photo_consent, row.mis_id, now=now
        )
        await _add_emails(store, pupil_id, row, now)
        return Change.ADDED
    new_address = await _add_emails(store, match.id, row, now)
    if not new_address and (
        match.first_name,
        match.surname,
        match.class_id,
        match.photo_consent,
    ) == (
        row.first_name,
        row.surname,
        row.class_id,
        row.photo_consent,
    ):
        return Change.UNCHANGED
    await store.pupils.update(
        match.id, row.first_name, row.surname, row.class_id, row.photo_consent, now=now
    )
    return Change.UPDATED


async def _add_emails(store: Store, pupil_id: int, row: _Row, now: str) -> bool:
    """Register the row's addresses for the pupil's digest; True if any was new. An address
    already registered, or unsubscribed by the family, is left as it is; one missing from
    the file is not removed."""
    added = False
    for address in row.emails:
        if not await store.digests.unsubscribed(pupil_id, address):
            added |= await store.digests.add_recipient(pupil_id, address, by="roster", at=now)
    return added


class UnknownPupil(ValueError):
    """No pupil, or more than one, matches what was typed."""


async def find_pupil(store: Store, text: str) -> Pupil:
    """A pupil by MIS id or by 'First Surname'; ambiguity is an error, never a guess."""
    pupil = await store.pupils.by_mis_id(text)
    if pupil is not None:
        return pupil
    first, _, surname = text.strip().partition(" ")
    matches = await store.pupils.by_name(first, surname.strip() or None)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UnknownPupil(f"no pupil '{text}' in the roster; give an MIS id or 'First Surname'")
    names = ", ".join(f"{p.full_name} ({p.class_id}, {p.mis_id or 'no MIS id'})" for p in matches)
    raise UnknownPupil(f"'{text}' matches several pupils: {names}; give the MIS id")
