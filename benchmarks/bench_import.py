"""`subkit import` and Markdown drafts: how much of a real submission comes back, and how fast.

Run from the repository root:  python benchmarks/bench_import.py [--runs 15]

1. Recovery: seed 003_4ec4ad4861dcfd1d.txt (text extracted from FIDH's PDF) imported as text,
   and as DOCX made from it by pandoc and by LibreOffice (skipped, and said so, when a tool is
   missing), scored against the hand-made examples/kaz-ccpr-list-of-issues.yaml: share of its
   paragraphs, questions and footnotes recovered word for word, and of its issues given the
   right articles. Targets: every question and footnote, >= 95% of paragraphs, every article.
2. Round trip: every example rendered, the DOCX imported, the draft rendered again: the same
   text, numbering and footnotes (compared paragraph by paragraph).
3. Speed: `subkit import` of a 20-page DOCX as a whole process (target < 1 s), and
   `subkit validate` of a Markdown draft against the same draft in YAML (target: within 10%),
   the two interleaved run by run so that machine load falls on both alike.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from import_recovery import Recovery, recovery  # noqa: E402

from submission_kit.importing import import_document  # noqa: E402
from submission_kit.importing.convert import to_markdown  # noqa: E402
from submission_kit.importing.diff import with_draft_settings  # noqa: E402
from submission_kit.importing.word import read_docx  # noqa: E402
from submission_kit.model import kind_model  # noqa: E402
from submission_kit.pipeline.check import render_submission  # noqa: E402
from submission_kit.validate import collect_drafts, validate_file, validate_text  # noqa: E402

SEED = ROOT / "tests" / "data" / "seeds" / "003_4ec4ad4861dcfd1d.txt"
LOI = ROOT / "examples" / "kaz-ccpr-list-of-issues.yaml"
SUBKIT = [sys.executable, "-m", "submission_kit"]


def score(document: Path) -> Recovery:
    expected = validate_file(LOI)
    imported = import_document(document)
    model = kind_model("list_of_issues")
    data = with_draft_settings(imported.data, expected.draft.data, model)
    return recovery(expected.submission, model.model_validate(data))


def seed_documents(tmp: Path) -> dict[str, Path]:
    found = {"text (the seed)": SEED}
    pandoc = shutil.which("pandoc")
    if pandoc:
        out = tmp / "seed-pandoc.docx"
        subprocess.run(
            [
                pandoc,
                "-f",
                "markdown-smart+hard_line_breaks",
                "-t",
                "docx",
                str(SEED),
                "-o",
                str(out),
            ],
            check=True,
        )
        found["DOCX by pandoc"] = out
    else:
        print("pandoc is not installed: its DOCX is skipped")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless",
             "--convert-to", "docx", "--outdir", str(tmp / "lo"), str(SEED)],
            check=True, capture_output=True,
        )  # fmt: skip
        found["DOCX by LibreOffice"] = tmp / "lo" / (SEED.stem + ".docx")
    else:
        print("LibreOffice is not installed: its DOCX is skipped")
    return found


def pct(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]} ({100 * Recovery.share(pair):.0f}%)"


def blocks_of(data: bytes, tmp: Path) -> tuple[list, list]:
    path = tmp / "x.docx"
    path.write_bytes(data)
    doc = read_docx(path)
    return [(b.kind, b.marker, b.level, b.text) for b in doc.blocks], list(doc.footnotes.values())


def round_trips(tmp: Path) -> tuple[int, int]:
    same = 0
    drafts = collect_drafts([str(ROOT / "examples")])
    for draft in drafts:
        first = render_submission(validate_file(draft).submission)
        source = tmp / "first.docx"
        source.write_bytes(first)
        again = validate_text(to_markdown(import_document(source).data), "again.md")
        if again.submission is not None:
            second = render_submission(again.submission)
            same += blocks_of(first, tmp) == blocks_of(second, tmp)
    return same, len(drafts)


def long_docx(tmp: Path) -> tuple[Path, int | None]:
    """A list of issues of about 20 pages: the example's issues repeated for other articles
    (nine times: 20 pages in LibreOffice's PDF of it with the current typography)."""
    from submission_kit.importing.convert import to_yaml

    data = validate_file(LOI).draft.data
    issues = data["issues"]
    many = []
    for n in range(9):
        for issue in issues:
            copy = dict(issue)
            copy["articles"] = [((int(str(issue["articles"][0])) + n) % 26) + 1]
            copy.pop("heading", None)
            many.append(copy)
    data["issues"] = many
    draft = tmp / "long.yaml"
    draft.write_text(to_yaml(data), encoding="utf-8")
    docx = tmp / "long.docx"
    result = validate_file(draft)
    assert result.submission is not None, result.diagnostics[:3]
    docx.write_bytes(render_submission(result.submission))
    pages = None
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless",
             "--convert-to", "pdf", "--outdir", str(tmp), str(docx)],
            check=True, capture_output=True,
        )  # fmt: skip
        try:
            from pypdf import PdfReader

            pages = len(PdfReader(tmp / "long.pdf").pages)
        except ImportError:
            pages = None
    return docx, pages


