"""Scaffolding: new drafts from Jinja2 templates (`subkit new`, `subkit templates`).

Nothing here imports Jinja2 at import time; `scaffold.render` does, when a
template is actually rendered. `scaffold.project` is stdlib-only because
validation uses it to find a coalition's ask library.
"""
