from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.roster import ImportReport, RosterError, import_roster
from storage.store import Store

DEMO = Path(__file__).resolve().parent.parent / "demo" / "roster.csv"
CLASSES = ("oak", "willow", "maple")
NOW = "2025-09-03T08:00:00+01:00"
LATER = "2025-09-10T08:00:00+01:00"


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "db.sqlite")
    yield store
    await store.close()


def write(tmp_path: Path, text: str, name: str = "roster.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


async def count(store: Store) -> int:
    async with store.db.execute("SELECT COUNT(*) FROM pupils") as cur:
        row = await cur.fetchone()
    return int(row[0])


async def test_demo_roster_imports(store: Store) -> None:
    report = await import_roster(store, DEMO, CLASSES, now=NOW)

    assert report == ImportReport(added=24, updated=0, unchanged=0, rejected=[])
    assert report.summary() == "24 added, 0 updated, 0 unchanged, 0 rejected"
    assert await count(store) == 24
    for class_id in CLASSES:
        assert len(await store.pupils.in_class(class_id)) == 8
    olivers = await store.pupils.by_name("oliver")
    assert sorted(p.surname for p in olivers) == ["Bennett", "Thornbury"]
    assert {p.class_id for p in olivers} == {"oak"}
    for first, surname, class_id in [
        ("Amelia", "Hughes", "oak"),
        ("Oliver", "Bennett", "oak"),
        ("Isla", "Patel", "willow"),
        ("Noah", "Clarke", "maple"),
    ]:
        [pupil] = await store.pupils.by_name(first, surname)
        assert pupil.class_id == class_id
    refused = [p for c in CLASSES for p in await store.pupils.in_class(c) if not p.photo_consent]
    assert 1 <= len(refused) < 24
    amelia = await store.pupils.by_mis_id("DEMO0001")
    assert amelia is not None and amelia.full_name == "Amelia Hughes" and amelia.photo_consent


async def test_reimport_is_unchanged(store: Store) -> None:
    await import_roster(store, DEMO, CLASSES, now=NOW)

    report = await import_roster(store, DEMO, CLASSES, now=LATER)

    assert (report.added, report.updated, report.unchanged, report.rejected) == (0, 0, 24, [])
    assert await count(store) == 24


async def test_changed_consent_and_class_update(store: Store, tmp_path: Path) -> None:
    await import_roster(store, DEMO, CLASSES, now=NOW)
    rows = DEMO.read_text(encoding="utf-8").splitlines()
    rows = [
        row.replace("Amelia,Hughes,oak,yes", "Amelia,Hughes,oak,no").replace(
            "Noah,Clarke,maple", "Noah,Clarke,willow"
        )
        for row in rows
    ]
    changed = write(tmp_path, "\n".join(rows) + "\n")

    report = await import_roster(store, changed, CLASSES, now=LATER)

    assert (report.added, report.updated, report.unchanged) == (0, 2, 22)
    amelia = await store.pupils.by_mis_id("DEMO0001")
    noah = await store.pupils.by_mis_id("DEMO0017")
    assert amelia is not None and not amelia.photo_consent
    assert noah is not None and noah.class_id == "willow"
    assert len(await store.pupils.in_class("maple")) == 7


async def test_matches_by_name_and_class_without_mis_id(store: Store, tmp_path: Path) -> None:
    first = write(tmp_path, "first_name,surname,class,photo_consent\nAda,Quince,oak,yes\n")
    await import_roster(store, first, CLASSES, now=NOW)
    again = write(tmp_path, "First Name,Last Name,Class,Photo Consent\n ada , QUINCE ,OAK,No\n")

    report = await import_roster(store, again, CLASSES, now=LATER)

    assert (report.added, report.updated, report.unchanged) == (0, 1, 0)
    [ada] = await store.pupils.by_name("Ada")
    assert (ada.first_name, ada.surname, ada.class_id, ada.photo_consent) == (
        "ada",
        "QUINCE",
        "oak",
        False,
    )


async def test_bad_rows_rejected_with_line_and_reason(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "first_name,surname,class,photo_consent,mis_id\n"
        "Ada,Quince,oak,yes,T1\n"
        "Bea,Rowan,elm,yes,T2\n"
        ",Sorrel,oak,yes,T3\n"
        "Cal,Tansy,willow,,T4\n"
        "\n"
        "Dot,Umber,maple,maybe,T5\n"
        '"Eve","Vetch",Willow,Granted,T6\n',
    )

    report = await import_roster(store, path, CLASSES, now=NOW)

    assert (report.added, report.updated, report.unchanged) == (2, 0, 0)
    assert report.rejected[:3] == [
        (3, "unknown class 'elm'; expected one of: maple, oak, willow"),
        (4, "missing first name"),
        (5, "missing photo consent (consent is never assumed)"),
    ]
    line, reason = report.rejected[3]
    assert line == 7 and reason.startswith("photo consent 'maybe' not understood")
    assert report.summary().splitlines()[:2] == [
        "2 added, 0 updated, 0 unchanged, 4 rejected",
        "line 3: unknown class 'elm'; expected one of: maple, oak, willow",
    ]
    assert await count(store) == 2
    eve = await store.pupils.by_mis_id("T6")
    assert eve is not None and eve.class_id == "willow" and eve.photo_consent
    assert await store.pupils.by_mis_id("T4") is None


async def test_duplicate_mis_id_rejects_later_row(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "first_name,surname,class,photo_consent,mis_id\n"
        "Ada,Quince,oak,yes,T1\n"
        "Bea,Rowan,oak,yes,T1\n",
    )

    report = await import_roster(store, path, CLASSES, now=NOW)

    assert report.added == 1
    assert report.rejected == [(3, "MIS id 'T1' is already used on line 2")]
    pupil = await store.pupils.by_mis_id("T1")
    assert pupil is not None and pupil.first_name == "Ada"


async def test_missing_column_changes_nothing(store: Store, tmp_path: Path) -> None:
    await import_roster(store, DEMO, CLASSES, now=NOW)
    before = [(p.id, p.photo_consent) for p in await store.pupils.in_class("oak")]
    path = write(
        tmp_path,
        "first_name,surname,class,mis_id\nAmelia,Hughes,oak,DEMO0001\nNew,Pupil,oak,T9\n",
        name="no-consent.csv",
    )

    with pytest.raises(RosterError) as err:
        await import_roster(store, path, CLASSES, now=LATER)

    message = str(err.value)
    assert "no-consent.csv" in message
    assert "photo consent" in message and "photo permission" in message
    assert await count(store) == 24
    assert [(p.id, p.photo_consent) for p in await store.pupils.in_class("oak")] == before


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty"),
        (b"first_name,surname,class,photo_consent\n", "no pupils"),
        (b"first_name,surname,class,photo_consent\nZo\xe9,Quince,oak,yes\n", "not UTF-8"),
        (b"first_name,surname,class,photo_consent\nA\x00,B,oak,yes\n", "not a CSV file"),
        (b'first_name,surname,class,photo_consent\n"Ada,Quince,oak,yes\n', "not a readable CSV"),
    ],
)
async def test_malformed_files_raise(
    store: Store, tmp_path: Path, content: bytes, fragment: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    with pytest.raises(RosterError, match=fragment) as err:
        await import_roster(store, path, CLASSES, now=NOW)

    assert "bad.csv" in str(err.value)
    assert await count(store) == 0


async def test_missing_file_raises(store: Store, tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="cannot be read"):
        await import_roster(store, tmp_path / "nope.csv", CLASSES, now=NOW)


async def test_sims_export_with_bom(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '"Forename","Surname","Reg Group","Photo Permission","UPN"\r\n'
        '"Ada","Quince","OAK","Y","A123456789012"\r\n'
        '"Bea","Rowan","Maple","N","B123456789012"\r\n',
        bom=True,
    )

    report = await import_roster(store, path, CLASSES, now=NOW)

    assert report == ImportReport(added=2, updated=0, unchanged=0, rejected=[])
    ada = await store.pupils.by_mis_id("A123456789012")
    bea = await store.pupils.by_mis_id("B123456789012")
    assert ada is not None and (ada.first_name, ada.class_id, ada.photo_consent) == (
        "Ada",
        "oak",
        True,
    )
    assert bea is not None and (bea.class_id, bea.photo_consent) == ("maple", False)


async def test_same_name_and_class_without_mis_id_rejected(store: Store, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "first_name,surname,class,photo_consent\nAda,Quince,oak,yes\nada,quince,Oak,no\n",
    )

    report = await import_roster(store, path, CLASSES, now=NOW)

    assert report.added == 1
    assert [line for line, _ in report.rejected] == [3]
    [ada] = await store.pupils.by_name("Ada")
    assert ada.photo_consent


async def test_an_email_column_registers_each_family_for_the_digest(
    store: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "Forename,Surname,Reg Group,Photo Permission,UPN,Parent Email\n"
        "Amelia,Hughes,oak,yes,A1,sam@example.org; jo@example.org\n"
        "Oliver,Bennett,oak,yes,A2,\n"
        "Isla,Patel,willow,no,A3,not an address\n",
    )
    report = await import_roster(store, path, CLASSES, now=NOW)

    assert (report.added, report.updated, report.unchanged) == (2, 0, 0)
    [(line, reason)] = report.rejected
    assert line == 4 and "not an address such as sam@example.org" in reason
    assert "not an address," not in reason  # the cell itself is personal data: not repeated
    amelia = await store.pupils.by_mis_id("A1")
    assert amelia is not None
    assert [r.address for r in await store.digests.recipients_of(amelia.id)] == [
        "sam@example.org",
        "jo@example.org",
    ]

    # The same file again: nothing new. A family who unsubscribed stays unsubscribed.
    [sam, _] = await store.digests.recipients_of(amelia.id)
    assert await store.digests.remove_recipient(sam.id, at=LATER)
    again = await import_roster(store, path, CLASSES, now=LATER)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert [r.address for r in await store.digests.recipients_of(amelia.id)] == ["jo@example.org"]

    # A new address in the file is registered for a pupil already on the roster.
    write(
        tmp_path,
        "Forename,Surname,Reg Group,Photo Permission,UPN,Parent Email\n"
        "Oliver,Bennett,oak,yes,A2,kim@example.org\n",
    )
    later = await import_roster(store, path, CLASSES, now=LATER)
    assert (later.added, later.updated, later.unchanged) == (0, 1, 0)
