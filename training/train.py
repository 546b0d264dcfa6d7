"""Train GPT-2 on mmmtrack token shards.

    python training/train.py --preset=small --train_dirs=/work/data/jsf --val_dirs=/work/data/jsf --out_dir=runs/x
    torchrun --nproc_per_node=2 training/train.py --preset=tiny ...      # DDP (gloo on CPU, nccl on GPU)

Writes <out_dir>/train.log, metrics.jsonl, ckpt.pt (latest, resumable) and best.pt (best val loss).
"""
import contextlib
import json
import math
import os
import random
import sys
import time
from datetime import timedelta

import numpy as np
import torch
import torch.distributed as dist

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from config import config_to_json, make_config  # noqa: E402
from data import Batches, Pieces  # noqa: E402
from model import build_model, flops_per_token, load_weights, loss_sum, matmul_flops  # noqa: E402


def lr_at(step, cfg, minutes=None):
    """The learning rate of optimizer step `step` (0-based), as nanoGPT's get_lr: linear warmup to cfg.lr, then
    cosine down to cfg.min_lr at max_steps, or, with schedule="time", at max_minutes of wall time (`minutes`
    elapsed so far). The loop sets it on every parameter group before every step: the only place it is set."""
    if step < cfg.warmup_steps:
        return cfg.lr * (step + 1) / cfg.warmup_steps
    if cfg.schedule == "time" and minutes is not None:
        t = min(1.0, minutes / cfg.max_minutes)
    else:
        t = min(1.0, (step - cfg.warmup_steps) / max(1, cfg.max_steps - cfg.warmup_steps))
    return cfg.min_lr + 0.5 * (1 + math.cos(math.pi * t)) * (cfg.lr - cfg.min_lr)


