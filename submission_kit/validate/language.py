"""Names the document prints from the reference data, in the draft's language: where the data
has none, the English name stands in, and SK209 says so rather than letting it pass unseen."""

from __future__ import annotations

from submission_kit import reference
from submission_kit.diagnostics import Diagnostic, Severity
from submission_kit.load import LoadedDraft
from submission_kit.model.common import Submission

CODE = "SK209"
FALLBACK = "en"


def language_diagnostics(draft: LoadedDraft, submission: Submission) -> list[Diagnostic]:
    """One SK209 warning for each name the document would print in English instead."""
    meta = submission.metadata
    language = meta.language
    if language == FALLBACK:
        return []
    missing: list[tuple[str, str, str]] = []  # what, its English name, the data file
    # A statement to the Human Rights Council names no State.
    state = getattr(meta, "state", None)
    country = reference.country(state) if state else None
    if country is not None and language not in country.names:
        missing.append((f"the State {state}", country.name(FALLBACK), "countries.json"))
    code = getattr(meta, "committee", None)
    if code in reference.committee_codes():
        committee = reference.committee(code)
        if language not in committee.name:
            missing.append((f"the {code}", committee.name[FALLBACK], "committees.json"))
        treaty = committee.treaty
        for what, names in (("name", treaty.name), ("short name", treaty.short)):
            if language not in names and FALLBACK in names:
                missing.append(
                    (f"the {what} of the {treaty.key}", names[FALLBACK], "treaties.json")
                )
        if treaty.titles.get(FALLBACK) and not treaty.titles.get(language):
            missing.append(
                (f"the article titles of the {treaty.key}", "its English titles", "treaties.json")
            )
    # The Universal Periodic Review and the Human Rights Council: the mechanism's own names.
    addressee = getattr(meta, "addressee", "")
    if addressee in ("upr", "hrc"):
        body = reference.mechanism(addressee)
        for what, names in (("name", body.name), ("Working Group's name", body.working_group)):
            if names and language not in names and FALLBACK in names:
                label = f"the {what} of the {addressee.upper()}"
                missing.append((label, names[FALLBACK], "mechanisms.json"))
        item = getattr(meta, "agenda_item", None)
        titles = body.agenda.get(str(item), {}) if item is not None else {}
        if titles and language not in titles and FALLBACK in titles:
            missing.append(
                (f"the title of agenda item {item}", titles[FALLBACK], "mechanisms.json")
            )
    return [
        draft.diag(
            ("metadata", "language"),
            CODE,
            f"the reference data has no '{language}' wording for {what}: "
            f"the document prints {english if english.startswith('its ') else repr(english)}",
            f"add the '{language}' name to submission_kit/reference/data/{file}, "
            "or write the draft in a language the data covers",
            severity=Severity.WARNING,
        )
        for what, english, file in missing
    ]
