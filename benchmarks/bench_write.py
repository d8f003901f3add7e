"""Whole-process timing of the DOCX writer alone on a long document tree (no YAML, no compose).

Run from the repository root:  python benchmarks/bench_write.py [--runs 10] [--paragraphs 1000]
The tree: N numbered paragraphs of about 80 words, a cited footnote every third paragraph, and
a lettered list of three subparagraphs every fifth (a long list of issues is about 60
paragraphs; 1,000 is some 90 pages). Prints the median of fresh processes that build and write
the tree, the same with the write skipped (so the difference is the writer), and the in-process
time of `write_docx` alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = (
    "The State party should ensure that every person deprived of liberty has prompt access "
    "to a lawyer of their choice, is informed of their rights in a language they understand, "
    "and can challenge the lawfulness of the detention before an independent court; "
)


def long_document(paragraphs: int):
    from submission_kit.doctree import Document, FootnoteRef, Heading, ListItem, Properties, Text

    blocks: list = []
    footnotes = {}
    for n in range(paragraphs):
        if n % 25 == 0:
            blocks.append(Heading(1, [Text(f"Section {n // 25 + 1} (arts. 2, 7 and 9)")]))
        content = [Text(WORDS * 2)]
        if n % 3 == 0:
            key = f"src{n}"
            footnotes[key] = [Text("Report of the mission, "), Text("annex", italic=True)]
            content.append(FootnoteRef(key))
        blocks.append(ListItem(content, "paragraphs", bold=n % 7 == 0))
        if n % 5 == 0:
            for _ in range(3):
                blocks.append(ListItem([Text(WORDS)], f"sub-{n}", "lettered", level=1))
    props = Properties(
        "Benchmark", "submission-kit", "en-GB", dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    )
    return Document(props, blocks, footnotes, {"lettered": "(%1)"})


def child(paragraphs: int, write: bool) -> None:
    doc = long_document(paragraphs)
    if write:
        from submission_kit.write import write_docx

        Path("/dev/null").write_bytes(write_docx(doc))


def median_process(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--paragraphs", type=int, default=1000)
    parser.add_argument("--child", choices=["write", "build"])
    args = parser.parse_args()
    if args.child:
        child(args.paragraphs, args.child == "write")
        return
    me = [str(Path(__file__).relative_to(ROOT)), "--paragraphs", str(args.paragraphs)]
    whole = median_process([*me, "--child", "write"], args.runs)
    build = median_process([*me, "--child", "build"], args.runs)

    from submission_kit.write import write_docx

    doc = long_document(args.paragraphs)
    inner = []
    for _ in range(args.runs):
        start = time.perf_counter()
        blob = write_docx(doc)
        inner.append(time.perf_counter() - start)
    print(
        f"{args.paragraphs} paragraphs, {len(doc.blocks)} blocks, {len(doc.footnotes)} footnotes,"
        f" {len(blob) / 1024:.0f} KiB DOCX"
    )
    print(f"whole process, build + write: {whole * 1000:.0f} ms median")
    print(f"whole process, build only:    {build * 1000:.0f} ms median")
    print(f"write_docx in process:        {statistics.median(inner) * 1000:.0f} ms median")


if __name__ == "__main__":
    main()
