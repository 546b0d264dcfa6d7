"""Write MODEL_CARD.md for a model folder from its config.json, the run's train.log and evaluate.py's JSON.

    python training/model_card.py --model models/chorales --run runs/chorales --eval runs/chorales/eval.json \
        --command "python training/train.py ..." --hardware "2 CPU cores (AMD EPYC), shared"

A GM model (models/band) gets band_card.py's card from evaluate_band.py's JSON; it also needs
--data-root (the preprocess output) and reads the data sets' licences from --datasets.
"""
import argparse
import json
import os
import re
from datetime import datetime

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DATA = """## Data
| set | used for | source | license |
|---|---|---|---|
| JS Fake Chorales (1,200 pieces, 90% by piece) | training | Omar Peracha, [JS Fake Chorales](https://github.com/omarperacha/js-fakes) | CC BY 4.0 |
| JS Fake Chorales (10% by piece) | held out: validation, statistics | same | CC BY 4.0 |
| Bach chorales, JSB train split | training | J. S. Bach (public domain), 16th-note grids from [czhuang/JSB-Chorales-dataset](https://github.com/czhuang/JSB-Chorales-dataset) | public domain |
| Bach chorales, JSB valid split | held out: validation | same | public domain |
| Bach chorales, JSB test split | evaluation only (never trained on) | same | public domain |

Voices are encoded as `SOPRANO ALTO TENOR BASS` in 4-bar windows (hop 1 bar) with the mmmtrack
encoding (docs/FORMATS.md). Training copies were transposed (-5..+6 semitones), had their track
order shuffled, and 15% carry one bar-infilling (`FILL_IN`) bar, so the model can regenerate one bar.

Attribution: "JS Fake Chorales" by Omar Peracha, licensed under CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/). This model is a derived work trained on it.
"""


def train_figures(run_dir):
    """Steps, wall time, mean tokens/s and the last validation line from a train.log."""
    lines = open(os.path.join(run_dir, "train.log")).read().splitlines()
    stamps = (re.match(r"(\d\d:\d\d:\d\d) ", line) for line in lines)
    times = [datetime.strptime(m.group(1), "%H:%M:%S") for m in stamps if m]
    spans, start = [], None
    for line, t in zip(lines, times):
        if " config " in line:  # each (re)start of the run
            if start is not None:
                spans.append((start, prev))
            start = t
        prev = t
    spans.append((start, prev))
    seconds = sum(((b - a).total_seconds() + 86400) % 86400 for a, b in spans)
    tps = [float(m.group(1)) for m in (re.search(r"tokens/s (\d+)", line) for line in lines) if m]
    # Tokens seen: each logged rate times the time since the previous log line of the same (re)start.
    seen, last = 0.0, None
    for line in lines:
        m, t = re.search(r"tokens/s (\d+)", line), re.match(r"(\d\d:\d\d:\d\d) ", line)
        t = datetime.strptime(t.group(1), "%H:%M:%S") if t else None
        if m and last is not None and t is not None:
            seen += float(m.group(1)) * (((t - last).total_seconds() + 86400) % 86400)
        last = t or last  # a (re)start's config line starts its first interval: downtime is not counted
    params = re.search(r"([\d.]+)M parameters", "\n".join(lines))
    vals = [line.split(" ", 1)[1] for line in lines if line.split(" ", 1)[-1].startswith("val ")]
    steps = [int(m.group(1)) for m in (re.search(r"step (\d+) loss", line) for line in lines) if m]
    return {"minutes": seconds / 60, "tokens_per_s": sum(tps) / len(tps) if tps else 0.0,
            "last_val": vals[-1] if vals else "", "steps": max(steps) if steps else 0, "restarts": len(spans) - 1,
            "tokens_seen": seen, "parameters_m": float(params.group(1)) if params else None}


