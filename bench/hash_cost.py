"""The cost of protecting one class photo: download from Synapse, SHA-256 and perceptual hash.

A 2–4 MB photo (a 3000 x 2000 JPEG of photographic-looking noise) is uploaded once, then
downloaded and hashed by the bot's own code (`bot.media_worker.fingerprint_bytes`) 20 times.

Usage: .venv/bin/python bench/hash_cost.py
"""

from __future__ import annotations

import asyncio
import io
import statistics
import tempfile
import time
from pathlib import Path

import nio
import numpy as np
from PIL import Image

from bot.homeserver import SynapseProcess, register_user, write_synapse_config
from bot.media_worker import fingerprint_bytes


def photo() -> bytes:
    rng = np.random.default_rng(1)
    base = rng.integers(0, 255, (200, 300, 3), dtype=np.uint8)  # coarse scene
    image = Image.fromarray(base).resize((3000, 2000), Image.Resampling.BICUBIC)
    grain = rng.integers(-18, 18, (2000, 3000, 3))
    noisy = np.clip(np.asarray(image, dtype=np.int16) + grain, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(noisy).save(buffer, format="JPEG", quality=88)
    return buffer.getvalue()


async def run(base_url: str, user: str) -> None:
    data = photo()
    client = nio.AsyncClient(base_url, user)
    await client.login("bench-password")
    uploaded, _ = await client.upload(
        lambda *_: data, content_type="image/jpeg", filename="class.jpg", filesize=len(data)
    )
    downloads, hashes = [], []
    for _ in range(20):
        started = time.perf_counter()
        response = await client.download(uploaded.content_uri)
        fetched = time.perf_counter()
        fingerprint_bytes(response.body, "image")
        done = time.perf_counter()
        downloads.append((fetched - started) * 1000)
        hashes.append((done - fetched) * 1000)
    await client.close()
    print(f"photo: {len(data) / 1e6:.1f} MB JPEG, 3000 x 2000")
    print(f"download from Synapse: median {statistics.median(downloads):.0f} ms")
    print(f"SHA-256 + perceptual hash: median {statistics.median(hashes):.0f} ms")
    total = statistics.median(d + h for d, h in zip(downloads, hashes, strict=True))
    print(f"per photo, download + hashes: median {total:.0f} ms (off the sync loop)")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="conductbot-hash-"))
    settings = write_synapse_config(work / "synapse", server_name="hash.test")
    synapse = SynapseProcess(settings)
    synapse.start()
    try:
        user = register_user(settings, "bench", "bench-password")
        asyncio.run(run(settings.base_url, user))
    finally:
        synapse.stop()


if __name__ == "__main__":
    main()
