"""Each submission rule flags what a secretariat, a chair or a committee member would, and
leaves good drafts alone."""

from __future__ import annotations

import re

import pytest
from check_samples import LOI_EXAMPLE, MINIMAL_LOI, codes, lint_text, oral_text
from conftest import ORAL_EXAMPLE, ROOT

from submission_kit.diagnostics import Severity
from submission_kit.lint import find_rule, registry
from submission_kit.lint.engine import lint
from submission_kit.settings import Settings
from submission_kit.validate import validate_file


def test_seed_000_mixed_ask_forms_are_flagged_on_asks_3_and_4_only() -> None:
    found = codes(lint_text(oral_text()), "SK403")
    assert sorted(d.path for d in found) == ["asks.items.2.text", "asks.items.3.text"]
    by_path = {d.path: d for d in found}
    assert "'Ensure'" in by_path["asks.items.2.text"].message
    assert "'must'" in by_path["asks.items.2.text"].message
    assert "'Establishing'" in by_path["asks.items.3.text"].message
    assert by_path["asks.items.3.text"].hint == "open with 'Establish'"
    # Located on the words themselves: 'must' on line 71, 'Establishing' on line 77.
    lines = ORAL_EXAMPLE.read_text(encoding="utf-8").split("\n")
    must = by_path["asks.items.2.text"]
    assert lines[must.line - 1][must.column - 1 :].startswith("must")
    est = by_path["asks.items.3.text"]
    assert lines[est.line - 1][est.column - 1 :].startswith("Establishing")
    assert all(d.severity is Severity.WARNING for d in found)


def test_an_ask_opening_with_an_ing_form_is_not_an_imperative() -> None:
    found = codes(lint_text(oral_text()), "SK401")
    assert [d.path for d in found] == ["asks.items.3.text"]


def test_parallel_asks_in_another_shared_form_are_left_alone() -> None:
    text = oral_text()
    # Every ask as a statement about the State: one form, so nothing to report.
    items = re.findall(r"      text: >-\n        (\w+)", text)
    assert len(items) == 7
    lint_all = lint_text(text)
    assert len(codes(lint_all, "SK403")) == 2
    same = text.replace("Establishing a standardized", "Establish a standardized").replace(
        "law enforcement must\n        receive", "law enforcement\n        receive"
    )
    assert codes(lint_text(same), "SK403") == []
    assert codes(lint_text(same), "SK401") == []


def test_hedged_ask_is_reported_at_the_hedging_words() -> None:
    text = oral_text().replace(
        "Halt the suppression of human rights defenders",
        "Consider halting, as appropriate, the suppression of human rights defenders",
    )
    found = codes(lint_text(text), "SK402")
    assert [d.message for d in found] == [
        "'Consider' softens the ask",
        "'as appropriate' softens the ask",
    ]
    line = text.split("\n")[found[1].line - 1]
    assert line[found[1].column - 1 :].startswith("as appropriate")


def test_near_duplicate_asks_are_reported_on_the_later_one() -> None:
    text = oral_text().replace(
        "Halt the suppression of human rights defenders and politically motivated\n"
        "        detentions of vulnerable individuals, guaranteeing fair asylum procedures and\n"
        "        legal protections.",
        "Demand that the authorities immediately halt all forms of torture and\n"
        "        ill-treatment, conduct thorough investigations into all reported abuses, and hold\n"
        "        the perpetrators accountable through legal action.",
    )
    found = codes(lint_text(text), "SK404")
    assert [d.path for d in found] == ["asks.items.6.text"]
    assert "nearly repeats the ask at line 64" in found[0].message
    assert codes(lint_text(oral_text()), "SK404") == []


@pytest.mark.parametrize(
    ("follows_up", "message"),
    [
        ("CCPR/KAZ/CO2, para. 36", "'CCPR/KAZ/CO2' is not a well-formed UN document symbol"),
        ("CCPR/C/UZB/CO/5, para. 12", "'CCPR/C/UZB/CO/5' is not a document of the CCPR on KAZ"),
    ],
)
def test_follow_up_must_cite_a_well_formed_symbol_of_this_committee_and_state(
    follows_up: str, message: str
) -> None:
    text = oral_text().replace(
        "      articles: [2]\n", f"      articles: [2]\n      follows_up: {follows_up}\n"
    )
    found = codes(lint_text(text), "SK405")
    assert [d.message for d in found] == [message]
    assert found[0].severity is Severity.ERROR
    assert found[0].path == "asks.items.5.follows_up"
    good = oral_text().replace(
        "      articles: [2]\n",
        "      articles: [2]\n      follows_up: CCPR/C/KAZ/CO/2, para. 36\n",
    )
    assert codes(lint_text(good), "SK405") == []


