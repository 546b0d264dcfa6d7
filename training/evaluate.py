"""Evaluate a trained model: held-out loss and the music it writes, next to real held-out music.

    python training/evaluate.py --checkpoint runs/chorales/best.pt --model models/chorales \
        --data-root /work/data --samples 100 --out runs/chorales/eval.json [--voice-leading 4]

Notes come from the TypeScript side (`cantor generate --tokens`, `cantor decode --json --strict`):
Python never tokenizes or decodes itself. Writes JSON and prints one markdown table.
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evaluation import cantor, decode_lines, find_set, fmt, held_out_loss, load_model, markdown, reference_lines, \
    relative  # noqa: E402
from music_stats import histogram_distance, summarize  # noqa: E402

# name -> (folder under --data-root, split), first the per-split folders of the flag-by-flag preprocess,
# then the corpus-list layout (training/corpora/chorales.json: one folder per corpus).
LOSS_SETS = {"jsf_val": [("jsf-plain", "val"), ("js-fakes", "val")],
             "jsb_valid": [("jsb-valid", "val"), ("jsb", "val")],
             "jsb_test": [("jsb-test", "test"), ("jsb", "test")]}
REFERENCE = {"held-out JSF": LOSS_SETS["jsf_val"], "JSB test": LOSS_SETS["jsb_test"]}


def generated_lines(model_dir, n, seed, variant=None, temperature=1.0, voice_leading=0.0):
    """`cantor generate` pieces; voice_leading is the SATB guard's penalty, always passed because the
    CLI's default has the guard on and the plain "generated (grammar)" column is the raw model."""
    args = ["generate", "--model", model_dir, "--bars", "4", "--count", str(n), "--seed", str(seed), "--tokens",
            "--temperature", str(temperature), "--voice-leading", f"{voice_leading:g}"]
    if variant:
        args += ["--variant", variant]
    return [line for line in cantor(*args).stdout.splitlines() if line.strip()]


@torch.no_grad()
def unconstrained_lines(model, tokens, n, seed, tracks=4, max_len=512, top_p=0.95):
    """Plain ancestral sampling from PIECE_START with no grammar mask (to show what the mask adds).
    Stops a row after `tracks` TRACK_END tokens or max_len."""
    g = torch.Generator().manual_seed(seed)
    end = tokens.index("TRACK_END")
    ids = torch.full((n, 1), tokens.index("PIECE_START"))
    done_at = torch.zeros(n, dtype=torch.long)
    ends = torch.zeros(n, dtype=torch.long)
    past, step_ids = None, ids
    for step in range(max_len - 1):
        out = model(input_ids=step_ids, past_key_values=past, use_cache=True)
        past = out.past_key_values
        probs = torch.softmax(out.logits[:, -1].float(), -1)
        sorted_p, order = probs.sort(descending=True)
        keep = sorted_p.cumsum(-1) - sorted_p < top_p
        sorted_p = sorted_p * keep
        nxt = order.gather(1, torch.multinomial(sorted_p / sorted_p.sum(-1, keepdim=True), 1, generator=g))
        ids = torch.cat([ids, nxt], 1)
        ends += (nxt[:, 0] == end) & (done_at == 0)
        done_at[(ends >= tracks) & (done_at == 0)] = ids.shape[1]
        if (done_at > 0).all():
            break
        step_ids = nxt
    return [" ".join(tokens[t] for t in row[: (d or len(row))].tolist()) for row, d in zip(ids, done_at)]


def stats(decoded):
    """summarize() plus the share of pieces that decode strictly and a few of the failures."""
    errors = [d["strictError"] for d in decoded if d["strictError"]]
    return {**summarize(decoded), "strict_share": 1 - len(errors) / len(decoded), "strict_errors": sorted(set(errors))[:5]}


