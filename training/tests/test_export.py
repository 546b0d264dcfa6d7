import json
import os
import shutil
import subprocess

import numpy as np
import onnxruntime as ort
import pytest
import torch

from conftest import FIXTURE_TOKENS, TRAINING, make_data_dir
from config import TrainConfig, make_config
from export import PARITY_TOL, main as export_main, verify_folder
from model import build_model
from onnx_io import OrtModel, parity
from train import train

REPO = os.path.dirname(TRAINING)
SHIPPED = os.path.join(REPO, "models", "chorales")


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    data = make_data_dir(str(root / "data"))
    cfg, _ = make_config(["--preset=tiny", f"--train_dirs={data}", f"--val_dirs={data}",
                          f"--out_dir={root / 'run'}", "--max_steps=10", "--num_threads=1"])
    train(cfg)
    out = str(root / "model")
    export_main(["--checkpoint", str(root / "run" / "best.pt"), "--data", data, "--out", out, "--name", "fixture"])
    return out


def test_export_writes_every_variant_and_a_consistent_config(exported):
    doc = json.load(open(os.path.join(exported, "config.json")))
    assert set(doc["files"]) == {"model.onnx", "model_int8.onnx", "model_q4.onnx", "model_fp16.onnx"}
    assert doc["files"]["model_fp16.onnx"]["backends"] == ["webgpu"]
    assert doc["n_layer"] == 2 and doc["n_ctx"] == 128 and doc["special_tokens"]["piece_start"] == 2
    assert doc["instruments"] == ["INST=SOPRANO", "INST=BASS"] and doc["encoding"]["bars"] == 2
    assert verify_folder(exported) == []


def test_onnx_layout_is_the_transformers_js_one(exported):
    sess = ort.InferenceSession(os.path.join(exported, "model.onnx"), providers=["CPUExecutionProvider"])
    names = [i.name for i in sess.get_inputs()]
    assert names[:3] == ["input_ids", "attention_mask", "position_ids"]
    assert names[3:] == [f"past_key_values.{i}.{kv}" for i in range(2) for kv in ("key", "value")]
    outs = [o.name for o in sess.get_outputs()]
    # optimum's outputs first, then Cantor's step outputs (this run's positions only)
    assert outs == (["logits"] + [f"present.{i}.{kv}" for i in range(2) for kv in ("key", "value")]
                    + [f"new_key_values.{i}.{kv}" for i in range(2) for kv in ("key", "value")])
    assert all(i.type == "tensor(int64)" for i in sess.get_inputs()[:3])


def test_onnx_matches_pytorch_with_and_without_cache(exported, tmp_path):
    ckpt = torch.load(os.path.join(os.path.dirname(exported), "run", "best.pt"), weights_only=False)
    model = build_model(TrainConfig(**ckpt["config"]), len(ckpt["tokens"]), 0, 2, attn="eager")
    model.load_state_dict(ckpt["model"])
    check = parity(model, os.path.join(exported, "model.onnx"), [2, 3, 10, 5, 12], steps=64)
    assert check["max_abs_logit_diff"] <= PARITY_TOL and check["greedy_equal"] and check["new_kv_equal"]
    # batch 2, past 0 then a cached step: shapes follow the dynamic axes
    m = OrtModel(os.path.join(exported, "model.onnx"))
    logits, past = m.run(np.array([[2, 3, 10], [2, 3, 11]]), m.empty_past(2))
    assert logits.shape == (2, 3, len(FIXTURE_TOKENS)) and past[0].shape == (2, 2, 3, 16)
    logits, past = m.run(np.array([[5], [5]]), past)
    assert logits.shape == (2, 1, len(FIXTURE_TOKENS)) and past[0].shape == (2, 2, 4, 16)


def test_verify_folder_catches_a_changed_file(exported, tmp_path):
    copy = str(tmp_path / "copy")
    shutil.copytree(exported, copy)
    with open(os.path.join(copy, "model_int8.onnx"), "ab") as f:
        f.write(b"\0")
    assert verify_folder(copy) == ["model_int8.onnx does not match its sha256/bytes in config.json"]


