"""`subkit preview`: the draft as its HTML page on 127.0.0.1, rebuilt on every save.

A `Preview` validates, lints and renders the draft in this process (warm: the models, the
reference data and the phrase templates stay loaded), keeps the last page that rendered, and
places each finding next to the block of that page it concerns. A small HTTP server serves
the page and pushes every new state to it as a server-sent event; a watchfiles thread
watches the draft, its settings, the ask library and the templates. Standard library plus
watchfiles only: nothing here is imported unless `subkit preview` runs.
"""

from __future__ import annotations

import contextlib
import errno
import http.server
import json
import re
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from submission_kit.diagnostics import Diagnostic, Severity, UserError
from submission_kit.doctree import Document, Text

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
#: Code of a finding about the settings file, which the preview re-reads when it changes.
SETTINGS_UNUSABLE = "SK650"
#: The draft cannot be read (deleted, moved, no permission): the code `subkit check` uses.
UNREADABLE = "SK000"
#: A draft that validates but cannot be rendered: the code `subkit check` uses.
RENDER_FAILED = "SK600"
#: How long the watcher waits for a save to settle, in ms: editors write a file in one go,
#: so a short step keeps the page close behind the keyboard.
WATCH_STEP_MS = 10
#: The watcher wakes this often (ms) when nothing changes; the first wake-up says it is ready.
WAKE_MS = 100
#: Seconds between keep-alive comments on an idle event stream (a closed tab is noticed then).
KEEPALIVE = 10.0

_WORD = re.compile(r"\w+")


class PortInUse(UserError, OSError):
    """The port is taken; `free` is a nearby one that is not (None if none was found)."""

    def __init__(self, port: int, free: int | None) -> None:
        OSError.__init__(self, errno.EADDRINUSE, f"port {port} is in use")
        self.port, self.free = port, free
        self.message, self.where = f"port {port} is in use", ""
        self.hint = f"try --port {free}" if free else "try another --port"


# -- where findings go on the page -------------------------------------------------------------

PathKey = tuple[str | int, ...]


def _words(text: str) -> str:
    # Letters and digits only: compose changes quotes, dashes and spaces, never words.
    return "".join(_WORD.findall(text.lower()))


def _block_words(doc: Document) -> list[str]:
    return [
        _words("".join(i.text for i in getattr(b, "content", ()) if isinstance(i, Text)))
        for b in doc.blocks
    ]


def block_map(submission: Any, doc: Document) -> dict[PathKey, int]:
    """The block of `doc` that shows each piece of prose of `submission`, by its draft path.

    Writers know blocks, not drafts, so the link is found by the words: each text (in
    document order) is looked for from the block where the previous one was found.
    """
    from submission_kit.model.inline import plain_text

    blocks = _block_words(doc)
    found: dict[PathKey, int] = {}
    at = 0
    for path, text in submission.text_paths():
        if path and path[0] == "sources":
            continue
        needle = _words(plain_text(text))[:80]
        if not needle:
            continue
        order = [*range(at, len(blocks)), *range(0, at)]
        for i in order:
            if needle in blocks[i]:
                found[tuple(path)] = i
                at = i
                break
    return found


def _path_of(d: Diagnostic, positions: dict[PathKey, Any] | None) -> PathKey:
    if d.path:
        return tuple(int(p) if p.isdigit() else p for p in d.path.split("."))
    if not positions:
        return ()
    # No path (a YAML syntax error, say): the node that starts last at or before the line.
    best: PathKey = ()
    best_line = 0
    for path, pos in positions.items():
        if best_line <= pos.line <= d.line:
            best, best_line = path, pos.line
    return best


def block_of(path: PathKey, blocks: dict[PathKey, int]) -> int | None:
    """The block for a finding at `path`: that of the text sharing the longest start with it."""
    best, best_len = None, 0
    for text_path, index in blocks.items():
        n = 0
        for a, b in zip(path, text_path, strict=False):
            if a != b:
                break
            n += 1
        if n > best_len:
            best, best_len = index, n
    return best


