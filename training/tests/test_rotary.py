"""The rotary architecture: trains, exports with its KV cache, and reads back from model.onnx."""
import json
import os

import numpy as np
import pytest
import torch

from conftest import make_data_dir
from config import TrainConfig, make_config
from export import PARITY_TOL, main as export_main, verify_folder
from model import arch_of, build_model, load_weights
from onnx_io import OrtModel, parity
from train import train


@pytest.fixture(scope="module")
def rotary_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("rotary")
    data = make_data_dir(str(root / "data"))
    cfg, _ = make_config(["--preset=tiny", "--arch=rotary", f"--train_dirs={data}", f"--val_dirs={data}",
                          f"--out_dir={root / 'run'}", "--max_steps=10", "--num_threads=1"])
    train(cfg)
    out = str(root / "model")
    export_main(["--checkpoint", str(root / "run" / "best.pt"), "--data", data, "--out", out, "--name", "rot"])
    ckpt = torch.load(str(root / "run" / "best.pt"), weights_only=False)
    model = build_model(TrainConfig(**ckpt["config"]), len(ckpt["tokens"]), 0, 2, attn="eager")
    model.load_state_dict(ckpt["model"])
    return model.eval(), out


def test_rotary_config_names_the_architecture_and_shape(rotary_run):
    model, out = rotary_run
    doc = json.load(open(os.path.join(out, "config.json")))
    assert arch_of(model) == "rotary" and doc["architecture"] == "rotary"
    assert (doc["n_layer"], doc["n_head"], doc["n_embd"], doc["n_ctx"]) == (2, 2, 32, 128)
    assert verify_folder(out) == []


def test_rotary_onnx_matches_pytorch_late_in_the_context(rotary_run):
    model, out = rotary_run
    # A prompt that reaches position 100 of 128: rotary tables and the cached step are checked far from 0.
    prompt = [2] + [int(t) for t in np.random.default_rng(0).integers(10, 30, 99)]
    for name, tol in (("model.onnx", PARITY_TOL), ("model_fp16.onnx", 0.05)):
        check = parity(model, os.path.join(out, name), prompt, steps=20)
        assert check["max_abs_logit_diff"] <= tol, (name, check)
        assert check["greedy_equal"] and check["new_kv_equal"], (name, check)


def test_rotary_cached_steps_equal_one_full_pass(rotary_run):
    _, out = rotary_run
    m = OrtModel(os.path.join(out, "model.onnx"))
    ids = np.array([[2, 3, 10, 5, 12, 13, 6, 4]])
    full, _ = m.run(ids, m.empty_past(1))
    past, steps = m.empty_past(1), []
    for t in ids[0]:
        logits, past = m.run(np.array([[t]]), past)
        steps.append(logits[0, -1])
    assert np.abs(np.stack(steps) - full[0]).max() < 1e-4


def test_rotary_weights_read_back_from_model_onnx(rotary_run):
    model, out = rotary_run
    again = build_model(TrainConfig(**{**TrainConfig().__dict__, "arch": "rotary", "n_layer": 2, "n_head": 2,
                                       "n_embd": 32, "n_ctx": 128}), model.config.vocab_size, 0, 2, attn="eager")
    load_weights(again, out)
    ids = torch.tensor([[2, 3, 10, 5, 12]])
    with torch.no_grad():
        assert torch.allclose(again.eval()(input_ids=ids).logits, model(input_ids=ids).logits, atol=1e-5)


def test_init_from_grows_a_prefix_vocabulary_and_keeps_its_rows(rotary_run):
    model, _ = rotary_run
    n = model.config.vocab_size
    cfg = TrainConfig(**{**TrainConfig().__dict__, "arch": "rotary", "n_layer": 2, "n_head": 2, "n_embd": 32,
                         "n_ctx": 128})
    path = os.path.join(os.path.dirname(rotary_run[1]), "run", "best.pt")
    old_tokens = torch.load(path, weights_only=False)["tokens"]
    bigger = build_model(cfg, n + 3, 0, 2, attn="eager")
    load_weights(bigger, path, list(old_tokens) + ["POLYPHONY=0", "POLYPHONY=1", "DURATION=0"])
    emb = bigger.gpt_neox.embed_in.weight
    assert emb.shape[0] == n + 3 and torch.equal(emb[:n], model.gpt_neox.embed_in.weight)
    assert bigger.lm_head.weight is emb  # still tied
    with pytest.raises(ValueError, match="prefix"):
        load_weights(build_model(cfg, n + 3, 0, 2), path, ["X"] + list(old_tokens) + ["A", "B"])
