"""`conductbot judge-train`: train the judge's learned tier, or refit a school's part of it.

With no `--data-dir`, the heads (`bot.judge_model`) are trained on the shipped corpus
(`bot/judge_data/training/`, or the files given) and written beside the judge.

With `--data-dir DIR`, the school's part is refitted: a correction of the shipped heads
learnt from every decision the school's staff made about a flagged message
(`storage.decisions`, `judge_model.adapt`). The refit is measured beside the model in use on
the shipped check set (`bot/judge_data/check/`, never trained on); if any figure that
protects a parent, a pupil or a teacher gets worse, it is refused and the model in use is
kept. Otherwise it is written to DIR/judge/, where the bot reads it at start. The danger
heads are never refitted: the refit keeps the shipped ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from bot import judge_model, multilingual
from bot.embedding import encoder
from bot.judge import DM, STORY, read_by_the_learned_tier
from bot.judge_eval import Example, evaluate
from bot.progress import Progress, Tell, in_thread
from storage.store import DATABASE, Store

DATA = Path(judge_model.__file__).parent / "judge_data"
CORPUS = DATA / "training"
CHECK = DATA / "check"
#: The figures a refit may not make worse, per context, and by how much they may move: none
#: for danger missed; a point for a kind reply removed or a worry held back; two (about one
#: standard error on the check set's few hundred lines) for sniping kept, abuse delivered
#: and a teacher's extra questions.
PROTECTED = {
    STORY: {
        "removed_ok_rate": 0.01,
        "kept_bad_rate": 0.02,
        "teacher_ok_rate": 0.02,
        "urgent_missed_rate": 0.0,
    },
    DM: {"abusive_delivered_rate": 0.02, "ok_withheld_rate": 0.01, "urgent_missed_rate": 0.0},
}


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.jsonl"))


def embeddings(
    texts: list[str],
    cache: Path | None,
    progress: Tell | None = None,
    encode: Callable[[str], np.ndarray] | None = None,
) -> np.ndarray:
    """Each text's sentence embedding (by the learned tier's encoder, or `encode`): the slow
    part of training (a few ms a line), which `cache` keeps between runs, also those made
    before a stop (Ctrl-C). `progress` hears the lines embedded of the lines in all."""
    encode = encode or encoder().encode
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.is_file():
        with np.load(cache) as stored:
            known = dict(zip(stored["texts"].tolist(), stored["vectors"], strict=True))
    try:
        for number, text in enumerate(texts, 1):
            if text not in known:
                known[text] = encode(text)
            if progress is not None:
                progress(number, len(texts))
    finally:
        if cache is not None and known:
            _keep(cache, known)
    return np.vstack([known[text] for text in texts])


def _keep(cache: Path, known: dict[str, np.ndarray]) -> None:
    """Written beside the cache and moved over it, so it is never left half written."""
    partial = cache.with_name(f".{cache.name}.partial")
    with partial.open("wb") as handle:
        np.savez(handle, texts=np.asarray(list(known)), vectors=np.vstack(list(known.values())))
    partial.replace(cache)


def check_figures(
    model: dict[str, judge_model.Heads], progress: Tell | None = None
) -> dict[str, dict[str, float]]:
    """The judge's figures on the shipped check set, judging with these heads; `progress`
    hears the contexts judged (story, then private messages)."""
    lines = judge_model.load_lines(sorted(CHECK.glob("*.jsonl")))
    in_use = judge_model.heads()
    judge_model.use(model)
    try:
        figures = {}
        for where in (STORY, DM):
            examples = [
                Example(text, label, "", number)
                for number, (text, label, story) in enumerate(
                    zip(lines.texts, lines.labels, lines.story, strict=True)
                )
                if bool(story) == (where == STORY)
            ]
            report = evaluate(examples, where)
            figures[where] = {name: round(getattr(report, name), 4) for name in PROTECTED[where]}
            if progress is not None:
                progress(len(figures), 2)
        return figures
    finally:
        judge_model.use(in_use)


def check_centres(cache: Path | None, progress: Tell | None = None) -> dict[str, np.ndarray]:
    """Per context, the mean features of the check set's lines, whatever their labels: the
    messages at large from which a school's correction is measured (`judge_model.adapt`)."""
    lines = judge_model.load_lines(sorted(CHECK.glob("*.jsonl")))
    x = judge_model.features(lines.texts, embeddings(lines.texts, cache, progress))
    return {
        where: np.asarray(x[lines.story == (where == STORY)].mean(axis=0)).ravel()
        for where in (STORY, DM)
    }


def worse(before: dict[str, dict[str, float]], after: dict[str, dict[str, float]]) -> list[str]:
    return [
        f"{where} {name} {before[where][name]:.3f} -> {after[where][name]:.3f}"
        for where, figures in PROTECTED.items()
        for name, tolerance in figures.items()
        if after[where][name] > before[where][name] + tolerance + 1e-9
    ]


def english(lines: judge_model.Lines) -> np.ndarray:
    """Which lines the learned tier is ever asked about (`judge.read_by_the_learned_tier`):
    taught lines in other languages as well, it learnt their words as if they were English
    and read danger into ordinary messages that share them."""
    return np.array([read_by_the_learned_tier(text) for text in lines.texts], dtype=bool)


