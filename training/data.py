"""Token shards (docs/FORMATS.md) -> batches of whole pieces.

Python never tokenizes: it reads the ids the TypeScript preprocess wrote and the
tokenizer.json beside them. A piece starts at PIECE_START and is cut at n_ctx.

Two batch layouts:
- one piece a row, right-padded with [PAD] (evaluation: each piece scored on its own);
- packed (training): whole pieces back to back in each n_ctx row, position ids restarting at
  every PIECE_START. transformers builds a block-diagonal causal mask from those position ids
  (attention_mask=None, no cache), so no piece sees another. [PAD] fills only a row's tail.
Labels are -100 on [PAD] and on PIECE_START (a piece's first token is never predicted,
as in the one-piece-a-row layout), so the loss is over the same real tokens either way.
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


def parse_weighted_dir(entry):
    """"path" or "path:weight" (weight > 0, e.g. 2 or 0.5): how often a folder's pieces come up per epoch."""
    path, sep, w = entry.rpartition(":")
    if not sep or not path or os.sep in w:
        return entry, 1.0
    try:
        weight = float(w)
    except ValueError:
        return entry, 1.0
    if not weight > 0:
        raise DataError(f"{entry}: a folder's weight must be > 0")
    return path, weight


class Pieces:
    """All pieces of one split across data folders, as (shard, start, end) spans.

    A folder given as "path:weight" is weighted: its pieces come up `weight` times an epoch on
    average (see `epoch_order`). Folders written by `preprocess --shard i/N` are simply listed together.
    """

    def __init__(self, dirs, split, tokens=None, fallbacks=()):
        if not dirs:
            raise DataError(f"no data folders given for the {split} split")
        self.tokens = tokens
        self.shards, spans, weights = [], [], []
        for entry in dirs:
            d, weight = parse_weighted_dir(entry)
            dir_tokens = load_tokens(os.path.join(d, "tokenizer.json"))
            if self.tokens is None:
                self.tokens = dir_tokens
            elif vocab_hash(dir_tokens) != vocab_hash(self.tokens):
                raise DataError(f"{d}/tokenizer.json: vocabulary differs from the other data folders")
            paths = []
            for name in (split, *fallbacks):
                # `preprocess --shard i/N` names its shards <i>of<N>_<split>_NNN.bin
                paths = sorted(glob.glob(os.path.join(d, f"{name}_*.bin")) + glob.glob(os.path.join(d, f"*of*_{name}_*.bin")))
                if paths:
                    break
            if not paths:
                raise DataError(f"{d}: no {split}_*.bin shards")
            for p in paths:
                arr = open_shard(p, self.tokens)
                spans.append(self._spans(p, arr, len(self.shards)))
                weights.append(np.full(len(spans[-1]), weight))
                self.shards.append(arr)
        self.pad_id = self.tokens.index(PAD)
        self.piece_start_id = self.tokens.index(PIECE_START)
        self.spans = np.concatenate(spans) if spans else np.zeros((0, 3), dtype=np.int64)
        self.weights = np.concatenate(weights) if weights else np.zeros(0)
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

    def lengths(self, n_ctx):
        return np.minimum(self.spans[:, 2] - self.spans[:, 1], n_ctx)

    def epoch_order(self, rng):
        """A shuffled list of piece indices for one epoch. A piece of weight w appears floor(w) times,
        plus once more with probability frac(w), so corpora mix as their folders' weights say."""
        if np.all(self.weights == 1.0):
            return rng.permutation(len(self))
        whole = np.floor(self.weights).astype(np.int64)
        extra = rng.random(len(self)) < (self.weights - whole)
        order = np.repeat(np.arange(len(self)), whole + extra)
        return rng.permutation(order)

    def _piece(self, i, n_ctx):
        s, a, b = self.spans[i]
        return np.asarray(self.shards[s][a : min(b, a + n_ctx)], dtype=np.int64)

    def packed_batch(self, rows, n_ctx):
        """input_ids, labels and position_ids [len(rows), n_ctx] for rows of piece indices (see `pack`)."""
        ids = np.full((len(rows), n_ctx), self.pad_id, dtype=np.int64)
        pos = np.zeros((len(rows), n_ctx), dtype=np.int64)
        for k, row in enumerate(rows):
            at = 0
            for i in row:
                piece = self._piece(i, n_ctx)
                ids[k, at : at + len(piece)] = piece
                pos[k, at : at + len(piece)] = np.arange(len(piece))
                at += len(piece)
            # The tail's positions keep counting, so it is one more (padded, masked) block of its own.
            pos[k, at:] = np.arange(n_ctx - at) + (pos[k, at - 1] + 1 if at else 0)
        ids = torch.from_numpy(ids)
        labels = ids.masked_fill((ids == self.pad_id) | (ids == self.piece_start_id), -100)
        return ids, labels, torch.from_numpy(pos)

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


def pack(order, lengths, n_ctx, lookahead=64):
    """Rows of whole pieces, each row's lengths adding up to at most n_ctx.

    First fit over a window of the next `lookahead` pieces in `order`: a row takes pieces in order
    and, when the next one does not fit, the first piece of the window that does. Deterministic
    for a given order, so a sampler resumes from (epoch, row). A piece longer than n_ctx is cut to it."""
    lengths = np.minimum(lengths, n_ctx)
    rows, pending = [], list(order[:lookahead])
    nxt = len(pending)
    while pending:
        row, room = [], n_ctx
        k = 0
        while k < len(pending) and room > 0:
            if lengths[pending[k]] <= room:
                i = pending.pop(k)
                row.append(int(i))
                room -= int(lengths[i])
                if nxt < len(order):
                    pending.append(order[nxt])
                    nxt += 1
            else:
                k += 1
        rows.append(row)
    return rows


