"""The OPC package around the Word parts: content types, relationships, document properties, and
a deterministic zip (fixed entry dates, order, compression and attributes).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from submission_kit.doctree import Properties
from submission_kit.write.ooxml import NAMESPACES, checked_text, el, serialize

#: Zip's earliest date: no clock time ever reaches the file.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: Who "last modified" the file and its revision, fixed so two renders are identical.
LAST_MODIFIED_BY = "submission-kit"
REVISION = "1"
APPLICATION = "submission-kit"

_OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


@dataclass(frozen=True)
class Part:
    """One member of the package: its name in the zip, content type, and bytes."""

    name: str
    content_type: str
    blob: bytes


@dataclass(frozen=True)
class Relationship:
    """One relationship of a DOCX part to another (its id, type and target)."""

    rel_id: str
    rel_type: str  # the last segment of the officeDocument relationship type URI
    target: str


REL_TYPES = {
    "officeDocument": f"{_OFFICE_REL}/officeDocument",
    "core-properties": "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    "extended-properties": f"{_OFFICE_REL}/extended-properties",
    "styles": f"{_OFFICE_REL}/styles",
    "settings": f"{_OFFICE_REL}/settings",
    "numbering": f"{_OFFICE_REL}/numbering",
    "footnotes": f"{_OFFICE_REL}/footnotes",
    "footer": f"{_OFFICE_REL}/footer",
}

CONTENT_TYPES = {
    "document": f"{_MAIN}.document.main+xml",
    "styles": f"{_MAIN}.styles+xml",
    "settings": f"{_MAIN}.settings+xml",
    "numbering": f"{_MAIN}.numbering+xml",
    "footnotes": f"{_MAIN}.footnotes+xml",
    "footer": f"{_MAIN}.footer+xml",
    "core": "application/vnd.openxmlformats-package.core-properties+xml",
    "app": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
}


def relationships(rels: list[Relationship]) -> bytes:
    root = el("rel:Relationships", nsmap={None: NAMESPACES["rel"]})
    for r in rels:
        root.append(
            el(
                "rel:Relationship",
                {"Id": r.rel_id, "Type": REL_TYPES[r.rel_type], "Target": r.target},
            )
        )
    return serialize(root)


def content_types(parts: list[Part]) -> bytes:
    """`[Content_Types].xml`: defaults for .rels and .xml, an override for every part."""
    root = el("ct:Types", nsmap={None: NAMESPACES["ct"]})
    root.append(el("ct:Default", {"Extension": "rels", "ContentType": CONTENT_TYPES["rels"]}))
    root.append(el("ct:Default", {"Extension": "xml", "ContentType": "application/xml"}))
    for part in parts:
        root.append(
            el("ct:Override", {"PartName": f"/{part.name}", "ContentType": part.content_type})
        )
    return serialize(root)


def w3cdtf(moment: dt.datetime) -> str:
    """ISO 8601 in UTC with a Z, as core properties want; a naive time is taken as UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


def core_properties(props: Properties) -> bytes:
    """docProps/core.xml: File > Info in Word. Times come from `props.created`, never the clock."""
    nsmap = {k: NAMESPACES[k] for k in ("cp", "dc", "dcterms", "dcmitype", "xsi")}
    root = el("cp:coreProperties", nsmap=nsmap)
    when = w3cdtf(props.created)

    def text(name: str, value: str, where: str) -> None:
        node = el(name)
        node.text = checked_text(value, f"document property '{where}'")
        root.append(node)

    text("dc:title", props.title, "title")
    text("dc:subject", props.subject, "subject")
    text("dc:creator", props.author, "author")
    text("cp:keywords", props.keywords, "keywords")
    text("dc:description", props.description, "description")
    text("dc:language", props.language, "language")
    text("cp:lastModifiedBy", LAST_MODIFIED_BY, "lastModifiedBy")
    text("cp:revision", REVISION, "revision")
    for name in ("dcterms:created", "dcterms:modified"):
        node = el(name, {"xsi:type": "dcterms:W3CDTF"})
        node.text = when
        root.append(node)
    return serialize(root)


def app_properties() -> bytes:
    """docProps/app.xml: only fixed facts; page and word counts are left for Word to compute."""
    root = el("ep:Properties", nsmap={None: NAMESPACES["ep"]})
    root.append(el("ep:Application", text=APPLICATION))
    root.append(el("ep:DocSecurity", text="0"))
    return serialize(root)


def zip_package(members: list[tuple[str, bytes]]) -> bytes:
    """The zip of `members` in the given order, every entry stamped 1980-01-01 and deflated at
    a fixed level with fixed attributes, so equal members give equal bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, blob in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            # A plain file readable and writable by its owner, whatever the umask.
            info.external_attr = 0o600 << 16
            archive.writestr(info, blob, compresslevel=6)
    return buffer.getvalue()


def assemble(
    parts: list[Part],
    document_rels: list[Relationship],
    props: Properties,
    *,
    fingerprint: bool = False,
) -> bytes:
    """The whole .docx: content types first (some readers insist), package rels, properties,
    then the Word parts in the order given. With `fingerprint`, the bytes of
    `stamp.stamp(assemble(...))`, zipped once."""
    core = Part("docProps/core.xml", CONTENT_TYPES["core"], core_properties(props))
    app = Part("docProps/app.xml", CONTENT_TYPES["app"], app_properties())
    all_parts = [core, app, *parts]
    package_rels = relationships(
        [
            Relationship("rId1", "officeDocument", "word/document.xml"),
            Relationship("rId2", "core-properties", "docProps/core.xml"),
            Relationship("rId3", "extended-properties", "docProps/app.xml"),
        ]
    )
    members = [
        ("[Content_Types].xml", content_types(all_parts)),
        ("_rels/.rels", package_rels),
        *((p.name, p.blob) for p in all_parts),
        ("word/_rels/document.xml.rels", relationships(document_rels)),
    ]
    if fingerprint:
        from submission_kit.write.stamp import stamp_members

        members = stamp_members(members)
    return zip_package(members)
