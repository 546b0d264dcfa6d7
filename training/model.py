"""The network, built from a TrainConfig and a vocabulary: Hugging Face GPT-2 (learned absolute positions,
arch="gpt2") or a GPT-NeoX decoder of the same family with rotary positions (arch="rotary")."""
import glob
import os
import time

import torch
import torch.nn.functional as F
from transformers import GPT2Config, GPT2LMHeadModel, GPTNeoXConfig, GPTNeoXForCausalLM

ARCHS = ("gpt2", "rotary")


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


def rotary_config(cfg, vocab_size, pad_id, piece_start_id, attn=None):
    """GPT-2's block shape (pre-LN, sequential residual, 4x tanh-GELU MLP, biases, tied embeddings) with
    rotary positions on every head dimension instead of learned ones: a bar is matched against the bar
    before it at any offset alike, which is what repetition needs (issue 16's ablation)."""
    return GPTNeoXConfig(
        vocab_size=vocab_size,
        hidden_size=cfg.n_embd,
        num_hidden_layers=cfg.n_layer,
        num_attention_heads=cfg.n_head,
        intermediate_size=4 * cfg.n_embd,
        hidden_act="gelu_new",
        max_position_embeddings=cfg.n_ctx,
        rotary_pct=1.0,
        rotary_emb_base=10000,
        use_parallel_residual=False,
        tie_word_embeddings=True,
        hidden_dropout=cfg.dropout,
        attention_dropout=cfg.dropout,
        initializer_range=0.02,
        layer_norm_eps=1e-5,
        bos_token_id=piece_start_id,
        eos_token_id=piece_start_id,
        pad_token_id=pad_id,
        attn_implementation=attn or cfg.attn,
    )


def build_model(cfg, vocab_size, pad_id, piece_start_id, attn=None):
    if cfg.arch == "rotary":
        return GPTNeoXForCausalLM(rotary_config(cfg, vocab_size, pad_id, piece_start_id, attn))
    return GPT2LMHeadModel(gpt2_config(cfg, vocab_size, pad_id, piece_start_id, attn))


def arch_of(model):
    return "rotary" if model.config.model_type == "gpt_neox" else "gpt2"


def shape_of(model):
    """The shape fields of config.json, read the same way from either architecture's HF config."""
    c = model.config
    if arch_of(model) == "rotary":
        return {"n_layer": c.num_hidden_layers, "n_head": c.num_attention_heads, "n_embd": c.hidden_size,
                "n_ctx": c.max_position_embeddings, "vocab_size": c.vocab_size}
    return {"n_layer": c.n_layer, "n_head": c.n_head, "n_embd": c.n_embd, "n_ctx": c.n_positions,
            "vocab_size": c.vocab_size}


@torch.no_grad()
def loss_sum(model, ids, labels):
    """(sum of next-token losses in nats, number of predicted tokens) for one batch; pads excluded."""
    logits = model(input_ids=ids, attention_mask=torch.ones_like(ids)).logits[:, :-1].float()
    target = labels[:, 1:]
    total = F.cross_entropy(logits.reshape(-1, logits.size(-1)), target.reshape(-1), ignore_index=-100,
                            reduction="sum")
    return float(total), int((target != -100).sum())


def flops_per_token(model, n_ctx=None):
    """Training FLOPs per token: 6N for the weights (forward + backward) plus 12·L·d·T for attention
    (PaLM appendix B, as nanoGPT's estimate_mfu), N without the position embeddings."""
    s = shape_of(model)
    n_ctx = n_ctx or s["n_ctx"]
    n_params = 12 * s["n_layer"] * s["n_embd"] ** 2 + s["vocab_size"] * s["n_embd"]
    return 6 * n_params + 12 * s["n_layer"] * s["n_embd"] * n_ctx


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


# The HF module holding the blocks, and the (output head, input embedding) pair tied to it, per architecture.
BODIES = {"transformer.": ("lm_head.weight", "transformer.wte.weight"),
          "gpt_neox.": ("lm_head.weight", "gpt_neox.embed_in.weight")}


def onnx_state_dict(path):
    """An HF state dict (GPT-2 or rotary) from a model folder's fp32 model.onnx (training/onnx_io.py keeps
    the parameter names as initializer names; the output head is tied to the input embedding). The exporter
    merges initializers that are exactly equal, which happens in an untrained model (zero biases) but not
    a trained one."""
    import onnx
    from onnx import numpy_helper

    state = {}
    for init in onnx.load(path).graph.initializer:
        name = init.name[len("model."):] if init.name.startswith("model.") else init.name
        if name.startswith(tuple(BODIES)):
            state[name] = torch.from_numpy(numpy_helper.to_array(init).copy())
    for body, (head, embed) in BODIES.items():
        if embed in state:
            state[head] = state[embed]
            if body == "gpt_neox.":
                from onnx_io import ROTARY_LINEARS

                for name in [n for n in state if n.endswith(tuple(f"{l}.weight" for l in ROTARY_LINEARS))]:
                    state[name] = state[name].t().contiguous()  # the export stores them [in, out]
            return state
    raise ValueError(f"{path}: no model weights found (is it a Cantor fp32 model.onnx?)")


def _grow_vocabulary(model, state, path, old_tokens, tokens):
    """Weights trained on a vocabulary that is a prefix of the model's (new tokens appended at the end, as
    the POLYPHONY/DURATION controls were) keep their rows; the new rows keep the model's fresh init."""
    own = model.state_dict()
    for head, embed in BODIES.values():
        for key in (embed, head):
            if key in state and key in own and state[key].shape[0] < own[key].shape[0]:
                if old_tokens is None or tokens is None or list(tokens[: len(old_tokens)]) != list(old_tokens):
                    raise ValueError(f"{path}: its vocabulary is not a prefix of the model's, so its rows can't be kept")
                grown = own[key].clone()
                grown[: state[key].shape[0]] = state[key]
                state[key] = grown


def load_weights(model, path, tokens=None):
    """Load weights from a train.py checkpoint (.pt), a safetensors folder or file, or an fp32 model.onnx.
    With `tokens` (the model's vocabulary), weights of a shorter vocabulary that is its prefix are grown."""
    if os.path.isdir(path) and os.path.exists(os.path.join(path, "model.onnx")):
        path = os.path.join(path, "model.onnx")
    old_tokens = None
    if path.endswith(".onnx"):
        state = onnx_state_dict(path)
        tok = os.path.join(os.path.dirname(path), "tokenizer.json")
        if os.path.exists(tok):
            from data import load_tokens

            old_tokens = load_tokens(tok)
    elif os.path.isdir(path) or path.endswith(".safetensors"):
        from safetensors.torch import load_file

        files = sorted(glob.glob(os.path.join(path, "*.safetensors"))) if os.path.isdir(path) else [path]
        state = {k: v for f in files for k, v in load_file(f).items()}
        for head, embed in BODIES.values():
            if embed in state:
                state.setdefault(head, state[embed])
    else:
        ckpt = torch.load(path, map_location="cpu", weights_only=False)
        state, old_tokens = ckpt["model"], ckpt.get("tokens")
    _grow_vocabulary(model, state, path, old_tokens, tokens)
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.endswith((".attn.bias", ".attn.masked_bias", "rotary_emb.inv_freq"))]
    if missing or unexpected:
        raise ValueError(f"{path}: weights do not fit the model (missing {missing[:4]}, unexpected {unexpected[:4]})")
