"""Every tunable number of the tie-strength model, in one frozen object, overridable from TOML.

The defaults and their sources are documented in ``docs/tie-strength.md`` (the model card);
SCIENCE.md §8 is the literature they come from. A user overrides any of them with a ``[ties]``
table in a TOML file passed as ``--config``; unknown keys and wrong types are errors, never
silently ignored, because a mistyped weight would otherwise change nothing and mislead.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from pathlib import Path

from netscan.errors import ConfigError


@dataclass(frozen=True, slots=True)
class TieConfig:
    """Weights, decay and thresholds of the tie-strength model (SCIENCE.md §8.2–8.5)."""

    # Decay of message and endorsement events: "exponential" 2^(-Δt/h), or "power" (1+Δt/τ)^(-d).
    decay: str = "exponential"
    half_life_days: float = 180.0
    power_tau_days: float = 30.0
    power_exponent: float = 0.5

    # Group weights: Gilbert & Karahalios' dimension shares folded into five observable groups.
    weight_comm: float = 0.52
    weight_dur: float = 0.17
    weight_ctx: float = 0.14
    weight_serv: float = 0.12
    weight_struct: float = 0.05

    # Within communication: comm = a·f_int + b·two-way + c·length percentile + d·max(note, months).
    # Two-way contact counts as a gate (the tie exists), never by how even the exchange is.
    comm_intensity: float = 0.5
    comm_two_way: float = 0.2
    comm_length: float = 0.15
    comm_personal: float = 0.15
    # f_int = 1 − (1 + E/intensity_scale)^(−intensity_exponent): log-scaled volume that keeps
    # ranking over the heavy-tailed range real exports span (1 → 0.29, 15 → 0.75, 500 → 0.96).
    intensity_scale: float = 1.0
    intensity_exponent: float = 0.5
    active_months_cap: int = 24
    # Reciprocity and message length count with the recency 2^(−Δt/h_r) of the last two-way
    # contact: Gilbert's top predictor is days since last communication.
    recency_half_life_days: float = 365.0
    # Marsden & Campbell: working together produces messages without closeness.
    colleague_discount: float = 0.3

    # Duration: log(1 + years)/log(1 + cap), gated by two-way contact, recommendation or a
    # shared past employer.
    duration_cap_years: float = 10.0

    # Shared context with the owner's employers.
    ctx_past_overlap: float = 1.0
    ctx_current: float = 0.5
    ctx_past_no_overlap: float = 0.25

    # Services: min(1, recommendation + log1p(decayed endorsements)/log(endorsement_base)).
    endorsement_base: float = 6.0
    endorsement_both_bonus: float = 0.1

    # Classes (SCIENCE.md §8.5); months are calendar-free: 1 month = 365.25/12 days. The strong
    # threshold sits at Gilbert & Karahalios' midpoint split rather than §8.5's 0.60 prior: a close
    # tie outside work with no recommendation tops out near 0.6 (docs/tie-strength.md).
    strong_threshold: float = 0.55
    medium_threshold: float = 0.30
    strong_two_way_months: float = 12.0
    strong_recommendation_months: float = 36.0
    medium_two_way_months: float = 36.0
    weak_trace_months: float = 36.0
    dormant_months: float = 36.0

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            # NaN passes every `<` check below and infinity overflows the scores: reject both.
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(f"{f.name} must be a finite number, not {value}")
        if self.active_months_cap < 1:
            raise ValueError("active_months_cap must be at least 1")
        for name in ("strong_threshold", "medium_threshold"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1 (scores lie in that range)")
        if self.decay not in ("exponential", "power"):
            raise ValueError(f"decay must be 'exponential' or 'power', not {self.decay!r}")
        for name in (
            "half_life_days",
            "recency_half_life_days",
            "power_tau_days",
            "intensity_scale",
            "intensity_exponent",
            "duration_cap_years",
        ):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0")
        if self.endorsement_base <= 1:
            raise ValueError("endorsement_base must be > 1")
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float) and value < 0:
                raise ValueError(f"{f.name} must not be negative")
        group_weights = (
            self.weight_comm,
            self.weight_dur,
            self.weight_ctx,
            self.weight_serv,
            self.weight_struct,
        )
        if sum(group_weights) <= 0:
            raise ValueError("the five group weights must not all be zero")
        comm_weights = (
            self.comm_intensity,
            self.comm_two_way,
            self.comm_length,
            self.comm_personal,
        )
        if sum(comm_weights) <= 0:
            raise ValueError("the four comm_* weights must not all be zero")
        if not self.medium_threshold <= self.strong_threshold:
            raise ValueError("medium_threshold must not exceed strong_threshold")


@dataclass(frozen=True, slots=True)
class NetscanConfig:
    """All of netscan's settings; today only the tie model's."""

    ties: TieConfig = field(default_factory=TieConfig)


def _coerce(path: Path, key: str, value: object, default: object) -> object:
    """Check one TOML value against the type of the default it replaces."""
    where = f"{path}: [ties] {key}"
    hint = f"Use a value like `{key} = {default!r}`, or remove the line to keep the default."
    if isinstance(default, bool) or isinstance(value, bool):
        if isinstance(default, bool) and isinstance(value, bool):
            return value
    elif isinstance(default, float):
        if isinstance(value, int | float):
            return float(value)
    elif isinstance(default, int):
        if isinstance(value, int):
            return value
    elif isinstance(default, str) and isinstance(value, str):
        return value
    raise ConfigError(
        f"{where} must be {type(default).__name__}, not {type(value).__name__} ({value!r})", hint
    )


def load_config(path: Path | None) -> NetscanConfig:
    """Read a TOML config file (None → all defaults) into a NetscanConfig."""
    if path is None:
        return NetscanConfig()
    # Imported here: only a run with --config reads TOML, and every run would pay for it.
    import tomllib

    if "\x00" in str(path):
        raise ConfigError(f"Config path {str(path)!r} holds a NUL character.", "Pass a TOML file.")
    if path.exists() and not path.is_file():
        # A pipe or device would block or never end; a config is a small file.
        raise ConfigError(f"Config file {path} is not a regular file.", "Pass a TOML file.")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise ConfigError(
            f"Config file {path} does not exist.", "Check the --config path."
        ) from error
    except IsADirectoryError as error:
        raise ConfigError(f"Config file {path} is a folder.", "Pass a TOML file.") from error
    except OSError as error:
        raise ConfigError(
            f"Could not read config file {path}: {error.strerror or error}.",
            "Pass a readable UTF-8 TOML text file.",
        ) from error
    except UnicodeDecodeError as error:
        raise ConfigError(
            f"Config file {path} is not UTF-8 text (byte {error.start}).",
            "Save it as UTF-8 TOML text.",
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{path} is not valid TOML: {error}",
            "Fix the syntax; settings go under a [ties] table, e.g. `half_life_days = 365`.",
        ) from error
    unknown_tables = sorted(set(raw) - {"ties"})
    if unknown_tables:
        raise ConfigError(
            f"{path}: unknown setting {unknown_tables[0]!r}.",
            "Only a [ties] table is read; see docs/tie-strength.md for its keys.",
        )
    table = raw.get("ties", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: 'ties' must be a table.", "Write `[ties]` on its own line.")
    defaults = TieConfig()
    known = {f.name for f in dataclasses.fields(TieConfig)}
    values: dict[str, object] = {}
    for key in sorted(table):
        if key not in known:
            raise ConfigError(
                f"{path}: unknown setting [ties] {key!r}.",
                f"Known settings: {', '.join(sorted(known))}.",
            )
        values[key] = _coerce(path, key, table[key], getattr(defaults, key))
    try:
        ties = dataclasses.replace(defaults, **values)  # type: ignore[arg-type]
    except ValueError as error:
        raise ConfigError(f"{path}: [ties] {error}.", "See docs/tie-strength.md.") from error
    return NetscanConfig(ties=ties)
