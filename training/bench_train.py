"""Training throughput: real (non-pad) tokens/s with packed rows vs one padded piece a row, the
machine's measured matmul FLOP/s, the model's FLOPs per token, and MFU.

    npm run bench:train -- [--data /work/data/ch2/jsf] [--preset small] [--steps 30] [--threads 2]

Without --data it makes pieces of chorale-like lengths (mean ~260 tokens, as 4-bar SATB windows are).
"""
import argparse
import os
import sys
import tempfile
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from config import make_config  # noqa: E402
from data import Pieces, make_sampler, write_shard  # noqa: E402
from model import build_model, flops_per_token, matmul_flops  # noqa: E402
from train import make_optimizer  # noqa: E402


def synthetic_dir(path, n=3000, seed=0):
    """Pieces of 150..420 tokens over a 40-token vocabulary (lengths like the chorale windows)."""
    from tests.conftest import FIXTURE_TOKENS, tokenizer_doc
    import json

    os.makedirs(path, exist_ok=True)
    json.dump(tokenizer_doc(FIXTURE_TOKENS), open(os.path.join(path, "tokenizer.json"), "w"))
    rng = np.random.default_rng(seed)
    ids = []
    for _ in range(n):
        length = int(np.clip(rng.normal(260, 50), 150, 420))
        ids += [2] + list(rng.integers(10, len(FIXTURE_TOKENS), length - 1))
    write_shard(os.path.join(path, "train_000.bin"), ids, FIXTURE_TOKENS)
    return path


def run(cfg, pieces, steps, device):
    torch.manual_seed(0)
    model = build_model(cfg, len(pieces.tokens), pieces.pad_id, pieces.piece_start_id).to(device).train()
    opt, _ = make_optimizer(model, cfg)
    sampler = make_sampler(pieces, cfg)
    real = computed = 0
    t = None
    for step in range(steps + 3):  # 3 warm-up steps are not timed
        if step == 3:
            t, real, computed = time.perf_counter(), 0, 0
        if cfg.pack:
            ids, labels, pos = pieces.packed_batch(sampler.next(), cfg.n_ctx)
            inputs = {"input_ids": ids, "position_ids": pos}
        else:
            ids, labels = pieces.batch(sampler.next(), cfg.n_ctx)
            inputs = {"input_ids": ids, "attention_mask": torch.ones_like(ids)}
        loss = model(**{k: v.to(device) for k, v in inputs.items()}, labels=labels.to(device), use_cache=False).loss
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        real += int((labels[:, 1:] != -100).sum())
        computed += ids.numel()
    dt = time.perf_counter() - t
    return real / dt, real / computed, flops_per_token(model)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", help="a preprocess folder (train split)")
    p.add_argument("--preset", default="small")
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    data = args.data or synthetic_dir(tempfile.mkdtemp())
    pieces = Pieces([data], "train")
    peak = matmul_flops(device, torch.bfloat16 if device == "cuda" else torch.float32)
    print(f"{args.preset} preset on {device} ({args.threads} threads), {len(pieces)} pieces from "
          f"{'synthetic lengths' if not args.data else data}")
    print(f"measured matmul peak: {peak / 1e9:.1f} GFLOP/s")
    results = {}
    for label, extra in (("one piece a row (padded)", ["--pack=false", "--batch_size=16"]),
                         ("packed rows", ["--pack=true", "--batch_size=8"])):
        cfg, _ = make_config([f"--preset={args.preset}", *extra])
        tps, fill, fpt = run(cfg, pieces, args.steps, device)
        results[label] = tps
        print(f"{label:26s} {tps:8.0f} real tokens/s   {100 * fill:5.1f}% of computed positions are real   "
              f"{fpt / 1e6:.1f} MFLOP/token   MFU {100 * tps * fpt / peak:.1f}%")
    a, b = results.values()
    print(f"packed / padded: {b / a:.2f}x real tokens/s")


if __name__ == "__main__":
    main()
