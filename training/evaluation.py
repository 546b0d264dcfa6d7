"""What evaluate.py (chorales) and evaluate_band.py (GM band) share: the `cantor` CLI, decoding token lines,
loading a model (train.py checkpoint or exported model folder, either architecture), per-token held-out NLL,
held-out windows as token text, and the markdown cell format.

Python never tokenizes or decodes music itself: the ids come from the preprocess shards, and notes from
`cantor decode --json`.
"""
import glob
import json
import os
import subprocess
import tempfile

import numpy as np
import torch
import torch.nn.functional as F

from config import TrainConfig
from data import DataError, Pieces, load_tokens
from model import build_model, load_weights

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def cantor(*args, stdin=None):
    res = subprocess.run(["npm", "run", "-s", "cantor", "--", *args], cwd=REPO, capture_output=True, text=True,
                         input=stdin)
    if res.returncode != 0:
        raise RuntimeError(f"cantor {args[0]} failed: {res.stderr.strip()[-2000:]}")
    return res


def decode_lines(lines, *header):
    """Token lines -> decoded pieces (with strictError) through `cantor decode --json --strict`. `header`:
    ("--model", dir) or ("--encoding", encoding.json), the edges each track's realised control bins are
    measured with (`controls.realised`); without it those bins are null."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "tokens.txt"), os.path.join(tmp, "pieces.json")
        with open(src, "w") as f:
            f.write("\n".join(lines) + "\n")
        cantor("decode", src, "--json", out, "--strict", *header)
        with open(out) as f:
            return json.load(f)


def load_model(checkpoint=None, model_dir=None):
    """(model in eval mode, its vocabulary, its context) from a train.py checkpoint or, without one, from an
    exported model folder (config.json names the architecture; weights read back from model.onnx)."""
    if checkpoint:
        ckpt = torch.load(checkpoint, map_location="cpu", weights_only=False)
        tokens, cfg = ckpt["tokens"], TrainConfig(**ckpt["config"])
        model = build_model(cfg, len(tokens), tokens.index("[PAD]"), tokens.index("PIECE_START"))
        model.load_state_dict(ckpt["model"])
        return model.eval(), tokens, cfg.n_ctx
    if not model_dir:
        raise ValueError("give a checkpoint or a model folder")
    with open(os.path.join(model_dir, "config.json")) as f:
        doc = json.load(f)
    tokens = load_tokens(os.path.join(model_dir, "tokenizer.json"))
    cfg = TrainConfig(arch=doc.get("architecture", "gpt2"), n_layer=doc["n_layer"], n_head=doc["n_head"],
                      n_embd=doc["n_embd"], n_ctx=doc["n_ctx"], dropout=0.0)
    model = build_model(cfg, len(tokens), tokens.index("[PAD]"), tokens.index("PIECE_START"))
    load_weights(model, model_dir)
    return model.eval(), tokens, cfg.n_ctx


def readable_ids(data_tokens, model_tokens):
    """A function that turns a window's ids (data vocabulary) into ids the model reads.

    The same vocabulary: unchanged. A model whose vocabulary is a prefix of the data's (models/band, 421 tokens,
    on data with the POLYPHONY/DURATION controls appended at 421-430): the appended tokens are dropped. They only
    ever stand in a track header after DENSITY, so what remains is the window exactly as the older encoding
    wrote it (the same DENSITY edges, the same notes). Anything else cannot be read and says so."""
    n = len(model_tokens)
    if list(data_tokens) == list(model_tokens):
        return lambda ids: ids
    if list(data_tokens[:n]) != list(model_tokens):
        raise DataError(f"the data's vocabulary ({len(data_tokens)} tokens) neither is the model's ({n}) nor extends "
                        "it with tokens appended at the end: re-encode the held-out songs with the model's tokenizer")
    return lambda ids: ids[ids < n]


def window_ids(pieces, i, n_ctx, readable=lambda ids: ids):
    """Piece i of `pieces` as model-readable ids, cut at n_ctx."""
    s, a, b = pieces.spans[i]
    return readable(np.asarray(pieces.shards[s][a:b], dtype=np.int64))[:n_ctx]


@torch.no_grad()
def token_nll(model, windows, pad_id, batch_size=16):
    """For each window (an id array), the model's NLL in nats of each token given the ones before it
    (teacher-forced): an array of len(window) - 1, entry j for token j + 1. Rows are right-padded; with causal
    attention the pads never reach a real position."""
    order = np.argsort([len(w) for w in windows], kind="stable")  # similar lengths together: less padding
    result = [None] * len(windows)
    for at in range(0, len(order), batch_size):
        picked = order[at : at + batch_size]
        width = max(len(windows[k]) for k in picked)
        ids = torch.full((len(picked), width), pad_id, dtype=torch.long)
        for row, k in enumerate(picked):
            ids[row, : len(windows[k])] = torch.as_tensor(windows[k])
        logits = model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits[:, :-1].float()
        nll = F.cross_entropy(logits.transpose(1, 2), ids[:, 1:], reduction="none")
        for row, k in enumerate(picked):
            result[k] = nll[row, : len(windows[k]) - 1].numpy()
    return result


def find_set(data_root, choices):
    """The first (folder, split) of `choices` present under data_root, or None."""
    for folder, split in choices:
        if glob.glob(os.path.join(data_root, folder, f"{split}_*.bin")):
            return os.path.join(data_root, folder), split
    return None


def held_out_windows(data_root, choices, model_tokens, n_ctx, max_pieces, seed=0):
    """(data vocabulary, model-readable id arrays) of up to max_pieces windows (0 = all) of the first of
    `choices` found under data_root, or None. The same windows for every model (seeded choice)."""
    found = find_set(data_root, choices)
    if found is None:
        return None
    pieces = Pieces([found[0]], found[1])
    readable = readable_ids(pieces.tokens, model_tokens)
    idx = np.arange(len(pieces))
    if max_pieces and len(idx) > max_pieces:
        idx = np.sort(np.random.default_rng(seed).choice(idx, max_pieces, replace=False))
    return pieces.tokens, [window_ids(pieces, i, n_ctx, readable) for i in idx]


def held_out_loss(model, tokens, n_ctx, data_root, max_pieces, sets, keep=None):
    """{name: {nats_per_token, tokens, pieces}} for each of `sets` (name -> (folder, split) choices) found
    under data_root. With `keep` (a dict), the windows and their per-token NLL are kept in it by name."""
    out = {}
    for name, choices in sets.items():
        found = held_out_windows(data_root, choices, tokens, n_ctx, max_pieces)
        if found is None:
            continue
        windows = found[1]
        nll = token_nll(model, windows, tokens.index("[PAD]"))
        count = sum(len(x) for x in nll)
        out[name] = {"nats_per_token": float(sum(x.sum() for x in nll) / count), "tokens": count,
                     "pieces": len(windows)}
        if keep is not None:
            keep[name] = (windows, nll)
    return out


def reference_lines(folder, split, n, seed=0):
    """n held-out pieces as token text (ids -> strings through the folder's own vocabulary)."""
    pieces = Pieces([folder], split)
    idx = np.random.default_rng(seed).choice(len(pieces), min(n, len(pieces)), replace=False)
    return [" ".join(pieces.tokens[t] for t in window_ids(pieces, i, 10**9)) for i in idx]


def fmt(x):
    return "" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def relative(value, reference):
    """A cell with value's difference to reference in percent ("+12.5%"), empty when either is missing or 0."""
    ok = isinstance(reference, (int, float)) and reference and value is not None
    return f"{100 * (value - reference) / reference:+.1f}%" if ok else ""


def markdown(head, rows):
    """A markdown table from its header cells and rows of cells."""
    lines = ["| " + " | ".join(head) + " |", "|---" * len(head) + "|"]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])