# -- the state the page shows ------------------------------------------------------------------


@dataclass
class Snapshot:
    """What the page shows now: the last good page and the current findings."""

    version: int = 0
    page: str = ""
    title: str = ""
    status: str = "Starting…"
    level: str = "ok"  # ok | warnings | errors | missing
    stale: bool = False  # the page is an older version than the draft
    findings: list[dict[str, Any]] = field(default_factory=list)
    #: How long the rebuild took: validate, lint, compose and write the page.
    elapsed_ms: float = 0.0

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


class Preview:
    """The draft's page, rebuilt by `rebuild()`; `wait_for(version)` blocks until it changes."""

    def __init__(self, draft: Path, display: str | None = None) -> None:
        self.draft = draft
        self.display = display or str(draft)
        self.snapshot = Snapshot()
        self._changed = threading.Condition()
        self._blocks: dict[PathKey, int] = {}
        self._positions: dict[PathKey, Any] = {}
        self.on_update: Callable[[Snapshot], None] | None = None
        #: Why the watcher stopped, if it did on its own.
        self.watch_error: Exception | None = None

    # -- watching ----------------------------------------------------------------------------

    def settings_file(self) -> Path | None:
        from submission_kit.settings import ConfigError, locate

        try:
            found = locate(self.draft.parent)
        except ConfigError:
            return None
        return found.resolve() if found else None

    def watched(self) -> tuple[set[Path], list[Path]]:
        """The files whose change means a rebuild, and the folders whose files do (templates,
        ask libraries)."""
        from submission_kit.reference.folders import templates_dir

        files = {self.draft.absolute()}
        settings = self.settings_file()
        if settings:
            files.add(settings)
        folders = [templates_dir()]
        with contextlib.suppress(Exception):  # a broken settings file is reported by rebuild
            from submission_kit.scaffold.project import project_template_dirs

            folders += [p.resolve() for p in project_template_dirs(self.draft.parent)]
        return files, folders

    @staticmethod
    def forget_cached_files() -> None:
        """Drop what was read from settings, ask libraries and phrase catalogues, so the next
        rebuild reads them again (the draft itself is never cached)."""
        from submission_kit.compose import phrases
        from submission_kit.scaffold import project
        from submission_kit.validate import ask_library as asks

        project._project.cache_clear()
        asks._library.cache_clear()
        phrases.phrases.cache_clear()

    # -- rebuilding ----------------------------------------------------------------------------

    def rebuild(self) -> Snapshot:
        """Validate, lint and render the draft now; publish the new state."""
        started = time.perf_counter()
        findings, page, title, level, status = self._build()
        elapsed = time.perf_counter() - started
        with self._changed:
            old = self.snapshot
            stale = page is None
            self.snapshot = Snapshot(
                version=old.version + 1,
                page=old.page if page is None else page,
                title=old.title if title is None else title,
                status=status,
                level=level,
                stale=stale and bool(old.page),
                findings=findings,
                elapsed_ms=round(elapsed * 1000, 1),
            )
            self._changed.notify_all()
        if self.on_update:
            self.on_update(self.snapshot)
        return self.snapshot

    def _build(self) -> tuple[list[dict[str, Any]], str | None, str | None, str, str]:
        from submission_kit.validate import validate_file

        name = self.display
        if not self.draft.exists():
            d = Diagnostic(
                name, 1, 1, UNREADABLE, Severity.ERROR,
                f"{name} was deleted or moved; the page shows its last version",
                "restore the file (or save it again) and the preview picks it up",
            )  # fmt: skip
            return [self._place(d)], None, None, "missing", f"{name} is missing"
        try:
            result = validate_file(self.draft, self.display)
        except OSError as exc:
            d = Diagnostic(
                name, 1, 1, UNREADABLE, Severity.ERROR,
                f"cannot read the draft: {exc.strerror or exc}",
                "check that the file exists and that you may read it",
            )  # fmt: skip
            return [self._place(d)], None, None, "errors", f"cannot read {name}"
        diagnostics = list(result.diagnostics)
        settings, problem = self._settings()
        if problem is not None:
            diagnostics.append(problem)
        if result.submission is not None:
            from submission_kit.lint.engine import lint

            diagnostics += lint(result, settings)
        diagnostics.sort(key=Diagnostic.sort_key)
        positions = result.draft.values if result.draft.data is not None else self._positions
        page = title = None
        if result.ok:
            try:
                page, title, blocks = self._render(result.submission, settings)
            except Exception as exc:  # noqa: BLE001 - any failure of the renderer is a finding
                diagnostics.append(
                    Diagnostic(
                        name,
                        1,
                        1,
                        RENDER_FAILED,
                        Severity.ERROR,
                        f"the draft could not be rendered: {type(exc).__name__}: {exc}",
                        "this is a bug in submission-kit if the draft validates; please report it",
                    )  # fmt: skip
                )
            else:
                self._blocks, self._positions = blocks, result.draft.values
        placed = [self._place(d, positions) for d in diagnostics]
        errors = sum(d.severity is Severity.ERROR for d in diagnostics)
        warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
        if errors:
            kept = (
                "; the page shows the last version that rendered"
                if page is None and self.snapshot.page
                else ""
            )
            return placed, page, title, "errors", f"{_count(errors, 'error')}{kept}"
        if warnings:
            return placed, page, title, "warnings", _count(warnings, "warning")
        return placed, page, title, "ok", "No problems found"

    def _settings(self) -> tuple[Any, Diagnostic | None]:
        from submission_kit.settings import ConfigError, Settings, discover

        try:
            return discover(self.draft.parent).for_file(self.draft), None
        except ConfigError as exc:
            file, line, col = _split_where(exc.where)
            return Settings(), Diagnostic(
                file, line, col, SETTINGS_UNUSABLE, Severity.ERROR,
                f"the settings cannot be used: {exc.message}",
                exc.hint or "fix the settings file; the preview uses the defaults meanwhile",
            )  # fmt: skip

    def _render(self, submission: Any, settings: Any) -> tuple[str, str, dict[PathKey, int]]:
        from submission_kit.compose import compose
        from submission_kit.write.html import html_fragment

        doc = compose(submission, words_per_minute=settings.words_per_minute)
        return html_fragment(doc), doc.properties.title, block_map(submission, doc)

    def _place(self, d: Diagnostic, positions: dict[PathKey, Any] | None = None) -> dict[str, Any]:
        block = block_of(_path_of(d, positions), self._blocks) if self._blocks else None
        return {
            "code": d.code,
            "severity": d.severity.value,
            "message": d.message,
            "hint": d.hint,
            "where": f"{d.file}:{d.line}:{d.column}",
            "block": block,
        }

    def wait_for(self, version: int, timeout: float) -> Snapshot:
        """The snapshot once its version differs from `version`, or the current one on timeout."""
        with self._changed:
            self._changed.wait_for(lambda: self.snapshot.version != version, timeout)
            return self.snapshot

    # -- the page --------------------------------------------------------------------------------

    def page(self) -> str:
        """The whole preview page for the current state."""
        snap = self.snapshot
        body = snap.page or EMPTY_PAGE
        state = snap.to_json().replace("</", "<\\/")
        return (
            '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
            f"<title>{_escape(snap.title or self.display)}</title>\n"
            f'<style>{_page_css()}{PREVIEW_CSS}</style>\n</head>\n<body class="subkit">\n'
            f"{PANEL}\n{body}\n"
            f'<script type="application/json" id="subkit-state">{state}</script>\n'
            f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
        )


