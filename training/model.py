"""The network: Hugging Face GPT-2, built from a TrainConfig and a vocabulary."""
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