def test_written_submission_over_the_committee_word_limit_is_an_error() -> None:
    # 10,000 words is the CCPR's limit; the footnote's words count too.
    filler = " ".join(["word"] * 9990)
    text = MINIMAL_LOI + f"sources:\n  - id: long\n    text: {filler}\n"
    text = text.replace("respected in every case?", "respected in every case?[^long]")
    found = lint_text(text)
    assert [d.code for d in found if d.code in ("SK301", "SK302")] == ["SK301"]
    over = codes(found, "SK301")[0]
    assert over.severity is Severity.ERROR
    assert re.match(r"the submission has 10,0\d\d words, \d+ over the CCPR's limit", over.message)


def test_written_submission_near_the_word_limit_is_a_warning() -> None:
    text = MINIMAL_LOI  # 46 words, title and headings included
    assert codes(lint_text(text, Settings(word_limit=50)), "SK302") != []
    assert codes(lint_text(text, Settings(word_limit=50)), "SK301") == []
    assert codes(lint_text(text, Settings(word_limit=45)), "SK301") != []
    assert codes(lint_text(text, Settings(word_limit=52)), "SK302") == []


def test_speaking_time_is_estimated_at_the_configured_pace() -> None:
    # Seed 000: 389 words read aloud ("In conclusion" included) for 3 minutes.
    at_120 = codes(lint_text(oral_text()), "SK303")
    assert len(at_120) == 1
    assert "takes 3 min 14 s, over the 3 min 00 s allowed (389 words" in at_120[0].message
    assert codes(lint_text(oral_text(), Settings(words_per_minute=130)), "SK303") == []
    assert codes(lint_text(oral_text()), "SK304") == []


def test_a_statement_that_only_fits_at_a_gallop_is_an_error() -> None:
    text = oral_text().replace("time_limit: 3 min", "time_limit: 2 min")
    rate = codes(lint_text(text), "SK304")
    assert len(rate) == 1 and rate[0].severity is Severity.ERROR
    assert "needs 194 words a minute" in rate[0].message


def test_suggested_questions_must_be_questions() -> None:
    text = MINIMAL_LOI.replace(
        "Will migrant workers be allowed to found trade unions?",
        "Migrant workers should be allowed to found trade unions.",
    )
    found = codes(lint_text(text), "SK501")
    assert [d.path for d in found] == ["issues.1.questions.0"]
    request = MINIMAL_LOI.replace(
        "Will migrant workers be allowed to found trade unions?",
        "Please provide information on the right of migrant workers to found trade unions.",
    )
    assert codes(lint_text(request), "SK501") == []


def test_issues_out_of_treaty_article_order_are_reported() -> None:
    text = MINIMAL_LOI.replace("articles: [7]", "articles: [26]")
    found = codes(lint_text(text), "SK502")
    assert [d.path for d in found] == ["issues.1"]
    assert "(article 22) comes after an issue on article 26" in found[0].message


def test_issue_without_article_and_empty_issue_are_reported() -> None:
    text = (
        MINIMAL_LOI.replace("    articles: [22]\n", "")
        + "  - title: On torture\n    articles: [7]\n"
    )
    found = lint_text(text)
    assert [d.message for d in codes(found, "SK503")] == [
        "the issue 'On freedom of association' cites no treaty article"
    ]
    empty = codes(found, "SK504")
    assert [d.message for d in empty] == ["the issue 'On torture' is empty"]
    assert (
        empty[0].severity is Severity.ERROR
        and empty[0].line == text.split("\n").index("  - title: On torture") + 1
    )


def test_state_party_spelling_follows_the_draft_then_the_setting() -> None:
    text = oral_text().replace("Urge the State party to", "Urge the State Party to")
    found = codes(lint_text(text), "SK330")
    assert [d.message for d in found] == [
        "'State Party' is spelt 'State party' in this draft (the default spelling)"
    ]
    assert found[0].fixable
    assert codes(lint_text(text, Settings(state_party="State Party")), "SK330") == []
    draft_says = text.replace(
        "  language: en\n", "  language: en\n  state_party_spelling: State party\n"
    )
    assert codes(lint_text(draft_says, Settings(state_party="State Party")), "SK330") != []


