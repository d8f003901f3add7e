"""The settings as pydantic models, the one definition of what a settings file may hold.

Imported only when a settings file has a subkit table to check (`settings.from_table`): a
run without settings, or with a pyproject.toml that holds none, never builds these models
nor reads the rule registry their validators consult.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
)

from submission_kit.diagnostics import Severity, codes
from submission_kit.load.located import Wording, value_error
from submission_kit.model.common import STATE_PARTY_SPELLINGS  # the schema owns the spellings

# One model per place settings can stand: `PathSettings` for a `per-path` table, and
# `FileSettings` (the same keys, `templates` and `per-path`) for the top of the file. Each
# validator words its refusal as the finding says it (`located.value_error`); unknown keys,
# wrong types and the place of every mistake come from the bridge (`load.located`).

SETTINGS = Wording(missing="", wrong="", unknown="", noun="setting", notation="TOML")


def _as_list(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _code_list(key: str) -> Any:
    """`select` / `ignore`: a code, a code prefix or a rule name, or a list of them."""

    def shape(value: Any) -> Any:
        value = _as_list(value)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise value_error(
                f"'{key}' must be a list of rule codes", 'write it as ["SK401", "SK402"]'
            )
        return value

    def known(value: str) -> str:
        registry = codes.registry()
        hit = any(code.startswith(value.upper()) for code in registry) or any(
            c.name == value.lower() for c in registry.values()
        )
        if not hit or not value.strip():
            raise value_error(
                f"unknown rule code '{value}' in '{key}'",
                "`subkit rules` lists the codes and names",
            )
        fixed = codes.find(value)
        if fixed is not None and not fixed.adjustable and key == "ignore":
            raise value_error(
                f"{fixed.code} cannot be switched off: it means the file could not be read",
                "fix the file instead; `subkit rules " + fixed.code + "` says how",
            )
        return value

    return Annotated[list[Annotated[str, AfterValidator(known)]], BeforeValidator(shape)]


def _severity_table(value: Any) -> Any:
    if not isinstance(value, dict):
        raise value_error(
            "'severity' must be a table of code = level",
            'write it as severity = { SK401 = "error" }',
        )
    return value


def _levelled_code(code: str) -> str:
    known = codes.registry()
    if code.upper() not in known:
        raise value_error(
            f"unknown rule code '{code}' in 'severity'", "`subkit rules` lists the codes"
        )
    if not known[code.upper()].adjustable:
        raise value_error(
            f"{code.upper()} cannot be re-levelled: it means the file could not be read",
            "it stays an error; fix the file instead",
        )
    return code.upper()


def _level(level: Any) -> Severity:
    if level not in ("error", "warning", "info"):
        raise value_error(f"'{level}' is not a severity", 'use "error", "warning" or "info"')
    return Severity(level)


def _whole(key: str, low: int, high: int) -> Any:
    def check(value: Any) -> int:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise value_error(f"'{key}' must be a whole number from {low} to {high}")
        return value

    return Annotated[int | None, BeforeValidator(check), Field(None, alias=key)]


def _fraction(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= 1:
        raise value_error("'near-limit' must be a fraction of the limit, e.g. 0.9")
    return float(value)


def _spelling(value: Any) -> str:
    if value not in STATE_PARTY_SPELLINGS:
        raise value_error(
            f"'state-party' must be one of {', '.join(map(repr, STATE_PARTY_SPELLINGS))}",
            "UN documents wrote 'State party' until 2024 and 'State Party' since",
        )
    return str(value)


def _acronyms(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise value_error("'known-acronyms' must be a list of acronyms", 'e.g. ["OSCE", "ODIHR"]')
    return value


def _folders_shape(value: Any) -> Any:
    values = _as_list(value)
    if (
        not isinstance(values, list)
        or not values
        or not all(isinstance(v, str) and v.strip() for v in values)
    ):
        raise value_error(
            "'templates' must be a folder or a list of folders",
            'e.g. templates = "our-templates" or templates = ["ours", "shared"]',
        )
    return values


def _folder(value: str, info: ValidationInfo) -> Path:
    """A templates folder, relative to the settings file (`base` in the context); it must exist."""
    base = Path((info.context or {}).get("base", "."))
    folder = (base / Path(value).expanduser()).resolve()
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise value_error(
            f"templates folder '{value}' {what}",
            f"looked for {folder}: the path is relative to the settings file",
        )
    return folder


def _not_here(key: str) -> Any:
    """A key that only the top of the settings may hold: refused in a `per-path` table."""

    def refuse(value: Any) -> Any:
        if key == "per-path":
            raise value_error("'per-path' cannot be nested")
        raise value_error(
            f"'{key}' cannot be set in {{place}}", "set it once, at the top of the settings"
        )

    return Annotated[Any, BeforeValidator(refuse), Field(None, alias=key)]


class PathSettings(BaseModel):
    """The settings a `per-path` table may change for the drafts its pattern matches."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    select: _code_list("select") | None = None  # type: ignore[valid-type]
    ignore: _code_list("ignore") | None = None  # type: ignore[valid-type]
    severity: (
        Annotated[
            dict[
                Annotated[str, AfterValidator(_levelled_code)],
                Annotated[Any, AfterValidator(_level)],
            ],
            BeforeValidator(_severity_table),
        ]
        | None
    ) = None
    words_per_minute: _whole("words-per-minute", 60, 250)  # type: ignore[valid-type]
    max_words_per_minute: _whole("max-words-per-minute", 60, 300)  # type: ignore[valid-type]
    word_limit: _whole("word-limit", 1, 1_000_000)  # type: ignore[valid-type]
    upr_word_limit_individual: _whole("upr-word-limit-individual", 1, 1_000_000)  # type: ignore[valid-type]
    upr_word_limit_joint: _whole("upr-word-limit-joint", 1, 1_000_000)  # type: ignore[valid-type]
    near_limit: Annotated[float | None, BeforeValidator(_fraction), Field(None, alias="near-limit")]
    state_party: Annotated[str | None, BeforeValidator(_spelling), Field(None, alias="state-party")]
    known_acronyms: Annotated[
        list[str] | None, BeforeValidator(_acronyms), Field(None, alias="known-acronyms")
    ]
    templates: _not_here("templates")  # type: ignore[valid-type]
    per_path: _not_here("per-path")  # type: ignore[valid-type]


def _per_path_shape(value: Any) -> Any:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise value_error(
            "'per-path' must map a path pattern to settings",
            '\'per-path = { "drafts/old/*" = { ignore = ["SK401"] } }\'',
        )
    return value


class FileSettings(PathSettings):
    """The settings at the top of a settings file: every key, the coalition's `templates`
    folders (relative to the file: `base` in the validation context) and `per-path` tables."""

    templates: Annotated[
        list[Annotated[str, AfterValidator(_folder)]] | None,
        BeforeValidator(_folders_shape),
        Field(None, alias="templates"),
    ]
    per_path: Annotated[
        dict[str, PathSettings] | None,
        BeforeValidator(_per_path_shape),
        Field(None, alias="per-path"),
    ]
