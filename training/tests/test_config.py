import pytest

from config import ConfigError, make_config


def test_presets_and_overrides():
    cfg, preset = make_config(["--preset=tiny", "--lr=0.01", "--train_dirs=a,b", "--resume=false"])
    assert preset == "tiny" and cfg.n_layer == 2 and cfg.lr == 0.01
    assert cfg.train_dirs == ["a", "b"] and cfg.resume is False
    base, _ = make_config(["--preset=base"])
    assert (base.n_layer, base.n_head, base.n_embd) == (6, 8, 512) and base.n_ctx in (1024, 2048)


@pytest.mark.parametrize("arg, message", [
    ("--nope=1", "unknown config key 'nope'"),
    ("--n_layer=two", "--n_layer=two: expected int"),
    ("--resume=maybe", "expected bool"),
    ("--preset=huge", "unknown preset 'huge'"),
    ("n_layer=2", "use --key=value"),
    ("--n_head=5", "does not divide"),
])
def test_bad_overrides_are_rejected(arg, message):
    with pytest.raises(ConfigError, match=message):
        make_config([arg])
