"""Counting words and speaking time, one way for the whole kit: the rules (word limit, SK303)
and the speaker note compose writes into an oral statement's properties use these functions."""

from __future__ import annotations

from collections.abc import Iterable

from submission_kit.model.inline import plain_text

#: The pace an interpreted statement is timed at unless a setting says otherwise (the UN's
#: interpreters follow 100–120 words a minute comfortably).
DEFAULT_WORDS_PER_MINUTE = 120


def word_count(text: str) -> int:
    """Words as Word and the UN count them: runs of non-space characters of the visible text
    (markup and footnote citations are not words)."""
    return len(plain_text(text).split())


def total_words(texts: Iterable[str]) -> int:
    return sum(word_count(t) for t in texts)


def speaking_seconds(words: int, words_per_minute: int = DEFAULT_WORDS_PER_MINUTE) -> float:
    """How long `words` take to read at `words_per_minute` (unrounded; callers round to show)."""
    return words * 60 / words_per_minute