@pytest.mark.skipif(shutil.which("npx") is None, reason="needs node (npx tsx) for the default vocabulary")
def test_random_tiny_cli_uses_the_typescript_default_vocabulary(tmp_path):
    out = str(tmp_path / "rt")
    res = subprocess.run(["python", os.path.join(TRAINING, "export.py"), "--random-tiny", "--out", out],
                         capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-2000:]
    doc = json.load(open(os.path.join(out, "config.json")))
    assert doc["vocab_size"] == 428 and doc["random"] is True and verify_folder(out) == []


def test_shipped_chorales_model_agrees_with_its_config():
    if not os.path.exists(os.path.join(SHIPPED, "config.json")):
        pytest.skip("models/chorales is not exported yet")
    assert verify_folder(SHIPPED) == []
    doc = json.load(open(os.path.join(SHIPPED, "config.json")))
    assert doc["instruments"] == ["INST=SOPRANO", "INST=ALTO", "INST=TENOR", "INST=BASS"]
    for fname, meta in doc["files"].items():
        if meta["dtype"] != "fp32":
            assert meta["bytes"] <= 25 * 1024 * 1024, fname


@pytest.mark.skipif(shutil.which("npx") is None, reason="needs node (npx tsx) for the GM vocabulary")
def test_random_tiny_band_encoding_has_a_gm_vocabulary_and_a_track_budget(tmp_path):
    out = str(tmp_path / "band")
    res = subprocess.run(["python", os.path.join(TRAINING, "export.py"), "--random-tiny", "--encoding", "band",
                          "--out", out], capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr[-2000:]
    doc = json.load(open(os.path.join(out, "config.json")))
    tokens = json.load(open(os.path.join(out, "tokenizer.json")))["model"]["vocab"]
    assert doc["parts"] == [] and doc["encoding"]["maxTracks"] == 8 and doc["instruments"][0] == "INST=DRUMS"
    assert doc["n_ctx"] == 2048
    assert "INST=SOPRANO" not in tokens and "INST=127" in tokens and doc["vocab_size"] == len(tokens)
    assert verify_folder(out) == []


@pytest.mark.skipif(shutil.which("npx") is None, reason="needs node (npx tsx) for the vocabulary")
def test_random_tiny_with_controls_appends_them_and_carries_their_edges_into_config(tmp_path):
    encoding = {"format": "mmmtrack", "version": 1, "bars": 4, "hop": 2, "stepsPerBar": 16,
                "density": {"enabled": True, "edges": [8, 13, 16, 19, 22, 28, 36, 51, 68]},
                "polyphony": {"enabled": True, "edges": [1.015625, 1.56640625, 2.29296875, 3.015625]},
                "duration": {"enabled": True, "edges": [1.765625, 2.5625, 3.3671875, 4.57421875]},
                "parts": [], "instruments": ["INST=DRUMS", "INST=33", "INST=0"], "maxTracks": 8, "fill": True}
    enc_path = str(tmp_path / "encoding.json")
    json.dump(encoding, open(enc_path, "w"))
    out = str(tmp_path / "ctl")
    res = subprocess.run(["python", os.path.join(TRAINING, "export.py"), "--random-tiny", "--encoding", enc_path,
                          "--out", out], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr[-2000:]
    doc = json.load(open(os.path.join(out, "config.json")))
    vocab = json.load(open(os.path.join(out, "tokenizer.json")))["model"]["vocab"]
    by_id = sorted(vocab, key=vocab.get)
    assert doc["vocab_size"] == len(by_id) == 431
    assert by_id[420] == "TIME_DELTA=16"
    assert by_id[421:] == [f"POLYPHONY={b}" for b in range(5)] + [f"DURATION={b}" for b in range(5)]
    for key in ("density", "polyphony", "duration"):
        assert doc["encoding"][key] == encoding[key]
    assert verify_folder(out) == []
