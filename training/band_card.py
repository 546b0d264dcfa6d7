"""The model card of a GM (multi-instrument) model such as models/band, from its config.json, the run's
train.log, evaluate_band.py's JSON, the preprocess report.json, the corpus list and the data sets' licences.
model_card.py calls it for every model whose instruments are GM programs.
"""
import json
import os

import numpy as np

from band_licenses import license_section
from card_parts import files_table, measure_rows, measure_table, title_and_shape, training_section
from data import Pieces, load_tokens

WINDOW_SPLITS = ("val", "test")  # plain held-out windows: every window once, no augmented copies


def window_lengths(data_root, corpora, n_ctx):
    """Token-length percentiles of the held-out 4-bar windows and the share that fits n_ctx."""
    tokens = load_tokens(os.path.join(data_root, corpora[0], "tokenizer.json"))
    lengths = np.concatenate([np.diff(Pieces([os.path.join(data_root, c)], s, tokens).spans[:, 1:], axis=1)[:, 0]
                              for c in corpora for s in WINDOW_SPLITS])
    p50, p95, p99 = np.percentile(lengths, [50, 95, 99])
    return {"windows": int(lengths.size), "p50": int(p50), "p95": int(p95), "p99": int(p99),
            "within_ctx": float((lengths <= n_ctx).mean())}


