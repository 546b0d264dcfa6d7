"""GPT-2 <-> ONNX with a KV cache in the transformers.js / optimum layout (docs/FORMATS.md).

inputs  input_ids [b,s] int64, attention_mask [b,past+s] int64, position_ids [b,s] int64,
        past_key_values.{i}.key|value [b,heads,past,head_dim]
outputs logits [b,s,vocab], present.{i}.key|value [b,heads,past+s,head_dim]
"""
import math

import numpy as np
import torch

OPSET = 17


class ExportGPT2(torch.nn.Module):
    """GPT-2's forward written out with an explicit KV cache, on the trained model's own weights.

    The export traces this rather than transformers' forward: that one changes its cache and mask
    machinery between releases (tuple caches, then Cache objects; SDPA mask helpers with
    data-dependent branches), while this graph is fixed. Conv1D layers become MatMul + Add: as Gemm
    the 4-bit MatMulNBits quantizer would not touch them. `parity()` checks it against transformers.

    Flat past tensors in, flat presents out. Besides the optimum/transformers.js outputs it returns
    `new_key_values.*`: only this run's positions of each present. A CPU/WASM engine that keeps its
    own cache fetches those instead of the whole present, saving a copy of the full cache per step."""

    def __init__(self, model):
        super().__init__()
        cfg = model.config
        if cfg.activation_function not in ("gelu_new", "gelu_pytorch_tanh"):
            raise ValueError(f"export supports GPT-2's tanh GELU, not {cfg.activation_function}")
        self.transformer = model.transformer  # initializer names stay the parameter names (model.py reads them back)
        self.lm_head = model.lm_head
        self.n_layer, self.n_head = cfg.n_layer, cfg.n_head
        self.n_embd, self.head_dim = cfg.n_embd, cfg.n_embd // cfg.n_head
        self.eps = cfg.layer_norm_epsilon

    def _heads(self, x):
        b, s, _ = x.shape
        return x.view(b, s, self.n_head, self.head_dim).transpose(1, 2)

    def forward(self, input_ids, attention_mask, position_ids, *past_flat):
        h = self.transformer.wte(input_ids) + self.transformer.wpe(position_ids)
        s = input_ids.shape[1]
        past_len = past_flat[0].shape[2]
        total = past_len + s
        # Query i (absolute slot past_len + i) sees slot j when j <= past_len + i and the mask keeps j.
        q_slot = torch.arange(s, device=h.device).unsqueeze(1) + past_len
        k_slot = torch.arange(total, device=h.device).unsqueeze(0)
        allowed = (k_slot <= q_slot).unsqueeze(0) & (attention_mask[:, None, :] > 0)
        zero, blocked = torch.zeros((), dtype=h.dtype), torch.tensor(torch.finfo(h.dtype).min, dtype=h.dtype)
        bias = torch.where(allowed, zero, blocked).unsqueeze(1)  # [b, 1, s, total]
        presents = []
        for i, block in enumerate(self.transformer.h):
            a = torch.nn.functional.layer_norm(h, (self.n_embd,), block.ln_1.weight, block.ln_1.bias, self.eps)
            qkv = torch.matmul(a, block.attn.c_attn.weight) + block.attn.c_attn.bias
            q, k, v = qkv.split(self.n_embd, dim=2)
            q, k, v = self._heads(q), self._heads(k), self._heads(v)
            k = torch.cat([past_flat[2 * i], k], dim=2)
            v = torch.cat([past_flat[2 * i + 1], v], dim=2)
            presents += [k, v]
            w = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim) + bias
            y = torch.matmul(torch.softmax(w, dim=-1), v)
            y = y.transpose(1, 2).reshape(h.shape[0], h.shape[1], self.n_embd)
            h = h + torch.matmul(y, block.attn.c_proj.weight) + block.attn.c_proj.bias
            m = torch.nn.functional.layer_norm(h, (self.n_embd,), block.ln_2.weight, block.ln_2.bias, self.eps)
            m = torch.nn.functional.gelu(torch.matmul(m, block.mlp.c_fc.weight) + block.mlp.c_fc.bias,
                                         approximate="tanh")
            h = h + torch.matmul(m, block.mlp.c_proj.weight) + block.mlp.c_proj.bias
        h = self.transformer.ln_f(h)
        logits = self.lm_head(h)
        return (logits, *presents, *(t[:, :, past_len:, :] for t in presents))