def card(model_dir, run_dir, eval_path, command, hardware, notes=""):
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    ev = json.load(open(eval_path))
    tr = train_figures(run_dir)
    loss = "\n".join(f"| {k} | {v['nats_per_token']:.4f} | {v['tokens']} |" for k, v in ev["loss"].items())
    files = "\n".join(f"| `{f}` | {m['dtype']} | {m['bytes'] / 1e6:.1f} MB | {', '.join(m['backends'])} |"
                      for f, m in cfg["files"].items())
    return f"""# {cfg['name']}: a GPT-2 that writes four-part chorales

A {cfg['n_layer']}-layer, {cfg['n_head']}-head, {cfg['n_embd']}-wide GPT-2 (context {cfg['n_ctx']}, vocabulary
{cfg['vocab_size']}) over mmmtrack tokens. It writes 4-bar `SOPRANO ALTO TENOR BASS` pieces, continues
them, and regenerates single bars (bar infilling). Made by Cantor's `training/` pipeline.

| file | dtype | size | backends |
|---|---|---|---|
{files}

{DATA}
## Training
- Command: `{command}`
- Hardware: {hardware}. No GPU.
- Time: {tr['minutes']:.0f} minutes wall clock for {tr['steps']} steps ({tr['restarts']} resumes); the logged
  intervals averaged {tr['tokens_per_s']:.0f} non-pad tokens/s (the machine was shared, so the rate varied widely).
{notes}
- Last validation during training: `{tr['last_val']}`.
- Export: `python training/export.py --checkpoint <run>/best.pt --data <jsf data> --out {model_dir}`
  (fp32 ONNX parity with PyTorch checked: logits within 1e-4 and 64 identical greedy tokens with the KV cache).

## Evaluation (`training/evaluate.py`)
Held-out loss, nats per token (padding excluded):

| set | nats/token | tokens |
|---|---|---|
{loss}

Music statistics of sampled 4-bar pieces next to real held-out pieces (notes from `cantor decode`):

{ev['table']}

"generated (grammar)" is `cantor generate --voice-leading 0`: the model alone, through the app's
engine with the grammar mask, temperature 1, top-p 0.95. "generated (grammar + guard P)", when
present, adds the voice-leading guard at penalty P nats (the app's and CLI's default is 4): NOTE_ONs
that would make a parallel fifth/octave or a crossing against the S/A/T/B voices already written
are made e^P times less likely. "generated (no grammar)", when present, is plain sampling in
PyTorch with no mask. pitch_class_distance is the total variation distance to the held-out JS
Fakes' pitch-class histogram.

## Limits
Trained only on four-part chorales in 4/4: other styles, meters and instrument sets are outside
what it knows. The model alone imitates voice leading only statistically: it writes several times
more parallel fifths/octaves and crossings than real chorales (compare "generated (grammar)" with
the held-out columns). The guard brings them to the held-out level at sampling time; it checks
against voices already written, so the first voice written is unguarded and a note held across
another voice's move is not re-checked.
"""


def is_gm(cfg):
    """A model of GM instruments (programs and DRUMS), not of named parts (SATB)."""
    insts = [i.removeprefix("INST=") for i in cfg.get("encoding", {}).get("instruments", [])]
    return bool(insts) and all(i == "DRUMS" or i.isdigit() for i in insts)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True)
    p.add_argument("--run", required=True, help="the training run folder (train.log)")
    p.add_argument("--eval", required=True, help="evaluate.py JSON")
    p.add_argument("--command", required=True, help="the training command, as run")
    p.add_argument("--hardware", required=True)
    p.add_argument("--notes", default="", help="extra lines for the Training section (markdown)")
    p.add_argument("--data-root", help="GM models: the corpus-list preprocess output (report.json, shards)")
    p.add_argument("--datasets", default=os.path.join(REPO, "..", "shared", "datasets"),
                   help="GM models: the data sets, for their licences")
    p.add_argument("--corpora", default=os.path.join(REPO, "training", "corpora", "band.json"))
    args = p.parse_args(argv)
    if is_gm(json.load(open(os.path.join(args.model, "config.json")))):
        if not args.data_root:
            p.error("a GM model's card needs --data-root (its report.json and held-out shards)")
        from band_card import card_band
        text = card_band(args.model, train_figures(args.run), json.load(open(args.eval)), args.command, args.hardware,
                         args.data_root, args.datasets, args.corpora, args.notes)
    else:
        text = card(args.model, args.run, args.eval, args.command, args.hardware, args.notes)
    with open(os.path.join(args.model, "MODEL_CARD.md"), "w") as f:
        f.write(text)
    print(f"wrote {args.model}/MODEL_CARD.md")


if __name__ == "__main__":
    main()
