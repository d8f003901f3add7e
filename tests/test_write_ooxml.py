"""The thin OOXML layer under the writer: runs, text checks, fields, numbering levels, packaging."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree
from write_samples import NS, W

from submission_kit.write import numbering, ooxml, package


def test_a_run_keeps_edge_spaces_and_turns_tabs_and_line_feeds_into_word_marks() -> None:
    r = ooxml.run(" a\tb\nc ", italic=True)
    kinds = [child.tag.removeprefix(W) for child in r]
    assert kinds == ["rPr", "t", "tab", "t", "br", "t"]
    texts = [t.text for t in r.findall("w:t", NS)]
    assert texts == [" a", "b", "c "]
    # The written part keeps the edge spaces (xml:space is set when the part is serialised).
    written = etree.fromstring(ooxml.serialize(r))
    assert all(
        t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
        for t in written.findall("w:t", NS)
    )
    assert r.find("w:rPr/w:i", NS) is not None and r.find("w:rPr/w:b", NS) is None


@pytest.mark.parametrize("text", ["plain", "tab\tand\nlines\r", "é — “ ” 😀", "\ue000 private"])
def test_text_xml_can_hold_passes_the_check_unchanged(text: str) -> None:
    assert ooxml.checked_text(text) == text


def test_the_check_names_the_character_its_position_and_the_text() -> None:
    with pytest.raises(ValueError) as caught:
        ooxml.checked_text("Speaking \x0btime", "the speaker note")
    message = str(caught.value)
    assert message.startswith("the speaker note cannot go into a Word document")
    assert "U+000B at position 10" in message
    assert "Speaking \\x0btime" in message


def test_attribute_values_are_checked_too() -> None:
    with pytest.raises(ValueError, match=r"U\+0001"):
        ooxml.el("w:pStyle", {"w:val": "bad\x01"})


def test_a_field_caches_its_result_between_separate_and_end() -> None:
    runs = ooxml.field("PAGE", "1")
    marks = [
        r.find("w:fldChar", NS).get(f"{W}fldCharType")
        if r.find("w:fldChar", NS) is not None
        else "".join(r.itertext())
        for r in runs
    ]
    assert marks == ["begin", " PAGE ", "separate", "1", "end"]


@pytest.mark.parametrize(
    ("marker", "ilvl", "expected"), [("(%1)", 0, "(%1)"), ("(%1)", 1, "(%2)"), ("%1)", 2, "%3)")]
)
def test_level_text_points_at_its_own_level(marker: str, ilvl: int, expected: str) -> None:
    assert numbering.level_text(marker, ilvl) == expected


def test_times_are_written_in_utc_and_naive_times_are_taken_as_utc() -> None:
    assert package.w3cdtf(dt.datetime(2025, 6, 23, 12, 0, 5, 999)) == "2025-06-23T12:00:05Z"
    paris = dt.timezone(dt.timedelta(hours=2))
    assert package.w3cdtf(dt.datetime(2025, 6, 23, 2, 0, tzinfo=paris)) == "2025-06-23T00:00:00Z"


def test_serialised_parts_declare_utf8_and_standalone() -> None:
    blob = ooxml.serialize(ooxml.el("w:document", nsmap=ooxml.WORD_NSMAP))
    assert blob.startswith(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>")
    assert etree.fromstring(blob).tag == f"{W}document"
