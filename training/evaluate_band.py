"""Evaluate a GM (multi-instrument) model such as models/band, each generated figure beside the same figure for
real held-out music: held-out loss per corpus, copying (NLL on repeated against fresh bars), strict validity,
repetition within composed pieces, continuations of real songs cut mid-song, per-role statistics and control
accuracy.

    python training/evaluate_band.py --model models/band --data-root /work/data/band2 \
        --out /work/runs/eval.json [--checkpoint run/best.pt] [--samples 60] [--songs 3]

The loss and the copy measure run the model alone, teacher-forced, on held-out windows: from --checkpoint, or
without it from the model folder's model.onnx (either architecture). A model whose vocabulary is a prefix of the
data's (models/band: 421 tokens, on data with POLYPHONY/DURATION at 421-430) reads the windows with the header
tokens it does not know dropped (evaluation.readable_ids). Generated pieces take their instrument line-ups from
held-out windows (one window a piece, corpora in turn), so each role is compared like for like. Continuations run
`cantor generate --prompt` as the app's Continue does (track budget, register guard), once after the whole song
and once cut mid-song, where the song's own next 4 bars are the reference. Notes always come from the TypeScript
side (`cantor generate`, `cantor decode --json --strict`). Writes JSON and prints markdown tables and the time.
"""
import argparse
import json
import os
import resource
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from band_stats import continuation_stats, continued_tracks_of_model, pitch_class_distances, role_stats  # noqa: E402
from band_tables import SPLITS, continuation_table, loss_table, role_table  # noqa: E402
from card_parts import measure_rows, measure_table  # noqa: E402
from coherence import continuation_coherence, window_repetition  # noqa: E402
from control_stats import control_accuracy, control_bins, control_table, requested_lineups  # noqa: E402
from copying import copy_nll  # noqa: E402
from evaluation import REPO, cantor, decode_lines, held_out_loss, load_model, reference_lines  # noqa: E402


def corpora_of(corpus_list, data_root):
    """Corpus names of the corpus list that have a folder under data_root, in the list's order."""
    names = [c["name"] for c in json.load(open(corpus_list))["corpora"]]
    return [n for n in names if os.path.isdir(os.path.join(data_root, n))]


def strict_share(decoded):
    return sum(not d["strictError"] for d in decoded) / len(decoded) if decoded else None


