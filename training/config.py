"""Training configuration: one dataclass, three presets, `--key=value` overrides.

    python training/train.py --preset=small --train_dirs=/work/data/jsf --max_steps=2000
"""
import dataclasses
import json
from dataclasses import dataclass, field
from typing import List


@dataclass
class TrainConfig:
    # --- model shape ---
    arch: str = "gpt2"  # "gpt2": learned absolute positions; "rotary": the same blocks with rotary positions (GPT-NeoX in transformers)
    n_layer: int = 6  # decoder blocks
    n_head: int = 8  # attention heads per block
    n_embd: int = 512  # embedding width; must divide by n_head
    n_ctx: int = 1024  # context length in tokens; longer pieces are cut, shorter ones padded
    dropout: float = 0.1  # residual, embedding and attention dropout
    attn: str = "sdpa"  # "sdpa" (fused attention), "flex_attention" (block masks; GPU), or "eager"
    pack: bool = True  # training rows hold whole pieces back to back (block-diagonal attention); False: one piece a row, padded
    batch_tokens: int = 0  # >0 (with pack=False): micro-batches of similar-length pieces, at most this many positions each; batch_size is then unused
    precision: str = "bf16"  # "bf16": forward and backward under bf16 autocast (weights and optimizer stay fp32); "fp32": none
    compile: bool = False  # torch.compile the model (GPU runs; a minute of compile time)

    # --- data (folders written by `cantor preprocess`) ---
    train_dirs: List[str] = field(default_factory=list)  # folders with train_*.bin + tokenizer.json
    val_dirs: List[str] = field(default_factory=list)  # folders with val_*.bin (or test_*.bin when val_split says so)
    train_split: str = "train"  # shard prefix read from train_dirs
    val_split: str = "val"  # shard prefix read from val_dirs; a folder without it falls back to "test"/"train"

    # --- optimisation ---
    batch_size: int = 16  # pieces per micro-batch per process
    grad_accum: int = 1  # micro-batches per optimizer step
    max_steps: int = 10000  # optimizer steps in the whole run
    lr: float = 6e-4  # peak learning rate
    min_lr: float = 6e-5  # learning rate at the end of the cosine
    warmup_steps: int = 200  # linear warmup from 0 to lr
    schedule: str = "steps"  # "steps": cosine over max_steps (exact resume); "time": cosine over max_minutes (a fixed-length GPU run ends at min_lr whatever its speed)
    weight_decay: float = 0.1  # AdamW decay on matrices (not on biases, norms, embeddings of position)
    beta1: float = 0.9  # AdamW beta1
    beta2: float = 0.95  # AdamW beta2
    grad_clip: float = 1.0  # max global grad norm; 0 disables clipping

    # --- bookkeeping ---
    log_interval: int = 10  # steps between log lines (loss, tokens/s, lr)
    eval_interval: int = 200  # steps between validation passes
    eval_batches: int = 20  # micro-batches per validation pass per val folder
    ckpt_interval: int = 200  # steps between checkpoints (a kill loses at most this many)
    out_dir: str = "runs/default"  # checkpoints, train.log and metrics.jsonl go here
    seed: int = 1337  # seeds weights, data order and dropout
    num_threads: int = 0  # torch CPU threads; 0 leaves torch's default
    device: str = "auto"  # "auto" (cuda if present), "cpu" or "cuda"
    max_minutes: float = 0.0  # stop (with a checkpoint) after this much wall time; 0 = no limit
    stop_after: int = 0  # leave (with a checkpoint) after this many steps in this invocation; 0 = run on
    resume: bool = True  # continue from out_dir/ckpt.pt when it exists
    init_from: str = ""  # start from these weights (a checkpoint .pt, or a model folder's fp32 model.onnx) with a fresh optimizer and schedule (warm restart)


