"""The one error of `subkit import`: a file it cannot read, with what to do instead."""

from __future__ import annotations


class ImportProblem(Exception):
    """The document cannot be imported; `message` says why and `hint` what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message, self.hint = message, hint
