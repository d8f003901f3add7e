"""One composer per kind of submission; each module names its `KIND` and defines `compose_body`."""
