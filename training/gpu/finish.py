"""After a GPU run: held-out loss on every val folder, then the weights as safetensors shards small
enough to come back from the device machine, and metrics.json.

    python training/gpu/finish.py --run /tmp/run --val_dirs=a,b --out $OUT [--shard-mib 15]

The shards hold float16 weights (half the bytes of fp32, finer than bf16; a trained GPT-2's weights are
far inside float16's range); `training/gpu/import_run.py` turns them back into a train.py checkpoint here.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from config import TrainConfig  # noqa: E402
from data import Pieces, parse_weighted_dir  # noqa: E402
from model import build_model, loss_sum  # noqa: E402


@torch.no_grad()
def folder_loss(model, pieces, n_ctx, device, batch_size=64):
    total, count = 0.0, 0
    for i in range(0, len(pieces), batch_size):
        ids, labels = pieces.batch(np.arange(i, min(i + batch_size, len(pieces))), n_ctx)
        with torch.autocast("cuda", dtype=torch.bfloat16) if device.startswith("cuda") else torch.no_grad():
            s, c = loss_sum(model, ids.to(device), labels.to(device))
        total, count = total + s, count + c
    return total / max(1, count), count


def write_shards(state, out, max_bytes):
    """state -> model-0000k-of-0000n.safetensors, each at most max_bytes (a tensor is never split)."""
    from safetensors.torch import save_file

    groups, current, size = [], {}, 0
    for name, t in state.items():
        t = t.detach().to("cpu", torch.float16).contiguous()
        if current and size + t.numel() * 2 > max_bytes:
            groups.append(current)
            current, size = {}, 0
        current[name] = t
        size += t.numel() * 2
    groups.append(current)
    names = []
    for k, group in enumerate(groups):
        name = f"model-{k + 1:05d}-of-{len(groups):05d}.safetensors"
        save_file(group, os.path.join(out, name), metadata={"format": "pt"})
        names.append(name)
    return names


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", required=True, help="train.py out_dir (best.pt, metrics.jsonl)")
    p.add_argument("--val_dirs", default="", help="comma-separated data folders to score (val split, else test)")
    p.add_argument("--out", required=True, help="folder for the shards and metrics.json")
    p.add_argument("--shard-mib", type=float, default=15.0)
    args = p.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    ckpt = torch.load(os.path.join(args.run, "best.pt"), map_location="cpu", weights_only=False)
    cfg, tokens = TrainConfig(**ckpt["config"]), ckpt["tokens"]
    device = "cuda" if torch.cuda.is_available() and cfg.device != "cpu" else "cpu"
    model = build_model(cfg, len(tokens), tokens.index("[PAD]"), tokens.index("PIECE_START"))
    model.load_state_dict(ckpt["model"])
    model.to(device).eval()
    t = time.time()
    losses = {}
    for entry in filter(None, args.val_dirs.split(",")):
        d, _ = parse_weighted_dir(entry)
        pieces = Pieces([d], "val", tokens, ("test",))
        nll, count = folder_loss(model, pieces, cfg.n_ctx, device)
        losses[os.path.basename(os.path.normpath(d))] = {"nats_per_token": nll, "tokens": count, "pieces": len(pieces)}
    rows = [json.loads(line) for line in open(os.path.join(args.run, "metrics.jsonl"))]
    rates = [r for r in rows if "tokens_per_s" in r][1:]  # the first interval holds compile time
    # lm_head.weight is tied to wte: not stored twice.
    state = {k: v for k, v in model.state_dict().items() if k != "lm_head.weight"}
    shards = write_shards(state, args.out, int(args.shard_mib * 2**20))
    metrics = {"step": ckpt["step"], "best_val": ckpt.get("best_val"), "tokens_seen": ckpt.get("tokens_seen"),
               "config": ckpt["config"], "tokens": tokens, "held_out": losses, "eval_seconds": time.time() - t,
               "tokens_per_s": float(np.median([r["tokens_per_s"] for r in rates])) if rates else None,
               "mfu": float(np.median([r["mfu"] for r in rates])) if rates else None,
               "device": torch.cuda.get_device_name() if device == "cuda" else "cpu", "shards": shards,
               "torch": torch.__version__}
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=1)
    print(json.dumps({k: v for k, v in metrics.items() if k not in ("tokens", "config")}, indent=1))


if __name__ == "__main__":
    main()
