"""submission-kit: author, check and render NGO submissions to the UN treaty bodies."""

__version__ = "0.1.0"