def test_acronyms_must_be_spelt_out_at_first_use() -> None:
    found = codes(lint_text(LOI_EXAMPLE.read_text(encoding="utf-8")), "SK340")
    assert [d.message for d in found] == [
        "the acronym 'FIDH' is used before it is spelt out",
        "the acronym 'CCPR' is used before it is spelt out",
    ]
    assert (
        found[0].hint == "write 'International Federation for Human Rights (FIDH)' at its first use"
    )
    defined = MINIMAL_LOI.replace(
        "Asylum seekers have been returned",
        "The International Federation for Human Rights (FIDH) finds that the GDP (Global "
        "Detention Project) and FIDH agree that asylum seekers have been returned",
    )
    assert codes(lint_text(defined), "SK340") == []
    undefined = MINIMAL_LOI.replace("Only nationals", "According to ILI, only nationals")
    assert [d.message for d in codes(lint_text(undefined), "SK340")] == [
        "the acronym 'ILI' is used before it is spelt out"
    ]
    assert codes(lint_text(undefined, Settings(known_acronyms=("ILI",))), "SK340") == []


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("title: List of issues", 'title: "Distr.: General"', "Distr.: General"),
        ("title: List of issues", "title: CCPR/C/KAZ/Q/1", "CCPR/C/KAZ/Q/1"),
        (
            "Only nationals may found a trade union.",
            '"Original: English. Only nationals may found a trade union."',
            "Original: English",
        ),
    ],
)
def test_imitating_the_un_masthead_is_an_error(old: str, new: str, needle: str) -> None:
    found = codes(lint_text(MINIMAL_LOI.replace(old, new)), "SK320")
    assert len(found) == 1 and needle in found[0].message
    assert found[0].severity is Severity.ERROR


def test_citing_a_un_symbol_in_the_text_is_not_a_masthead() -> None:
    text = MINIMAL_LOI.replace(
        "Only nationals", "As CCPR/C/KAZ/CO/1, para. 26 notes, only nationals"
    )
    assert codes(lint_text(text), "SK320") == []


def test_submission_dated_after_the_session_opened_and_reversed_session_dates() -> None:
    late = MINIMAL_LOI.replace("date: 2011-01-10", "date: 2011-03-20")
    assert [d.message for d in codes(lint_text(late), "SK310")] == [
        "the submission is dated 20 March 2011, not before the session opens (14 March 2011)"
    ]
    reversed_ = MINIMAL_LOI.replace("end: 2011-04-01", "end: 2011-03-01")
    assert (
        "the session ends (1 March 2011) before it starts"
        in codes(lint_text(reversed_), "SK310")[0].message
    )
    # An oral statement is delivered during the session: seed 000 is dated on the first day.
    assert codes(lint_text(oral_text()), "SK310") == []


def test_the_examples_have_warnings_but_no_errors() -> None:
    for path in (ORAL_EXAMPLE, LOI_EXAMPLE):
        result = validate_file(path)
        found = lint(result, Settings())
        assert found, path  # the seeds really have findings (mixed asks, undefined acronyms)
        assert all(d.severity is not Severity.ERROR for d in found), [d.message for d in found]


def test_every_rule_has_a_stable_code_a_name_a_rationale_and_examples() -> None:
    rules = registry()
    assert len(rules) >= 19
    for code, r in rules.items():
        assert re.fullmatch(r"SK[345]\d\d", code)
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", r.name)
        assert r.rationale.endswith(".") and "\n" not in r.rationale
        assert r.bad.strip() and r.good.strip() and r.bad != r.good
        assert find_rule(r.name) is r and find_rule(code.lower()) is r
    assert len({r.name for r in rules.values()}) == len(rules)


def test_docs_rules_page_is_generated_from_the_registry() -> None:
    from submission_kit.commands.rules import rules_markdown

    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_markdown(), (
        "docs/rules.md is stale: run `subkit rules --markdown > docs/rules.md`"
    )


def test_english_grammar_rules_leave_french_and_spanish_drafts_alone() -> None:
    text = oral_text().replace("  language: en\n", "  language: fr\n")
    found = {d.code for d in lint_text(text)}
    assert not found & {"SK401", "SK402", "SK403", "SK330"}
    assert "SK303" in found  # speaking time does not depend on the language