def lineups_of(windows_by_corpus, n, per_lineup=1, known=None):
    """n instrument line-ups, each window's `per_lineup` times in a row (the CLI samples a run as one batch),
    and the window of each (so the real side weighs each window as often): corpora in turn, windows in order.
    With `known` (the instruments the model was trained on, which the CLI composes for), only windows of those."""
    fits = lambda w: w["tracks"] and (known is None or all(t["inst"] in known for t in w["tracks"]))  # noqa: E731
    pools = [p for p in ([w for w in ws if fits(w)] for ws in windows_by_corpus.values()) if p]
    picked = []
    for i in range(-(-n // per_lineup) if pools else 0):
        pool = pools[i % len(pools)]
        picked.append(pool[(i // len(pools)) % len(pool)])
    windows = [w for w in picked for _ in range(per_lineup)][:n]
    return [[t["inst"] for t in w["tracks"]] for w in windows], windows


def generate_lineups(model_dir, lineups, seed, temperature):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "lineups.txt")
        with open(path, "w") as f:
            f.write("\n".join(",".join(u) for u in lineups) + "\n")
        res = cantor("generate", "--model", model_dir, "--bars", "4", "--lineups", path, "--seed", str(seed),
                     "--tokens", "--temperature", str(temperature), "--voice-leading", "0")
    return [line for line in res.stdout.splitlines() if line.strip()]


def continue_song(model_dir, path, seed, temperature, cut_bars=None):
    """(report, token line) of one `cantor generate --prompt` continuation by 4 bars."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.json")
        args = ["generate", "--model", model_dir, "--prompt", path, "--bars", "4", "--seed", str(seed),
                "--temperature", str(temperature), "--json", out, "--tokens"]
        if cut_bars:
            args += ["--prompt-bars", str(cut_bars)]
        res = cantor(*args)
        return json.load(open(out))[0], res.stdout.strip().splitlines()[0]


def mid_song_bar(report, bars=4):
    """The bar to cut a song at, from its whole-song continuation report: half its 4/4 bars, or None when the
    song is too short to have `bars` bars before the cut and after it."""
    song_bars = int(report["from"] // (4 * report["ppq"]))
    return song_bars // 2 if song_bars >= 2 * bars else None


def held_out_songs(data_root, datasets, corpus_list, corpus="freedoom"):
    """Paths of the corpus's test-split files (report.json), in report order."""
    rel = next(c["path"] for c in json.load(open(corpus_list))["corpora"] if c["name"] == corpus)
    entries = json.load(open(os.path.join(data_root, "report.json")))["entries"]
    return [os.path.join(datasets, rel, e["path"].split("/", 1)[1]) for e in entries
            if e.get("split") == "test" and e["path"].startswith(corpus + "/")]


def cpu_seconds():
    """CPU time of this process and of its finished children (the `cantor` CLI runs)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", help="train.py checkpoint for the loss and copy measure (default: --model's weights)")
    p.add_argument("--model", required=True, help="exported model folder, sampled with `cantor generate`")
    p.add_argument("--data-root", required=True, help="the corpus-list preprocess output (one folder a corpus)")
    p.add_argument("--datasets", default=os.path.join(REPO, "..", "shared", "datasets"), help="the MIDI data sets")
    p.add_argument("--corpora", default=os.path.join(REPO, "training", "corpora", "band.json"))
    p.add_argument("--samples", type=int, default=60, help="generated 4-bar pieces (line-ups from held-out windows)")
    p.add_argument("--per-lineup", type=int, default=4, help="pieces per line-up, sampled as one batch")
    p.add_argument("--reference", type=int, default=100, help="held-out test windows per corpus for the statistics")
    p.add_argument("--max-loss-pieces", type=int, default=48, help="windows per corpus and split for the loss (0 = all)")
    p.add_argument("--control-samples", type=int, default=0,
                   help="also compose this many pieces whose tracks ask for given control bins, cycling through them "
                        "(needs `cantor generate` to take INST:density=N:poly=N:dur=N line-ups)")
    p.add_argument("--songs", type=int, default=0, help="held-out Freedoom songs to continue (0 = all)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--temperature", type=float, default=1.0)
    p.add_argument("--out", required=True, help="JSON report")
    args = p.parse_args(argv)
    t0, cpu0, seconds = time.time(), cpu_seconds(), {}
    model, tokens, n_ctx = load_model(args.checkpoint, None if args.checkpoint else args.model)
    corpora = corpora_of(args.corpora, args.data_root)
    sets, kept = {f"{c} {s}": [(c, s)] for c in corpora for s in SPLITS}, {}
    report = {"checkpoint": args.checkpoint, "model": args.model, "corpora": corpora,
              "loss": held_out_loss(model, tokens, n_ctx, args.data_root, args.max_loss_pieces, sets, kept)}
    report["copying"] = {c: copy_nll([[tokens[i] for i in w] for w in kept[f"{c} test"][0]], kept[f"{c} test"][1])
                         for c in corpora if f"{c} test" in kept}
    seconds["loss"] = time.time() - t0

    t = time.time()
    data_header = ("--encoding", os.path.join(args.data_root, "encoding.json"))
    real = {c: decode_lines(reference_lines(os.path.join(args.data_root, c), "test", args.reference, args.seed),
                            *data_header) for c in corpora}
    model_config = json.load(open(os.path.join(args.model, "config.json")))
    known = {i.removeprefix("INST=") for i in model_config["instruments"]}
    lineups, lineup_windows = lineups_of(real, args.samples, args.per_lineup, known)
    generated = decode_lines(generate_lineups(args.model, lineups, args.seed, args.temperature), "--model", args.model)
    columns = {"held-out (all)": role_stats([w for ws in real.values() for w in ws]),
               "held-out (line-up windows)": role_stats(lineup_windows), "generated": role_stats(generated)}
    for c in columns.values():
        for role, d in pitch_class_distances(c, columns["held-out (line-up windows)"]).items():
            c[role]["pitch_class_distance"] = d
    report["music"] = columns
    report["per_corpus"] = {c: role_stats(ws) for c, ws in real.items()}
    report["compose"] = {"generated": window_repetition(generated), "real": window_repetition(lineup_windows)}
    report["controls"] = {"generated": control_accuracy(generated),
                          "held_out": control_accuracy([w for ws in real.values() for w in ws])}
    if args.control_samples:
        asked = requested_lineups(lineups_of(real, args.control_samples, args.per_lineup, known)[0],
                                  control_bins(model_config))
        lines = generate_lineups(args.model, asked, args.seed + 1000, args.temperature)
        report["controls"]["requested"] = control_accuracy(decode_lines(lines, "--model", args.model))
    seconds["compose"] = time.time() - t

    t = time.time()
    songs = held_out_songs(args.data_root, args.datasets, args.corpora)
    songs = songs[: args.songs] if args.songs else songs
    whole = [continue_song(args.model, s, args.seed, args.temperature) for s in songs]
    cuts = [(s, mid_song_bar(r)) for s, (r, _) in zip(songs, whole)]
    cut = [continue_song(args.model, s, args.seed, args.temperature, bar) for s, bar in cuts if bar]
    seconds["continue"] = time.time() - t
    cont = {"songs": [os.path.basename(s) for s in songs], "cut_bars": [bar for _, bar in cuts],
            "whole": continuation_stats([r for r, _ in whole]),
            "model_tracks_continued_share": continued_tracks_of_model([r for r, _ in whole])}
    if cut:
        cont["cut"] = continuation_stats([r for r, _ in cut])
        cont["coherence"] = continuation_coherence([r for r, _ in cut])
    report["continuation"] = cont

    continued = decode_lines([line for _, line in whole + cut])
    report["strict"] = {"generated": strict_share(generated), "generated_pieces": len(generated),
                        "continuations": strict_share(continued), "continuation_pieces": len(continued),
                        "held_out": strict_share([w for ws in real.values() for w in ws]),
                        "errors": sorted({d["strictError"] for d in generated + continued if d["strictError"]})[:5]}
    report["tables"] = {"loss": loss_table(report["loss"], corpora),
                        "roles": role_table(columns, "held-out (line-up windows)"),
                        "continuation": continuation_table(cont),
                        "controls": control_table(report["controls"]["generated"]),
                        "measures": measure_table(measure_rows(report))}
    if "requested" in report["controls"]:
        report["tables"]["controls_requested"] = control_table(report["controls"]["requested"])
    report["seconds"] = {k: round(v, 1) for k, v in {**seconds, "total": time.time() - t0}.items()}
    report["cpu_seconds"] = round(cpu_seconds() - cpu0, 1)
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
    s = report["strict"]
    print(f"## Held-out loss\n{report['tables']['loss']}\n")
    print(f"## Strict validity\ngenerated {s['generated']:.1%} of {s['generated_pieces']}, continuations "
          f"{s['continuations']:.1%} of {s['continuation_pieces']}, held-out windows {s['held_out']:.1%}\n")
    print(f"## Per role\n{report['tables']['roles']}\n")
    print(f"## Continuing held-out Freedoom songs by 4 bars\n{report['tables']['continuation']}\n")
    print(f"## Control accuracy: composed pieces, bins the model chose (the controls it has)\n"
          f"{report['tables']['controls']}\n")
    if "requested" in report["controls"]:
        print(f"## Control accuracy: bins asked for\n{report['tables']['controls_requested']}\n")
    print(f"## Coherence: the model beside real music\n{report['tables']['measures']}\n")
    print(f"evaluate_band took {report['seconds']['total'] / 60:.1f} minutes wall, {report['cpu_seconds'] / 60:.1f} "
          f"CPU minutes (this process and the cantor CLI runs); seconds: {report['seconds']}")


if __name__ == "__main__":
    main()