def _page_css() -> str:
    from submission_kit.write.html import PAGE_CSS

    return PAGE_CSS


def _escape(text: str) -> str:
    from html import escape

    return escape(text)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _split_where(where: str) -> tuple[str, int, int]:
    parts = where.rsplit(":", 2)
    if len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit():
        return parts[0], int(parts[1]), int(parts[2])
    return where, 1, 1


EMPTY_PAGE = (
    '<article class="page"><div class="body"><p class="SingleTxtG">Nothing to show yet: '
    "the draft has not rendered once. Fix the findings above and save.</p></div></article>"
)

PREVIEW_CSS = """
#subkit-panel { position: sticky; top: 0; z-index: 2; margin: 0; padding: 6px 12px;
  font: 13px/1.4 system-ui, sans-serif; background: #1f6f3f; color: #fff; }
#subkit-panel.warnings { background: #8a5a00; }
#subkit-panel.errors, #subkit-panel.missing { background: #9b1c1c; }
#subkit-findings:empty { display: none; }
#subkit-findings { max-width: 21cm; margin: 8px auto 0; }
.subkit-finding { font: 12px/1.35 system-ui, sans-serif; margin: 4pt 2cm 8pt 2cm;
  padding: 4px 8px; border-left: 4px solid #9b1c1c; background: #fdecec; color: #000;
  text-align: left; text-indent: 0; }
.subkit-finding.warning { border-color: #b07800; background: #fff6e0; }
.subkit-finding.info { border-color: #2b5fa8; background: #eaf1fb; }
#subkit-findings .subkit-finding { margin: 4px 0; }
.subkit-finding .code { font-weight: bold; margin-right: 0.5em; }
.subkit-finding .where { color: #555; margin-left: 0.5em; }
.subkit-finding .hint { display: block; color: #333; }
body.stale article.page { color: #666; }
"""

