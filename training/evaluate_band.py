"""Evaluate a GM (multi-instrument) model such as models/band: held-out loss per corpus, strict validity,
music statistics per instrument role next to held-out real windows, and continuations of real songs.

    python training/evaluate_band.py --checkpoint /work/runs/band/best.pt --model models/band \
        --data-root /work/data/band --out /work/runs/band/eval.json [--samples 60]

Generated pieces take their instrument line-ups from held-out windows (one window a piece, corpora in turn),
so each role is compared like for like. Continuations run `cantor generate --prompt` as the app's Continue
does (track budget, register guard) on every held-out Freedoom song, and on the first --cut-songs of them
cut after --cut-bars bars, where the song's own next bars are the reference. Notes always come from the
TypeScript side (`cantor generate`, `cantor decode --json --strict`). Writes JSON and prints markdown tables.

Cost with the defaults (measured on the step-50 band export, 2 shared cores): 274 CPU seconds, of which the
loss ~25%, 60 composed pieces ~55%, 15 continuations ~20%; 26.8 minutes wall while the job got 17% of a core
(load 5-8, nice 19). A trained model writes fewer notes than the untrained one, so composing gets cheaper.
"""
import argparse
import json
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from band_stats import ROLES, continuation_stats, continued_tracks_of_model, pitch_class_distances, role_stats  # noqa: E402
from evaluate import REPO, cantor, decode_lines, held_out_loss, load_checkpoint, reference_lines  # noqa: E402

SPLITS = ("test", "val")


def corpora_of(corpus_list, data_root):
    """Corpus names of the corpus list that have a folder under data_root, in the list's order."""
    names = [c["name"] for c in json.load(open(corpus_list))["corpora"]]
    return [n for n in names if os.path.isdir(os.path.join(data_root, n))]


def strict_share(decoded):
    return sum(not d["strictError"] for d in decoded) / len(decoded) if decoded else None


def lineups_of(windows_by_corpus, n, per_lineup=1):
    """n instrument line-ups, each window's `per_lineup` times in a row (the CLI samples a run as one batch),
    and the window of each (so the real side weighs each window as often): corpora in turn, windows in order."""
    pools = [p for p in ([w for w in ws if w["tracks"]] for ws in windows_by_corpus.values()) if p]
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


def held_out_songs(data_root, datasets, corpus_list, corpus="freedoom"):
    """Paths of the corpus's test-split files (report.json), in report order."""
    rel = next(c["path"] for c in json.load(open(corpus_list))["corpora"] if c["name"] == corpus)
    entries = json.load(open(os.path.join(data_root, "report.json")))["entries"]
    return [os.path.join(datasets, rel, e["path"].split("/", 1)[1]) for e in entries
            if e.get("split") == "test" and e["path"].startswith(corpus + "/")]


def fmt(x):
    return "" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def role_table(columns, reference):
    """Markdown: one row per (role, metric), one column per set, then each other set relative to `reference`."""
    metrics = {"drums": ["tracks", "hits_per_bar", "polyphony", "kick_share", "snare_share", "hat_share"]}
    for role in ROLES[1:]:
        metrics[role] = ["tracks", "notes_per_bar", "polyphony", "mean_pitch", "pitch_class_distance"]
    others = [c for c in columns if c != reference]
    head = list(columns) + [f"{c} vs {reference}" for c in others]
    lines = ["| role | metric | " + " | ".join(head) + " |", "|---" * (len(head) + 2) + "|"]
    for role, keys in metrics.items():
        for k in keys:
            vals = [columns[c][role].get(k) for c in columns]
            r = columns[reference][role].get(k)
            rel = [f"{100 * (columns[c][role][k] - r) / r:+.1f}%"
                   if k not in ("tracks", "pitch_class_distance") and r and columns[c][role].get(k) is not None
                   else "" for c in others]
            lines.append(f"| {role} | {k} | " + " | ".join([fmt(v) for v in vals] + rel) + " |")
    return "\n".join(lines)


