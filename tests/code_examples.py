"""Running the bad and good example of a finding code, as `submission_kit.diagnostics.codes.Code` describes
them: a fragment laid over a small valid draft of its kind, a whole file, or a confirmations file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from conftest import EXAMPLES, ROOT

from submission_kit.diagnostics import Diagnostic
from submission_kit.diagnostics.codes import Code
from submission_kit.settings import Settings, from_table

BASES = ROOT / "tests" / "data" / "example-bases"
DEFAULT_KIND = "list_of_issues"
_KEY_RE = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*:")


def _blocks(lines: list[str], indent: int) -> tuple[list[str], dict[str, list[str]]]:
    """Lines before the first key at `indent`, and each key's block (its line and the deeper
    lines under it), in order."""
    head: list[str] = []
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        m = _KEY_RE.match(line)
        if m and len(m["indent"]) == indent:
            current = blocks.setdefault(m["key"], [])
            current.clear()
            current.append(line)
        elif current is None:
            head.append(line)
        else:
            current.append(line)
    return head, blocks


def _kind_of(fragment: str) -> str | None:
    m = re.search(r"^kind:\s*(\S+)", fragment, re.MULTILINE)
    return m[1] if m else None


def base_for(code: Code, fragment: str) -> str:
    kind = _kind_of(fragment) or (code.kinds[0] if code.kinds else DEFAULT_KIND)
    path = BASES / f"{kind}.yaml"
    if not path.is_file():
        path = BASES / f"{DEFAULT_KIND}.yaml"  # an unknown kind (SK100): any base will do
    return path.read_text(encoding="utf-8")


def lay_over(base: str, fragment: str) -> str:
    """The base draft with the fragment's top-level keys (and keys under `metadata:`) in place
    of its own; keys it does not have are added at the end. Comments stay where written."""
    head, blocks = _blocks(base.rstrip("\n").split("\n"), 0)
    _, new = _blocks(fragment.rstrip("\n").split("\n"), 0)
    for key, lines in new.items():
        if key == "metadata" and key in blocks and len(lines) > 1:
            mhead, mblocks = _blocks(blocks[key][1:], 2)
            _, mnew = _blocks(lines[1:], 2)
            mblocks.update(mnew)
            blocks[key] = [blocks[key][0], *mhead, *(x for b in mblocks.values() for x in b)]
        else:
            blocks[key] = lines
    return "\n".join([*head, *(x for b in blocks.values() for x in b)]) + "\n"


def settings_for(code: Code) -> Settings:
    if not code.example_settings:
        return Settings()
    table = tomllib.loads(code.example_settings)
    return from_table(table, "<example>", code.example_settings)


def run_example(code: Code, text: str, tmp_path: Path) -> list[Diagnostic]:
    """Every finding the example gives, through the same pipeline `subkit check` runs."""
    from submission_kit.pipeline.check import check_draft

    if code.stage == "track":
        return _run_track(text, tmp_path)
    if code.example_file:
        draft = tmp_path / code.example_file
        draft.write_bytes(text.encode("utf-8"))
    elif code.stage == "load" and not code.example_fragment:
        draft = tmp_path / "example.yaml"
        draft.write_bytes(text.encode("utf-8"))
    else:
        draft = tmp_path / "example.yaml"
        draft.write_text(lay_over(base_for(code, text), text), encoding="utf-8")
    return check_draft(str(draft), settings_for(code), render=False).diagnostics


def _run_track(text: str, tmp_path: Path) -> list[Diagnostic]:
    from submission_kit.track.confirm import read_confirmations
    from submission_kit.track.parse import read_concluding_observations
    from submission_kit.validate import validate_file

    result = validate_file(EXAMPLES / "kaz-ccpr-oral-statement.yaml")
    assert result.submission is not None
    ids = [ask.id for _, ask in result.submission.ask_paths() if ask.id]
    co = read_concluding_observations(EXAMPLES / "concluding-observations" / "CCPR_C_KAZ_CO_3.txt")
    path = tmp_path / "example.track.yaml"
    path.write_text(text, encoding="utf-8")
    return read_confirmations(path, ids, co).diagnostics
