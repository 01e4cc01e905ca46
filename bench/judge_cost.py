"""What the judge costs: loading it, and judging one message, with and without the learned
tier.

Each variant runs in a fresh process: it loads the judge (lexicons, and for the full judge
the sentence encoder, the language identifier, the learned heads and the reader of other
languages), judges every line of the evaluation files in both contexts, and prints the load
time, the peak memory, the per-message p50 / p95 / max, and the cost of one message far
beyond the encoders' caps, in English and in Polish.

Usage: .venv/bin/python bench/judge_cost.py [FILE.jsonl ...]
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = [
    REPO / "bot" / "judge_data" / "check" / "dm.jsonl",
    REPO / "bot" / "judge_data" / "check" / "story.jsonl",
    REPO / "tests" / "judge_holdout.jsonl",
]


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(paths: list[Path], learned: bool) -> None:
    start = time.perf_counter()
    from bot.judge import JudgeContext, judge, load

    dm, story = JudgeContext(where="dm"), JudgeContext(where="story")
    if learned:
        load()  # as the bot does at start: the learned tier and the reader of other languages
    for warm_up in ("warm up: load everything once", "Dziękuję bardzo, pani Kowalska"):
        judge(warm_up, dm, learned=learned)
    loaded = time.perf_counter() - start
    texts = [
        json.loads(line)["text"]
        for path in paths
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    costs = []
    for context in (dm, story):
        for text in texts:
            begin = time.perf_counter()
            judge(text, context, learned=learned)
            costs.append((time.perf_counter() - begin) * 1000)
    costs.sort()
    long_text = "Please can someone ring me about pick up tomorrow. " * 400
    begin = time.perf_counter()
    judge(long_text, dm, learned=learned)
    longest = (time.perf_counter() - begin) * 1000
    # A long story reply in another language, which the reader of other languages reads
    long_abroad = "Piękne zdjęcia z wycieczki, dzieci wróciły zmęczone i szczęśliwe. " * 400
    begin = time.perf_counter()
    judge(long_abroad, story, learned=learned)
    longest_abroad = (time.perf_counter() - begin) * 1000
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    resident = resident_mb()
    print(f"== {'with the learned tier' if learned else 'word rules alone'}")
    print(f"messages judged: {len(costs)} ({len(texts)} lines, dm and story)")
    print(f"load: {loaded:.2f} s; memory resident {resident:.0f} MB (peak {peak:.0f} MB)")
    print(
        f"per message: p50 {statistics.median(costs):.1f} ms, "
        f"p95 {costs[int(0.95 * (len(costs) - 1))]:.1f} ms, max {costs[-1]:.1f} ms"
    )
    print(f"one {len(long_text):,}-character message: {longest:.1f} ms")
    print(f"one {len(long_abroad):,}-character story reply in Polish: {longest_abroad:.1f} ms")


if __name__ == "__main__":
    if sys.argv[1:2] in (["--rules-only"], ["--learned"]):
        measure([Path(p) for p in sys.argv[2:]] or DEFAULT, sys.argv[1] == "--learned")
    else:
        for variant in ("--rules-only", "--learned"):
            subprocess.run([sys.executable, __file__, variant, *sys.argv[1:]], check=True)
