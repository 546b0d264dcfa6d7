"""Fixtures: small token shards written with the FORMATS.md header, over a small vocabulary."""
import json
import os
import sys

import numpy as np
import pytest

TRAINING = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TRAINING)

from data import write_shard  # noqa: E402

SPECIAL = ["[PAD]", "[UNK]", "PIECE_START", "TRACK_START", "TRACK_END", "BAR_START", "BAR_END",
           "FILL_IN", "FILL_START", "FILL_END"]
FIXTURE_TOKENS = SPECIAL + ["INST=SOPRANO", "INST=BASS"] + [f"NOTE_ON={p}" for p in range(60, 72)] + \
    [f"NOTE_OFF={p}" for p in range(60, 72)] + [f"TIME_DELTA={d}" for d in (2, 4)]


def tokenizer_doc(tokens):
    return {"version": "1.0", "added_tokens": [{"id": i, "content": t, "special": True}
                                                for i, t in enumerate(tokens) if t in SPECIAL],
            "pre_tokenizer": {"type": "WhitespaceSplit"},
            "model": {"type": "WordLevel", "vocab": {t: i for i, t in enumerate(tokens)}, "unk_token": "[UNK]"}}


def make_piece(rng):
    """A learnable piece: each track walks up the scale from a random note, one note per beat."""
    ids = {t: i for i, t in enumerate(FIXTURE_TOKENS)}
    out = [ids["PIECE_START"]]
    for inst in ("INST=SOPRANO", "INST=BASS"):
        out += [ids["TRACK_START"], ids[inst]]
        p = int(rng.integers(60, 68))
        for _ in range(int(rng.integers(1, 3))):
            out.append(ids["BAR_START"])
            for _ in range(4):
                out += [ids[f"NOTE_ON={p}"], ids["TIME_DELTA=4"], ids[f"NOTE_OFF={p}"]]
                p = 60 + (p - 59) % 12
            out.append(ids["BAR_END"])
        out.append(ids["TRACK_END"])
    return out


def make_data_dir(path, pieces=200, seed=0, splits=("train", "val")):
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "tokenizer.json"), "w") as f:
        json.dump(tokenizer_doc(FIXTURE_TOKENS), f)
    encoding = {"format": "mmmtrack", "version": 1, "bars": 2, "hop": 1, "stepsPerBar": 16,
                "density": {"enabled": False, "edges": []}, "parts": ["SOPRANO", "BASS"],
                "instruments": ["INST=SOPRANO", "INST=BASS"], "fill": False}
    with open(os.path.join(path, "encoding.json"), "w") as f:
        json.dump(encoding, f)
    rng = np.random.default_rng(seed)
    for split in splits:
        n = pieces if split == "train" else max(8, pieces // 10)
        for shard in range(2 if split == "train" else 1):
            ids = [t for _ in range(n // 2 if split == "train" else n) for t in make_piece(rng)]
            write_shard(os.path.join(path, f"{split}_{shard:03d}.bin"), ids, FIXTURE_TOKENS)
    return path


@pytest.fixture
def data_dir(tmp_path):
    return make_data_dir(str(tmp_path / "data"))