def train_shipped(
    files: list[Path], out: Path, cache: Path | None, progress: Progress, tell: Tell
) -> dict[str, Any]:
    """Blocking: `cmd_judge_train` runs it in a worker thread (`in_thread`), which gives it
    `tell`, stopping it at its next step after Ctrl-C, before anything is written."""
    every = judge_model.load_lines(files)
    lines = every.only(english(every))
    vectors = embeddings(lines.texts, cache, tell)
    progress.begin("models fitted")
    model = judge_model.train(lines, vectors, progress=tell)
    model["description"]["trained_on"] = judge_model.sources(files)
    # The reader of other languages learns from every labelled line but the public tweets,
    # English ones too: its embedding is shared across languages.
    ours = every.only(every.budgeted)
    progress.begin("lines embedded for other languages")
    read = multilingual.encoder()
    others = embeddings(ours.texts, _beside(cache), tell, lambda text: read.encode([text])[0])
    progress.begin("other-language heads fitted")
    abroad = ~english(ours)
    other_languages = multilingual.train(ours, others, abroad, tell)
    judge_model.save(model, out)
    multilingual.save(other_languages, out, files)
    return model


def _beside(cache: Path | None) -> Path | None:
    """The other-language reader's cache, beside the learned tier's."""
    return cache.with_name(f"{cache.stem}-multilingual{cache.suffix}") if cache else None


def _summary(model: dict[str, Any]) -> dict[str, Any]:
    return {
        where: {"threshold": part["threshold"], "cross_validation": part["cross_validation"]}
        for where, part in model["description"]["contexts"].items()
    }


async def refit_school(data_dir: Path, cache: Path | None, progress: Progress | None = None) -> int:
    """Refit the school's part from its decisions; 0 if adopted, 1 if refused or none.
    The work is done in a worker thread, saying how far it has got; stopped (Ctrl-C), it
    writes nothing (the embeddings made so far are kept in `cache`)."""
    store = await Store.open(data_dir / DATABASE)
    try:
        decisions = await store.decisions.labelled()
    finally:
        await store.close()
    lines = judge_model.Lines(
        [d.text for d in decisions],
        [d.label for d in decisions],
        np.array([1 if d.where == STORY else 0 for d in decisions]),
        np.ones(len(decisions), dtype=bool),
    )
    lines = lines.only(english(lines))
    if not lines.texts:
        print(
            f"judge-train: no decisions about messages in English recorded in {data_dir} yet"
            " (the learned tier reads English only); nothing to learn"
        )
        return 1
    if progress is None:
        progress = Progress("judge-train", "lines embedded")

    def work(tell: Tell) -> tuple[dict[str, Any], list[str]]:
        vectors = embeddings(lines.texts, cache, tell)
        centres = check_centres(cache, tell)
        candidate = judge_model.adapt(judge_model.shipped(), lines, vectors, centres)
        folder = judge_model.school_model(data_dir)
        in_use = judge_model.school_refit(data_dir) or judge_model.shipped()
        progress.begin("check-set contexts judged")
        before = check_figures(in_use, lambda done, _: tell(done, 4))
        after = check_figures(candidate, lambda done, _: tell(2 + done, 4))
        report = {"decisions": len(decisions), "before": before, "after": after}
        refused = worse(before, after)
        if refused:
            report["refused"] = refused
        else:
            judge_model.save(judge_model.school_files(candidate, len(decisions)), folder)
            report["written"] = str(folder)
        return report, refused

    report, refused = await in_thread(work, progress)
    progress.finish(f"judge-train: refit {'refused' if refused else 'adopted'}")
    print(json.dumps(report))
    if refused:
        print(
            f"judge-train: refit refused, it does worse on the check set ({'; '.join(refused)});"
            " the model in use is kept",
            file=sys.stderr,
        )
        return 1
    return 0


#: What a stopped judge-train leaves (its Ctrl-C line).
TRAIN_AGAIN = (
    "Nothing was written and the model in use is unchanged; with --cache, the lines "
    "embedded so far are kept there for the next run."
)


async def cmd_judge_train(args: argparse.Namespace) -> int:
    """Train the learned tier, or refit a school's part of it; 2 if a file is missing."""
    if args.data_dir is not None:
        if args.files or args.out:
            message = "--data-dir refits from the shipped corpus; give no files or --out"
            print(f"judge-train: {message}", file=sys.stderr)
            return 2
        if not (args.data_dir / DATABASE).is_file():
            print(f"judge-train: no database in {args.data_dir}", file=sys.stderr)
            return 2
        with Progress("judge-train", "lines embedded", then=TRAIN_AGAIN) as progress:
            return await refit_school(args.data_dir, args.cache, progress)
    files = list(args.files) or corpus_files()
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        print(f"judge-train: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    out = args.out or DATA
    with Progress("judge-train", "lines embedded", then=TRAIN_AGAIN) as progress:
        training = partial(train_shipped, files, out, args.cache, progress)
        model = await in_thread(training, progress)
        progress.finish(f"judge-train: written to {out}")
    print(json.dumps(_summary(model)))
    return 0


def add_parser(commands: Any) -> None:
    """Add `judge-train` to the CLI's subparsers."""
    parser = commands.add_parser(
        "judge-train",
        help="train the judge's learned tier, or refit it with a school's own decisions",
    )
    parser.add_argument(
        "files",
        type=Path,
        nargs="*",
        help="labelled lines (JSONL; a line's 'where' says story or dm, else dm); "
        "default: the shipped corpus",
    )
    parser.add_argument(
        "--out", type=Path, help="folder for the model files (default: the ones the judge reads)"
    )
    parser.add_argument(
        "--data-dir", type=Path, help="refit with the decisions in this school's database"
    )
    parser.add_argument("--cache", type=Path, help="a file to keep embeddings in between runs")
    parser.set_defaults(run=cmd_judge_train)
