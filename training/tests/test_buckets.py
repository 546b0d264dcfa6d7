"""Length-bucketed micro-batches (cfg.batch_tokens): every piece once, within the budget, little padding."""
import numpy as np
import torch

from conftest import make_data_dir
from config import make_config
from data import Pieces, buckets, make_sampler
from train import train


def test_buckets_hold_every_piece_once_within_the_budget():
    rng = np.random.default_rng(3)
    lengths = np.concatenate([rng.integers(100, 400, 900), rng.integers(600, 1200, 100)])
    order = rng.permutation(len(lengths))
    batches = buckets(order, lengths, 1024, 8192, np.random.default_rng(0), pool=512)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    widths = [max(min(lengths[i], 1024) for i in b) for b in batches]
    assert all(w * len(b) <= 8192 for w, b in zip(widths, batches))
    real = sum(min(lengths[i], 1024) for b in batches for i in b)
    assert real / sum(w * len(b) for w, b in zip(widths, batches)) > 0.9  # sorted pools: rows of like length
    # A random batch of 16 pieces would be ~as wide as its longest piece: far more padding.
    again = buckets(order, lengths, 1024, 8192, np.random.default_rng(0), pool=512)
    assert again == batches  # deterministic for an order and seed, so resume is exact
    assert len({len(b) for b in batches}) > 3  # short pieces come many to a batch, long ones few


def test_bucketed_sampler_resumes_exactly(tmp_path):
    pieces = Pieces([make_data_dir(str(tmp_path / "d"))], "train")
    cfg, _ = make_config(["--preset=tiny", "--batch_tokens=256", "--pack=false"])
    a = make_sampler(pieces, cfg)
    first = [a.next() for _ in range(9)]
    assert all(len(item) == 1 and len(item[0]) >= 1 for item in first)
    b = make_sampler(pieces, cfg)
    for _ in range(5):
        b.next()
    c = make_sampler(pieces, cfg)
    c.load_state_dict(b.state_dict())
    assert [c.next() for _ in range(4)] == first[5:9]


def test_bucketed_training_runs_and_resumes_to_the_same_weights(tmp_path):
    data = make_data_dir(str(tmp_path / "d"))
    base = ["--preset=tiny", f"--train_dirs={data}", f"--val_dirs={data}", "--num_threads=1",
            "--batch_tokens=256", "--pack=false", "--max_steps=6", "--dropout=0.0"]
    whole = str(tmp_path / "whole")
    train(make_config(base + [f"--out_dir={whole}"])[0])
    split = str(tmp_path / "split")
    train(make_config(base + [f"--out_dir={split}", "--stop_after=3"])[0])
    train(make_config(base + [f"--out_dir={split}"])[0])
    a = torch.load(f"{whole}/ckpt.pt", weights_only=False)
    b = torch.load(f"{split}/ckpt.pt", weights_only=False)
    assert a["step"] == b["step"] == 6
    for k, v in a["model"].items():
        assert torch.allclose(v, b["model"][k]), k
