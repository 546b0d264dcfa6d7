"""Checkpoint (or a random tiny model) -> browser model folder (docs/FORMATS.md "Model folder").

    python training/export.py --checkpoint runs/chorales/best.pt --data /work/data/jsf --out models/chorales
    python training/export.py --random-tiny --out /tmp/tiny-model      # for engine tests
    python training/export.py --random-tiny --encoding band --out /tmp/tiny-band   # a GM (band) test model

Writes model.onnx (fp32), model_int8.onnx (dynamic int8, WASM), model_q4.onnx (4-bit MatMulNBits,
WebGPU), tokenizer.json and config.json, after checking the ONNX files against PyTorch.
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from config import PRESETS, TrainConfig  # noqa: E402
from data import DataError, load_tokens, vocab_hash  # noqa: E402
from model import arch_of, build_model, shape_of  # noqa: E402
from onnx_io import export_onnx, parity  # noqa: E402

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SPECIAL = ["[PAD]", "[UNK]", "PIECE_START", "TRACK_START", "TRACK_END", "BAR_START", "BAR_END",
           "FILL_IN", "FILL_START", "FILL_END"]
# What each file is for: dtype and the onnxruntime-web backends that should load it.
VARIANTS = {
    "model.onnx": ("fp32", ["wasm", "webgpu"]),
    "model_int8.onnx": ("int8", ["wasm"]),
    "model_q4.onnx": ("q4", ["webgpu"]),
    "model_fp16.onnx": ("fp16", ["webgpu"]),
}
PARITY_TOL = 1e-4


def default_tokenizer_json(parts=None, controls=()):
    """tokenizer.json made by the TypeScript library (the one tokenizer): the default vocabulary, or
    with `parts` the vocabulary of an encoding with those named parts (`[]`: GM programs + DRUMS only),
    and `controls` ("POLYPHONY", "DURATION") appended at its end."""
    vocab = ("defaultVocabulary()" if parts is None
             else f"vocabulary({json.dumps(list(parts))}, {json.dumps(list(controls))})")
    script = ("import {tokenizerJson} from './src/music/tokenizer'; import {defaultVocabulary, vocabulary} from "
              f"'./src/music/vocab'; process.stdout.write(tokenizerJson({vocab}))")
    return subprocess.run(["npx", "tsx", "-e", script], cwd=REPO, check=True, capture_output=True,
                          text=True).stdout


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def quantize_int8(src, dst):
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(src, dst, weight_type=QuantType.QInt8)


def quantize_q4(src, dst, block_size=32):
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    quant = MatMulNBitsQuantizer(onnx.load(src), bits=4, block_size=block_size, is_symmetric=True)
    quant.process()
    quant.model.save_model_to_file(dst, use_external_data_format=False)


def convert_fp16(src, dst):
    """Weights, activations, past and logits in float16 (WebGPU with shader-f16). Constants are clamped
    to the float16 range, so the attention mask's large negative stays finite and no NaN reaches the cache."""
    import onnx
    from onnxruntime.transformers.float16 import convert_float_to_float16

    onnx.save(convert_float_to_float16(onnx.load(src), keep_io_types=False), dst)


def special_token_ids(tokens):
    return {t.strip("[]").lower(): tokens.index(t) for t in SPECIAL if t in tokens}


def write_config(out, name, model, tokens, encoding, extra=None):
    """config.json: shape, specials, encoding, vocab hash and a checksum per ONNX file present."""
    files = {}
    for fname, (dtype, backends) in VARIANTS.items():
        path = os.path.join(out, fname)
        if os.path.exists(path):
            files[fname] = {"sha256": sha256_file(path), "bytes": os.path.getsize(path), "dtype": dtype,
                            "backends": backends}
    instruments = encoding.get("instruments") or [t for t in tokens if t.startswith("INST=")]
    doc = {"name": name, "architecture": arch_of(model), **shape_of(model), "special_tokens": special_token_ids(tokens),
           "encoding": encoding, "vocab_hash": vocab_hash(tokens), "files": files,
           "instruments": instruments, "parts": encoding.get("parts", []), "fill": bool(encoding.get("fill"))}
    doc.update(extra or {})
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    return doc


