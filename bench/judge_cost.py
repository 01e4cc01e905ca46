"""What the judge costs: loading it, and judging one message, with the learned tier.

Loads the judge in a fresh process (lexicons, the sentence encoder's weights and the urgent
model), then judges every line of the evaluation files in both contexts and prints the
load time, the peak memory and the per-message p50 / p95 / max, and the cost of one
message at the encoder's length cap.

Usage: .venv/bin/python bench/judge_cost.py [FILE.jsonl ...]
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = [
    REPO / "tests" / "eval" / "safeguarding_dev.jsonl",
    REPO / "tests" / "judge_holdout.jsonl",
]


def main(paths: list[Path]) -> None:
    start = time.perf_counter()
    from bot.judge import JudgeContext, judge

    dm, story = JudgeContext(where="dm"), JudgeContext(where="story")
    judge("warm up: load everything once", dm)
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
            judge(text, context)
            costs.append((time.perf_counter() - begin) * 1000)
    costs.sort()
    long_text = "Please can someone ring me about pick up tomorrow. " * 400
    begin = time.perf_counter()
    judge(long_text, dm)
    longest = (time.perf_counter() - begin) * 1000
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"messages judged: {len(costs)} ({len(texts)} lines, dm and story)")
    print(f"load (lexicons, encoder, model): {loaded:.2f} s; peak memory {peak:.0f} MB")
    print(
        f"per message: p50 {statistics.median(costs):.1f} ms, "
        f"p95 {costs[int(0.95 * (len(costs) - 1))]:.1f} ms, max {costs[-1]:.1f} ms"
    )
    print(f"one {len(long_text):,}-character message: {longest:.1f} ms")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or DEFAULT)
