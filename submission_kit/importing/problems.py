"""The one error of `subkit import`: a file it cannot read, with what to do instead."""

from __future__ import annotations

from submission_kit.diagnostics import UserError


class ImportProblem(UserError):
    """The document cannot be imported; `message` says why and `hint` what to do."""