def data_table(report, corpus_list):
    """Markdown rows per corpus: pieces per split, train windows and tokens, weight, transposition, copies."""
    hop = corpus_list["encoding"].get("hop", 1)
    lines = ["| corpus | pieces train / val / test | train windows (with copies) | train tokens | weight | transpose | copies | track shuffle | hop (bars) | split |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for c in corpus_list["corpora"]:
        r = report["corpora"].get(c["name"])
        if not r:
            continue
        pieces = " / ".join(str(r["pieces"].get(s, 0)) for s in ("train", "val", "test"))
        split = "official (info.csv)" if isinstance(c.get("split"), dict) else \
            "/".join(f"{x:g}" for x in c.get("split", [0.9, 0.05, 0.05])) + " by piece"
        lines.append(f"| {c['name']} | {pieces} | {r['samples']['train']:,} | {r['tokens']['train']:,} | "
                     f"{c.get('weight', 1):g} | {c.get('transpose', 'none')} | {c.get('copies', 1)} | "
                     f"{'yes' if c.get('shuffleTracks') else 'no'} | {c.get('hop', hop)} | {split} |")
    return "\n".join(lines)


def card_band(model_dir, tr, ev, command, hardware, data_root, datasets, corpus_list_path, notes=""):
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    report = json.load(open(os.path.join(data_root, "report.json")))
    corpus_list = json.load(open(corpus_list_path))
    names = [c["name"] for c in corpus_list["corpora"] if c["name"] in report["corpora"]]
    enc = corpus_list["encoding"]
    win = window_lengths(data_root, names, cfg["n_ctx"])
    budget = sum(r["trackBudget"]["windowsOverBudget"] for r in report["corpora"].values() if "trackBudget" in r)
    st, sec = ev["strict"], ev["seconds"]
    controls = [k.upper() for k in ev.get("controls", {}).get("generated", {})]
    return f"""{title_and_shape(cfg, "writes and continues band music", tr)} over mmmtrack tokens with General MIDI
instruments: programs 0-127 and `DRUMS` ({len(cfg['encoding']['instruments'])} of them seen in training, listed in
`config.json`). It writes 4-bar pieces for the instruments you pick, continues uploaded songs track by track (up to
{enc['maxTracks']} tracks), and regenerates single bars. Made by Cantor's `training/` pipeline.

{files_table(cfg)}

## Data
`cantor preprocess --corpora {os.path.relpath(corpus_list_path)}` ({report['encoded']:,} of {report['files']:,} files
encoded; {report['skipped']} skipped: {', '.join(f'{k} {v}' for k, v in report['skippedBy'].items())}).
Held-out splits are by piece and plain (every window once, no augmentation); Freedoom's held-out songs are whole songs.

{data_table(report, corpus_list)}

- Windows: {enc['bars']} bars, hopping as the table says; {enc.get('fill', 0):.0%} of training
  windows carry one bar-infilling (`FILL_IN`) bar. Transposition is never applied to drums.
- Track budget K = {enc['maxTracks']}: a window keeps at most {enc['maxTracks']} tracks, chosen by role (drums, bass,
  melody or lead, then the busiest); {budget:,} windows were over it.
- Context {cfg['n_ctx']}: the held-out 4-bar windows at K = {enc['maxTracks']} ({win['windows']:,} of them) are
  p50 {win['p50']}, p95 {win['p95']}, p99 {win['p99']} tokens; {win['within_ctx']:.1%} fit in {cfg['n_ctx']}.
  Longer windows are cut at the context.

{license_section(names, datasets)}
{training_section(tr, command, hardware, notes)}

## Evaluation (`training/evaluate_band.py`, {sec['total'] / 60:.1f} minutes)
Each figure of the model beside the same figure for real held-out music ("ratio" is model / real music):

{measure_table(measure_rows(ev))}

- NLL: the model alone, teacher-forced, on held-out windows. A repeated bar exactly repeats an earlier bar of its
  track in the window; a fresh bar does not (rests count as neither).
- Compose: `cantor generate --lineups` (temperature 1, top-p 0.95), each piece with the instruments of one held-out
  test window, corpora in turn, against those same windows. Bars with notes only.
- Continue: the held-out Freedoom songs, each cut mid-song and continued by 4 bars with `cantor generate --prompt
  song.mid --prompt-bars N --bars 4` (the app's Continue), per track against the 4 bars before the cut; the song's
  own next 4 bars are the real music. Onset F1 matches (bar, pitch, onset) notes with the real next bars; its "real
  music" column repeats the last 4 bars instead.
- Controls ({', '.join(controls) or 'none'}: the header controls this model has): for each bin a composed track's
  header asks for, the share of tracks whose notes realise it, as MIDI-GPT reports it; real music is the held-out
  windows' headers against their own notes.

Held-out loss per corpus, nats per token (padding excluded; up to the `--max-loss-pieces` windows per split):

{ev['tables']['loss']}

Strict validity under the grammar (`cantor decode --strict`): {st['generated']:.1%} of {st['generated_pieces']} generated
pieces, {st['continuations']:.1%} of {st['continuation_pieces']} continuations, {st['held_out']:.1%} of the held-out windows.

Music statistics per instrument role (roles as the app assigns them: `src/music/trackBudget.ts`). Notes per bar
and polyphony are per track; pitch_class_distance is the total variation distance to the line-up windows'
duration-weighted pitch classes; kick/snare/hat are shares of all drum hits (GM 35-36, 37/38/40, 42/44/46).

{ev['tables']['roles']}

Continuing the held-out Freedoom songs by 4 bars (track budget, register guard, each track's median velocity),
after the whole song and cut mid-song. A track counts when it sounds in the prompt's last 4 bars;
within_register_share: new notes' mean pitch within the register guard's semitones of those bars' mean;
density_ratio_median: new notes per bar over the last 4 bars' notes per bar.

{ev['tables']['continuation']}

## Limits
- 4/4 only: files or sections in other meters are skipped in training, and the app continues in 4/4.
- At most {enc['maxTracks']} tracks a window; a song with more has its quieter harmony tracks dropped (the app says which).
- Small data: {report['corpora'].get('freedoom', {}).get('pieces', {}).get('train', '?')} real band songs (Freedoom)
  carry the full-band sound; MMA grooves are synthetic accompaniment without melody, POP909 is piano only, Nottingham
  folk melody and chords, JS Fakes chorales, Groove MIDI drums only. Styles outside these are outside what it knows.
- The register guard, not the model alone, keeps continued tracks in their register; the model's own density,
  drum balance and repetition are in the tables above.
"""