def table(columns, reference):
    """Markdown rows of (metric, value per column, then each generated column's relative difference to reference)."""
    ref = columns[reference]
    keys = ["notes_per_bar", "polyphony", "voice_crossing_rate", "parallel_fifths_per_bar",
            "parallel_octaves_per_bar", "pitch_class_distance", "strict_share"]
    rows = [(k, {c: s.get(k) for c, s in columns.items()}) for k in keys]
    for v in ("SOPRANO", "ALTO", "TENOR", "BASS"):
        for field in ("low", "high", "mean"):
            rows.append((f"{v.lower()}_{field}", {c: s["voices"].get(v, {}).get(field) for c, s in columns.items()}))
    gens = [c for c in columns if c.startswith("generated")]
    short = [c.replace("generated", "gen") for c in gens]
    head = ["metric"] + list(columns) + [f"{g} vs {reference}" for g in short]
    lines = []
    for k, vals in rows:
        r = ref.get(k) if k in ref else vals.get(reference)
        lines.append([k] + [fmt(x) for x in vals.values()] + [relative(vals.get(g), r) for g in gens])
    return markdown(head, lines)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", help="train.py checkpoint for the loss and Python sampling (default: --model's weights)")
    p.add_argument("--model", help="exported model folder for grammar-constrained sampling via `cantor generate`")
    p.add_argument("--variant", help="ONNX file of --model to sample with (default: the engine's CPU choice)")
    p.add_argument("--data-root", default="/work/data")
    p.add_argument("--samples", type=int, default=100, help="generated 4-bar pieces per sampler")
    p.add_argument("--python-samples", type=int, default=0, help="also sample this many without the grammar")
    p.add_argument("--reference", type=int, default=300, help="held-out pieces for the reference statistics")
    p.add_argument("--max-loss-pieces", type=int, default=0, help="cap per loss set (0 = all)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--temperature", type=float, default=1.0, help="for `cantor generate` (top-p stays 0.95)")
    p.add_argument("--voice-leading", type=float, metavar="P",
                   help="also sample with the voice-leading guard at penalty P (nats) as a column of its own")
    p.add_argument("--out", required=True, help="JSON report")
    args = p.parse_args(argv)
    if not (args.checkpoint or args.model):
        p.error("give --checkpoint, --model or both")
    t0 = time.time()
    model, tokens, n_ctx = load_model(args.checkpoint, None if args.checkpoint else args.model)
    report = {"checkpoint": args.checkpoint, "model": args.model,
              "loss": held_out_loss(model, tokens, n_ctx, args.data_root, args.max_loss_pieces, LOSS_SETS)}
    columns = {}
    for name, choices in REFERENCE.items():
        found = find_set(args.data_root, choices)
        if found:
            columns[name] = stats(decode_lines(reference_lines(*found, args.reference)))
    samplers = {}
    if args.model:
        samplers["generated (grammar)"] = lambda: generated_lines(args.model, args.samples, args.seed, args.variant,
                                                                       args.temperature)
        if args.voice_leading:
            samplers[f"generated (grammar + guard {args.voice_leading:g})"] = lambda: generated_lines(
                args.model, args.samples, args.seed, args.variant, args.temperature, args.voice_leading)
    if args.python_samples:
        samplers["generated (no grammar)"] = lambda: unconstrained_lines(model, tokens, args.python_samples, args.seed)
    for name, sample in samplers.items():
        columns[name] = stats(decode_lines(sample()))
    reference = "held-out JSF"
    for c in columns.values():
        ref_hist = columns[reference]["pitch_class_histogram"]
        c["pitch_class_distance"] = histogram_distance(c["pitch_class_histogram"], ref_hist)
    report["music"] = columns
    report["table"] = table(columns, reference)
    report["seconds"] = round(time.time() - t0, 1)
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
    for name, v in report["loss"].items():
        print(f"{name}: {v['nats_per_token']:.4f} nats/token over {v['tokens']} tokens")
    print(report["table"])


if __name__ == "__main__":
    main()
