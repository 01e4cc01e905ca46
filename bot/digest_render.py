"""The weekly digest for a family without Matrix, as a printable PDF and as an e-mail.

Pure rendering, like `bot/letters.py` (whose fonts and look it shares): what goes into a
family's digest is chosen in `handlers/digest.py`; this only lays it out. There is no reply
path: the digest says how to reach the office instead.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import make_msgid
from xml.sax.saxutils import escape

from PIL import Image as PILImage
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from bot.letters import _styles

#: A photo in the PDF is at most this big (it keeps its shape).
PHOTO_WIDTH, PHOTO_HEIGHT = 110 * mm, 75 * mm


@dataclass(frozen=True)
class DigestItem:
    """One class story post."""

    posted_at: datetime  # aware, the school's time
    author: str  # as families see them, e.g. Miss Reid
    text: str
    photo: bytes | None = None  # a JPEG, only when it may be shown
    note: str | None = None  # why a photo is not shown, or that a video is in the story


@dataclass(frozen=True)
class SchoolDate:
    start: date
    end: date
    name: str

    def describe(self) -> str:
        first = f"{self.start:%A} {self.start.day} {self.start:%B}"
        if self.end == self.start:
            return f"{first}: {self.name}"
        return f"{first} to {self.end:%A} {self.end.day} {self.end:%B}: {self.name}"


@dataclass(frozen=True)
class Office:
    """How a family reaches the school: the digest cannot be answered."""

    school: str
    email: str
    phone: str | None
    address: str | None

    def lines(self) -> list[str]:
        lines = [f"Phone the school office: {self.phone}"] if self.phone else []
        if self.address:
            lines.append(f"Or write to or visit: {self.address}")
        lines.append(f"E-mail the office: {self.email}")
        return lines


@dataclass(frozen=True)
class DigestPage:
    """One child's digest for one week."""

    school: str
    class_name: str
    child: str  # first name
    monday: date
    items: tuple[DigestItem, ...]
    points: tuple[tuple[str, int], ...]  # (school value, points this week), only this child's
    dates: tuple[SchoolDate, ...]
    office: Office
    unsubscribe: str | None = None  # the link, in e-mails only

    @property
    def week(self) -> str:
        return f"week beginning {self.monday:%A} {self.monday.day} {self.monday:%B %Y}"

    @property
    def title(self) -> str:
        return f"{self.school}: {self.class_name}, {self.week}"

    def points_line(self) -> str:
        total = sum(amount for _, amount in self.points)
        if not total:
            return f"No points for {self.child} this week."
        parts = ", ".join(f"{value} {amount}" for value, amount in self.points if amount)
        return f"{self.child} earned {total} point{'' if total == 1 else 's'} this week: {parts}."


NO_REPLY = (
    "This is a summary from the school's class story. Replies to it are not read: "
    "to contact the school, please use the details below."
)


def _when(item: DigestItem) -> str:
    at = item.posted_at
    return f"{at:%A} {at.day} {at:%B}, {at:%H:%M}, {item.author}"


# --- the PDF -----------------------------------------------------------------------------


def _photo(data: bytes) -> Flowable:
    with PILImage.open(io.BytesIO(data)) as image:
        width, height = image.size
    scale = min(PHOTO_WIDTH / width, PHOTO_HEIGHT / height)
    picture = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    picture.hAlign = "LEFT"
    return picture


def _page(page: DigestPage, style: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = [
        Paragraph(escape(page.school), style["school"]),
        Paragraph(f"{escape(page.class_name)}: {escape(page.week)}", style["subtitle"]),
        Paragraph(f"For the family of {escape(page.child)}", style["for"]),
        Paragraph("This week in the class story", style["heading"]),
    ]
    if not page.items:
        out.append(Paragraph("Nothing was posted in the class story this week.", style["body"]))
    for item in page.items:
        block: list[Flowable] = [Paragraph(escape(_when(item)), style["small"])]
        if item.text:
            block.append(Paragraph(escape(item.text).replace("\n", "<br/>"), style["body"]))
        if item.photo is not None:
            block += [_photo(item.photo), Spacer(1, 2 * mm)]
        if item.note:
            block.append(Paragraph(escape(item.note), style["small"]))
        block.append(Spacer(1, 3 * mm))
        out.append(KeepTogether(block))
    out += [
        Paragraph(f"{escape(page.child)}'s points", style["heading"]),
        Paragraph(escape(page.points_line()), style["body"]),
        Paragraph("Dates for your diary", style["heading"]),
    ]
    if page.dates:
        out += [Paragraph(escape(d.describe()), style["body"]) for d in page.dates]
    else:
        out.append(Paragraph("No holidays or closures in the next six weeks.", style["body"]))
    out += [
        Paragraph("Contacting the school", style["heading"]),
        *(Paragraph(escape(line), style["body"]) for line in page.office.lines()),
        Spacer(1, 3 * mm),
        Paragraph(escape(NO_REPLY), style["small"]),
    ]
    return out


def digest_pdf(pages: Sequence[DigestPage]) -> bytes:
    """Each child's digest, each starting on a new A4 page."""
    out = io.BytesIO()
    first = pages[0] if pages else None
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=15 * mm,
        title=first.title if first else "Weekly digest",
        author=first.school if first else "",
        subject="The week in the class story",
    )
    style = _styles()
    story: list[Flowable] = []
    for number, page in enumerate(pages):
        if number:
            story.append(PageBreak())
        story += _page(page, style)
    document.build(story)
    return out.getvalue()


