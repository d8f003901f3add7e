"""Properties that hold for any draft text whatever (hypothesis): validation reports problems as
located findings and never raises; a draft it accepts renders to a DOCX that opens; the human
report of any draft stays short per line. benchmarks/fuzz.py runs the same idea at length."""

from __future__ import annotations

import io
import zipfile

import yaml
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from submission_kit.diagnostics import EXCERPT_WIDTH, format_human
from submission_kit.validate import validate_text

ORAL = (EXAMPLES / "kaz-ccpr-oral-statement.yaml").read_text(encoding="utf-8")
DATA = yaml.safe_load(ORAL)

# Text as writers paste it: any character, with the YAML and markup signs made likely.
prose = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"), st.sampled_from(list("*[]^#:'\"-|>{}&!%@`\n\t "))
    ),
    max_size=120,
)
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


def _located_everywhere(text: str) -> None:
    result = validate_text(text, "draft.yaml")
    lines = max(1, len(text.split("\n")))
    for d in result.diagnostics:
        assert d.file == "draft.yaml"
        assert 1 <= d.line <= lines + 1, d
        assert d.column >= 1, d
        assert d.message
    report = format_human(result.diagnostics, {"draft.yaml": result.draft.lines})
    assert all(len(line) <= EXCERPT_WIDTH + 200 for line in report.splitlines() if "| " in line)


@FAST
@given(st.binary(max_size=400).map(lambda b: b.decode("utf-8", "replace")))
def test_any_text_gives_located_findings_and_no_exception(text: str) -> None:
    _located_everywhere(text)


@FAST
@given(st.integers(0, len(ORAL)), prose)
def test_any_text_spliced_into_an_example_gives_located_findings(at: int, piece: str) -> None:
    _located_everywhere(ORAL[:at] + piece + ORAL[at:])


@FAST
@given(prose, prose)
def test_an_accepted_draft_renders_to_a_docx_whose_parts_all_parse(body: str, ask: str) -> None:
    from submission_kit.pipeline.render import render_bytes

    data = {**DATA, "body": [body or "x", *DATA["body"][1:]]}
    data["asks"] = {**DATA["asks"], "items": [ask or "y", *DATA["asks"]["items"][1:]]}
    result = validate_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "d.yaml")
    if not result.ok:
        return
    docx = render_bytes(result.submission)
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        assert z.testzip() is None
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))