PANEL = (
    '<div id="subkit-panel" role="status"><span id="subkit-status"></span>'
    '<div id="subkit-findings" aria-live="polite"></div></div>'
)

#: Applies a state: swaps the page in place, then puts each finding after its block (or in the
#: panel); text goes in with textContent only, so nothing in a draft can run in the page.
SCRIPT = r"""
(function () {
  function finding(f) {
    var box = document.createElement("aside");
    box.className = "subkit-finding " + f.severity;
    box.dataset.code = f.code;
    var code = document.createElement("span"); code.className = "code";
    code.textContent = f.code + " " + f.severity + ":";
    var message = document.createElement("span"); message.className = "message";
    message.textContent = f.message;
    var where = document.createElement("span"); where.className = "where";
    where.textContent = "(" + f.where + ")";
    box.append(code, " ", message, " ", where);
    if (f.hint) {
      var hint = document.createElement("span"); hint.className = "hint";
      hint.textContent = "hint: " + f.hint; box.append(hint);
    }
    return box;
  }
  function apply(state) {
    var old = document.querySelector("article.page");
    if (state.page && old && old.dataset.html !== state.page) {
      var t = document.createElement("template");
      t.innerHTML = state.page;
      var fresh = t.content.querySelector("article.page");
      fresh.dataset.html = state.page;
      old.replaceWith(fresh);
    }
    document.querySelectorAll(".subkit-finding").forEach(function (e) { e.remove(); });
    var list = document.getElementById("subkit-findings");
    state.findings.forEach(function (f) {
      var target = f.block === null ? null :
        document.querySelector('article.page [data-block="' + f.block + '"]');
      if (target) { target.after(finding(f)); } else { list.append(finding(f)); }
    });
    document.getElementById("subkit-status").textContent = state.status;
    document.getElementById("subkit-panel").className = state.level;
    document.body.classList.toggle("stale", state.stale);
    if (state.title) { document.title = state.title; }
    document.body.dataset.version = state.version;
  }
  var first = JSON.parse(document.getElementById("subkit-state").textContent);
  var page = document.querySelector("article.page");
  if (page) { page.dataset.html = first.page; }
  apply(first);
  var events = new EventSource("/events?since=" + first.version);
  events.onmessage = function (e) { apply(JSON.parse(e.data)); };
})();
"""


