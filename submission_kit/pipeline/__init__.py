"""The whole flow run end to end: one draft rendered to a file (`render`), many drafts
checked (`check`), one draft previewed live in a browser (`preview`)."""
