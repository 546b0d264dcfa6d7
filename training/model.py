"""The network: Hugging Face GPT-2, built from a TrainConfig and a vocabulary."""
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
