"""The built-in pictures a pupil may choose as their avatar (`!avatar NAME`).

Drawn here, by code, with Pillow: friendly animals and shapes in flat colours, 256 x 256
PNG. No image is downloaded or copied from anywhere; the drawings are this project's own
work, under the project's licence. The same code always gives the same bytes, so a picture's
hash says which drawing it is (`picture_key`), and a changed drawing is uploaded again.
"""

from __future__ import annotations

import hashlib
import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

SIZE = 256
MIMETYPE = "image/png"

Colour = tuple[int, int, int]
Draw = ImageDraw.ImageDraw

INK: Colour = (45, 45, 60)
WHITE: Colour = (255, 255, 255)


@dataclass(frozen=True)
class Picture:
    name: str  # what a pupil types: one lower-case word
    label: str  # how it is shown in a list
    background: Colour
    draw: Callable[[Draw], None]


def _eyes(d: Draw, y: int, apart: int = 36, size: int = 11) -> None:
    for x in (128 - apart, 128 + apart):
        d.ellipse([x - size, y - size, x + size, y + size], fill=WHITE)
        d.ellipse([x - size // 2, y - size // 2, x + size // 2, y + size // 2], fill=INK)


def _smile(d: Draw, y: int, width: int = 40) -> None:
    d.arc([128 - width // 2, y - 14, 128 + width // 2, y + 14], 20, 160, fill=INK, width=5)


def _cat(d: Draw) -> None:
    fur = (245, 160, 70)
    d.polygon([(60, 110), (80, 40), (120, 90)], fill=fur)
    d.polygon([(196, 110), (176, 40), (136, 90)], fill=fur)
    d.ellipse([48, 70, 208, 220], fill=fur)
    _eyes(d, 130)
    d.polygon([(120, 158), (136, 158), (128, 168)], fill=(230, 100, 120))
    for side in (-1, 1):
        for dy in (-6, 6):
            d.line(
                [(128 + side * 30, 168 + dy), (128 + side * 80, 160 + dy * 2)], fill=INK, width=3
            )
    _smile(d, 178, 30)


def _dog(d: Draw) -> None:
    fur, ear = (200, 150, 100), (120, 80, 50)
    d.ellipse([56, 60, 200, 216], fill=fur)
    d.ellipse([30, 70, 80, 170], fill=ear)
    d.ellipse([176, 70, 226, 170], fill=ear)
    _eyes(d, 120, apart=30)
    d.ellipse([110, 150, 146, 178], fill=INK)
    _smile(d, 188, 36)


def _owl(d: Draw) -> None:
    body = (140, 100, 180)
    d.polygon([(70, 70), (90, 40), (110, 70)], fill=body)
    d.polygon([(186, 70), (166, 40), (146, 70)], fill=body)
    d.ellipse([56, 56, 200, 226], fill=body)
    d.ellipse([96, 150, 160, 220], fill=(200, 180, 230))
    _eyes(d, 112, apart=34, size=24)
    d.polygon([(118, 132), (138, 132), (128, 152)], fill=(250, 190, 60))


def _fox(d: Draw) -> None:
    fur = (235, 110, 40)
    d.polygon([(50, 60), (90, 130), (40, 140)], fill=fur)
    d.polygon([(206, 60), (166, 130), (216, 140)], fill=fur)
    d.polygon([(40, 110), (216, 110), (128, 226)], fill=fur)
    d.polygon([(70, 150), (186, 150), (128, 226)], fill=WHITE)
    _eyes(d, 135, apart=40, size=10)
    d.ellipse([118, 206, 138, 222], fill=INK)


def _bear(d: Draw) -> None:
    fur = (150, 100, 60)
    d.ellipse([44, 44, 104, 104], fill=fur)
    d.ellipse([152, 44, 212, 104], fill=fur)
    d.ellipse([48, 60, 208, 220], fill=fur)
    d.ellipse([92, 140, 164, 200], fill=(220, 190, 150))
    _eyes(d, 120, apart=34)
    d.ellipse([116, 148, 140, 166], fill=INK)
    _smile(d, 180, 26)


def _rabbit(d: Draw) -> None:
    fur, inside = (240, 240, 245), (250, 190, 200)
    for x in (88, 168):
        d.ellipse([x - 22, 20, x + 22, 130], fill=fur)
        d.ellipse([x - 10, 36, x + 10, 116], fill=inside)
    d.ellipse([56, 90, 200, 226], fill=fur)
    _eyes(d, 148, apart=32)
    d.polygon([(120, 176), (136, 176), (128, 186)], fill=(230, 120, 140))
    _smile(d, 196, 26)


def _fish(d: Draw) -> None:
    body = (250, 140, 60)
    d.polygon([(180, 128), (232, 84), (232, 172)], fill=body)
    d.ellipse([30, 70, 200, 186], fill=body)
    for x in (90, 120, 150):
        d.arc([x - 20, 90, x + 20, 166], 300, 60, fill=WHITE, width=6)
    d.ellipse([58, 108, 82, 132], fill=WHITE)
    d.ellipse([64, 114, 76, 126], fill=INK)


def _star(d: Draw) -> None:
    points = []
    for n in range(10):
        radius = 100 if n % 2 == 0 else 42
        angle = math.pi / 2 + n * math.pi / 5
        points.append((128 + radius * math.cos(angle), 138 - radius * math.sin(angle)))
    d.polygon(points, fill=(255, 210, 40))
    _eyes(d, 132, apart=20, size=8)
    _smile(d, 158, 24)


def _sun(d: Draw) -> None:
    yellow = (255, 190, 30)
    for n in range(12):
        angle = n * math.pi / 6
        d.line(
            [
                (128 + 70 * math.cos(angle), 128 + 70 * math.sin(angle)),
                (128 + 112 * math.cos(angle), 128 + 112 * math.sin(angle)),
            ],
            fill=yellow,
            width=12,
        )
    d.ellipse([58, 58, 198, 198], fill=yellow)
    _eyes(d, 116, apart=28, size=10)
    _smile(d, 150, 44)


def _rocket(d: Draw) -> None:
    d.polygon([(128, 20), (168, 90), (88, 90)], fill=(230, 60, 60))
    d.rectangle([88, 90, 168, 190], fill=(235, 235, 245))
    d.polygon([(88, 140), (50, 200), (88, 190)], fill=(230, 60, 60))
    d.polygon([(168, 140), (206, 200), (168, 190)], fill=(230, 60, 60))
    d.ellipse([104, 106, 152, 154], fill=(90, 170, 230), outline=INK, width=4)
    d.polygon([(100, 190), (156, 190), (128, 240)], fill=(255, 170, 40))


def _tree(d: Draw) -> None:
    d.rectangle([112, 150, 144, 232], fill=(130, 85, 50))
    d.ellipse([40, 30, 216, 180], fill=(70, 170, 80))
    for x, y in ((90, 80), (160, 100), (120, 130)):
        d.ellipse([x - 10, y - 10, x + 10, y + 10], fill=(230, 60, 60))


def _rainbow(d: Draw) -> None:
    bands = [(230, 60, 60), (250, 150, 40), (250, 220, 60), (80, 180, 90), (70, 130, 220)]
    for n, colour in enumerate(bands):
        inset = 20 + n * 16
        d.pieslice([inset, 60 + inset, 256 - inset, 316 - inset], 180, 360, fill=colour)
    d.pieslice([100, 160, 156, 216], 180, 360, fill=(200, 235, 250))
    d.rectangle([0, 188, 256, 256], fill=(200, 235, 250))
    for x in (50, 206):
        d.ellipse([x - 40, 160, x + 40, 210], fill=WHITE)


#: Every picture a pupil may choose, in the order they are listed.
PICTURES: tuple[Picture, ...] = (
    Picture("cat", "a ginger cat", (255, 236, 200), _cat),
    Picture("dog", "a happy dog", (210, 240, 255), _dog),
    Picture("owl", "a purple owl", (230, 220, 250), _owl),
    Picture("fox", "a red fox", (220, 245, 220), _fox),
    Picture("bear", "a brown bear", (250, 230, 210), _bear),
    Picture("rabbit", "a white rabbit", (210, 235, 210), _rabbit),
    Picture("fish", "an orange fish", (190, 225, 250), _fish),
    Picture("star", "a smiling star", (60, 60, 120), _star),
    Picture("sun", "a sunny face", (200, 235, 255), _sun),
    Picture("rocket", "a rocket", (40, 50, 100), _rocket),
    Picture("tree", "an apple tree", (215, 240, 255), _tree),
    Picture("rainbow", "a rainbow", (200, 235, 250), _rainbow),
)
BY_NAME = {picture.name: picture for picture in PICTURES}


@cache
def render(name: str) -> bytes:
    """The PNG of one picture (KeyError for a name that is not one)."""
    picture = BY_NAME[name]
    image = Image.new("RGB", (SIZE, SIZE), picture.background)
    picture.draw(ImageDraw.Draw(image))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


SHEET_COLUMNS = 4
SHEET_TILE = 160  # each picture's size on the sheet
SHEET_LABEL = 30  # the name under it
_SHEET_ROWS = -(-len(PICTURES) // SHEET_COLUMNS)
SHEET_SIZE = (SHEET_COLUMNS * SHEET_TILE, _SHEET_ROWS * (SHEET_TILE + SHEET_LABEL))


@cache
def render_sheet() -> bytes:
    """Every picture on one PNG with the name to type under each, for `!avatar`'s list."""
    cell = SHEET_TILE + SHEET_LABEL
    sheet = Image.new("RGB", SHEET_SIZE, WHITE)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=20)
    for n, picture in enumerate(PICTURES):
        left, top = (n % SHEET_COLUMNS) * SHEET_TILE, (n // SHEET_COLUMNS) * cell
        tile = Image.open(io.BytesIO(render(picture.name))).resize((SHEET_TILE, SHEET_TILE))
        sheet.paste(tile, (left, top))
        middle = (left + SHEET_TILE // 2, top + SHEET_TILE + SHEET_LABEL // 2)
        draw.text(middle, picture.name, fill=INK, font=font, anchor="mm")
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=True)
    return out.getvalue()


def picture_key(name: str) -> str:
    """Where the bot keeps this drawing's mxc URI once uploaded (its state, by content hash:
    a changed drawing has a new key and is uploaded again)."""
    digest = hashlib.sha256(render(name)).hexdigest()[:12]
    return f"pupil_avatar_picture:{name}:{digest}"
