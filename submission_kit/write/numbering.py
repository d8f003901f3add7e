"""Real Word numbering: one abstract list per marker scheme, one `w:num` per list of the document.

Each scheme (paragraph numbers, lettered, roman, bullets) is an `w:abstractNum` with nine
levels; every list id of the document tree gets its own `w:num` on its scheme's abstract list,
with a start override on every level, so a new list id restarts at 1 / (a) in Word and
LibreOffice, while items sharing a list id run on through the whole document.

The geometry is the Geneva template's (twips; 1134 = 2 cm), where wrapped lines return to the
text margin instead of hanging:

- paragraph numbers "1." stand at 1134, the text starts at the next tab stop (1701), and
  wrapped lines go back to 1134 (indent 1134, no hanging);
- subparagraphs "(a)" start at 1701 on their first line (indent 1134, first line 567), their
  text at 2268, wrapped lines back at 1134;
- sub-subparagraphs "(i)" stand at 1701 (indent 1701), text at 2268, wrapped lines at 1701;
- bullets stand at 1531 and their text at 1701 (indent 1701, hanging 170).

A level deeper than its scheme's usual one (a bullet under a bullet) moves 567 further in.
Level numbers are never bold, even in a bold recommendation: only its words are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from submission_kit.write.ooxml import WORD_NSMAP, Attrs, el, val
from submission_kit.write.styles import INDENT, STEP

#: Where each scheme's marker and text stand at its usual level: (w:ind attributes, tab stop
#: of the text). The usual level is the one compose gives it under a numbered paragraph.
GEOMETRY: dict[str, tuple[Attrs, int]] = {
    "paragraph": ({"w:left": INDENT, "w:firstLine": 0}, INDENT + STEP),
    "lettered": ({"w:left": INDENT, "w:firstLine": STEP}, INDENT + 2 * STEP),
    "roman": ({"w:left": INDENT + STEP, "w:firstLine": 0}, INDENT + 2 * STEP),
    "bullet": ({"w:left": INDENT + STEP, "w:hanging": 170}, INDENT + STEP),
}
USUAL_LEVEL = {"paragraph": 0, "lettered": 1, "roman": 2, "bullet": 1}

#: The schemes in the order of their abstract list ids (fixed, so output is stable).
SCHEMES = ("paragraph", "lettered", "roman", "bullet")
#: Word's number format per scheme.
FORMATS = {
    "paragraph": "decimal",
    "lettered": "lowerLetter",
    "roman": "lowerRoman",
    "bullet": "bullet",
}
#: Level text when the document gives no marker for a scheme (English UN usage).
DEFAULT_MARKERS = {"paragraph": "%1.", "lettered": "(%1)", "roman": "(%1)", "bullet": "\u2022"}
LEVELS = 9


def level_text(marker: str, ilvl: int) -> str:
    """The marker for level `ilvl`: "%1" in a marker means "this level's number"."""
    return marker.replace("%1", f"%{ilvl + 1}")


def level_geometry(scheme: str, ilvl: int) -> tuple[Attrs, int]:
    """The `w:ind` attributes and the text's tab stop of `scheme` at level `ilvl`: the Geneva
    position at the scheme's usual level (or above it), 567 further in per level below it."""
    ind, tab = GEOMETRY[scheme]
    shift = STEP * max(0, ilvl - USUAL_LEVEL[scheme])
    shifted: Attrs = {k: int(v) + shift if k == "w:left" else v for k, v in ind.items()}
    return shifted, tab + shift


def abstract_num(abstract_id: int, scheme: str, marker: str) -> etree._Element:
    node = el(
        "w:abstractNum", {"w:abstractNumId": abstract_id}, val("w:multiLevelType", "multilevel")
    )
    for ilvl in range(LEVELS):
        text = marker if scheme == "bullet" else level_text(marker, ilvl)
        ind, tab = level_geometry(scheme, ilvl)
        lvl = el(
            "w:lvl",
            {"w:ilvl": ilvl},
            val("w:start", 1),
            val("w:numFmt", FORMATS[scheme]),
            val("w:lvlText", text),
            val("w:lvlJc", "left"),
            # The text starts at this tab stop; Word and LibreOffice both honour it.
            el(
                "w:pPr",
                None,
                el("w:tabs", None, el("w:tab", {"w:val": "num", "w:pos": tab})),
                el("w:ind", ind),
            ),
            # Not bold whatever the paragraph mark says: a recommendation's number is roman.
            el("w:rPr", None, val("w:b", 0), val("w:bCs", 0)),
        )
        node.append(lvl)
    return node


@dataclass
class ListPlan:
    """Which `w:num` each list id of the document gets, in order of first appearance."""

    schemes: dict[str, str] = field(default_factory=dict)
    _ids: dict[str, int] = field(default_factory=dict)

    def num_id(self, list_id: str, scheme: str) -> int:
        """The numId of `list_id` (1, 2, … by first appearance). A list keeps one scheme."""
        known = self.schemes.get(list_id)
        if known is None:
            if scheme not in FORMATS:
                raise ValueError(
                    f"list '{list_id}' has an unknown scheme '{scheme}'; "
                    f"expected one of {', '.join(SCHEMES)}"
                )
            self.schemes[list_id] = scheme
        elif known != scheme:
            raise ValueError(
                f"list '{list_id}' mixes the schemes '{known}' and '{scheme}'; "
                "give each kind of list its own list_id"
            )
        # Dicts keep insertion order, so ids follow first appearance.
        return self._ids.setdefault(list_id, len(self._ids) + 1)

    def numbering_root(self, markers: Mapping[str, str]) -> etree._Element:
        """`w:numbering`: all abstract lists first (the schema requires it), then the lists."""
        root = el("w:numbering", nsmap=WORD_NSMAP)
        for abstract_id, scheme in enumerate(SCHEMES):
            marker = markers.get(scheme) or DEFAULT_MARKERS[scheme]
            root.append(abstract_num(abstract_id, scheme, marker))
        for num_id, (_list_id, scheme) in enumerate(self.schemes.items(), start=1):
            num = el("w:num", {"w:numId": num_id}, val("w:abstractNumId", SCHEMES.index(scheme)))
            # Without overrides Word continues a count across nums sharing an abstract list.
            for ilvl in range(LEVELS):
                num.append(el("w:lvlOverride", {"w:ilvl": ilvl}, val("w:startOverride", 1)))
            root.append(num)
        return root
