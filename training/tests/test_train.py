import json
import os
import subprocess
import sys

from conftest import TRAINING
import torch

from config import make_config
from train import lr_at, train


def losses(out_dir):
    with open(os.path.join(out_dir, "metrics.jsonl")) as f:
        rows = [json.loads(line) for line in f]
    return {r["step"]: r["loss"] for r in rows if "loss" in r}


def lrs(out_dir):
    with open(os.path.join(out_dir, "metrics.jsonl")) as f:
        return {r["step"]: r["lr"] for r in map(json.loads, f) if "lr" in r}


def tiny(data_dir, out_dir, *extra):
    cfg, _ = make_config(["--preset=tiny", f"--train_dirs={data_dir}", f"--val_dirs={data_dir}",
                          f"--out_dir={out_dir}", "--num_threads=1", *extra])
    return cfg


def test_tiny_trains_30_steps_and_loss_falls(data_dir, tmp_path):
    out = str(tmp_path / "run")
    best = train(tiny(data_dir, out))
    curve = losses(out)
    assert sorted(curve) == list(range(1, 31))
    first, last = sum(curve[s] for s in range(1, 6)) / 5, sum(curve[s] for s in range(26, 31)) / 5
    assert last < 0.8 * first, (first, last)
    assert best < curve[1]
    assert os.path.exists(os.path.join(out, "ckpt.pt")) and os.path.exists(os.path.join(out, "best.pt"))
    log = open(os.path.join(out, "train.log")).read()
    assert "tokens/s" in log and " lr " in log and "val data" in log


def test_resume_continues_the_loss_curve_exactly(data_dir, tmp_path):
    # dropout on, so the restored RNG state matters too
    common = ["--max_steps=20", "--ckpt_interval=5", "--dropout=0.1"]
    straight = str(tmp_path / "straight")
    train(tiny(data_dir, straight, *common))
    killed = str(tmp_path / "killed")
    train(tiny(data_dir, killed, *common, "--stop_after=10"))
    assert max(losses(killed)) == 10
    train(tiny(data_dir, killed, *common))
    a, b = losses(straight), losses(killed)
    assert sorted(b) == list(range(1, 21))
    for step in range(11, 21):
        assert abs(a[step] - b[step]) < 1e-6, (step, a[step], b[step])


def test_two_process_ddp_smoke_run(data_dir, tmp_path):
    out = str(tmp_path / "ddp")
    cmd = [sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2", "--standalone",
           os.path.join(TRAINING, "train.py"), "--preset=tiny", f"--train_dirs={data_dir}",
           f"--val_dirs={data_dir}", f"--out_dir={out}", "--max_steps=10", "--num_threads=1"]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    except subprocess.TimeoutExpired as e:  # say where it stopped, not only that it did
        raise AssertionError(f"DDP run hung: {(e.stderr or b'')[-3000:]!r}") from e
    assert res.returncode == 0, res.stderr[-3000:]
    log = open(os.path.join(out, "train.log")).read()
    assert "world 2" in log and "done at step 10" in log
    curve = losses(out)
    assert curve[10] < curve[1]


def test_init_from_starts_from_trained_weights(data_dir, tmp_path):
    first = str(tmp_path / "first")
    train(tiny(data_dir, first))
    again = str(tmp_path / "again")
    train(tiny(data_dir, again, "--max_steps=5", f"--init_from={os.path.join(first, 'ckpt.pt')}"))
    assert losses(again)[1] < 0.9 * losses(first)[1]
    assert "weights from" in open(os.path.join(again, "train.log")).read()


def test_lr_at_is_set_every_step_and_a_resume_gives_the_same_sequence(data_dir, tmp_path):
    common = ["--max_steps=16", "--ckpt_interval=4", "--warmup_steps=4"]
    straight = str(tmp_path / "straight")
    cfg = tiny(data_dir, straight, *common)
    train(cfg)
    # Step k (1-based in metrics) trained with lr_at(k - 1): warmup, then the cosine down to min_lr.
    expected = {k: lr_at(k - 1, cfg) for k in range(1, 17)}
    assert lrs(straight) == expected and expected[4] == cfg.lr and expected[16] < expected[5]
    last = torch.load(os.path.join(straight, "ckpt.pt"), weights_only=False)
    # What the optimizer used at the last step is lr_at's, and no scheduler state is kept beside it.
    assert {g["lr"] for g in last["optimizer"]["param_groups"]} == {expected[16]} and "scheduler" not in last

    killed = str(tmp_path / "killed")
    train(tiny(data_dir, killed, *common, "--stop_after=6"))
    ckpt = os.path.join(killed, "ckpt.pt")
    old = torch.load(ckpt, weights_only=False)
    # An older run's checkpoint with a scheduler's state (and a stale lr in the optimizer) resumes on lr_at alone.
    old["scheduler"] = {"last_epoch": 999, "base_lrs": [1.0, 1.0]}
    for g in old["optimizer"]["param_groups"]:
        g["lr"] = 1.0
    torch.save(old, ckpt)
    train(tiny(data_dir, killed, *common))
    assert lrs(killed) == expected
    assert abs(losses(killed)[16] - losses(straight)[16]) < 1e-6
