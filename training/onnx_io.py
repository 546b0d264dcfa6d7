"""GPT-2 or rotary decoder <-> ONNX with a KV cache in the transformers.js / optimum layout (docs/FORMATS.md).
Both architectures have the same inputs and outputs, so one decode loop (src/model) serves both.

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


# Linear layers of the rotary model. nn.Linear keeps its weight as [out, in]; the export stores each
# transposed ([in, out], under the parameter's own name) so the graph has plain MatMul + Add on a named
# initializer, as GPT-2's Conv1D gives: the int8 and 4-bit quantizers then take them, and model.py reads
# them back by name (transposing again).
ROTARY_LINEARS = ("attention.query_key_value", "attention.dense", "mlp.dense_h_to_4h", "mlp.dense_4h_to_h")


def _transposed(linear):
    m = torch.nn.Module()
    m.weight = torch.nn.Parameter(linear.weight.detach().t().contiguous())
    m.bias = torch.nn.Parameter(linear.bias.detach().clone())
    return m


class ExportRotary(torch.nn.Module):
    """The rotary (GPT-NeoX, sequential residual, tied embeddings) forward with an explicit KV cache, in
    the same layout as ExportGPT2. cos/sin come from tables of n_ctx rows gathered by position_ids, not
    computed in the graph: the fp16 variant would compute cos(position * freq) in float16, which is
    wrong by whole radians at position 1000, while a table of values in [-1, 1] converts cleanly.
    Cached keys are stored rotated, so a step only rotates its own query and key."""

    def __init__(self, model):
        super().__init__()
        cfg = model.config
        if cfg.hidden_act not in ("gelu_new", "gelu_pytorch_tanh") or cfg.use_parallel_residual:
            raise ValueError("export supports the rotary model of model.py (tanh GELU, sequential residual)")
        body = model.gpt_neox
        self.n_layer, self.n_head = cfg.num_hidden_layers, cfg.num_attention_heads
        self.n_embd = cfg.hidden_size
        self.head_dim = self.n_embd // self.n_head
        self.rot = int(self.head_dim * cfg.rope_parameters.get("partial_rotary_factor", 1.0))
        self.gpt_neox = torch.nn.Module()  # initializer names stay the parameter names (model.py reads them back)
        self.gpt_neox.embed_in = body.embed_in
        self.gpt_neox.final_layer_norm = body.final_layer_norm
        self.gpt_neox.layers = torch.nn.ModuleList()
        for layer in body.layers:
            m = torch.nn.Module()
            m.input_layernorm, m.post_attention_layernorm = layer.input_layernorm, layer.post_attention_layernorm
            m.attention, m.mlp = torch.nn.Module(), torch.nn.Module()
            m.attention.query_key_value = _transposed(layer.attention.query_key_value)
            m.attention.dense = _transposed(layer.attention.dense)
            m.mlp.dense_h_to_4h = _transposed(layer.mlp.dense_h_to_4h)
            m.mlp.dense_4h_to_h = _transposed(layer.mlp.dense_4h_to_h)
            self.gpt_neox.layers.append(m)
        inv_freq = body.rotary_emb.inv_freq.double()
        freqs = torch.arange(cfg.max_position_embeddings, dtype=torch.float64)[:, None] * inv_freq[None, :]
        emb = torch.cat([freqs, freqs], dim=-1)
        self.register_buffer("rotary_cos", emb.cos().float(), persistent=False)
        self.register_buffer("rotary_sin", emb.sin().float(), persistent=False)

    def _heads(self, x):
        b, s, _ = x.shape
        return x.view(b, s, self.n_head, self.head_dim).transpose(1, 2)

    def _rotate(self, x, cos, sin):
        r = self.rot
        x_rot, x_pass = x[..., :r], x[..., r:]
        half = r // 2
        rotated = torch.cat([-x_rot[..., half:], x_rot[..., :half]], dim=-1)
        return torch.cat([x_rot * cos + rotated * sin, x_pass], dim=-1)

    def forward(self, input_ids, attention_mask, position_ids, *past_flat):
        h = self.gpt_neox.embed_in(input_ids)
        b, s = input_ids.shape
        past_len = past_flat[0].shape[2]
        cos = self.rotary_cos[position_ids].unsqueeze(1)  # [b, 1, s, rot]
        sin = self.rotary_sin[position_ids].unsqueeze(1)
        q_slot = torch.arange(s, device=h.device).unsqueeze(1) + past_len
        k_slot = torch.arange(past_len + s, device=h.device).unsqueeze(0)
        allowed = (k_slot <= q_slot).unsqueeze(0) & (attention_mask[:, None, :] > 0)
        zero, blocked = torch.zeros((), dtype=h.dtype), torch.tensor(torch.finfo(h.dtype).min, dtype=h.dtype)
        bias = torch.where(allowed, zero, blocked).unsqueeze(1)  # [b, 1, s, total]
        presents = []
        for i, layer in enumerate(self.gpt_neox.layers):
            a = layer.input_layernorm(h)
            qkv = torch.matmul(a, layer.attention.query_key_value.weight) + layer.attention.query_key_value.bias
            qkv = qkv.view(b, s, self.n_head, 3 * self.head_dim).transpose(1, 2)
            q, k, v = qkv.split(self.head_dim, dim=-1)
            q, k = self._rotate(q, cos, sin), self._rotate(k, cos, sin)
            k = torch.cat([past_flat[2 * i], k], dim=2)
            v = torch.cat([past_flat[2 * i + 1], v], dim=2)
            presents += [k, v]
            w = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim) + bias
            y = torch.matmul(torch.softmax(w, dim=-1), v).transpose(1, 2).reshape(b, s, self.n_embd)
            h = h + torch.matmul(y, layer.attention.dense.weight) + layer.attention.dense.bias
            m = layer.post_attention_layernorm(h)
            m = torch.nn.functional.gelu(torch.matmul(m, layer.mlp.dense_h_to_4h.weight) + layer.mlp.dense_h_to_4h.bias,
                                         approximate="tanh")
            h = h + torch.matmul(m, layer.mlp.dense_4h_to_h.weight) + layer.mlp.dense_4h_to_h.bias
        h = self.gpt_neox.final_layer_norm(h)
        logits = torch.matmul(h, self.gpt_neox.embed_in.weight.t())  # the output head is tied to the input embedding
        return (logits, *presents, *(t[:, :, past_len:, :] for t in presents))


def export_module(model):
    """The traced module for a model of either architecture."""
    return ExportRotary(model) if model.config.model_type == "gpt_neox" else ExportGPT2(model)


def io_names(n_layer):
    past = [f"past_key_values.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    present = [f"present.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    new = [f"new_key_values.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    return ["input_ids", "attention_mask", "position_ids", *past], ["logits", *present, *new]


def export_onnx(model, path):
    """Export fp32 with dynamic batch, sequence and past lengths."""
    module = export_module(model).eval()
    n_layer, n_head, head_dim = module.n_layer, module.n_head, module.head_dim
    b, s, past = 2, 3, 4  # traced with past > 0; past = 0 is checked by the parity test
    ids = torch.randint(0, model.config.vocab_size, (b, s))
    mask = torch.ones(b, past + s, dtype=torch.int64)
    pos = torch.arange(past, past + s).expand(b, s).contiguous()
    past_flat = [torch.randn(b, n_head, past, head_dim) for _ in range(2 * n_layer)]
    inputs, outputs = io_names(n_layer)
    axes = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "total"},
            "position_ids": {0: "batch", 1: "seq"}, "logits": {0: "batch", 1: "seq"}}
    for name in inputs[3:]:
        axes[name] = {0: "batch", 2: "past"}
    for name in outputs[1:]:
        axes[name] = {0: "batch", 2: "seq" if name.startswith("new_") else "total"}
    with torch.no_grad():
        torch.onnx.export(module, (ids, mask, pos, *past_flat), path, input_names=inputs,
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