def test_a_title_citing_the_concluding_observations_it_follows_up_is_not_a_masthead() -> None:
    citing = MINIMAL_LOI.replace(
        "title: List of issues",
        'title: "Follow-up to the concluding observations on Kazakhstan (CCPR/C/KAZ/CO/3)"',
    )
    assert codes(lint_text(citing), "SK320") == []
    # A symbol that opens the title, or sits on the title's first line, is still the draft's own.
    own = MINIMAL_LOI.replace(
        "title: List of issues", 'title: "CCPR/C/KAZ/CO/3\\nFollow-up to the recommendations"'
    )
    assert [d.message for d in codes(lint_text(own), "SK320")] == [
        "the UN document symbol 'CCPR/C/KAZ/CO/3' is used as a title or heading"
    ]


STANDARD_ASKS = """\
    recommendations:
      - use: implement-recommendation
        with: {paragraph: "12", symbol: CCPR/C/KAZ/CO/3}
      - use: implement-recommendation
        with: {paragraph: "SECOND", symbol: CCPR/C/KAZ/CO/3}
"""


def test_one_standard_ask_used_for_two_paragraphs_is_not_a_repeated_ask() -> None:
    asks = MINIMAL_LOI + STANDARD_ASKS.replace("SECOND", "34")
    assert codes(lint_text(asks), "SK404") == []
    # The same standard ask with the same values is a real repeat.
    same = MINIMAL_LOI + STANDARD_ASKS.replace("SECOND", "12")
    assert [d.message for d in codes(lint_text(same), "SK404")] == [
        "the ask repeats the ask at line 26 (100% similar)"
    ]


FRENCH_LOI = (
    MINIMAL_LOI.replace("  date: 2011-01-10", "  date: 2011-01-10\n  language: fr")
    .replace("Will the principle of non-refoulement be respected in every case?", "QUESTION")
    .replace(
        "Will migrant workers be allowed to found trade unions?",
        "Veuillez fournir des renseignements sur le droit des travailleurs migrants de fonder "
        "des syndicats.",
    )
)


def test_french_questions_in_the_committee_style_pass_and_the_hint_is_in_french() -> None:
    statement = FRENCH_LOI.replace("QUESTION", "Le principe de non-refoulement est violé.")
    found = codes(lint_text(statement), "SK501")
    assert [d.path for d in found] == ["issues.0.questions.0"]
    assert found[0].hint == (
        "end it with '?', or ask in the Committee's style: "
        "'Veuillez fournir des renseignements sur ...'"
    )
    asked = FRENCH_LOI.replace(
        "QUESTION", "« Le principe de non-refoulement sera-t-il respecté dans tous les cas ? »"
    )
    assert codes(lint_text(asked), "SK501") == []
    spanish = statement.replace("language: fr", "language: es").replace(
        "Veuillez fournir des renseignements sur le droit",
        "Sírvanse proporcionar información sobre el derecho",
    )
    found = codes(lint_text(spanish), "SK501")
    assert [d.path for d in found] == ["issues.0.questions.0"]
    assert "'Sírvanse proporcionar información sobre ...'" in found[0].hint


def test_question_form_judges_only_languages_whose_catalogue_describes_the_committees_requests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A new language's catalogue without `information_request`: SK501 leaves its drafts alone
    # rather than judging them by another language's verbs; with the section, it applies.
    from submission_kit.diagnostics import codes as registry
    from submission_kit.reference import folders as resources

    sk501 = registry.registry()["SK501"]
    real_catalogue, real_languages = resources.phrase_catalogue, resources.languages()
    monkeypatch.setattr(resources, "languages", lambda: [*real_languages, "ru"])
    monkeypatch.setattr(
        resources, "phrase_catalogue", lambda lang: {} if lang == "ru" else real_catalogue(lang)
    )
    assert not sk501.applies_to("list_of_issues", "ru")
    assert all(sk501.applies_to("list_of_issues", lang) for lang in real_languages)
    described = {"information_request": {"example": "Просьба представить ...", "verbs": ["x"]}}
    monkeypatch.setattr(
        resources,
        "phrase_catalogue",
        lambda lang: described if lang == "ru" else real_catalogue(lang),
    )
    assert sk501.applies_to("list_of_issues", "ru")
