"""The one-command GPU run, at tiny size on the CPU: the same script the GPU machine runs, then the
import and export that follow it here."""
import json
import os
import subprocess
import sys

import torch

from conftest import TRAINING, make_data_dir
from export import main as export_main, verify_folder
from gpu.finish import write_shards

REPO = os.path.dirname(TRAINING)


def test_run_sh_cpu_tiny_then_import_and_export(tmp_path):
    root = tmp_path / "root"
    make_data_dir(str(root / "a"), pieces=60)
    make_data_dir(str(root / "b"), pieces=60, seed=1)
    bundle = str(tmp_path / "bundle.tar.xz")
    subprocess.run([os.path.join(TRAINING, "gpu", "pack_data.sh"), bundle, str(root), "a", "b"], check=True,
                   capture_output=True)
    out = tmp_path / "out"
    res = subprocess.run([os.path.join(TRAINING, "gpu", "run.sh"), "--cpu", "--tiny", "--minutes", "0.1",
                          "--bundle", bundle, "--train", "a,b:2", "--val", "a,b", "--out", str(out),
                          "--num_threads=1", "--eval_interval=20"], capture_output=True, text=True, timeout=300,
                         cwd=REPO)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    metrics = json.load(open(out / "metrics.json"))
    assert set(metrics["held_out"]) == {"a", "b"} and metrics["step"] > 0
    assert all(os.path.getsize(out / s) <= 15 * 2**20 for s in metrics["shards"])
    ckpt = str(tmp_path / "imported.pt")
    subprocess.run([sys.executable, os.path.join(TRAINING, "gpu", "import_run.py"), "--from", str(out), "--out", ckpt],
                   check=True, capture_output=True)
    model_dir = str(tmp_path / "model")
    export_main(["--checkpoint", ckpt, "--data", str(root / "a"), "--out", model_dir, "--name", "gpu-tiny"])
    assert verify_folder(model_dir) == []


def test_shards_split_at_the_size_limit_and_never_split_a_tensor(tmp_path):
    state = {f"w{i}": torch.randn(256, 256) for i in range(5)}  # 128 KiB each in float16
    names = write_shards(state, str(tmp_path), 300 * 1024)
    assert len(names) == 3 and names[0] == "model-00001-of-00003.safetensors"
    from safetensors.torch import load_file

    back = {k: v for n in names for k, v in load_file(str(tmp_path / n)).items()}
    assert set(back) == set(state) and all(torch.allclose(back[k].float(), state[k], atol=1e-2) for k in state)
