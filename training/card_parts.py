"""What both model cards (model_card.py for named parts, band_card.py for GM models) are made of: the run's
figures read from train.log, the title, the files table, the training section, and the table of measured
figures. Every number in a card comes from config.json, train.log or the evaluation JSON: none is typed in.
"""
import os
import re
from datetime import datetime

ARCH_NAMES = {"gpt2": "GPT-2", "rotary": "GPT with rotary positions (GPT-NeoX blocks)"}


def train_figures(run_dir):
    """Steps, wall time, mean tokens/s, tokens seen, parameters and the last validation line from a train.log."""
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


def title_and_shape(cfg, what, tr=None):
    """The card's first lines: '# name: a <architecture> that <what>' and its shape."""
    arch = ARCH_NAMES.get(cfg.get("architecture", "gpt2"), cfg.get("architecture"))
    params = f"{tr['parameters_m']:.2f}M parameters, " if tr and tr.get("parameters_m") else ""
    return (f"# {cfg['name']}: a {arch} that {what}\n\n"
            f"A {cfg['n_layer']}-layer, {cfg['n_head']}-head, {cfg['n_embd']}-wide {arch} ({params}context "
            f"{cfg['n_ctx']}, vocabulary {cfg['vocab_size']})")


def files_table(cfg):
    rows = "\n".join(f"| `{f}` | {m['dtype']} | {m['bytes'] / 1e6:.1f} MB | {', '.join(m['backends'])} |"
                     for f, m in cfg["files"].items())
    return f"| file | dtype | size | backends |\n|---|---|---|---|\n{rows}"


def training_section(tr, command, hardware, notes=""):
    """## Training: command, hardware, time, tokens and the last validation line, all from train.log."""
    return f"""## Training
- Command: `{command}`
- Hardware: {hardware}.
- Time: {tr['minutes']:.0f} minutes wall clock for {tr['steps']} steps ({tr['restarts']} resumes); about
  {tr['tokens_seen'] / 1e6:.1f}M non-pad tokens seen (logged rate x interval), {tr['tokens_per_s']:.0f} tokens/s on average
  over the logged intervals.
{notes + chr(10) if notes else ''}- Last validation during training: `{tr['last_val'] or 'none logged'}`."""


def loss_rows(loss):
    """Markdown rows (set, nats/token, tokens) of an evaluation's held-out loss."""
    return "\n".join(f"| {k} | {v['nats_per_token']:.4f} | {v['tokens']} |" for k, v in loss.items())


def _get(d, *path):
    for k in path:
        if not isinstance(d, dict) or d.get(k) is None:
            return None
        d = d[k]
    return d


def measure_rows(ev, corpus="freedoom"):
    """(measure, model, real music) from evaluate_band.py's JSON; a row whose model figure is missing is left out.
    "real music" is the same figure for held-out real music (for the NLL rows there is none)."""
    m, cont, comp = ev.get("music", {}), _get(ev, "continuation", "coherence") or {}, ev.get("compose", {})
    gen, real = m.get("generated", {}), m.get("held-out (line-up windows)", {})
    rows = [(f"held-out NLL, {corpus} test (nats/token)", _get(ev, "loss", f"{corpus} test", "nats_per_token"), None),
            (f"repeated-bar NLL, {corpus} test (model alone)", _get(ev, "copying", corpus, "repeated", "nats_per_token"), None),
            (f"fresh-bar NLL, {corpus} test (model alone)", _get(ev, "copying", corpus, "fresh", "nats_per_token"), None),
            ("compose: exact-repeat share of bars 2-4", _get(comp, "generated", "exact_repeat_share"),
             _get(comp, "real", "exact_repeat_share")),
            ("compose: best Jaccard with an earlier bar", _get(comp, "generated", "best_jaccard"),
             _get(comp, "real", "best_jaccard")),
            ("continue: bar overlap with the 4 bars before the cut", _get(cont, "generated", "bar_overlap"),
             _get(cont, "real", "bar_overlap")),
            ("continue: onset-position cosine with them (groove)", _get(cont, "generated", "onset_cosine"),
             _get(cont, "real", "onset_cosine")),
            ("continue: pitch-class cosine with them", _get(cont, "generated", "pitch_class_cosine"),
             _get(cont, "real", "pitch_class_cosine")),
            ("continue: onset F1 vs the real next bars (real: repeating the last 4 bars)",
             _get(cont, "onset_f1", "model"), _get(cont, "onset_f1", "repeat_last_bars"))]
    for role, key in (("drums", "hits_per_bar"), ("drums", "kick_share"), ("drums", "snare_share"),
                      ("drums", "hat_share"), ("bass", "mean_pitch"), ("bass", "notes_per_bar"),
                      ("melody", "notes_per_bar"), ("harmony", "notes_per_bar")):
        rows.append((f"{role}: {key.replace('_', ' ')}", _get(gen, role, key), _get(real, role, key)))
    rows.append(("strict validity of composed pieces", _get(ev, "strict", "generated"), _get(ev, "strict", "held_out")))
    for source, label in (("requested", "bins asked for"), ("generated", "bins the model chose")):
        for kind, acc in (ev.get("controls", {}).get(source) or {}).items():
            for k in ("exact", "within_one"):
                rows.append((f"{kind.upper()} control accuracy, {k.replace('_', ' ')} ({label})", acc[k],
                             _get(ev, "controls", "held_out", kind, k)))
    return [r for r in rows if r[1] is not None]


def measure_table(rows):
    """Markdown "measure | model | real music | ratio" (ratio = model / real music)."""
    def cell(x):
        return "" if x is None else f"{x:.3f}"

    lines = ["| measure | model | real music | ratio |", "|---|---|---|---|"]
    for name, model, real in rows:
        ratio = f"{model / real:.0%}" if real else ""
        lines.append(f"| {name} | {cell(model)} | {cell(real)} | {ratio} |")
    return "\n".join(lines)