# -- the server --------------------------------------------------------------------------------


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a port in use must be reported, not shared
    preview: Preview
    stopping: threading.Event


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass  # the terminal shows one line per rebuild, not one per request

    def _allowed_host(self) -> bool:
        # Only pages from this machine's loopback name may talk to the preview (DNS rebinding).
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        return host in ("127.0.0.1", "localhost")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - the base's name
        if not self._allowed_host():
            self._send(403, b"preview is only served to 127.0.0.1\n", "text/plain")
            return
        route, _, query = self.path.partition("?")
        preview = self.server.preview
        if route == "/":
            self._send(200, preview.page().encode("utf-8"), "text/html; charset=utf-8")
        elif route == "/state":
            self._send(200, preview.snapshot.to_json().encode("utf-8"), "application/json")
        elif route == "/events":
            since = query.partition("since=")[2].split("&")[0]
            self._events(int(since) if since.isdigit() else -1)
        else:
            self._send(404, b"not found\n", "text/plain")

    def _events(self, since: int) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview, stopping = self.server.preview, self.server.stopping
        version = since
        try:
            while not stopping.is_set():
                snap = preview.wait_for(version, KEEPALIVE)
                if snap.version == version:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    self.wfile.write(f"data: {snap.to_json()}\n\n".encode())
                    version = snap.version
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the tab was closed
        self.close_connection = True


def free_port_near(port: int, tries: int = 50) -> int | None:
    """A port after `port` that nothing listens on at 127.0.0.1 now."""
    for candidate in range(port + 1, min(port + 1 + tries, 65536)):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((HOST, candidate))
            except OSError:
                continue
            return candidate
    return None


def make_server(preview: Preview, port: int) -> _Server:
    """The HTTP server on 127.0.0.1:`port` (0: any free port). Raises PortInUse."""
    try:
        server = _Server((HOST, port), _Handler)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(port, free_port_near(port)) from None
        raise
    server.preview = preview
    server.stopping = threading.Event()
    return server


def watch(
    preview: Preview, stop: threading.Event, ready: threading.Event | None = None
) -> Iterator[set[Path]]:
    """Yield the changed files that matter, save by save, until `stop` is set."""
    import watchfiles

    files, folders = preview.watched()
    targets = {f.resolve() for f in files}
    dirs = {f.parent for f in targets}
    # Folders, not files: an editor that saves by renaming a new file over the draft would
    # leave a watch on the file itself pointing at the old, deleted one.
    for folder in folders:
        dirs.update(p.resolve() for p in _tree(folder) if p.is_dir())

    def wanted(_change: Any, raw: str) -> bool:
        path = Path(raw).resolve()
        if path in targets:
            return True
        return path.suffix in (".yaml", ".yml", ".toml") and any(
            path.is_relative_to(f) for f in folders
        )

    # Watching has begun once the first batch (or the first empty one, after WAKE_MS) arrives:
    # only then is `ready` set, so a save right after start-up is not missed.
    for changes in watchfiles.watch(
        *sorted(dirs), watch_filter=wanted, step=WATCH_STEP_MS, debounce=400,
        stop_event=stop, recursive=False, raise_interrupt=False, rust_timeout=WAKE_MS,
        yield_on_timeout=True,
    ):  # fmt: skip
        if ready is not None:
            ready.set()
        if changes:
            yield {Path(p) for _, p in changes}


def _tree(folder: Path, depth: int = 3) -> Iterable[Path]:
    yield folder
    if depth and folder.is_dir():
        for child in sorted(folder.iterdir()):
            if child.is_dir() and not child.name.startswith((".", "__")):
                yield from _tree(child, depth - 1)


def watch_and_rebuild(preview: Preview, stop: threading.Event, ready: threading.Event) -> None:
    """Rebuild after every save that matters, until `stop` is set."""
    draft = preview.draft.resolve()
    try:
        for changed in watch(preview, stop, ready):
            if any(p.resolve() != draft for p in changed):
                preview.forget_cached_files()
            preview.rebuild()
    except Exception as exc:  # noqa: BLE001 - reported by the command, which then stops
        preview.watch_error = exc
        ready.set()
