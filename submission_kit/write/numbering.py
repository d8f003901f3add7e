"""Real Word numbering: one abstract list per marker scheme, one `w:num` per list of the document.

Each scheme (paragraph numbers, lettered, roman, bullets) is an `w:abstractNum` with nine
levels; every list id of the document tree gets its own `w:num` on its scheme's abstract list,
with a start override on every level, so a new list id restarts at 1 / (a) in Word and
LibreOffice, while items sharing a list id run on through the whole document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from submission_kit.doctree import DEFAULT_MARKERS
from submission_kit.write.ooxml import WORD_NSMAP, el, val
from submission_kit.write.styles import INDENT, STEP

#: The schemes in the order of their abstract list ids (fixed, so output is stable).
SCHEMES = ("paragraph", "lettered", "roman", "bullet")
#: Word's number format per scheme.
FORMATS = {
    "paragraph": "decimal",
    "lettered": "lowerLetter",
    "roman": "lowerRoman",
    "bullet": "bullet",
}
LEVELS = 9


def level_text(marker: str, ilvl: int) -> str:
    """The marker for level `ilvl`: "%1" in a marker means "this level's number"."""
    return marker.replace("%1", f"%{ilvl + 1}")


def level_indent(ilvl: int) -> dict[str, str | int]:
    """The number hangs at the text indent (2 cm), one step further in per level; the text
    starts 1 cm after the number, and wrapped lines align with the text, not the number."""
    return {"w:left": INDENT + STEP * (ilvl + 1), "w:hanging": STEP}


def abstract_num(abstract_id: int, scheme: str, marker: str) -> etree._Element:
    node = el(
        "w:abstractNum", {"w:abstractNumId": abstract_id}, val("w:multiLevelType", "multilevel")
    )
    for ilvl in range(LEVELS):
        text = marker if scheme == "bullet" else level_text(marker, ilvl)
        lvl = el(
            "w:lvl",
            {"w:ilvl": ilvl},
            val("w:start", 1),
            val("w:numFmt", FORMATS[scheme]),
            val("w:lvlText", text),
            val("w:lvlJc", "left"),
            el("w:pPr", None, el("w:ind", level_indent(ilvl))),
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
