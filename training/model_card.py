"""Write MODEL_CARD.md for a model folder from its config.json, the run's train.log and evaluate.py's JSON.

    python training/model_card.py --model models/chorales --run runs/chorales --eval runs/chorales/eval.json \
        --command "python training/train.py ..." --hardware "2 CPU cores (AMD EPYC), shared"

A GM model (models/band) gets band_card.py's card from evaluate_band.py's JSON; it also needs
--data-root (the preprocess output) and reads the data sets' licences from --datasets.
"""
import argparse
import json
import os

from card_parts import files_table, loss_rows, measure_rows, measure_table, title_and_shape, train_figures, \
    training_section
from export import PARITY_TOL

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


def guard_sentence(ev):
    """How the raw model's voice leading compares with real chorales, from the evaluation's figures."""
    music = ev.get("music", {})
    gen, real = music.get("generated (grammar)"), music.get("held-out JSF")
    if not gen or not real:
        return ""
    parts = []
    for key, what in (("parallel_fifths_per_bar", "parallel fifths"), ("parallel_octaves_per_bar", "parallel octaves"),
                      ("voice_crossing_rate", "voice crossings")):
        if real.get(key):
            parts.append(f"{gen[key] / real[key]:.1f}x the {what}")
    return f" (here {', '.join(parts)} of the held-out JS Fakes)" if parts else ""


def card(model_dir, run_dir, eval_path, command, hardware, notes=""):
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    ev = json.load(open(eval_path))
    tr = train_figures(run_dir)
    return f"""{title_and_shape(cfg, "writes four-part chorales", tr)} over mmmtrack tokens. It writes
4-bar `SOPRANO ALTO TENOR BASS` pieces, continues them, and regenerates single bars (bar infilling). Made by
Cantor's `training/` pipeline.

{files_table(cfg)}

{DATA}
{training_section(tr, command, hardware, notes)}
- Export: `python training/export.py --checkpoint <run>/best.pt --data <jsf data> --out {model_dir}`
  (the export checks fp32 ONNX against PyTorch: logits within {PARITY_TOL:g} and identical greedy tokens with the
  KV cache).

## Evaluation (`training/evaluate.py`)
Held-out loss, nats per token (padding excluded):

| set | nats/token | tokens |
|---|---|---|
{loss_rows(ev["loss"])}

Music statistics of sampled 4-bar pieces next to real held-out pieces (notes from `cantor decode`):

{ev['table']}

"generated (grammar)" is `cantor generate --voice-leading 0`: the model alone, through the app's
engine with the grammar mask, temperature 1, top-p 0.95. "generated (grammar + guard P)", when
present, adds the voice-leading guard at penalty P nats: NOTE_ONs that would make a parallel
fifth/octave or a crossing against the S/A/T/B voices already written are made e^P times less likely.
"generated (no grammar)", when present, is plain sampling in PyTorch with no mask. pitch_class_distance
is the total variation distance to the held-out JS Fakes' pitch-class histogram.

## Limits
Trained only on four-part chorales in 4/4: other styles, meters and instrument sets are outside
what it knows. The model alone imitates voice leading only statistically; compare "generated (grammar)"
with the held-out columns above{guard_sentence(ev)}. The guard works at sampling time; it checks
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
    cfg = json.load(open(os.path.join(args.model, "config.json")))
    if is_gm(cfg):
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
    if is_gm(cfg):
        print(measure_table(measure_rows(json.load(open(args.eval)))))


if __name__ == "__main__":
    main()
