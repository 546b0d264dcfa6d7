"""Training throughput: real (non-pad) tokens/s with packed rows vs one padded piece a row, the
machine's measured matmul FLOP/s, the model's FLOPs per token, and MFU.

    npm run bench:train -- [--data /work/data/ch2/jsf] [--preset small] [--steps 30] [--threads 2]
    npm run bench:train -- --loop --preset band --data /work/data/band2/freedoom   # train.py's loop: fp32, bf16, compiled

Without --data it makes pieces of chorale-like lengths (mean ~260 tokens, as 4-bar SATB windows are).
"""
import argparse
import json
import os
import sys
import tempfile
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from config import make_config  # noqa: E402
from data import Batches, Pieces, write_shard  # noqa: E402
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
    opt = make_optimizer(model, cfg)
    batches = Batches(pieces, cfg)
    real = computed = 0
    t = None
    for step in range(steps + 3):  # 3 warm-up steps are not timed
        if step == 3:
            t, real, computed = time.perf_counter(), 0, 0
        inputs = batches.next()
        ids, labels = inputs["input_ids"], inputs["labels"]
        loss = model(**{k: v.to(device) for k, v in inputs.items()}, use_cache=False).loss
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
        real += int((labels[:, 1:] != -100).sum())
        computed += ids.numel()
    dt = time.perf_counter() - t
    return real / dt, real / computed, flops_per_token(model)


def real_loop(preset, data, mode, steps, warm, threads):
    """train.py's own loop (checkpoints, evaluation and logging as the preset has them) for warm + steps
    steps in one precision mode; real tokens/s over the steps after the warm-up, the CPU seconds per 1K
    tokens (steady under a shared machine, where wall time is not), and the last loss."""
    from train import train

    flags = {"fp32": ["--precision=fp32"], "bf16": ["--precision=bf16"],
             "bf16+compile": ["--precision=bf16", "--compile=true"]}[mode]
    out = tempfile.mkdtemp()
    cfg, _ = make_config([f"--preset={preset}", f"--train_dirs={data}", f"--out_dir={out}", "--resume=false",
                          f"--stop_after={warm + steps}", f"--log_interval={warm}", f"--num_threads={threads}",
                          "--schedule=steps", "--max_minutes=0", *flags])
    cpu = time.process_time()
    train(cfg)
    cpu = time.process_time() - cpu
    rows = [json.loads(line) for line in open(os.path.join(out, "metrics.jsonl"))]
    losses = [r["loss"] for r in rows if "loss" in r]
    steady = [r["tokens_per_s"] for r in rows if "tokens_per_s" in r][1:]
    tokens = rows[-1].get("tokens") or max(r.get("tokens", 0) for r in rows)
    return sum(steady) / max(1, len(steady)), 1000 * cpu / max(1, tokens), losses[-1]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", help="a preprocess folder (train split)")
    p.add_argument("--preset", default="small")
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--loop", action="store_true", help="train.py's real loop in fp32, bf16 and bf16+compile, "
                   "side by side (with --data and e.g. --preset band)")
    p.add_argument("--modes", default="fp32,bf16,bf16+compile", help="with --loop: the modes to run")
    args = p.parse_args()
    if args.loop:
        data = args.data or synthetic_dir(tempfile.mkdtemp())
        print(f"train.py's loop, {args.preset} preset, {args.threads} threads, {args.steps} steps after 5 warm-up")
        for mode in args.modes.split(","):
            tps, cpu_per_k, loss = real_loop(args.preset, data, mode, args.steps, 5, args.threads)
            print(f"{mode:13s} {tps:8.0f} real tokens/s   {cpu_per_k:6.3f} CPU s per 1K tokens   last loss {loss:.4f}")
        return
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
