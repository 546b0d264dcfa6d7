"""The network: Hugging Face GPT-2, built from a TrainConfig and a vocabulary."""
import glob
import os
import time

import torch
import torch.nn.functional as F
from transformers import GPT2Config, GPT2LMHeadModel


def gpt2_config(cfg, vocab_size, pad_id, piece_start_id, attn=None):
    return GPT2Config(
        vocab_size=vocab_size,
        n_positions=cfg.n_ctx,
        n_embd=cfg.n_embd,
        n_layer=cfg.n_layer,
        n_head=cfg.n_head,
        resid_pdrop=cfg.dropout,
        embd_pdrop=cfg.dropout,
        attn_pdrop=cfg.dropout,
        bos_token_id=piece_start_id,
        eos_token_id=piece_start_id,
        pad_token_id=pad_id,
        attn_implementation=attn or cfg.attn,
    )


def build_model(cfg, vocab_size, pad_id, piece_start_id, attn=None):
    return GPT2LMHeadModel(gpt2_config(cfg, vocab_size, pad_id, piece_start_id, attn))


@torch.no_grad()
def loss_sum(model, ids, labels):
    """(sum of next-token losses in nats, number of predicted tokens) for one batch; pads excluded."""
    logits = model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits[:, :-1].float()
    target = labels[:, 1:]
    total = F.cross_entropy(logits.reshape(-1, logits.size(-1)), target.reshape(-1), ignore_index=-100,
                            reduction="sum")
    return float(total), int((target != -100).sum())


def flops_per_token(config, n_ctx=None):
    """Training FLOPs per token: 6N for the weights (forward + backward) plus 12·L·d·T for attention
    (PaLM appendix B, as nanoGPT's estimate_mfu), N without the position embeddings."""
    n_ctx = n_ctx or config.n_positions
    n_params = 12 * config.n_layer * config.n_embd**2 + config.vocab_size * config.n_embd
    return 6 * n_params + 12 * config.n_layer * config.n_embd * n_ctx


def matmul_flops(device="cpu", dtype=torch.float32, size=None, repeats=5):
    """Measured dense matmul FLOP/s on this device: the ceiling MFU is quoted against."""
    size = size or (8192 if str(device).startswith("cuda") else 1024)
    g = torch.Generator(device=device).manual_seed(0)  # its own generator: training's RNG stream stays as it was
    a = torch.randn(size, size, device=device, dtype=dtype, generator=g)
    b = torch.randn(size, size, device=device, dtype=dtype, generator=g)
    sync = torch.cuda.synchronize if str(device).startswith("cuda") else (lambda: None)
    a @ b
    sync()
    best = float("inf")
    for _ in range(repeats):
        t = time.perf_counter()
        a @ b
        sync()
        best = min(best, time.perf_counter() - t)
    return 2 * size**3 / best


def onnx_state_dict(path):
    """An HF GPT-2 state dict from a model folder's fp32 model.onnx (training/onnx_io.py keeps the
    parameter names as initializer names; lm_head is tied to wte). The exporter merges initializers
    that are exactly equal, which happens in an untrained model (zero biases) but not a trained one."""
    import onnx
    from onnx import numpy_helper

    prefix = "model."
    state = {}
    for init in onnx.load(path).graph.initializer:
        if init.name.startswith(prefix + "transformer."):
            state[init.name[len(prefix):]] = torch.from_numpy(numpy_helper.to_array(init).copy())
        elif init.name.startswith("transformer."):
            state[init.name] = torch.from_numpy(numpy_helper.to_array(init).copy())
    if not state:
        raise ValueError(f"{path}: no GPT-2 weights found (is it a Cantor fp32 model.onnx?)")
    state["lm_head.weight"] = state["transformer.wte.weight"]
    return state


def load_weights(model, path):
    """Load weights from a train.py checkpoint (.pt), a safetensors folder or file, or an fp32 model.onnx."""
    if os.path.isdir(path) and os.path.exists(os.path.join(path, "model.onnx")):
        path = os.path.join(path, "model.onnx")
    if path.endswith(".onnx"):
        state = onnx_state_dict(path)
    elif os.path.isdir(path) or path.endswith(".safetensors"):
        from safetensors.torch import load_file

        files = sorted(glob.glob(os.path.join(path, "*.safetensors"))) if os.path.isdir(path) else [path]
        state = {k: v for f in files for k, v in load_file(f).items()}
        state.setdefault("lm_head.weight", state["transformer.wte.weight"])
    else:
        state = torch.load(path, map_location="cpu", weights_only=False)["model"]
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith(".attn.bias") and not k.endswith(".attn.masked_bias")]
    if missing or unexpected:
        raise ValueError(f"{path}: weights do not fit the model (missing {missing[:4]}, unexpected {unexpected[:4]})")
