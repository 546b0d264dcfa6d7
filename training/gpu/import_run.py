"""The files a GPU run sent back (safetensors shards + metrics.json) -> a train.py checkpoint here,
so export.py, evaluate.py and model_card.py run on it as on a CPU run.

    python training/gpu/import_run.py --from /work/.device/<files_at> --out runs/gpu-chorales/best.pt
"""
import argparse
import glob
import json
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from config import TrainConfig  # noqa: E402
from model import build_model, load_weights  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--from", dest="src", required=True, help="folder with metrics.json and model-*.safetensors")
    p.add_argument("--out", required=True, help="checkpoint to write (.pt)")
    args = p.parse_args(argv)
    metrics = json.load(open(os.path.join(args.src, "metrics.json")))
    missing = [s for s in metrics["shards"] if not os.path.exists(os.path.join(args.src, s))]
    if missing or not glob.glob(os.path.join(args.src, "*.safetensors")):
        sys.exit(f"import_run: shards missing from {args.src}: {missing or 'all'}")
    cfg, tokens = TrainConfig(**metrics["config"]), metrics["tokens"]
    model = build_model(cfg, len(tokens), tokens.index("[PAD]"), tokens.index("PIECE_START"))
    load_weights(model, args.src)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    torch.save({"model": model.float().state_dict(), "config": metrics["config"], "tokens": tokens,
                "step": metrics["step"], "best_val": metrics["best_val"], "tokens_seen": metrics["tokens_seen"],
                "gpu": {k: metrics.get(k) for k in ("device", "tokens_per_s", "mfu", "held_out", "torch")}},
               args.out)
    print(f"wrote {args.out}: step {metrics['step']}, held-out {json.dumps(metrics['held_out'])}")


if __name__ == "__main__":
    main()
