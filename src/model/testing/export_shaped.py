"""A random model folder of a chosen shape, through the training pipeline's own exporter.

    python src/model/testing/export_shaped.py --out DIR --n_layer 6 --n_head 8 --n_embd 512 --n_ctx 1024

`training/export.py --random-tiny` has one fixed shape (2 layers, 32 wide, context 128); the
engine's tests need a longer context and its benchmark needs the real model's shape.
"""
import argparse
import os
import sys

import torch

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(REPO, "training"))
from config import PRESETS, TrainConfig  # noqa: E402
from data import load_tokens, vocab_hash  # noqa: E402
from export import default_tokenizer_json, export_folder, random_encoding  # noqa: E402
from model import build_model  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    for k in ("n_layer", "n_head", "n_embd", "n_ctx"):
        p.add_argument(f"--{k}", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--variants", default="int8,q4", help="quantized files to write besides model.onnx")
    p.add_argument("--encoding", help="'chorales' (default) or 'band' (GM programs + DRUMS): export.py's random encodings")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    base = random_encoding(a.encoding)
    text = default_tokenizer_json(None if a.encoding in (None, "chorales") else base.get("parts", []))
    tok_path = os.path.join(a.out, "tokenizer.json")
    with open(tok_path, "w") as f:
        f.write(text)
    tokens = load_tokens(tok_path)
    shape = dict(n_layer=a.n_layer, n_head=a.n_head, n_embd=a.n_embd, n_ctx=a.n_ctx)
    cfg = TrainConfig(**{**PRESETS["tiny"], **shape})
    torch.manual_seed(a.seed)
    model = build_model(cfg, len(tokens), tokens.index("[PAD]"), tokens.index("PIECE_START"))
    encoding = {**base, "vocabHash": vocab_hash(tokens)}
    prompt = [tokens.index(t) for t in ("PIECE_START", "TRACK_START", base["instruments"][0])]
    variants = tuple(v for v in a.variants.split(",") if v)
    export_folder(model, tokens, text, encoding, a.out, f"random-{a.n_layer}x{a.n_embd}", prompt,
                  variants=variants, extra={"random": True})
    print(a.out)


if __name__ == "__main__":
    main()
