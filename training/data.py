"""Token shards (docs/FORMATS.md) -> batches of whole pieces.

Python never tokenizes: it reads the ids the TypeScript preprocess wrote and the
tokenizer.json beside them. A sample is one piece: it starts at PIECE_START, is
cut at n_ctx, and is padded with [PAD], which never counts in the loss (-100).
"""
import glob
import hashlib
import json
import os
import struct

import numpy as np
import torch

SHARD_MAGIC = 0x544E4143  # bytes "CANT" little-endian
SHARD_VERSION = 1
HEADER_BYTES = 1024
PAD, PIECE_START = "[PAD]", "PIECE_START"


class DataError(ValueError):
    """A shard, tokenizer.json or data folder that cannot be trained on; the message says why."""


def vocab_hash(tokens):
    """sha256 hex of the tokens in id order joined by newlines (same as vocabHash() in TypeScript)."""
    return hashlib.sha256("\n".join(tokens).encode("utf-8")).hexdigest()


def load_tokens(tokenizer_path):
    """Tokens in id order from a WordLevel tokenizer.json."""
    try:
        with open(tokenizer_path, encoding="utf-8") as f:
            doc = json.load(f)
    except FileNotFoundError:
        raise DataError(f"{tokenizer_path}: missing (the preprocess CLI writes it beside the shards)")
    except json.JSONDecodeError as e:
        raise DataError(f"{tokenizer_path}: not valid JSON ({e})")
    model = doc.get("model") if isinstance(doc, dict) else None
    if not isinstance(model, dict) or model.get("type") != "WordLevel" or not isinstance(model.get("vocab"), dict):
        raise DataError(f"{tokenizer_path}: not a WordLevel tokenizer")
    vocab = model["vocab"]
    tokens = [None] * len(vocab)
    for tok, i in vocab.items():
        if not isinstance(i, int) or not 0 <= i < len(tokens) or tokens[i] is not None:
            raise DataError(f"{tokenizer_path}: bad id {i!r} for token {tok!r}")
        tokens[i] = tok
    return tokens


def write_shard(path, ids, tokens):
    """Write ids as a shard with the FORMATS.md header (tests and fixtures use this)."""
    ids = np.asarray(ids, dtype="<u2")
    header = struct.pack("<IIQI", SHARD_MAGIC, SHARD_VERSION, ids.size, len(tokens))
    header += bytes.fromhex(vocab_hash(tokens))
    with open(path, "wb") as f:
        f.write(header.ljust(HEADER_BYTES, b"\0"))
        f.write(ids.tobytes())


def open_shard(path, tokens):
    """Memory-map a shard's ids after checking its header against the vocabulary `tokens`."""
    size = os.path.getsize(path)
    if size < HEADER_BYTES:
        raise DataError(f"{path}: {size} bytes is shorter than the {HEADER_BYTES}-byte shard header")
    with open(path, "rb") as f:
        header = f.read(HEADER_BYTES)
    magic, version, count, vocab_size = struct.unpack_from("<IIQI", header)
    if magic != SHARD_MAGIC:
        raise DataError(f"{path}: not a token shard (magic {magic:#010x}, expected {SHARD_MAGIC:#010x} 'CANT')")
    if version != SHARD_VERSION:
        raise DataError(f"{path}: shard version {version}, this loader reads version {SHARD_VERSION}")
    if size != HEADER_BYTES + 2 * count:
        raise DataError(f"{path}: header says {count} tokens but the file holds {(size - HEADER_BYTES) // 2}")
    if vocab_size != len(tokens):
        raise DataError(f"{path}: vocab size {vocab_size} but tokenizer.json has {len(tokens)} tokens")
    shard_hash = header[20:52].hex()
    if shard_hash != vocab_hash(tokens):
        raise DataError(
            f"{path}: vocab hash {shard_hash[:12]}… does not match tokenizer.json ({vocab_hash(tokens)[:12]}…); "
            "the shards were written with a different vocabulary: re-run preprocess"
        )
    if count == 0:
        return np.zeros(0, dtype="<u2")
    return np.memmap(path, dtype="<u2", mode="r", offset=HEADER_BYTES, shape=(count,))


