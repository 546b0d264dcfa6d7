"""A curriculum set: the training windows of a data folder whose voices move without parallel
fifths/octaves and without crossings (the definitions of music_stats.py, as evaluate.py measures).

    python training/clean_windows.py --src /work/data/ch2/jsf --out /work/data/ch2/jsf-clean

The windows are decoded by the TypeScript side (`cantor decode --json`); Python never decodes.
Writes train_000.bin (the kept pieces, ids unchanged), tokenizer.json and encoding.json copied,
and clean.json with the counts.
"""
import argparse
import json
import os
import shutil
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import Pieces, write_shard  # noqa: E402
from evaluate import decode_lines  # noqa: E402
from music_stats import SATB, crossing_steps, parallel_count  # noqa: E402


def is_clean(piece):
    names = {t["inst"] for t in piece["tracks"]}
    voices = [v for v in SATB if v in names]
    if len(voices) < 2:
        return True
    fifths, octaves = parallel_count(piece, voices)
    crossed, _ = crossing_steps(piece, voices)
    return fifths == 0 and octaves == 0 and crossed == 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--src", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--split", default="train")
    p.add_argument("--chunk", type=int, default=4000, help="pieces per decode call")
    args = p.parse_args(argv)
    pieces = Pieces([args.src], args.split)
    tokens = pieces.tokens
    kept = []
    for lo in range(0, len(pieces), args.chunk):
        idx = range(lo, min(lo + args.chunk, len(pieces)))
        lines = [" ".join(tokens[t] for t in pieces._piece(i, 10**9)) for i in idx]
        for i, piece in zip(idx, decode_lines(lines)):
            if not piece.get("strictError") and is_clean(piece):
                kept.append(i)
        print(f"{args.src}: {min(lo + args.chunk, len(pieces))}/{len(pieces)} read, {len(kept)} clean", flush=True)
    os.makedirs(args.out, exist_ok=True)
    ids = np.concatenate([pieces._piece(i, 10**9) for i in kept]) if kept else np.zeros(0, dtype=np.int64)
    write_shard(os.path.join(args.out, f"{args.split}_000.bin"), ids, tokens)
    for f in ("tokenizer.json", "encoding.json"):
        if os.path.exists(os.path.join(args.src, f)):
            shutil.copy(os.path.join(args.src, f), os.path.join(args.out, f))
    report = {"src": args.src, "pieces": len(pieces), "clean": len(kept), "tokens": int(ids.size)}
    json.dump(report, open(os.path.join(args.out, "clean.json"), "w"), indent=1)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
