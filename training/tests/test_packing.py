"""Packed training rows: whole pieces, no piece sees another, the same loss as one piece a row."""
import json

import numpy as np
import torch

from conftest import FIXTURE_TOKENS, make_data_dir, tokenizer_doc
from config import PRESETS, TrainConfig, make_config
from data import Pieces, make_sampler, pack
from export import export_folder
from model import build_model, load_weights
from train import train

PIECE_START = FIXTURE_TOKENS.index("PIECE_START")


def tiny_model(attn="sdpa"):
    torch.manual_seed(0)
    return build_model(TrainConfig(**PRESETS["tiny"]), len(FIXTURE_TOKENS), 0, PIECE_START, attn=attn).eval()


def test_pack_keeps_every_piece_whole_and_once():
    rng = np.random.default_rng(1)
    lengths = rng.integers(20, 130, size=500)
    order = rng.permutation(500)
    rows = pack(order, lengths, 128)
    flat = [i for r in rows for i in r]
    assert sorted(flat) == list(range(500))
    assert all(sum(min(lengths[i], 128) for i in r) <= 128 for r in rows)
    fill = lengths.sum() / (128 * len(rows))
    assert fill > 0.9, fill  # first fit over a window: little padding left
    assert pack(order, lengths, 128) == rows  # deterministic, so a sampler resumes exactly


def test_packed_rows_give_each_piece_the_logits_it_has_alone(tmp_path):
    pieces = Pieces([make_data_dir(str(tmp_path / "d"))], "train")
    rows = [[0, 1], [3]]
    ids, labels, pos = pieces.packed_batch(rows, 128)
    for attn in ("sdpa", "eager"):
        model = tiny_model(attn)
        with torch.no_grad():
            packed = model(input_ids=ids, position_ids=pos, use_cache=False).logits
            at = 0
            for i in rows[0]:
                alone_ids, _ = pieces.batch([i], 128)
                alone = model(input_ids=alone_ids, use_cache=False).logits[0]
                n = alone_ids.shape[1]
                assert torch.allclose(packed[0, at : at + n], alone, atol=1e-5), attn
                assert int(pos[0, at]) == 0 and int(ids[0, at]) == PIECE_START
                at += n


def test_packed_loss_counts_the_same_real_tokens(tmp_path):
    pieces = Pieces([make_data_dir(str(tmp_path / "d"))], "train")
    model = tiny_model()
    rows = [[0, 1], [3, 4]]
    ids, labels, pos = pieces.packed_batch(rows, 128)
    with torch.no_grad():
        logits = model(input_ids=ids, position_ids=pos, use_cache=False).logits
        packed = torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)),
                                                   labels[:, 1:].reshape(-1), ignore_index=-100, reduction="sum")
        one, onel = pieces.batch([i for r in rows for i in r], 128)
        lo = model(input_ids=one, attention_mask=torch.ones_like(one), use_cache=False).logits
        alone = torch.nn.functional.cross_entropy(lo[:, :-1].reshape(-1, lo.size(-1)), onel[:, 1:].reshape(-1),
                                                  ignore_index=-100, reduction="sum")
    assert int((labels[:, 1:] != -100).sum()) == int((onel[:, 1:] != -100).sum())
    assert abs(float(packed) - float(alone)) < 1e-3 * float(alone)


def test_weighted_folders_repeat_their_pieces(tmp_path):
    a = make_data_dir(str(tmp_path / "a"), pieces=40)
    b = make_data_dir(str(tmp_path / "b"), pieces=40, seed=1)
    pieces = Pieces([a, f"{b}:2.5"], "train")
    order = pieces.epoch_order(np.random.default_rng(0))
    counts = np.bincount(order, minlength=len(pieces))
    assert set(counts[:40]) == {1} and set(counts[40:]) <= {2, 3} and 2.2 < counts[40:].mean() < 2.8


def test_packed_sampler_resumes_exactly(tmp_path):
    pieces = Pieces([make_data_dir(str(tmp_path / "d"))], "train")
    cfg, _ = make_config(["--preset=tiny", "--batch_size=3"])
    a = make_sampler(pieces, cfg)
    first = [a.next() for _ in range(7)]
    b = make_sampler(pieces, cfg)
    b.load_state_dict({"epoch": 0, "pos": 0})
    state = None
    for k in range(7):
        if k == 4:
            state = b.state_dict()
        assert b.next() == first[k]
    c = make_sampler(pieces, cfg)
    c.load_state_dict(state)
    assert [c.next() for _ in range(3)] == first[4:7]


def test_unpacked_training_still_runs_and_packed_sees_more_tokens(tmp_path):
    data = make_data_dir(str(tmp_path / "d"))
    seen = {}
    for pack_flag in ("false", "true"):
        out = str(tmp_path / pack_flag)
        cfg, _ = make_config(["--preset=tiny", f"--train_dirs={data}", f"--val_dirs={data}", f"--out_dir={out}",
                              "--num_threads=1", "--max_steps=5", f"--pack={pack_flag}"])
        train(cfg)
        seen[pack_flag] = torch.load(f"{out}/ckpt.pt", weights_only=False)["tokens_seen"]
    assert seen["true"] > 2 * seen["false"]  # rows of 128 hold several ~50-token pieces


def test_weights_come_back_from_an_exported_model_onnx(tmp_path):
    model = tiny_model()
    with torch.no_grad():  # trained weights: no two tensors equal (the exporter merges equal initializers)
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.02)
    tokens = FIXTURE_TOKENS
    enc = {"bars": 2, "instruments": ["INST=SOPRANO"], "fill": False}
    export_folder(model, tokens, json.dumps(tokenizer_doc(tokens)), enc, str(tmp_path / "m"), "t", [PIECE_START, 3, 10], variants=())
    again = build_model(TrainConfig(**PRESETS["tiny"]), len(tokens), 0, PIECE_START).eval()
    load_weights(again, str(tmp_path / "m"), tokens)
    ids = torch.tensor([[PIECE_START, 3, 10, 12, 5]])
    with torch.no_grad():
        assert torch.equal(model(input_ids=ids).logits, again(input_ids=ids).logits)
