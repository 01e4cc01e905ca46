"""Invitation letters: one printable A4 page per child with the family's join code and how to
join, and the same codes as a CSV for a school's own mail merge.

Pure rendering: the codes are chosen and stored elsewhere (`handlers/invitations.py`), and
what comes out of here is the only place they exist in plain. PDF by reportlab, the QR code
by `qrcode` (drawn as vector squares, so it prints sharp at any size).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import qrcode
import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import registerFontFamily
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from bot.config import Config
from bot.progress import Tell
from bot.provisioning import conduct_text

#: The app the letter names. Element is free on iPhone, Android, the web and computers, and
#: is the client the bot is tested against (tests/js runs Element's own SDK).
APP = "Element"
APP_WHERE = "free for iPhone, Android and computers, from your app store or element.io"

CSV_COLUMNS = ("first_name", "surname", "class", "code", "expires")

# DejaVu (Debian's fonts-dejavu-core) covers the names of many languages (Łukasz, Ayşe);
# reportlab's own Bitstream Vera, its ancestor, is the fallback where DejaVu is missing.
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_VERA = Path(reportlab.__file__).parent / "fonts"
SANS, BOLD = "LetterSans", "LetterSans-Bold"


@dataclass(frozen=True)
class Letter:
    """One child's letter."""

    first_name: str
    surname: str
    class_name: str
    code: str
    expires: datetime  # when the code stops working (aware)


@dataclass(frozen=True)
class LetterHead:
    """What every letter of a school says: who, where to join, the rules, whom to ask."""

    school: str
    office_email: str
    homeserver: str  # the address a family types into their app
    bot_user_id: str
    conduct: str  # the code of conduct, one paragraph
    timezone: ZoneInfo

    @classmethod
    def of(cls, config: Config, homeserver: str, bot_user_id: str) -> LetterHead:
        return cls(
            school=config.school.name,
            office_email=config.school.office_email,
            homeserver=homeserver.rstrip("/"),
            bot_user_id=bot_user_id,
            conduct=conduct_text(config),
            timezone=config.school.tz,
        )

    @property
    def chat_link(self) -> str:
        """Opens a direct chat with the bot in the family's Matrix app."""
        return matrix_to(self.bot_user_id)

    def until(self, instant: datetime) -> str:
        """'Tuesday 22 September 2026 at 15:42', in the school's time."""
        local = instant.astimezone(self.timezone)
        return f"{local:%A} {local.day} {local:%B %Y} at {local:%H:%M}"


def matrix_to(user_id: str) -> str:
    return f"https://matrix.to/#/{user_id}"


# --- the PDF -----------------------------------------------------------------------------