def verify_folder(folder):
    """Problems (empty when none) between a model folder's config.json and its files."""
    problems = []
    with open(os.path.join(folder, "config.json")) as f:
        doc = json.load(f)
    tokens = load_tokens(os.path.join(folder, "tokenizer.json"))
    if doc.get("vocab_hash") != vocab_hash(tokens):
        problems.append("vocab_hash does not match tokenizer.json")
    if doc.get("vocab_size") != len(tokens):
        problems.append(f"vocab_size {doc.get('vocab_size')} but tokenizer.json has {len(tokens)} tokens")
    if "model.onnx" not in doc.get("files", {}):
        problems.append("no model.onnx in files")
    for fname, meta in doc.get("files", {}).items():
        path = os.path.join(folder, fname)
        if not os.path.exists(path):
            problems.append(f"{fname} is listed but missing")
        elif sha256_file(path) != meta["sha256"] or os.path.getsize(path) != meta["bytes"]:
            problems.append(f"{fname} does not match its sha256/bytes in config.json")
    for t in doc.get("instruments", []):
        if t not in tokens:
            problems.append(f"instrument {t} is not in the vocabulary")
    return problems


def export_folder(model, tokens, tokenizer_text, encoding, out, name, prompt, variants=("int8", "q4", "fp16"), extra=None):
    """Export, quantize, check parity, write the folder. Returns config.json's content."""
    if encoding.get("vocabHash") and encoding["vocabHash"] != vocab_hash(tokens):
        raise DataError("encoding.json's vocabHash does not match tokenizer.json")
    os.makedirs(out, exist_ok=True)
    model = model.float().eval()
    fp32 = os.path.join(out, "model.onnx")
    export_onnx(model, fp32)
    check = parity(model, fp32, prompt)
    if check["max_abs_logit_diff"] > PARITY_TOL or not check["greedy_equal"] or not check["new_kv_equal"]:
        raise RuntimeError(f"ONNX export does not match PyTorch: {check}")
    if "int8" in variants:
        quantize_int8(fp32, os.path.join(out, "model_int8.onnx"))
    if "q4" in variants:
        quantize_q4(fp32, os.path.join(out, "model_q4.onnx"))
    if "fp16" in variants:
        convert_fp16(fp32, os.path.join(out, "model_fp16.onnx"))
    with open(os.path.join(out, "tokenizer.json"), "w") as f:
        f.write(tokenizer_text)
    quant = {v: parity(model, os.path.join(out, f), prompt) for f, (v, _) in VARIANTS.items()
             if v != "fp32" and os.path.exists(os.path.join(out, f))}
    doc = write_config(out, name, model, tokens, encoding, extra)
    return doc, {"fp32": check, **quant}


# A random model has no training data, so it gets the chorale encoding without density bins.
RANDOM_ENCODING = {"format": "mmmtrack", "version": 1, "bars": 4, "hop": 1, "stepsPerBar": 16,
                   "density": {"enabled": False, "edges": []}, "parts": ["SOPRANO", "ALTO", "TENOR", "BASS"],
                   "instruments": ["INST=SOPRANO", "INST=ALTO", "INST=TENOR", "INST=BASS"], "fill": True}


# The band encoding as training/corpora/band.json's preprocess writes it (GM programs + DRUMS, no parts, a
# track budget of 8), with a fixed instrument list a band corpus would give: the drums first, then common
# band programs. Some GM families have only one or two of their programs, so same-family fallback is exercised.
BAND_INSTRUMENTS = ["DRUMS", "33", "0", "29", "80", "25", "4", "30", "27", "38", "48", "81", "61", "56", "73",
                    "65", "89", "52", "19", "24"]
RANDOM_BAND_ENCODING = {"format": "mmmtrack", "version": 1, "bars": 4, "hop": 2, "stepsPerBar": 16,
                        "density": {"enabled": False, "edges": []}, "parts": [],
                        "instruments": [f"INST={i}" for i in BAND_INSTRUMENTS], "maxTracks": 8, "fill": True}
# Band pieces are long (up to 8 tracks of 4 bars): the random band model gets the seed's 2048-token context.
RANDOM_BAND_CTX = 2048


def random_encoding(choice):
    """The encoding of a random model: 'chorales' (default), 'band', or an encoding.json file."""
    if choice in (None, "chorales"):
        return dict(RANDOM_ENCODING)
    if choice == "band":
        return dict(RANDOM_BAND_ENCODING)
    with open(choice) as f:
        return {k: v for k, v in json.load(f).items() if k != "vocabHash"}