def loss_table(loss, corpora):
    lines = ["| corpus | " + " | ".join(f"{s} nats/token | {s} tokens" for s in SPLITS) + " |",
             "|---" * (1 + 2 * len(SPLITS)) + "|"]
    for c in corpora:
        cells = []
        for s in SPLITS:
            v = loss.get(f"{c} {s}")
            cells += [f"{v['nats_per_token']:.4f}", str(v["tokens"])] if v else ["", ""]
        lines.append(f"| {c} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def continuation_table(cont):
    cols = {"whole songs: model": cont["whole"]["generated"]}
    if "cut" in cont:
        cols[f"cut at bar {cont['cut_bars']}: model"] = cont["cut"]["generated"]
        cols[f"cut at bar {cont['cut_bars']}: the song's real next bars"] = cont["cut"]["real"]
    keys = ["songs", "tracks", "tracks_continued_share", "pitched_tracks_measured", "within_register_share",
            "density_ratio_median", "drums_continued"]
    lines = ["| metric | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    lines += [f"| {k} | " + " | ".join(fmt(c.get(k)) for c in cols.values()) + " |" for k in keys]
    return "\n".join(lines)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", required=True, help="train.py checkpoint for the held-out loss")
    p.add_argument("--model", required=True, help="exported model folder, sampled with `cantor generate`")
    p.add_argument("--data-root", required=True, help="the corpus-list preprocess output (one folder a corpus)")
    p.add_argument("--datasets", default=os.path.join(REPO, "..", "shared", "datasets"), help="the MIDI data sets")
    p.add_argument("--corpora", default=os.path.join(REPO, "training", "corpora", "band.json"))
    p.add_argument("--samples", type=int, default=60, help="generated 4-bar pieces (line-ups from held-out windows)")
    p.add_argument("--per-lineup", type=int, default=4, help="pieces per line-up, sampled as one batch")
    p.add_argument("--reference", type=int, default=100, help="held-out test windows per corpus for the statistics")
    p.add_argument("--max-loss-pieces", type=int, default=48, help="windows per corpus and split for the loss (0 = all)")
    p.add_argument("--songs", type=int, default=0, help="held-out Freedoom songs to continue (0 = all)")
    p.add_argument("--cut-songs", type=int, default=4, help="of those, how many also continue after --cut-bars")
    p.add_argument("--cut-bars", type=int, default=32)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--temperature", type=float, default=1.0)
    p.add_argument("--out", required=True, help="JSON report")
    args = p.parse_args(argv)
    t0, seconds = time.time(), {}
    model, tokens, cfg = load_checkpoint(args.checkpoint)
    corpora = corpora_of(args.corpora, args.data_root)
    sets = {f"{c} {s}": [(c, s)] for c in corpora for s in SPLITS}
    report = {"checkpoint": args.checkpoint, "model": args.model, "corpora": corpora,
              "loss": held_out_loss(model, cfg, tokens, args.data_root, args.max_loss_pieces, sets=sets)}
    seconds["loss"] = time.time() - t0

    t = time.time()
    real = {c: decode_lines(reference_lines(tokens, os.path.join(args.data_root, c), "test", args.reference, args.seed))
            for c in corpora}
    lineups, lineup_windows = lineups_of(real, args.samples, args.per_lineup)
    generated = decode_lines(generate_lineups(args.model, lineups, args.seed, args.temperature))
    seconds["compose"] = time.time() - t
    columns = {"held-out (all)": role_stats([w for ws in real.values() for w in ws]),
               "held-out (line-up windows)": role_stats(lineup_windows), "generated": role_stats(generated)}
    for c in columns.values():
        for role, d in pitch_class_distances(c, columns["held-out (line-up windows)"]).items():
            c[role]["pitch_class_distance"] = d
    report["music"] = columns
    report["per_corpus"] = {c: role_stats(ws) for c, ws in real.items()}

    t = time.time()
    songs = held_out_songs(args.data_root, args.datasets, args.corpora)
    songs = songs[: args.songs] if args.songs else songs
    whole = [continue_song(args.model, s, args.seed, args.temperature) for s in songs]
    cut = [continue_song(args.model, s, args.seed, args.temperature, args.cut_bars) for s in songs[: args.cut_songs]]
    seconds["continue"] = time.time() - t
    cont = {"songs": [os.path.basename(s) for s in songs], "cut_bars": args.cut_bars,
            "whole": continuation_stats([r for r, _ in whole]),
            "model_tracks_continued_share": continued_tracks_of_model([r for r, _ in whole])}
    if cut:
        cont["cut"] = continuation_stats([r for r, _ in cut])
    report["continuation"] = cont

    continued = decode_lines([line for _, line in whole + cut])
    report["strict"] = {"generated": strict_share(generated), "generated_pieces": len(generated),
                        "continuations": strict_share(continued), "continuation_pieces": len(continued),
                        "held_out": strict_share([w for ws in real.values() for w in ws]),
                        "errors": sorted({d["strictError"] for d in generated + continued if d["strictError"]})[:5]}
    report["tables"] = {"loss": loss_table(report["loss"], corpora),
                        "roles": role_table(columns, "held-out (line-up windows)"),
                        "continuation": continuation_table(cont)}
    report["seconds"] = {k: round(v, 1) for k, v in {**seconds, "total": time.time() - t0}.items()}
    with open(args.out, "w") as f:
        json.dump(report, f, indent=2)
    s = report["strict"]
    print(f"## Held-out loss\n{report['tables']['loss']}\n")
    print(f"## Strict validity\ngenerated {s['generated']:.1%} of {s['generated_pieces']}, continuations "
          f"{s['continuations']:.1%} of {s['continuation_pieces']}, held-out windows {s['held_out']:.1%}\n")
    print(f"## Per role\n{report['tables']['roles']}\n")
    print(f"## Continuing held-out Freedoom songs by 4 bars\n{report['tables']['continuation']}\n")
    print(f"seconds: {report['seconds']}")


if __name__ == "__main__":
    main()
