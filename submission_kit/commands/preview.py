"""`subkit preview DRAFT`: the draft's page in the browser, updated on every save."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import click

from submission_kit.commands._common import EXIT_OK, fail


@click.command()
@click.argument("draft", type=click.Path(path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    help="Port on 127.0.0.1 to serve the page on (0: any free port). Default: 8765.",
)
@click.option("--no-open", is_flag=True, help="Do not open the page in the web browser.")
def preview(draft: Path, port: int | None, no_open: bool) -> None:
    """Show DRAFT as its rendered page in the browser, updated each time you save.

    \b
    subkit preview statement.yaml
    subkit preview statement.yaml --port 9000 --no-open

    The page is served on 127.0.0.1 only (never to other machines). Every save of the draft,
    its settings file, the ask library or the templates re-validates and re-renders it; the
    findings appear in the page next to the paragraph they concern. While the draft has
    errors, the page keeps the last version that rendered. Ctrl-C stops the preview.
    """
    from submission_kit.pipeline.preview import DEFAULT_PORT, HOST, PortInUse, Preview, make_server

    if not draft.exists():
        fail(f"no such draft: {draft}")
    if draft.is_dir():
        fail(f"{draft} is a folder", "preview one draft at a time: subkit preview FILE")
    try:
        import watchfiles  # noqa: F401 - only to say early that it is missing
    except ImportError:
        fail("the preview needs the watchfiles package", "pip install 'submission-kit[preview]'")

    state = Preview(draft)
    try:
        server = make_server(state, DEFAULT_PORT if port is None else port)
    except PortInUse as exc:
        other = f"--port {exc.free}" if exc.free else "another --port"
        fail(f"port {exc.port} on {HOST} is in use by another program", f"try {other}")
    except OSError as exc:
        fail(f"cannot serve on {HOST}:{port}: {exc.strerror or exc}")

    def report(snap: object) -> None:
        stamp = time.strftime("%H:%M:%S")
        click.echo(f"{stamp} {state.display}: {snap.status}", err=False)  # type: ignore[attr-defined]

    state.rebuild()
    state.on_update = report
    report(state.snapshot)
    url = f"http://{HOST}:{server.server_address[1]}/"

    from submission_kit.pipeline.preview import watch_and_rebuild

    stop, ready = threading.Event(), threading.Event()
    watcher = threading.Thread(
        target=watch_and_rebuild, args=(state, stop, ready), name="watch", daemon=True
    )
    watcher.start()
    serving = threading.Thread(target=server.serve_forever, name="serve", daemon=True)
    serving.start()
    # Announced once the watcher runs: a save made after this line is always picked up.
    ready.wait(10)
    click.echo(f"Previewing {draft} at {url} (Ctrl-C to stop)")
    if not no_open:
        import webbrowser

        webbrowser.open(url)
    # A terminal closed or `kill` stops the preview as cleanly as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while watcher.is_alive():
            watcher.join(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.stopping.set()
        server.shutdown()
        server.server_close()
        watcher.join(2)
    if state.watch_error is not None:
        error = state.watch_error
        fail(
            f"stopped watching {draft}: {getattr(error, 'strerror', None) or error}",
            "start the preview again",
        )
    click.echo("Preview stopped.")
    raise SystemExit(EXIT_OK)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