def make_optimizer(model, cfg):
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and "wpe" not in n]
    rest = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and "wpe" not in n)]
    groups = [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": rest, "weight_decay": 0.0}]
    # fused: one kernel over all parameters (measured 15 -> 6 ms per clip+step at 4x4x256 on the CPU)
    return torch.optim.AdamW(groups, lr=cfg.lr, betas=(cfg.beta1, cfg.beta2), fused=True)


def set_lr(opt, lr):
    for group in opt.param_groups:
        group["lr"] = lr


def rng_state():
    state = {"torch": torch.get_rng_state(), "numpy": np.random.get_state(), "python": random.getstate()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state):
    torch.set_rng_state(state["torch"])
    np.random.set_state(state["numpy"])
    random.setstate(state["python"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


class Run:
    """Process group, device and logging for one (possibly distributed) run."""

    def __init__(self, cfg):
        self.ddp = "RANK" in os.environ
        if self.ddp:
            cuda = cfg.device != "cpu" and torch.cuda.is_available()
            # A bounded timeout: a peer that died must fail the run, not hang it.
            dist.init_process_group(backend="nccl" if cuda else "gloo", timeout=timedelta(minutes=10))
            self.rank, self.world = dist.get_rank(), dist.get_world_size()
            self.device = f"cuda:{int(os.environ.get('LOCAL_RANK', 0))}" if cuda else "cpu"
        else:
            self.rank, self.world = 0, 1
            use_cuda = cfg.device == "cuda" or (cfg.device == "auto" and torch.cuda.is_available())
            self.device = "cuda" if use_cuda else "cpu"
        if self.device.startswith("cuda"):
            torch.cuda.set_device(self.device)
        self.main = self.rank == 0
        os.makedirs(cfg.out_dir, exist_ok=True)
        self.log_file = open(os.path.join(cfg.out_dir, "train.log"), "a") if self.main else None
        self.metrics = open(os.path.join(cfg.out_dir, "metrics.jsonl"), "a") if self.main else None

    def log(self, msg):
        if self.main:
            line = time.strftime("%H:%M:%S ") + msg
            print(line, flush=True)
            self.log_file.write(line + "\n")
            self.log_file.flush()

    def record(self, row):
        if self.main:
            self.metrics.write(json.dumps(row) + "\n")
            self.metrics.flush()

    def mean(self, x):
        if not self.ddp:
            return x
        t = torch.tensor([x], dtype=torch.float64)
        dist.all_reduce(t)
        return float(t) / self.world

    def max(self, x):
        if not self.ddp:
            return x
        t = torch.tensor([x], dtype=torch.float64)
        dist.all_reduce(t, op=dist.ReduceOp.MAX)
        return float(t)

    def sum(self, xs):
        if not self.ddp:
            return xs
        t = torch.tensor(xs, dtype=torch.float64)
        dist.all_reduce(t)
        return t.tolist()

    def gather(self, obj):
        if not self.ddp:
            return [obj]
        out = [None] * self.world
        dist.all_gather_object(out, obj)
        return out


def evaluate_val(model, run, val_sets, cfg):
    """nats/token on a fixed slice of each val set (the same pieces every time: curves are comparable)."""
    model.eval()
    out = {}
    for name, pieces in val_sets.items():
        order = np.random.default_rng(cfg.seed).permutation(len(pieces))
        per_batch = cfg.batch_size * run.world
        n = min(len(pieces), cfg.eval_batches * per_batch)
        mine = order[:n][run.rank :: run.world]
        total, count = 0.0, 0
        for i in range(0, len(mine), cfg.batch_size):
            ids, labels = pieces.batch(mine[i : i + cfg.batch_size], cfg.n_ctx)
            s, c = loss_sum(model, ids.to(run.device), labels.to(run.device))
            total, count = total + s, count + c
        total, count = run.sum([total, count])
        out[name] = total / max(1, count)
    model.train()
    return out


def save_checkpoint(path, raw_model, opt, batches, step, cfg, tokens, best_val, rngs, tokens_seen):
    """The run's state. No learning-rate state: lr_at(step) gives it (a checkpoint of an older run may still
    hold a "scheduler" key, which resume ignores)."""
    tmp = path + ".tmp"
    torch.save({"model": raw_model.state_dict(), "optimizer": opt.state_dict(),
                "sampler": batches.state_dict(), "step": step, "config": json.loads(config_to_json(cfg)),
                "tokens": tokens, "best_val": best_val, "rng": rngs, "tokens_seen": tokens_seen}, tmp)
    os.replace(tmp, path)  # a kill during the save leaves the previous checkpoint intact


def train(cfg):
    run = Run(cfg)
    if cfg.num_threads:
        torch.set_num_threads(cfg.num_threads)
    train_set = Pieces(cfg.train_dirs, cfg.train_split)
    tokens = train_set.tokens
    val_sets = {os.path.basename(os.path.normpath(d)): Pieces([d], cfg.val_split, tokens, ("test", "train"))
                for d in cfg.val_dirs}
    torch.manual_seed(cfg.seed)
    model = build_model(cfg, len(tokens), train_set.pad_id, train_set.piece_start_id).to(run.device)
    torch.manual_seed(cfg.seed + 1000 * run.rank)  # dropout differs per process, data order does not
    opt = make_optimizer(model, cfg)
    batches = Batches(train_set, cfg, run.rank, run.world)
    step, best_val, ckpt_tokens = 0, None, 0
    ckpt_path, best_path = os.path.join(cfg.out_dir, "ckpt.pt"), os.path.join(cfg.out_dir, "best.pt")
    if cfg.init_from and not (cfg.resume and os.path.exists(ckpt_path)):
        load_weights(model, cfg.init_from, tokens)
        run.log(f"weights from {cfg.init_from}")
    if cfg.resume and os.path.exists(ckpt_path):
        ckpt = torch.load(ckpt_path, map_location=run.device, weights_only=False)
        model.load_state_dict(ckpt["model"])
        opt.load_state_dict(ckpt["optimizer"])
        batches.load_state_dict(ckpt["sampler"])
        step, best_val = ckpt["step"], ckpt["best_val"]
        ckpt_tokens = ckpt.get("tokens_seen", 0)
        rngs = ckpt["rng"]
        set_rng_state(rngs[run.rank] if run.rank < len(rngs) else rngs[0])
        run.log(f"resumed from {ckpt_path} at step {step}")
    raw = model
    if cfg.compile:
        model = torch.compile(model)
    if run.ddp:
        ids = [torch.device(run.device)] if run.device.startswith("cuda") else None
        model = torch.nn.parallel.DistributedDataParallel(model, device_ids=ids)
    amp = (torch.autocast(run.device.split(":")[0], dtype=torch.bfloat16) if cfg.precision == "bf16"
           else contextlib.nullcontext())
    n_params = sum(p.numel() for p in raw.parameters())
    fpt = flops_per_token(raw)
    peak = matmul_flops(run.device, torch.bfloat16 if cfg.precision == "bf16" else torch.float32)
    run.log(f"config {json.dumps(json.loads(config_to_json(cfg)))}")
    run.log(f"model {fpt / 1e6:.1f} MFLOP per trained token (6N + 12·L·d·T); measured matmul peak "
            f"{peak / 1e12:.2f} TFLOP/s per process on {run.device}")
    run.log(f"{n_params / 1e6:.2f}M parameters, {len(train_set)} train pieces ({train_set.token_count()} tokens), "
            f"val {', '.join(f'{k}: {len(v)} pieces' for k, v in val_sets.items())}, world {run.world}, {run.device}")
    model.train()
    t0, tokens_seen, started, first_step = time.time(), 0, time.time(), step
    tokens_total = 0  # this process's trained tokens in this invocation (ckpt_tokens holds the earlier ones)
    while step < cfg.max_steps:
        loss_acc = 0.0
        for micro in range(cfg.grad_accum):
            inputs = {k: v.to(run.device, non_blocking=True) for k, v in batches.next().items()}
            real = int((inputs["labels"][:, 1:] != -100).sum())
            tokens_seen, tokens_total = tokens_seen + real, tokens_total + real
            sync = micro == cfg.grad_accum - 1 or not run.ddp
            with (contextlib.nullcontext() if sync else model.no_sync()), amp:
                loss = model(**inputs, use_cache=False).loss / cfg.grad_accum
            loss.backward()
            loss_acc += float(loss.detach())
        if cfg.grad_clip > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        # Every process takes rank 0's clock, so they agree on the learning rate and on when to stop.
        minutes = run.max((time.time() - started) / 60) if cfg.max_minutes > 0 else 0.0
        lr = lr_at(step, cfg, minutes if cfg.schedule == "time" else None)
        set_lr(opt, lr)
        opt.step()
        opt.zero_grad(set_to_none=True)
        step += 1
        loss_mean = run.mean(loss_acc)
        run.record({"step": step, "loss": loss_mean, "lr": lr, "tokens": ckpt_tokens + run.sum([tokens_total])[0]})
        if step % cfg.log_interval == 0 or step == cfg.max_steps:
            dt = time.time() - t0
            tps = run.sum([tokens_seen])[0] / max(dt, 1e-9)
            mfu = tps * fpt / (peak * run.world)
            run.log(f"step {step} loss {loss_mean:.4f} lr {lr:.2e} tokens/s {tps:.0f} (real tokens) mfu {100 * mfu:.1f}%")
            run.record({"step": step, "tokens_per_s": tps, "mfu": mfu})
            t0, tokens_seen = time.time(), 0
        out_of_time = cfg.max_minutes > 0 and minutes > cfg.max_minutes
        out_of_time |= cfg.stop_after > 0 and step - first_step >= cfg.stop_after
        last = step == cfg.max_steps or out_of_time
        if val_sets and (step % cfg.eval_interval == 0 or last):
            val = evaluate_val(raw, run, val_sets, cfg)
            run.log("val " + " ".join(f"{k} {v:.4f}" for k, v in val.items()) + f" at step {step}")
            run.record({"step": step, "val": val, "tokens": ckpt_tokens + run.sum([tokens_total])[0]})
            first = next(iter(val.values()))
            if best_val is None or first < best_val:
                best_val = first
                rngs, seen = run.gather(rng_state()), ckpt_tokens + run.sum([tokens_total])[0]
                if run.main:
                    save_checkpoint(best_path, raw, opt, batches, step, cfg, tokens, best_val, rngs, seen)
        if step % cfg.ckpt_interval == 0 or last:
            rngs, seen = run.gather(rng_state()), ckpt_tokens + run.sum([tokens_total])[0]
            if run.main:
                save_checkpoint(ckpt_path, raw, opt, batches, step, cfg, tokens, best_val, rngs, seen)
        if out_of_time:
            run.log(f"stopping early (max_minutes / stop_after) at step {step}")
            break
    run.log(f"done at step {step}, best val {best_val}, {ckpt_tokens + run.sum([tokens_total])[0]:.0f} tokens trained")
    if run.ddp:
        dist.barrier()  # rank 0 may still be writing the checkpoint; leave together
        dist.destroy_process_group()
    return best_val


if __name__ == "__main__":
    config, preset = make_config(sys.argv[1:])
    train(config)
