"""The kit's fingerprint inside a DOCX, so that `subkit render` can tell its own untouched output
from a file someone edited (in Word, LibreOffice ...) after the kit wrote it.

The fingerprint is a SHA-256 of every part of the package except `docProps/custom.xml`,
stored as a custom document property in that part. A program that saves the file rewrites
the other parts, so the digest no longer matches; the kit's own output always matches.
Only the uncompressed contents count, so re-zipping alone does not change it. The
custom.xml part itself must be exactly as the kit wrote it, so an edit made only there
(a property added) counts as a change too.

An HTML page carries the same kind of fingerprint in a `<meta>` element: a SHA-256 of the page
without that element. Saving the page from an editor or a browser changes the digest.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from enum import Enum
from pathlib import Path

CUSTOM_PART = "docProps/custom.xml"
PROPERTY = "submission-kit-content-sha256"
_CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)
_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# The format id Office gives user-defined custom properties.
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


class Origin(Enum):
    """What an existing output file is, as far as overwriting it is concerned."""

    KIT_UNCHANGED = "written by subkit and unchanged since"
    CHANGED = "written by subkit, then changed"
    FOREIGN = "not written by subkit"


def content_digest(parts: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(parts):
        if name == CUSTOM_PART:
            continue
        data = parts[name]
        h.update(name.encode("utf-8") + b"\0" + str(len(data)).encode() + b"\0" + data)
    return h.hexdigest()


def _custom_xml(digest: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_PROPS_NS}" xmlns:vt="{_VT_NS}">'
        f'<property fmtid="{_FMTID}" pid="2" name="{PROPERTY}"><vt:lpwstr>{digest}</vt:lpwstr>'
        "</property></Properties>"
    ).encode()


def _insert_before(xml: bytes, closing: bytes, fragment: bytes) -> bytes:
    at = xml.rfind(closing)
    if at < 0:
        raise ValueError(f"malformed package part: no {closing.decode()}")
    return xml[:at] + fragment + xml[at:]


def stamp_members(members: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The members of a package (name, bytes, in zip order) with the fingerprint added: the
    content types and package relationships name `docProps/custom.xml`, which comes last and
    holds the digest of every other member. What `stamp` does to a zipped package, for a
    writer that stamps before it zips (and so deflates each part once)."""
    parts = dict(members)
    if CUSTOM_PART in parts:
        raise ValueError(f"the writer already produced {CUSTOM_PART}; the fingerprint needs it")
    parts["[Content_Types].xml"] = _insert_before(
        parts["[Content_Types].xml"],
        b"</Types>",
        f'<Override PartName="/{CUSTOM_PART}" ContentType="{_CUSTOM_TYPE}"/>'.encode(),
    )
    parts["_rels/.rels"] = _insert_before(
        parts["_rels/.rels"],
        b"</Relationships>",
        f'<Relationship Id="rIdSubkitFingerprint" Type="{_CUSTOM_REL}" Target="{CUSTOM_PART}"/>'.encode(),
    )
    parts[CUSTOM_PART] = _custom_xml(content_digest(parts))
    return [(name, parts[name]) for name, _ in members] + [(CUSTOM_PART, parts[CUSTOM_PART])]


