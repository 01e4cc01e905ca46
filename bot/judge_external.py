"""Public labelled data, split once: one half may be trained on, the other only measured.

- Davidson et al. (2017), "Automated Hate Speech Detection and the Problem of Offensive
  Language": 24,783 tweets labelled hate speech, offensive or neither (MIT licence, in
  `../shared/eval/external/davidson_LICENSE`).
- VADER's tweet ground truth (Hutto and Gilbert 2014, MIT): 4,200 tweets, each the mean of
  20 or more human ratings from -4 to +4.

Neither is school text. The learned tier trains on twice `TRAIN_DAVIDSON_NEITHER` ordinary
tweets from Davidson's training half (as `ok` private messages and story replies: so that
plain talk in an unfamiliar register is not taken for abuse), on its hate speech (as
`abusive` private messages; its merely offensive tweets, mostly swearing aimed at no one
present, are left out) and on VADER's training half
(clearly kind as `ok`, clearly negative as `negative` story replies), written into
`bot/judge_data/training/` by `python -m bot.judge_external`. The other halves are what
`bench/judge_figures.py` and the tests measure.
"""

from __future__ import annotations

import csv
import json
import random
from pathlib import Path

from bot.judge_eval import Example

EXTERNAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "external"
DAVIDSON = EXTERNAL / "davidson_labeled_data.csv"
VADER = EXTERNAL / "vader_tweets_GroundTruth.txt"
TRAIN_DAVIDSON_NEITHER = 1500
CLEAR = 0.5  # a VADER mean rating beyond ±CLEAR is clearly kind or clearly negative
CLASSES = {"0": "hate speech", "1": "offensive", "2": "neither"}


def davidson(half: str) -> list[Example]:
    """One half ("train" or "test") of Davidson's tweets: hate or offensive as `abusive`,
    neither as `ok`, in a fixed shuffled order."""
    with DAVIDSON.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    random.Random(2).shuffle(rows)
    middle = len(rows) // 2
    chosen = rows[:middle] if half == "train" else rows[middle:]
    return [
        Example(
            row["tweet"], "ok" if row["class"] == "2" else "abusive", CLASSES[row["class"]], number
        )
        for number, row in enumerate(chosen)
    ]


def vader(half: str) -> list[Example]:
    """One half ("train": even lines, "test": odd) of the clearly rated VADER tweets:
    kind as `ok`, negative as `negative`."""
    examples = []
    text = VADER.read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines()):
        parts = line.split("\t")
        if len(parts) >= 3 and abs(float(parts[1])) > CLEAR and number % 2 == (half != "train"):
            label = "ok" if float(parts[1]) > 0 else "negative"
            examples.append(Example(parts[2], label, "", number))
    return examples


def write_training(folder: Path) -> None:
    neither = [e for e in davidson("train") if e.label == "ok"][: 2 * TRAIN_DAVIDSON_NEITHER]
    dm, story = neither[:TRAIN_DAVIDSON_NEITHER], neither[TRAIN_DAVIDSON_NEITHER:]
    hate = [e for e in davidson("train") if e.note == "hate speech"]
    rows = {
        "external_davidson.jsonl": [(e, "dm", "Davidson neither, train half") for e in dm]
        + [(e, "story", "Davidson neither, train half") for e in story]
        + [(e, "dm", "Davidson hate speech, train half") for e in hate],
        "external_vader.jsonl": [(e, "story", "VADER tweet, train half") for e in vader("train")],
    }
    for name, examples in rows.items():
        lines = [
            json.dumps({"text": e.text, "label": e.label, "where": where, "note": note})
            for e, where, note in examples
        ]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_training(Path(__file__).resolve().parent / "judge_data" / "training")