CPU: list[float] = []  # CPU seconds (user + system) of each timed process, in order
#: The processes' environment: compiled modules cached, as in any installation (a machine
#: with PYTHONDONTWRITEBYTECODE would otherwise compile every module on every run), in a
#: folder of their own so that the checkout stays clean. Set by main().
ENV: dict[str, str] = {}


def timed(cmd: list[str]) -> float:
    """Wall seconds of one whole process; its CPU seconds go to CPU (less sensitive to load
    on a shared machine than the wall clock)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        print("## Recovery of the hand-made list of issues (word for word)")
        print("| input | paragraphs | questions | footnotes | issues with the right articles |")
        print("|---|---|---|---|---|")
        for label, doc in seed_documents(tmp).items():
            r = score(doc)
            print(
                f"| {label} | {pct(r.paragraphs)} | {pct(r.questions)} | {pct(r.footnotes)} "
                f"| {pct(r.articles)} |"
            )
            for m in r.missing:
                print(f"|   missing: {m[:70]}... | | | | |")
        same, total = round_trips(tmp)
        print(f"\n## Round trip render -> import -> render: {same}/{total} examples read the same")

        ENV.update({k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"})
        ENV["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        docx, pages = long_docx(tmp)
        print(f"\n## Speed (median of {args.runs} whole processes)")
        out = tmp / "imported.md"
        timed([*SUBKIT, "import", str(docx), "-o", str(tmp / "warm-up.md")])  # caches modules
        imports = []
        CPU.clear()
        for _ in range(args.runs):
            out.unlink(missing_ok=True)
            imports.append(timed([*SUBKIT, "import", str(docx), "-o", str(out)]))
        import_cpu = statistics.median(CPU)
        start = time.perf_counter()
        import_document(docx)
        in_process = time.perf_counter() - start
        print(
            f"import of a {pages or '?'}-page DOCX ({docx.stat().st_size:,} bytes): "
            f"{statistics.median(imports) * 1000:.0f} ms median, best {min(imports) * 1000:.0f} ms; "
            f"{in_process * 1000:.0f} ms in process; {import_cpu * 1000:.0f} ms CPU median"
        )
        md = tmp / "loi.md"
        subprocess.run(
            [*SUBKIT, "convert", str(LOI), "-o", str(md)], check=True, capture_output=True
        )
        timed([*SUBKIT, "validate", str(LOI)])
        timed([*SUBKIT, "validate", str(md)])
        yaml_times, md_times = [], []
        yaml_cpu, md_cpu = [], []
        for _ in range(args.runs):
            CPU.clear()
            yaml_times.append(timed([*SUBKIT, "validate", str(LOI)]))
            md_times.append(timed([*SUBKIT, "validate", str(md)]))
            yaml_cpu.append(CPU[0])
            md_cpu.append(CPU[1])
        y, m = statistics.median(yaml_times), statistics.median(md_times)
        yc, mc = statistics.median(yaml_cpu), statistics.median(md_cpu)
        print(
            f"validate YAML {y * 1000:.0f} ms, Markdown {m * 1000:.0f} ms (medians): "
            f"Markdown/YAML = {m / y:.3f}; best of each {min(md_times) / min(yaml_times):.3f}"
        )
        print(
            f"validate CPU: YAML {yc * 1000:.0f} ms, Markdown {mc * 1000:.0f} ms (medians): "
            f"Markdown/YAML = {mc / yc:.3f}; load average {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