def encoding_controls(encoding):
    """The control tokens (after DENSITY) an encoding.json turns on, in vocabulary order."""
    return [k.upper() for k in ("polyphony", "duration") if (encoding.get(k) or {}).get("enabled")]


def random_tiny(args):
    base = random_encoding(args.encoding)
    if args.tokenizer:
        text = open(args.tokenizer).read()
    else:
        text = default_tokenizer_json(None if args.encoding in (None, "chorales") else base.get("parts", []),
                                      encoding_controls(base))
    tmp_tok = os.path.join(args.out, "tokenizer.json")
    os.makedirs(args.out, exist_ok=True)
    with open(tmp_tok, "w") as f:
        f.write(text)
    tokens = load_tokens(tmp_tok)
    ctx = RANDOM_BAND_CTX if args.encoding not in (None, "chorales") else PRESETS["tiny"]["n_ctx"]
    cfg = TrainConfig(**{**PRESETS["tiny"], "n_ctx": ctx, "arch": args.arch})
    torch.manual_seed(args.seed)
    model = build_model(cfg, len(tokens), tokens.index("[PAD]"), tokens.index("PIECE_START"))
    encoding = {**base, "vocabHash": vocab_hash(tokens)}
    prompt = [tokens.index(t) for t in ("PIECE_START", "TRACK_START")] + [tokens.index(base["instruments"][0])]
    return export_folder(model, tokens, text, encoding, args.out, args.name or "random-tiny", prompt,
                         extra={"random": True})


def from_checkpoint(args):
    ckpt = torch.load(args.checkpoint, map_location="cpu", weights_only=False)
    tokens = ckpt["tokens"]
    tok_path = os.path.join(args.data, "tokenizer.json")
    if vocab_hash(load_tokens(tok_path)) != vocab_hash(tokens):
        raise DataError(f"{tok_path} is not the vocabulary the checkpoint was trained on")
    with open(os.path.join(args.data, "encoding.json")) as f:
        encoding = json.load(f)
    cfg = TrainConfig(**ckpt["config"])
    model = build_model(cfg, len(tokens), tokens.index("[PAD]"), tokens.index("PIECE_START"), attn="eager")
    model.load_state_dict(ckpt["model"])
    prompt = [tokens.index(t) for t in ("PIECE_START", "TRACK_START")] + [tokens.index(encoding["instruments"][0])]
    extra = {"trained": {"step": ckpt["step"], "val_loss": ckpt.get("best_val")}}
    return export_folder(model, tokens, open(tok_path).read(), encoding, args.out, args.name or "model", prompt,
                         extra=extra)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="model folder to write")
    p.add_argument("--random-tiny", action="store_true", help="export an untrained tiny model (for tests)")
    p.add_argument("--tokenizer", help="with --random-tiny: tokenizer.json to use (default: the TS default vocabulary)")
    p.add_argument("--encoding", help="with --random-tiny: 'chorales' (default: SATB parts), 'band' (GM programs + "
                   "DRUMS, track budget 8) or an encoding.json; the vocabulary follows its parts")
    p.add_argument("--seed", type=int, default=0, help="with --random-tiny: weight seed")
    p.add_argument("--arch", default="rotary", choices=("rotary", "gpt2"), help="with --random-tiny: architecture")
    p.add_argument("--checkpoint", help="a train.py checkpoint (.pt)")
    p.add_argument("--data", help="with --checkpoint: a preprocess folder (tokenizer.json, encoding.json)")
    p.add_argument("--name", help="model name in config.json")
    p.add_argument("--copy-card", help="copy this MODEL_CARD.md into the folder")
    args = p.parse_args(argv)
    if args.random_tiny:
        doc, checks = random_tiny(args)
    elif args.checkpoint and args.data:
        doc, checks = from_checkpoint(args)
    else:
        p.error("give --random-tiny, or --checkpoint with --data")
    if args.copy_card:
        shutil.copy(args.copy_card, os.path.join(args.out, "MODEL_CARD.md"))
    print(json.dumps({"out": args.out, "files": doc["files"], "parity": checks}, indent=2))


if __name__ == "__main__":
    main()