@cache
def _fonts() -> tuple[str, str]:
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        regular, bold = _VERA / "Vera.ttf", _VERA / "VeraBd.ttf"
    pdfmetrics.registerFont(TTFont(SANS, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
    # <b> in a paragraph picks the bold face; there is no italic, so <i> stays upright.
    registerFontFamily(SANS, normal=SANS, bold=BOLD, italic=SANS, boldItalic=BOLD)
    return SANS, BOLD


class QRCode(Flowable):
    """A QR code of `data`, `size` points square, drawn as dark squares (no image)."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
        code.add_data(data)
        code.make(fit=True)
        self.modules = code.get_matrix()
        self.width = self.height = size

    def draw(self) -> None:
        count = len(self.modules)
        cell = self.width / count
        self.canv.setFillColor(colors.black)
        for row, line in enumerate(self.modules):
            for column, dark in enumerate(line):
                if dark:
                    y = self.height - (row + 1) * cell
                    self.canv.rect(column * cell, y, cell, cell, stroke=0, fill=1)


def _styles() -> dict[str, ParagraphStyle]:
    sans, bold = _fonts()
    body = ParagraphStyle("body", fontName=sans, fontSize=10.5, leading=14.5, spaceAfter=5)
    return {
        "school": ParagraphStyle("school", fontName=bold, fontSize=20, leading=24),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=sans, fontSize=11, leading=14, textColor=colors.dimgrey
        ),
        "for": ParagraphStyle("for", fontName=bold, fontSize=15, leading=20, spaceBefore=10),
        "body": body,
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=12, leading=16, spaceBefore=8, spaceAfter=3
        ),
        "code": ParagraphStyle("code", fontName=bold, fontSize=38, leading=46, alignment=TA_CENTER),
        "under_code": ParagraphStyle(
            "under_code", parent=body, fontSize=9.5, leading=13, alignment=TA_CENTER
        ),
        "caption": ParagraphStyle(
            "caption", parent=body, fontSize=8.5, leading=11, alignment=TA_CENTER
        ),
        "small": ParagraphStyle(
            "small", parent=body, fontSize=8.5, leading=11.5, textColor=colors.dimgrey
        ),
    }


def _spaced(code: str) -> str:
    """'KQ7D-MAXR' as 'K Q 7 D – M A X R', easier to read out and to copy."""
    return " – ".join(" ".join(part) for part in code.split("-"))


#: The text's width: A4 less the margins and the frame's own padding (6 points a side).
WIDTH = A4[0] - 40 * mm - 12


def _page(letter: Letter, head: LetterHead, style: dict[str, ParagraphStyle]) -> list[Flowable]:
    first, school = escape(letter.first_name), escape(head.school)
    class_name, code = escape(letter.class_name), escape(letter.code)
    bot, server, office = (
        escape(head.bot_user_id),
        escape(head.homeserver),
        escape(head.office_email),
    )
    until = escape(head.until(letter.expires))

    code_box = Table(
        [
            [Paragraph(code, style["code"])],
            [Paragraph(f"Read out as: {escape(_spaced(letter.code))}", style["under_code"])],
            [
                Paragraph(
                    f"It works once, for one parent or carer, until {until}. It has no letters "
                    "or numbers that look alike (no O or 0, no I or 1), and capitals or dashes "
                    "don't matter.",
                    style["under_code"],
                )
            ],
        ],
        colWidths=[WIDTH - 16 * mm],
    )
    code_box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f3f3f3")),
                ("TOPPADDING", (0, 0), (-1, 0), 8),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )

    steps = [
        f"<b>Install {APP}</b>, a Matrix app, {escape(APP_WHERE)}. Please keep it up to date: "
        "if class photos don't appear, update the app.",
        f"<b>Sign in to the school's server.</b> Choose “Sign in”, change the server "
        f"(homeserver) to <b>{server}</b>, and sign in with your account. No account yet? "
        f"Email the office at {office}.",
        f"<b>Start a chat with the school's bot</b>, <b>{bot}</b> (or scan the QR code with "
        f"your phone's camera), and <b>send it this code: {code}</b>",
        f"The bot connects you to {first} straight away. <b>Accept the invitations</b> it "
        f"sends: the {class_name} story, your private room with the school, and messages "
        "with the class teachers.",
    ]
    numbered = [Paragraph(f"{n}. {text}", style["body"]) for n, text in enumerate(steps, 1)]
    qr_size = 42 * mm
    qr_column = [
        QRCode(head.chat_link, qr_size),
        Spacer(1, 2 * mm),
        Paragraph("Scan to start a chat with the school's bot", style["caption"]),
        Paragraph(escape(head.chat_link), style["caption"]),
    ]
    how = Table([[numbered, qr_column]], colWidths=[WIDTH - 52 * mm, 52 * mm], hAlign="LEFT")
    how.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 8),
                ("LEFTPADDING", (1, 0), (1, 0), 6),
            ]
        )
    )

    return [
        Paragraph(school, style["school"]),
        Paragraph("Joining the school's messaging", style["subtitle"]),
        Paragraph(f"For the family of {first}, {class_name}", style["for"]),
        Paragraph(
            f"{school} shares class news and photos, and messages between families and "
            "teachers, through its own secure messaging (Matrix), run on the school's own "
            f"server. To connect to {first}, you need this code:",
            style["body"],
        ),
        Spacer(1, 2 * mm),
        code_box,
        Paragraph("How to join", style["heading"]),
        how,
        Paragraph("Our online code of conduct", style["heading"]),
        Paragraph(escape(head.conduct), style["body"]),
        Paragraph("Questions?", style["heading"]),
        Paragraph(f"Email the school office: <b>{office}</b>", style["body"]),
        Spacer(1, 4 * mm),
        Paragraph(
            f"Please keep this letter private: anyone with the code could join as {first}'s "
            "family. A second parent or carer who would like to join needs their own code: "
            "please ask the office. The school keeps only a scrambled copy of this code, so "
            "if it is lost, ask for a new letter.",
            style["small"],
        ),
    ]


class _Letters(SimpleDocTemplate):
    """Tells `progress` the pages done of the letters in all, after each page."""

    def __init__(self, out: io.BytesIO, letters: int, progress: Tell | None, **kw: Any) -> None:
        super().__init__(out, **kw)
        self.letters = letters
        self.progress = progress

    def afterPage(self) -> None:  # noqa: N802 (reportlab's name)
        super().afterPage()
        if self.progress is not None:
            self.progress(min(self.page, self.letters), self.letters)


def letters_pdf(letters: Sequence[Letter], head: LetterHead, progress: Tell | None = None) -> bytes:
    """One A4 page per letter, in the order given. Each page is shrunk to fit if it must,
    never split across two. `progress` hears the pages done of the letters in all."""
    out = io.BytesIO()
    document = _Letters(
        out,
        len(letters),
        progress,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=15 * mm,
        title=f"{head.school}: invitation letters",
        author=head.school,
        subject="Join codes for the school's messaging",
    )
    style = _styles()
    story: list[Flowable] = []
    for number, letter in enumerate(letters):
        if number:
            story.append(PageBreak())
        page = _page(letter, head, style)
        story.append(KeepInFrame(document.width, document.height, page, mode="shrink"))
    document.build(story)
    return out.getvalue()


# --- the CSV -----------------------------------------------------------------------------


def safe_cell(cell: str) -> str:
    """Spreadsheets run cells starting with these as formulas (CSV injection)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def letters_csv(letters: Sequence[Letter], head: LetterHead) -> bytes:
    """first_name, surname, class, code, expires (the school's local time); UTF-8 with a BOM
    so Excel and Word's mail merge read names correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for letter in letters:
        local = letter.expires.astimezone(head.timezone)
        writer.writerow(
            [
                safe_cell(letter.first_name),
                safe_cell(letter.surname),
                safe_cell(letter.class_name),
                letter.code,
                f"{local:%Y-%m-%d %H:%M}",
            ]
        )
    return out.getvalue().encode("utf-8-sig")