PRESETS = {
    # A few seconds per hundred steps on one core: for tests and smoke runs.
    "tiny": dict(n_layer=2, n_head=2, n_embd=32, n_ctx=128, dropout=0.0, batch_size=4, max_steps=30,
                 lr=3e-3, min_lr=3e-4, warmup_steps=5, log_interval=5, eval_interval=10, eval_batches=2,
                 ckpt_interval=10),
    # Stage 1 of the shipped chorale model: 3800 steps in ~68 minutes on 2 shared CPU cores (1K-8K tokens/s);
    # models/chorales/MODEL_CARD.md has the warm-restart stage 2 on top.
    # Not packed: chorale windows are ~268 tokens, so two rarely fit a 512 row, while a padded batch is only
    # as wide as its longest piece. `npm run bench:train -- --data <jsf>` here: padded 7,576 real tokens/s
    # (87.5% of positions real), packed 5,626 (73.5%). Packing pays where pieces are short next to n_ctx
    # (the seed preset's 2048). The shipped chorales release was trained packed, 8 rows a batch.
    "small": dict(n_layer=4, n_head=4, n_embd=192, n_ctx=512, dropout=0.0, batch_size=16, pack=False, max_steps=3800,
                  lr=2e-3, min_lr=1e-4, warmup_steps=100, log_interval=20, eval_interval=200, eval_batches=8,
                  ckpt_interval=50, num_threads=2),
    # The band model on this machine's 2 CPU cores (models/band): context 1024 covers 97.3% of 4-bar
    # windows at 8 tracks (p50 287, p95 867 tokens; `npm run bench:windows`), and longer ones are cut.
    # Rows of similar length (batch_tokens) measured 2.4x packed rows here: attention over 1024-wide
    # packed rows costs more than the padding it saves, while most windows are ~290 tokens.
    # Rotary positions (issue 16's ablation) and no dropout: with 14-40M tokens seen the model underfits,
    # and dropout measured 1.6x slower per bf16 step here (it keeps the step from gaining from bf16).
    "band": dict(arch="rotary", n_layer=4, n_head=4, n_embd=256, n_ctx=1024, dropout=0.0, pack=False, batch_tokens=8192,
                 max_steps=100000, schedule="time", max_minutes=100, lr=2e-3, min_lr=1e-4, warmup_steps=100,
                 log_interval=20, eval_interval=200, eval_batches=8, ckpt_interval=50, num_threads=2),
    # The seed's shape: 6 blocks, 8 heads, 512 wide, context 1024. For a GPU.
    "base": dict(n_layer=6, n_head=8, n_embd=512, n_ctx=1024, dropout=0.1, batch_size=32, max_steps=20000,
                 lr=6e-4, min_lr=6e-5, warmup_steps=500),
    # The seed shape at its full context, for one H200 in ~8 minutes (training/gpu/run.sh): 64K tokens a step,
    # bf16, compiled, SDPA over the packed rows' block-diagonal mask (flex_attention is an option).
    "seed": dict(n_layer=6, n_head=8, n_embd=512, n_ctx=2048, dropout=0.1, batch_size=32, max_steps=100000,
                 schedule="time", max_minutes=6.5,
                 lr=1e-3, min_lr=5e-5, warmup_steps=200, log_interval=50, eval_interval=500, eval_batches=16,
                 ckpt_interval=500, attn="sdpa", compile=True),
}


class ConfigError(ValueError):
    pass


def _coerce(name, text, typ):
    """Parse an override value into the field's type, or raise ConfigError naming the field."""
    try:
        if typ is bool:
            if text.lower() in ("1", "true", "yes"):
                return True
            if text.lower() in ("0", "false", "no"):
                return False
            raise ValueError(text)
        if typ is int:
            return int(text)
        if typ is float:
            return float(text)
        if typ is str:
            return text
        if typ == List[str]:
            return [s for s in text.split(",") if s]
    except ValueError:
        pass
    raise ConfigError(f"--{name}={text}: expected {getattr(typ, '__name__', str(typ))}")


def make_config(args):
    """Build a TrainConfig from `--preset=NAME` and `--key=value` arguments (later ones win)."""
    preset = "small"
    overrides = {}
    fields = {f.name: f.type for f in dataclasses.fields(TrainConfig)}
    for arg in args:
        if not arg.startswith("--") or "=" not in arg:
            raise ConfigError(f"bad argument {arg!r}: use --key=value")
        key, text = arg[2:].split("=", 1)
        if key == "preset":
            if text not in PRESETS:
                raise ConfigError(f"unknown preset {text!r}; choose one of {', '.join(PRESETS)}")
            preset = text
            continue
        if key not in fields:
            raise ConfigError(f"unknown config key {key!r}")
        overrides[key] = _coerce(key, text, fields[key])
    cfg = TrainConfig(**{**PRESETS[preset], **overrides})
    if cfg.n_embd % cfg.n_head:
        raise ConfigError(f"n_embd={cfg.n_embd} does not divide by n_head={cfg.n_head}")
    if cfg.schedule not in ("steps", "time") or (cfg.schedule == "time" and not cfg.max_minutes > 0):
        raise ConfigError("schedule must be steps, or time with max_minutes > 0")
    if cfg.batch_tokens > 0 and cfg.pack:
        raise ConfigError("batch_tokens makes batches of whole padded rows: use it with --pack=false")
    if cfg.precision not in ("bf16", "fp32"):
        raise ConfigError(f"precision must be bf16 or fp32, not {cfg.precision!r}")
    if cfg.arch not in ("gpt2", "rotary"):
        raise ConfigError(f"arch must be gpt2 or rotary, not {cfg.arch!r}")
    if cfg.attn not in ("sdpa", "eager", "flex_attention"):
        raise ConfigError(f"attn must be sdpa, flex_attention or eager, not {cfg.attn!r}")
    return cfg, preset


def config_to_json(cfg):
    return json.dumps(dataclasses.asdict(cfg), indent=2)
