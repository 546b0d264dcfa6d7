"""Shared evaluation: loading a checkpoint or an exported folder (both architectures), per-token NLL, and
reading data whose vocabulary extends the model's."""
import json
import os

import numpy as np
import pytest
import torch

from conftest import FIXTURE_TOKENS, make_data_dir, make_piece, tokenizer_doc
from config import TrainConfig, PRESETS
from data import DataError, Pieces, write_shard
from evaluation import held_out_loss, load_model, readable_ids, token_nll
from export import main as export_main
from model import arch_of, build_model, loss_sum

CONTROLS = ["POLYPHONY=0", "DURATION=0"]


def tiny_checkpoint(path, arch, tokens=FIXTURE_TOKENS):
    cfg = TrainConfig(**{**PRESETS["tiny"], "arch": arch})
    torch.manual_seed(3)
    model = build_model(cfg, len(tokens), 0, 2)
    with torch.no_grad():  # as after training: no two weights equal (the ONNX export would merge them)
        for w in model.parameters():
            w.add_(0.02 * torch.randn_like(w))
    torch.save({"model": model.state_dict(), "config": cfg.__dict__, "tokens": tokens, "step": 0, "best_val": None},
               path)
    return path


def windows(n=6, seed=0):
    rng = np.random.default_rng(seed)
    return [np.array(make_piece(rng)) for _ in range(n)]


@pytest.mark.parametrize("arch", ["gpt2", "rotary"])
def test_a_checkpoint_and_its_exported_folder_score_alike(tmp_path, arch):
    data = make_data_dir(str(tmp_path / "data"), pieces=20)
    ckpt = tiny_checkpoint(str(tmp_path / "best.pt"), arch)
    out = str(tmp_path / "model")
    export_main(["--checkpoint", ckpt, "--data", data, "--out", out, "--name", "t"])
    a, tokens_a, ctx_a = load_model(ckpt)
    b, tokens_b, ctx_b = load_model(model_dir=out)
    assert arch_of(a) == arch_of(b) == arch and tokens_a == tokens_b and ctx_a == ctx_b
    ws = windows()
    for x, y in zip(token_nll(a, ws, 0), token_nll(b, ws, 0)):
        assert x.shape == y.shape and np.abs(x - y).max() < 1e-4


def test_token_nll_is_each_tokens_loss_whatever_the_padding(tmp_path):
    model, _, _ = load_model(tiny_checkpoint(str(tmp_path / "best.pt"), "rotary"))
    ws = windows()
    nll = token_nll(model, ws, 0, batch_size=4)
    assert [len(x) for x in nll] == [len(w) - 1 for w in ws]
    alone = [token_nll(model, [w], 0)[0] for w in ws]  # no padding at all
    assert all(np.abs(x - y).max() < 1e-5 for x, y in zip(nll, alone))
    ids = torch.tensor(ws[0])[None]
    total, count = loss_sum(model, ids, ids)
    assert count == len(nll[0]) and abs(total - nll[0].sum()) < 1e-3


def test_readable_ids_drop_tokens_appended_to_the_models_vocabulary():
    data = FIXTURE_TOKENS + CONTROLS
    keep = readable_ids(data, FIXTURE_TOKENS)
    ids = np.array([2, 3, 10, len(FIXTURE_TOKENS), len(FIXTURE_TOKENS) + 1, 5])
    assert keep(ids).tolist() == [2, 3, 10, 5]
    assert readable_ids(FIXTURE_TOKENS, FIXTURE_TOKENS)(ids) is ids
    with pytest.raises(DataError, match="re-encode"):
        readable_ids(list(reversed(FIXTURE_TOKENS)), FIXTURE_TOKENS)


def test_an_older_model_reads_data_with_the_controls_as_the_windows_without_them(tmp_path):
    """A header with POLYPHONY/DURATION after the instrument (ids past the model's vocabulary) scores as the same
    window without them."""
    model, tokens, ctx = load_model(tiny_checkpoint(str(tmp_path / "best.pt"), "gpt2"))
    data_tokens = FIXTURE_TOKENS + CONTROLS
    plain, controlled = [], []
    for w in windows(8, seed=1):
        plain += w.tolist()
        for t in w.tolist():
            controlled.append(t)
            if FIXTURE_TOKENS[t].startswith("INST="):
                controlled += [data_tokens.index(c) for c in CONTROLS]
    for name, toks, ids in (("old", FIXTURE_TOKENS, plain), ("new", data_tokens, controlled)):
        os.makedirs(tmp_path / name / "c")
        json.dump(tokenizer_doc(toks), open(tmp_path / name / "c" / "tokenizer.json", "w"))
        write_shard(str(tmp_path / name / "c" / "test_000.bin"), ids, toks)
    assert len(Pieces([str(tmp_path / "new" / "c")], "test")) == 8
    sets = {"c test": [("c", "test")]}
    old = held_out_loss(model, tokens, ctx, str(tmp_path / "old"), 0, sets)
    new = held_out_loss(model, tokens, ctx, str(tmp_path / "new"), 0, sets)
    assert new == old and old["c test"]["tokens"] == len(plain) - 8
