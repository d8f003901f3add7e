"""Running `subkit preview` as a user does: a process on a free loopback port, read over HTTP."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import ROOT

#: The ask that `articles: [7]` on this line belongs to, in the oral statement example.
TORTURE_ASK_ARTICLES = "      articles: [7]\n    - id: compensation"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PreviewProcess:
    """`subkit preview DRAFT --no-open --port N` in the background."""

    def __init__(self, draft: Path, port: int | None = None, cwd: Path | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "submission_kit", "preview", str(draft), "--no-open",
             "--port", str(self.port)],
            cwd=cwd or draft.parent, env=env, text=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        self.lines: list[str] = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stdout.readline() if self.process.stdout else ""
            if not line:
                break
            self.lines.append(line)
            if line.startswith("Previewing"):
                return
        out, err = self.stop()
        raise AssertionError(f"subkit preview did not start:\n{''.join(self.lines)}{out}{err}")

    def state(self) -> dict[str, Any]:
        with urllib.request.urlopen(self.url + "state", timeout=10) as response:
            return json.loads(response.read())

    def wait_for(self, test: Callable[[dict[str, Any]], bool], timeout: float = 20) -> dict:
        deadline = time.monotonic() + timeout
        state = self.state()
        while not test(state):
            if time.monotonic() > deadline:
                raise AssertionError(f"the preview never reached the state; last: {state}")
            time.sleep(0.05)
            state = self.state()
        return state

    def stop(self) -> tuple[str, str]:
        """Ctrl-C, as in a terminal; the rest of stdout and stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            out, err = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        return "".join(self.lines) + out, err


def save(path: Path, text: str) -> None:
    """Save as editors do: a new file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