def buckets(order, lengths, n_ctx, batch_tokens, rng, pool=4096):
    """Micro-batches of pieces of similar length, each at most `batch_tokens` positions (rows × longest).

    Without packing a batch is as wide as its longest piece, and attention costs grow with that width,
    so sorting each `pool` of the epoch's order by length and cutting it into batches wastes little
    on padding and keeps short pieces in short rows. The batches are then shuffled, so lengths still
    mix over the epoch. Deterministic for a given order and rng, so a sampler resumes exactly."""
    lengths = np.minimum(lengths, n_ctx)
    batches = []
    for at in range(0, len(order), pool):
        chunk = sorted(order[at : at + pool], key=lambda i: (int(lengths[i]), int(i)))
        batch, width = [], 0
        for i in chunk:
            w = max(width, int(lengths[i]))
            if batch and w * (len(batch) + 1) > batch_tokens:
                batches.append(batch)
                batch, w = [], int(lengths[i])
            batch.append(int(i))
            width = w
        if batch:
            batches.append(batch)
    return [batches[k] for k in rng.permutation(len(batches))]


class Sampler:
    """Seeded shuffled order, epoch after epoch; its state is two ints, so resume is exact.

    The items of an epoch come from `epoch_items(rng)` (default: a permutation of n pieces; for
    packed training, rows of pieces from `pack`). With several processes each takes its own slice
    of every global batch.
    """

    def __init__(self, n, batch_size, seed, rank=0, world=1, epoch_items=None):
        self.n, self.batch_size, self.seed, self.rank, self.world = n, batch_size, seed, rank, world
        self.epoch_items = epoch_items or (lambda rng: rng.permutation(n))
        self.epoch, self.pos = 0, 0
        self._order = None

    def _perm(self):
        if self._order is None:
            self._order = self.epoch_items(np.random.default_rng([self.seed, self.epoch]))
        return self._order

    def next(self):
        """This process's next micro-batch: piece indices, or rows of them when packing."""
        global_bs = self.batch_size * self.world
        if self.pos + global_bs > len(self._perm()):
            self.epoch, self.pos, self._order = self.epoch + 1, 0, None
        order = self._perm()
        if global_bs > len(order):  # tiny data sets: wrap around
            order = [order[k % len(order)] for k in range(global_bs)]
        start = self.pos + self.rank * self.batch_size
        self.pos += global_bs
        return order[start : start + self.batch_size]

    def state_dict(self):
        return {"epoch": self.epoch, "pos": self.pos}

    def load_state_dict(self, state):
        self.epoch, self.pos, self._order = state["epoch"], state["pos"], None


def make_sampler(pieces, cfg, rank=0, world=1):
    """The training sampler for a config: packed rows when cfg.pack; one piece a row in batches of
    similar length when cfg.batch_tokens (each item is then a whole micro-batch); else one piece a row."""
    if cfg.batch_tokens > 0:
        lengths = pieces.lengths(cfg.n_ctx)
        items = lambda rng: buckets(pieces.epoch_order(rng), lengths, cfg.n_ctx, cfg.batch_tokens, rng)  # noqa: E731
        return Sampler(len(pieces), 1, cfg.seed, rank, world, items)
    if cfg.pack:
        lengths = pieces.lengths(cfg.n_ctx)
        items = lambda rng: pack(pieces.epoch_order(rng), lengths, cfg.n_ctx)  # noqa: E731
    else:
        items = pieces.epoch_order
    return Sampler(len(pieces), cfg.batch_size, cfg.seed, rank, world, items)


class Batches:
    """The training batches of a config, one micro-batch of this process at a time: `next()` gives the model's
    inputs (input_ids, labels, and position_ids when packed). The loop needs no more than that; what the sampler's
    items are (piece indices, packed rows, or one bucket of similar-length pieces) stays here. Its state is the
    sampler's (two ints), so a resumed run gets the same batches."""

    def __init__(self, pieces, cfg, rank=0, world=1):
        self.pieces, self.n_ctx, self.pack, self.bucketed = pieces, cfg.n_ctx, cfg.pack, cfg.batch_tokens > 0
        self.sampler = make_sampler(pieces, cfg, rank, world)

    def next(self):
        item = self.sampler.next()
        if self.pack:
            ids, labels, pos = self.pieces.packed_batch(item, self.n_ctx)
            # No attention_mask and no cache: transformers reads the piece boundaries from position_ids.
            return {"input_ids": ids, "labels": labels, "position_ids": pos}
        # No attention_mask: pads only trail a row, so the causal mask already keeps them from every real
        # token, and the fused causal attention path is taken.
        ids, labels = self.pieces.batch(item[0] if self.bucketed else item, self.n_ctx)
        return {"input_ids": ids, "labels": labels}

    def state_dict(self):
        return self.sampler.state_dict()

    def load_state_dict(self, state):
        self.sampler.load_state_dict(state)