# --- the e-mail ----------------------------------------------------------------------------


def _plain(page: DigestPage) -> str:
    lines = [page.title, f"For the family of {page.child}", "", "This week in the class story", ""]
    if not page.items:
        lines.append("Nothing was posted in the class story this week.")
    for item in page.items:
        lines.append(_when(item))
        if item.text:
            lines.append(item.text)
        if item.photo is not None:
            lines.append("(a photo: see the HTML version of this e-mail)")
        if item.note:
            lines.append(f"({item.note})")
        lines.append("")
    lines += [f"{page.child}'s points", page.points_line(), "", "Dates for your diary"]
    lines += [d.describe() for d in page.dates] or ["No holidays or closures in the next weeks."]
    lines += ["", "Contacting the school", *page.office.lines(), "", NO_REPLY]
    if page.unsubscribe:
        lines += ["", f"To stop these e-mails, open this link: {page.unsubscribe}"]
    return "\n".join(lines) + "\n"


def _html(page: DigestPage, photo_ids: dict[int, str]) -> str:
    e = html.escape
    parts = [
        '<html><body style="font-family: sans-serif; max-width: 40em">',
        f"<h1>{e(page.school)}</h1>",
        f"<p>{e(page.class_name)}: {e(page.week)}<br><b>For the family of {e(page.child)}</b></p>",
        "<h2>This week in the class story</h2>",
    ]
    if not page.items:
        parts.append("<p>Nothing was posted in the class story this week.</p>")
    for number, item in enumerate(page.items):
        parts.append(f'<p><small style="color: #666">{e(_when(item))}</small><br>')
        if item.text:
            parts.append(e(item.text).replace("\n", "<br>"))
        parts.append("</p>")
        if number in photo_ids:
            parts.append(
                f'<p><img src="cid:{photo_ids[number]}" alt="A photo from the class story" '
                'style="max-width: 100%"></p>'
            )
        if item.note:
            parts.append(f"<p><small>{e(item.note)}</small></p>")
    parts += [f"<h2>{e(page.child)}'s points</h2>", f"<p>{e(page.points_line())}</p>"]
    parts.append("<h2>Dates for your diary</h2>")
    parts += [f"<p>{e(d.describe())}</p>" for d in page.dates] or [
        "<p>No holidays or closures in the next six weeks.</p>"
    ]
    parts.append("<h2>Contacting the school</h2>")
    parts += [f"<p>{e(line)}</p>" for line in page.office.lines()]
    parts.append(f'<p><small style="color: #666">{e(NO_REPLY)}</small></p>')
    if page.unsubscribe:
        parts.append(
            f'<p><small><a href="{e(page.unsubscribe)}">Stop these e-mails</a>: the link '
            "opens a page with one button; pressing it deletes this address from the school's "
            "digest list.</small></p>"
        )
    parts.append("</body></html>")
    return "\n".join(parts)


def digest_email(page: DigestPage, *, sender: str, to: str) -> EmailMessage:
    """A multipart e-mail: plain text, and HTML with the allowed photos inline."""
    message = EmailMessage()
    message["Subject"] = page.title
    message["From"] = sender
    message["To"] = to
    message["Auto-Submitted"] = "auto-generated"
    if page.unsubscribe:
        message["List-Unsubscribe"] = f"<{page.unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(_plain(page))
    domain = sender.rpartition("@")[2].strip(">") or None
    photo_ids = {
        number: make_msgid(domain=domain)[1:-1]
        for number, item in enumerate(page.items)
        if item.photo is not None
    }
    message.add_alternative(_html(page, photo_ids), subtype="html")
    html_part = message.get_payload()[1]
    for number, cid in photo_ids.items():
        photo = page.items[number].photo
        assert photo is not None
        html_part.add_related(photo, "image", "jpeg", cid=f"<{cid}>", filename=f"photo{number}.jpg")
    return message
