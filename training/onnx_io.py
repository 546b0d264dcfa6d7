"""GPT-2 <-> ONNX with a KV cache in the transformers.js / optimum layout (docs/FORMATS.md).

inputs  input_ids [b,s] int64, attention_mask [b,past+s] int64, position_ids [b,s] int64,
        past_key_values.{i}.key|value [b,heads,past,head_dim]
outputs logits [b,s,vocab], present.{i}.key|value [b,heads,past+s,head_dim]
"""
import numpy as np
import torch
from transformers import GPT2LMHeadModel

OPSET = 17


class MatMulLinear(torch.nn.Module):
    """GPT-2's Conv1D as MatMul + Add: it would export as Gemm, which the 4-bit MatMulNBits
    quantizer does not touch."""

    def __init__(self, conv):
        super().__init__()
        self.weight, self.bias = conv.weight, conv.bias

    def forward(self, x):
        return torch.matmul(x, self.weight) + self.bias


def eager_copy(model):
    """The same weights under eager attention (the SDPA mask helper has data-dependent branches
    that tracing would freeze into the graph), with Conv1D layers as MatMul."""
    config = model.config.__class__.from_dict(model.config.to_dict())
    config._attn_implementation = "eager"
    copy = GPT2LMHeadModel(config)
    copy.load_state_dict(model.state_dict())
    for block in copy.transformer.h:
        for parent, name in ((block.attn, "c_attn"), (block.attn, "c_proj"), (block.mlp, "c_fc"),
                             (block.mlp, "c_proj")):
            setattr(parent, name, MatMulLinear(getattr(parent, name)))
    return copy.eval()


class KVWrapper(torch.nn.Module):
    """Flat past tensors in, flat presents out: the signature torch.onnx.export needs.

    Besides the optimum/transformers.js outputs it returns `new_key_values.*`: only this run's
    positions of each present. A CPU/WASM engine that keeps its own cache fetches those instead of
    the whole present, which saves copying the full cache out of the runtime on every step."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.n_layer = model.config.n_layer

    def forward(self, input_ids, attention_mask, position_ids, *past_flat):
        past = tuple((past_flat[2 * i], past_flat[2 * i + 1]) for i in range(self.n_layer))
        out = self.model(input_ids=input_ids, attention_mask=attention_mask, position_ids=position_ids,
                         past_key_values=past, use_cache=True, return_dict=True)
        flat = [t for layer in out.past_key_values for t in layer]
        past_len = past_flat[0].shape[2]
        return (out.logits, *flat, *(t[:, :, past_len:, :] for t in flat))


def io_names(n_layer):
    past = [f"past_key_values.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    present = [f"present.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    new = [f"new_key_values.{i}.{kv}" for i in range(n_layer) for kv in ("key", "value")]
    return ["input_ids", "attention_mask", "position_ids", *past], ["logits", *present, *new]


def export_onnx(model, path):
    """Export fp32 with dynamic batch, sequence and past lengths."""
    model = eager_copy(model)
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
        torch.onnx.export(KVWrapper(model), (ids, mask, pos, *past_flat), path, input_names=inputs,
                          output_names=outputs, dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True)


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
            past = tuple(tuple(t) for t in res.past_key_values)
            nxt = int(res.logits[0, -1].argmax())
            out.append(nxt)
            ids = torch.tensor([[nxt]])
    return out


def parity(model, path, prompt, steps=64):
    """Compare an ONNX file with the PyTorch model: logits (full pass and a KV-cache step) and greedy tokens."""
    model = eager_copy(model)
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