class Pieces:
    """All pieces of one split across data folders, as (shard, start, end) spans."""

    def __init__(self, dirs, split, tokens=None, fallbacks=()):
        if not dirs:
            raise DataError(f"no data folders given for the {split} split")
        self.tokens = tokens
        self.shards, spans = [], []
        for d in dirs:
            dir_tokens = load_tokens(os.path.join(d, "tokenizer.json"))
            if self.tokens is None:
                self.tokens = dir_tokens
            elif vocab_hash(dir_tokens) != vocab_hash(self.tokens):
                raise DataError(f"{d}/tokenizer.json: vocabulary differs from the other data folders")
            paths = []
            for name in (split, *fallbacks):
                paths = sorted(glob.glob(os.path.join(d, f"{name}_*.bin")))
                if paths:
                    break
            if not paths:
                raise DataError(f"{d}: no {split}_*.bin shards")
            for p in paths:
                arr = open_shard(p, self.tokens)
                spans.append(self._spans(p, arr, len(self.shards)))
                self.shards.append(arr)
        self.pad_id = self.tokens.index(PAD)
        self.piece_start_id = self.tokens.index(PIECE_START)
        self.spans = np.concatenate(spans) if spans else np.zeros((0, 3), dtype=np.int64)
        if len(self.spans) == 0:
            raise DataError(f"{', '.join(dirs)}: the {split} shards hold no pieces")

    def _spans(self, path, arr, shard_index):
        starts = np.flatnonzero(np.asarray(arr) == self.tokens.index(PIECE_START))
        if arr.size and (starts.size == 0 or starts[0] != 0):
            raise DataError(f"{path}: does not start with PIECE_START (a shard is whole pieces back to back)")
        ends = np.append(starts[1:], arr.size)
        return np.stack([np.full_like(starts, shard_index), starts, ends], axis=1).astype(np.int64)

    def __len__(self):
        return len(self.spans)

    def token_count(self):
        return int((self.spans[:, 2] - self.spans[:, 1]).sum())

    def batch(self, indices, n_ctx):
        """input_ids and labels [len(indices), L]: each row one piece cut at n_ctx, right-padded.

        L is the longest piece in the batch (at most n_ctx): with causal attention the
        trailing pads cannot change the real positions, so padding further is wasted work.
        """
        rows = []
        for i in indices:
            s, a, b = self.spans[i]
            rows.append(np.asarray(self.shards[s][a : min(b, a + n_ctx)], dtype=np.int64))
        width = max(len(r) for r in rows)
        ids = np.full((len(rows), width), self.pad_id, dtype=np.int64)
        for k, r in enumerate(rows):
            ids[k, : len(r)] = r
        ids = torch.from_numpy(ids)
        labels = ids.masked_fill(ids == self.pad_id, -100)
        return ids, labels


class Sampler:
    """Seeded shuffled order over pieces, epoch after epoch; its state is two ints, so resume is exact.

    With several processes each takes its own slice of every global batch.
    """

    def __init__(self, n, batch_size, seed, rank=0, world=1):
        self.n, self.batch_size, self.seed, self.rank, self.world = n, batch_size, seed, rank, world
        self.epoch, self.pos = 0, 0
        self._order = None

    def _perm(self):
        if self._order is None:
            g = np.random.default_rng([self.seed, self.epoch])
            self._order = g.permutation(self.n)
        return self._order

    def next(self):
        """Indices of this process's next micro-batch."""
        global_bs = self.batch_size * self.world
        if self.pos + global_bs > self.n:
            self.epoch, self.pos, self._order = self.epoch + 1, 0, None
        order = self._perm()
        if global_bs > self.n:  # tiny data sets: wrap around
            order = np.resize(order, global_bs)
        start = self.pos + self.rank * self.batch_size
        self.pos += global_bs
        return order[start : start + self.batch_size]

    def state_dict(self):
        return {"epoch": self.epoch, "pos": self.pos}

    def load_state_dict(self, state):
        self.epoch, self.pos, self._order = state["epoch"], state["pos"], None