def io_names(n_layer):
    past = [f"past_key_values.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    present = [f"present.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    new = [f"new_key_values.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    return ["input_ids", "attention_mask", "position_ids", *past], ["logits", *present, *new]


def export_onnx(model, path):
    """Export fp32 with dynamic batch, sequence and past lengths."""
    cfg = model.config
    head_dim = cfg.n_embd // cfg.n_head
    b, s, past = 2, 3, 4  # traced with past > 0; past = 0 is checked by the parity test
    ids = torch.randint(0, cfg.vocab_size, (b, s))
    mask = torch.ones(b, past + s, dtype=torch.int64)
    pos = torch.arange(past, past + s).expand(b, s).contiguous()
    past_flat = [torch.randn(b, cfg.n_head, past, head_dim) for _ in range(2 * cfg.n_layer)]
    inputs, outputs = io_names(cfg.n_layer)
    axes = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "total"},
            "position_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "seq"}}
    for name in inputs[3:]:
        axes[name] = {0: "batch", 2: "past"}
    for name in outputs[1:]:
        axes[name] = {0: "batch", 2: "seq" if name.startswith("new_") else "total"}
    with torch.no_grad():
        torch.onnx.export(ExportGPT2(model).eval(), (ids, mask, pos, *past_flat), path, input_names=inputs,
                          output_names=outputs, dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True,
                          dynamo=False)


class OrtModel:
    """One onnxruntime session over the layout above, with helpers for prefill and decode steps."""

    def __init__(self, path, threads=1):
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        self.session = ort.InferenceSession(path, opts, providers=["CPUExecutionProvider"])
        past = [i for i in self.session.get_inputs() if i.name.startswith("past_key_values.")]
        self.n_layer = len(past) // 2
        self.past_dtype = np.float16 if "float16" in past[0].type else np.float32
        self.n_head, self.head_dim = past[0].shape[1], past[0].shape[3]

    def empty_past(self, batch):
        shape = (batch, self.n_head, 0, self.head_dim)
        return [np.zeros(shape, dtype=self.past_dtype) for _ in range(2 * self.n_layer)]

    def feed(self, ids, past):
        """The inputs for ids [b,s] following `past` (a list of 2*n_layer arrays), nothing masked."""
        b, s = ids.shape
        past_len = past[0].shape[2]
        feed = {"input_ids": ids.astype(np.int64),
                "attention_mask": np.ones((b, past_len + s), dtype=np.int64),
                "position_ids": np.broadcast_to(np.arange(past_len, past_len + s, dtype=np.int64), (b, s)).copy()}
        for i in range(self.n_layer):
            feed[f"past_key_values.{i}.key"] = past[2 * i]
            feed[f"past_key_values.{i}.value"] = past[2 * i + 1]
        return feed

    def run(self, ids, past):
        """Returns (logits, presents) for ids [b,s] following `past`."""
        names = ["logits"] + [f"present.{i}.{kv}" for i in range(self.n_layer) for kv in ("key", "value")]
        out = self.session.run(names, self.feed(ids, past))
        return out[0], out[1:]

    def new_kv_matches(self, ids, past, present):
        """True when new_key_values.* are exactly the last positions of present.* for this run."""
        names = [f"new_key_values.{i}.{kv}" for i in range(self.n_layer) for kv in ("key", "value")]
        if not set(names) <= {o.name for o in self.session.get_outputs()}:
            return False
        new = self.session.run(names, self.feed(ids, past))
        past_len = past[0].shape[2]
        return all(np.array_equal(n, p[:, :, past_len:]) for n, p in zip(new, present))

    def greedy(self, prompt, steps):
        """Greedy continuation of one prompt, one token per step through the KV cache."""
        logits, past = self.run(np.array([prompt], dtype=np.int64), self.empty_past(1))
        out = []
        for _ in range(steps):
            nxt = int(np.argmax(logits[0, -1]))
            out.append(nxt)
            logits, past = self.run(np.array([[nxt]], dtype=np.int64), past)
        return out


def torch_greedy(model, prompt, steps):
    """Greedy continuation in PyTorch with its own KV cache (the reference for parity)."""
    model.eval()
    out, past = [], None
    ids = torch.tensor([prompt])
    with torch.no_grad():
        for _ in range(steps):
            res = model(input_ids=ids, past_key_values=past, use_cache=True)
            past = res.past_key_values
            nxt = int(res.logits[0, -1].argmax())
            out.append(nxt)
            ids = torch.tensor([[nxt]])
    return out


def parity(model, path, prompt, steps=64):
    """Compare an ONNX file with the PyTorch model: logits (full pass and a KV-cache step) and greedy tokens."""
    model = model.eval()
    ort_model = OrtModel(path)
    ids = np.array([prompt], dtype=np.int64)
    with torch.no_grad():
        ref = model(input_ids=torch.from_numpy(ids)).logits.numpy()
    full, _ = ort_model.run(ids, ort_model.empty_past(1))
    # The same sequence fed as prefix + one cached step must give the same last logits.
    _, past = ort_model.run(ids[:, :-1], ort_model.empty_past(1))
    step, present = ort_model.run(ids[:, -1:], past)
    new_kv_equal = ort_model.new_kv_matches(ids[:, -1:], past, present)
    diff = max(float(np.abs(full - ref).max()), float(np.abs(step[0, -1] - ref[0, -1]).max()))
    ref_tokens = torch_greedy(model, prompt, steps)
    ort_tokens = ort_model.greedy(prompt, steps)
    same = sum(a == b for a, b in zip(ref_tokens, ort_tokens))
    return {"max_abs_logit_diff": diff, "greedy_steps": steps, "greedy_agree": same,
            "greedy_equal": ref_tokens == ort_tokens, "new_kv_equal": new_kv_equal}