def stamp(docx: bytes) -> bytes:
    """`docx` with the fingerprint added. Deterministic: the same input gives the same bytes."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        infos = z.infolist()
        members = stamp_members([(i.filename, z.read(i)) for i in infos])
    out = io.BytesIO()
    template = infos[0]
    with zipfile.ZipFile(out, "w") as z:
        for info, (name, data) in zip([*infos, template], members, strict=True):
            z.writestr(_copy_info(info, name), data)
    return out.getvalue()


def _copy_info(like: zipfile.ZipInfo, name: str) -> zipfile.ZipInfo:
    # Same fixed timestamp, compression and attributes as the writer chose: stays deterministic.
    info = zipfile.ZipInfo(name, date_time=like.date_time)
    info.compress_type = like.compress_type
    info.external_attr = like.external_attr
    info.create_system = like.create_system
    return info


#: The digest in custom.xml as the kit writes it (the part is then exactly `_custom_xml`).
_KIT_DIGEST = re.compile(rb"<vt:lpwstr>([0-9a-f]{64})</vt:lpwstr>")


def stored_digest(custom_xml: bytes) -> str | None:
    """The fingerprint in a custom.xml part, or None. Parsed, not pattern-matched: another
    program may have rewritten the part with other prefixes or more properties. (The part
    exactly as the kit writes it, the usual case, is recognised without an XML parser.)"""
    found = _KIT_DIGEST.search(custom_xml)
    if found is not None and custom_xml == _custom_xml(found.group(1).decode()):
        return found.group(1).decode()
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(custom_xml)
    except ET.ParseError:
        return None
    for prop in root.iter(f"{{{_PROPS_NS}}}property"):
        if prop.get("name") == PROPERTY:
            return "".join(prop.itertext()).strip() or None
    return None


HTML_SUFFIXES = (".html", ".htm")
_HTML_STAMP = rb'<meta name="submission-kit-content-sha256" content="([0-9a-f]{64})">\n'


def stamp_html(page: bytes) -> bytes:
    """`page` with its fingerprint right after its charset declaration. Deterministic."""
    charset = b'<meta charset="utf-8">\n'
    head = page.find(charset)
    if head < 0:
        raise ValueError("malformed page: no charset declaration")
    at = head + len(charset)
    digest = hashlib.sha256(page).hexdigest()
    mark = f'<meta name="{PROPERTY}" content="{digest}">\n'.encode()
    return page[:at] + mark + page[at:]


def html_origin(path: Path) -> Origin:
    """Whether the existing HTML page at `path` is the kit's untouched output."""
    try:
        page = path.read_bytes()
    except OSError:
        return Origin.FOREIGN
    found = re.search(_HTML_STAMP, page)  # compiled on first use: a DOCX render needs none
    if found is None:
        return Origin.FOREIGN
    rest = page[: found.start()] + page[found.end() :]
    same = hashlib.sha256(rest).hexdigest() == found.group(1).decode()
    return Origin.KIT_UNCHANGED if same else Origin.CHANGED


#: An existing file whose parts would inflate to more than this is not the kit's output (a
#: rendered submission is well under a megabyte); it is never inflated to find out.
MAX_INFLATED_BYTES = 64 * 1024 * 1024
MAX_PARTS = 1000


def origin(path: Path) -> Origin:
    """Whether the existing DOCX (or HTML page) at `path` is the kit's untouched output.

    The sizes in the zip directory are checked before anything is inflated, so a zip bomb
    costs nothing: it is FOREIGN. A change to any part, docProps/custom.xml included (a
    property added in Word, say), makes the file CHANGED.
    """
    if path.suffix.lower() in HTML_SUFFIXES:
        return html_origin(path)
    try:
        with zipfile.ZipFile(path) as z:
            infos = [i for i in z.infolist() if not i.is_dir()]
            if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_INFLATED_BYTES:
                return Origin.FOREIGN
            # Read no more than the directory promises: a part that lies about its size
            # fails its CRC check instead of inflating further.
            parts = {}
            for i in infos:
                with z.open(i) as f:
                    parts[i.filename] = f.read(i.file_size + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ValueError, EOFError):
        return Origin.FOREIGN
    except (NotImplementedError, RuntimeError):  # an unknown compression, an encrypted part
        return Origin.FOREIGN
    digest = stored_digest(parts[CUSTOM_PART]) if CUSTOM_PART in parts else None
    if digest is None:
        return Origin.FOREIGN
    if digest != content_digest(parts) or parts[CUSTOM_PART] != _custom_xml(digest):
        # The digest leaves out custom.xml (it holds the digest); the kit writes that part
        # in exactly one form, so any other form is an edit too.
        return Origin.CHANGED
    return Origin.KIT_UNCHANGED
