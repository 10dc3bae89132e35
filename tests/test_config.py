"""The tie model's config object and its TOML loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from netscan.errors import ConfigError
from netscan.ties.config import NetscanConfig, TieConfig, load_config


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "netscan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_follow_science_md() -> None:
    ties = TieConfig()
    weights = (ties.weight_comm, ties.weight_dur, ties.weight_ctx, ties.weight_serv)
    assert weights == (0.52, 0.17, 0.14, 0.12)
    assert ties.weight_struct == 0.05
    assert ties.half_life_days == 180.0
    assert (ties.strong_threshold, ties.medium_threshold) == (0.55, 0.30)
    assert ties.colleague_discount == 0.3
    assert ties.dormant_months == 36.0


def test_no_path_gives_defaults() -> None:
    assert load_config(None) == NetscanConfig()


def test_overrides_are_read_and_ints_become_floats(tmp_path: Path) -> None:
    path = _write(
        tmp_path, '[ties]\nhalf_life_days = 365\ndecay = "power"\nactive_months_cap = 12\n'
    )
    ties = load_config(path).ties
    assert ties.half_life_days == 365.0
    assert isinstance(ties.half_life_days, float)
    assert ties.decay == "power"
    assert ties.active_months_cap == 12
    assert ties.weight_comm == 0.52


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    assert load_config(_write(tmp_path, "")) == NetscanConfig()


def test_unknown_key_names_file_and_key(tmp_path: Path) -> None:
    path = _write(tmp_path, "[ties]\nhalf_lif_days = 90\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert str(path) in raised.value.message
    assert "'half_lif_days'" in raised.value.message
    assert "half_life_days" in raised.value.hint


def test_unknown_table_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown setting 'scoring'"):
        load_config(_write(tmp_path, "[scoring]\nx = 1\n"))


def test_wrong_type_names_key_and_types(tmp_path: Path) -> None:
    path = _write(tmp_path, '[ties]\nhalf_life_days = "long"\n')
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert raised.value.message == (
        f"{path}: [ties] half_life_days must be float, not str ('long')"
    )
    assert "half_life_days = 180.0" in raised.value.hint


def test_bool_is_not_a_number(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="strong_threshold must be float, not bool"):
        load_config(_write(tmp_path, "[ties]\nstrong_threshold = true\n"))


def test_float_is_not_an_int(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="active_months_cap must be int, not float"):
        load_config(_write(tmp_path, "[ties]\nactive_months_cap = 2.5\n"))


def test_invalid_value_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="half_life_days must be > 0"):
        load_config(_write(tmp_path, "[ties]\nhalf_life_days = 0\n"))
    with pytest.raises(ConfigError, match="decay must be"):
        load_config(_write(tmp_path, '[ties]\ndecay = "linear"\n'))
    with pytest.raises(ConfigError, match="medium_threshold must not exceed"):
        load_config(_write(tmp_path, "[ties]\nmedium_threshold = 0.7\n"))


def test_malformed_toml(tmp_path: Path) -> None:
    path = _write(tmp_path, "[ties\nhalf_life_days = 3\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert raised.value.message.startswith(f"{path} is not valid TOML")
    assert "[ties]" in raised.value.hint


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "absent.toml")


def test_config_is_frozen() -> None:
    ties = TieConfig()
    with pytest.raises(AttributeError):
        ties.half_life_days = 1.0  # type: ignore[misc]


@pytest.mark.parametrize(
    ("line", "key", "words"),
    [
        ("half_life_days = nan", "half_life_days", "finite"),
        ("weight_comm = inf", "weight_comm", "finite"),
        ("duration_cap_years = -inf", "duration_cap_years", "finite"),
        ("active_months_cap = -3", "active_months_cap", "at least 1"),
        ("active_months_cap = 0", "active_months_cap", "at least 1"),
        ("dormant_months = -1.0", "dormant_months", "negative"),
        ("strong_threshold = 5", "strong_threshold", "between 0 and 1"),
        ("active_months_cap = 2.5", "active_months_cap", "must be int"),
        ('half_life_days = "180"', "half_life_days", "must be float"),
        ("half_life_days = [1, 2]", "half_life_days", "must be float"),
        ("decay = 1", "decay", "must be str"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, line: str, key: str, words: str) -> None:
    path = _write(tmp_path, f"[ties]\n{line}\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    message = raised.value.message
    assert str(path) in message and key in message and words in message
    assert "\n" not in message


def test_a_pipe_is_not_read(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "netscan.toml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError, match="not a regular file"):
        load_config(fifo)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "netscan.toml"
    path.write_bytes("\ufeff[ties]\nhalf_life_days = 90\n".encode())
    assert load_config(path).ties.half_life_days == 90.0


def test_non_utf8_config_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "netscan.toml"
    path.write_bytes(b"[ties]\n# caf\xe9\n")
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)
