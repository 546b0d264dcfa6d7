import json
import os
import struct

import numpy as np
import pytest

from conftest import FIXTURE_TOKENS, make_data_dir
from data import HEADER_BYTES, DataError, Pieces, Sampler, load_tokens, open_shard, vocab_hash


def patch(path, offset, fmt, value):
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(struct.pack(fmt, value))


def shard(data_dir):
    return os.path.join(data_dir, "train_000.bin")


def test_vocab_hash_matches_the_typescript_golden_value():
    # printed by vocabHash(['[PAD]', 'NOTE_ON=60', 'TIME_DELTA=4']) from src/music/tokenizer.ts
    assert vocab_hash(["[PAD]", "NOTE_ON=60", "TIME_DELTA=4"]) == \
        "f7971b26eb3c79f57821a1db65d65d9df159264f3b0c4145be7e75551a2c2ab3"


@pytest.mark.parametrize("offset, fmt, value, message", [
    (0, "<I", 0x12345678, "not a token shard"),
    (4, "<I", 2, "shard version 2"),
    (8, "<Q", 999999, "header says 999999 tokens"),
    (16, "<I", 7, "vocab size 7"),
    (20, "<B", 0xFF, "vocab hash"),
])
def test_loader_rejects_bad_headers_with_a_clear_message(data_dir, offset, fmt, value, message):
    patch(shard(data_dir), offset, fmt, value)
    with pytest.raises(DataError, match=message):
        Pieces([data_dir], "train")


def test_loader_rejects_a_tokenizer_from_another_vocabulary(data_dir):
    path = os.path.join(data_dir, "tokenizer.json")
    doc = json.load(open(path))
    doc["model"]["vocab"] = {t: i for i, t in enumerate(reversed(FIXTURE_TOKENS))}
    json.dump(doc, open(path, "w"))
    with pytest.raises(DataError, match="does not match tokenizer.json.*re-run preprocess"):
        Pieces([data_dir], "train")


def test_loader_rejects_short_files_and_bad_tokenizers(tmp_path, data_dir):
    short = tmp_path / "short.bin"
    short.write_bytes(b"CANT")
    with pytest.raises(DataError, match="shorter than the 1024-byte shard header"):
        open_shard(str(short), FIXTURE_TOKENS)
    bad = tmp_path / "tokenizer.json"
    bad.write_text('{"model": {"type": "BPE"}}')
    with pytest.raises(DataError, match="not a WordLevel tokenizer"):
        load_tokens(str(bad))
    with pytest.raises(DataError, match="no test_\\*.bin shards"):
        Pieces([data_dir], "test")


def test_every_sample_starts_at_piece_start_and_pad_is_masked(data_dir):
    pieces = Pieces([data_dir], "train")
    assert len(pieces) == 200
    ids, labels = pieces.batch(np.arange(16), n_ctx=64)
    assert (ids[:, 0] == pieces.piece_start_id).all()
    pad = ids == pieces.pad_id
    assert pad.any() and (labels[pad] == -100).all() and (labels[~pad] == ids[~pad]).all()
    # a piece ends where the next PIECE_START begins: no sample holds two pieces
    assert ((ids[:, 1:] == pieces.piece_start_id).sum() == 0)
    assert ids.shape[1] <= 64


def test_sampler_is_seeded_covers_each_epoch_and_resumes(data_dir):
    a = Sampler(50, 8, seed=3)
    first_epoch = np.concatenate([a.next() for _ in range(6)])
    assert len(set(first_epoch.tolist())) == 48
    state = a.state_dict()
    rest = [a.next().tolist() for _ in range(5)]
    b = Sampler(50, 8, seed=3)
    b.load_state_dict(state)
    assert [b.next().tolist() for _ in range(5)] == rest
    # two processes split each global batch without overlap
    r0, r1 = Sampler(50, 4, 3, rank=0, world=2), Sampler(50, 4, 3, rank=1, world=2)
    assert not set(r0.next().tolist()) & set(r1.next().tolist())


def test_header_layout_is_the_formats_md_layout(tmp_path):
    path = make_data_dir(str(tmp_path / "d"), pieces=20)
    raw = open(os.path.join(path, "train_000.bin"), "rb").read()
    assert raw[:4] == b"CANT"
    assert raw[20:52].hex() == vocab_hash(FIXTURE_TOKENS)
    assert raw[52:HEADER_BYTES] == bytes(HEADER_BYTES - 52)
    count = struct.unpack_from("<Q", raw, 8)[0]
    assert len(raw) == HEADER_BYTES + 2 * count
