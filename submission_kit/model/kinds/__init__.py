"""One module per kind of submission. A new kind is a new module here, nothing more."""
