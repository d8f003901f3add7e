"""`subkit new`: a new draft from a template, with the facts taken from the reference data.

The draft is rendered, then validated before anything is written: its only
findings may be the TODO(...) placeholders (SK207) the writer is meant to fill.
A template that makes anything else is reported as a template fault, and no
file is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from submission_kit import reference
from submission_kit.diagnostics import Diagnostic, UserError
from submission_kit.files import write_text_atomic
from submission_kit.model.common import STATE_PARTY_SPELLINGS, OrganisationRole
from submission_kit.reference import suggest
from submission_kit.scaffold.catalogue import Template, find_templates, template_folders
from submission_kit.scaffold.project import project_settings, project_template_dirs
from submission_kit.validate.ask_library import automatic_values, typographic


class ScaffoldError(UserError):
    """`subkit new` cannot make the draft; the message says why, the hint what to do, and
    `details` (lines printed before it) what the template made wrong."""

    def __init__(
        self, message: str, hint: str = "", details: list[str] | None = None, where: str = ""
    ) -> None:
        super().__init__(message, hint, where)
        self.details = details or []


@dataclass
class NewDraft:
    text: str
    template: Template
    placeholders: list[Diagnostic]


def coalition_folders(explicit: list[str], start: Path | None = None) -> list[Path]:
    """Coalition template folders: those given with --templates, then the configured ones."""
    folders: list[Path] = []
    for raw in explicit:
        path = Path(raw).expanduser()
        if not path.is_dir():
            raise ScaffoldError(f"no such templates folder: {raw}")
        folders.append(path.resolve())
    # Settings that cannot be used raise ConfigError (a UserError), located in the file.
    folders += [p for p in project_template_dirs(start) if p not in folders]
    return folders


def pick_template(name: str, folders: list[Path]) -> Template:

    templates = find_templates(folders)  # a CatalogueError (a UserError) names the file
    if name in templates:
        return templates[name]
    from submission_kit.validate.schema import KIND_ALIASES

    # "written-statement" or "shadow-report" name a kind the kit calls otherwise: point to its
    # template rather than to a look-alike name ("oral-statement").
    kind = KIND_ALIASES.get(name.strip().lower().replace("-", "_"))
    named = [t.name for t in templates.values() if kind and t.kind == kind]
    if named:
        raise ScaffoldError(f"no template named '{name}'", f"did you mean '{named[0]}'?")
    # The one did-you-mean of the kit (reference.suggest), as for States, committees, kinds.
    guess = suggest.closest(name, list(templates), cutoff=0.5)
    raise ScaffoldError(
        f"no template named '{name}'",
        f"did you mean '{guess}'?" if guess else "`subkit templates` lists them",
    )


def _state(code: str) -> reference.Country:
    wanted = code.strip()
    country = reference.country(wanted.upper())
    if country is not None:
        return country
    # The same suggestion as `subkit validate` gives for the draft's `state:`.
    found = suggest.state(wanted)
    if found is not None and found.by_name:
        raise ScaffoldError(
            f"'{code}' is a name; give the State's code",
            f"{suggest.state_hint(wanted)}: use --state {found.value}",
        )
    raise ScaffoldError(f"unknown State code '{code}'", suggest.state_hint(wanted))


def addressee_of(template: Template) -> str:
    """Whom the template's kind is written for: 'treaty_body', 'upr' or 'hrc'."""
    from submission_kit.model import kind_model

    model = kind_model(template.kind)
    if model is None:
        return "treaty_body"
    metadata = model.model_fields["metadata"].annotation
    return str(getattr(metadata, "addressee", "treaty_body"))


#: Templates for the addressees without a committee, named in messages about --committee.
MECHANISM_TEMPLATES = {"upr": "upr-submission", "hrc": "hrc-written-statement"}


def _committee(code: str) -> reference.Committee:
    from submission_kit.validate.schema import mechanism_hint

    codes = reference.committee_codes()
    if code.strip().upper() in codes:
        return reference.committee(code.strip().upper())
    named = mechanism_hint(code)
    if named:
        # The same hint as `subkit validate` gives for `committee:`, and the template to use.
        which = "upr" if "Periodic" in named else "hrc"
        mechanism = (
            "the Universal Periodic Review" if which == "upr" else "the Human Rights Council"
        )
        raise ScaffoldError(
            f"'{code}' is {mechanism}, not a treaty body: use the template "
            f"'{MECHANISM_TEMPLATES[which]}', without --committee",
            named,
        )
    raise ScaffoldError(f"unknown committee '{code}'", suggest.committee_hint(code))


#: `--org "Name"` or `--org "Name=role"`: the roles a draft's organisations take.
ORGANISATION_ROLES: tuple[str, ...] = get_args(OrganisationRole)


def parse_organisations(orgs: list[str] | str) -> list[dict[str, str]]:
    """Every `--org`, in the order given: the first is the author unless a role is given, the
    others co-submitters. `NAME=ROLE` gives the role (author, co-submitter or endorser)."""
    if isinstance(orgs, str):
        orgs = [orgs]
    out: list[dict[str, str]] = []
    for i, raw in enumerate(orgs):
        name, sep, typed = raw.rpartition("=")
        role = typed.strip()
        if not sep or role not in ORGANISATION_ROLES:
            if sep and role and " " not in role:
                guess = suggest.closest(role, list(ORGANISATION_ROLES), cutoff=0.5)
                raise ScaffoldError(
                    f"'--org {raw}': '{role}' is not a role",
                    (f"did you mean '{guess}'? " if guess else "")
                    + f"roles: {', '.join(ORGANISATION_ROLES)}",
                )
            name, role = raw, ("author" if i == 0 else "co-submitter")
        if not name.strip():
            raise ScaffoldError("--org must name the organisation")
        out.append({"name": name.strip(), "role": role.strip()})
    if not out:
        raise ScaffoldError("--org must name the organisation")
    return out


def _with_article(organisation: dict[str, str], lang: str) -> dict[str, str]:
    """`organisation` with the article its name takes in running text (`article`, from the
    `organisation_articles` of the language's phrase catalogue, as rule SK350 reads them; empty
    when none) and its name after the language's "of" (`of`): French "de la Fédération ...",
    "de l’Association ...", "d’Amnesty International"; Spanish "del Centro ..."; English
    "of Amnesty International". The metadata writes the article, so the rendered title block
    reads the same."""
    name = organisation["name"]
    article = reference.organisation_article(name, lang) or ""
    of = reference.after_preposition(reference.of_preposition(lang), article, name, lang)
    return {**organisation, "article": article, "of": typographic(of, lang)}


def parse_variables(template: Template, pairs: list[str]) -> dict[str, Any]:
    """`--var key=value` pairs, checked against the template's declaration and typed."""
    values: dict[str, Any] = {}
    names = [v.name for v in template.variables]
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise ScaffoldError(f"'--var {pair}' must be written as --var name=value")
        variable = template.variable(key)
        if variable is None:
            guess = suggest.closest(key, names, cutoff=0.5)
            hint = (
                f"did you mean '{guess}'?"
                if guess
                else (f"its variables: {', '.join(names)}" if names else "it takes no variables")
            )
            raise ScaffoldError(f"template '{template.name}' has no variable '{key}'", hint)
        try:
            values[key] = variable.convert(raw)
        except ValueError as exc:
            raise ScaffoldError(str(exc), variable.description) from None
    return values


def build_context(
    template: Template,
    *,
    state: str,
    committee: str | None,
    session: int,
    lang: str,
    org: str | list[str],
    variables: list[str],
    settings: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything the template sees: the built-in facts and each declared variable's value.

    A template for a treaty body needs a committee; one for the UPR or the Council takes none
    (its `committee` is then undefined in the template)."""
    country = _state(state)
    addressee = addressee_of(template)
    body: reference.Committee | None = None
    if addressee == "treaty_body":
        if not committee:
            raise ScaffoldError(
                f"template '{template.name}' is for a treaty body: give --committee",
                f"e.g. --committee CCPR; the codes: {', '.join(reference.committee_codes())}",
            )
        body = _committee(committee)
    elif committee:
        whom = "the Universal Periodic Review" if addressee == "upr" else "the Human Rights Council"
        raise ScaffoldError(
            f"template '{template.name}' is for {whom}, which has no committee",
            "leave --committee out",
        )
    if lang not in template.languages():
        raise ScaffoldError(
            f"template '{template.name}' has no {lang} version",
            f"languages: {', '.join(template.languages())}",
        )
    if session < 1:
        raise ScaffoldError("--session must be a session number, e.g. 144")
    organisations = [_with_article(o, lang) for o in parse_organisations(org)]
    given = parse_variables(template, variables)
    values: dict[str, Any] = {}
    missing = []
    for v in template.variables:
        if v.name in given:
            values[v.name] = given[v.name]
        elif v.name == "state_party_spelling" and (settings or {}).get("state-party"):
            values[v.name] = v.convert(str(settings["state-party"]))  # type: ignore[index]
        elif v.default is not None:
            values[v.name] = v.default_value()
        elif v.required:
            missing.append(v)
        else:
            values[v.name] = None
    if missing:
        raise ScaffoldError(
            f"template '{template.name}' needs "
            + ", ".join(f"--var {v.name}=..." for v in missing),
            "; ".join(f"{v.name}: {v.description}" for v in missing if v.description),
        )
    spelling = values.get("state_party_spelling") or "State party"
    if spelling not in STATE_PARTY_SPELLINGS:
        raise ScaffoldError(
            f"state_party_spelling must be 'State party' or 'State Party', not '{spelling}'"
        )
    auto = automatic_values(country.code, body.code if body else "", lang, spelling)
    context: dict[str, Any] = {
        "state": {
            "code": country.code,
            "name": auto["state"],
            "name_en": country.name("en"),
            "with_article": auto["state_with_article"],
            "of": auto["state_of"],
            "to": auto["state_to"],
        },
        **(
            {
                "committee": {
                    "code": body.code,
                    "name": auto["committee"],
                    "treaty": typographic(
                        body.treaty.name.get(lang) or body.treaty.name["en"], lang
                    ),
                }
            }
            if body
            else {}
        ),
        "session": session,
        "lang": lang,
        "org": organisations[0]["name"],
        "org_of": organisations[0]["of"],
        "organisations": organisations,
        "state_party": auto["state_party"],
        **values,
    }
    if body and values.get("previous_report") is not None:
        context["previous_co"] = body.co_symbol(country.code, values["previous_report"])
    return context


def scaffold(
    template_name: str,
    *,
    state: str,
    committee: str | None,
    session: int,
    lang: str,
    org: str | list[str],
    variables: list[str] | None = None,
    templates: list[str] | None = None,
    output: str = "draft.yaml",
) -> NewDraft:
    """Render a template into draft text and check it; raises ScaffoldError."""
    from submission_kit.scaffold.fill import TemplateProblem, render_template
    from submission_kit.validate import validate_text

    start = Path(output).resolve().parent
    folders = coalition_folders(list(templates or []), start if start.is_dir() else None)
    template = pick_template(template_name, folders)
    _, settings = project_settings(start if start.is_dir() else None)
    context = build_context(
        template,
        state=state,
        committee=committee,
        session=session,
        lang=lang,
        org=org,
        variables=list(variables or []),
        settings=settings,
    )
    template_file = template.file_for(lang)
    assert template_file is not None  # build_context checked the language
    try:
        rendered = render_template(template_file, template_folders(folders), context)
    except TemplateProblem as exc:
        raise ScaffoldError(f"template error: {exc.where}: {exc.message}", exc.hint) from None
    result = validate_text(rendered.text, output)
    placeholders = [d for d in result.diagnostics if d.code == "SK207"]
    others = [d for d in result.diagnostics if d.code != "SK207"]
    blamed = _blame_values(result, others, variables or [], context)
    if blamed:
        raise blamed
    if others:
        raise ScaffoldError(
            f"template '{template.name}' ({template_file}) makes a draft that does not validate; "
            "nothing was written",
            "this is a fault of the template, not of your values: fix the template",
            [f"line {d.line}:{d.column}: {d.code} {d.message}" for d in others],
        )
    kind = result.submission.kind if result.submission else None
    if kind != template.kind:
        raise ScaffoldError(
            f"template '{template.name}' declares kind '{template.kind}' but makes a '{kind}' draft",
            f"fix 'kind:' in {template.declaration}",
        )
    return NewDraft(rendered.text, template, placeholders)


def _blame_values(
    result: Any, findings: list[Diagnostic], pairs: list[str], context: dict[str, Any]
) -> ScaffoldError | None:
    """A finding about a value the writer gave with --var (CEDAW article 24 through
    `--var articles=24`) is the value's fault, not the template's: say which value."""
    given = {p.partition("=")[0].strip(): p for p in pairs}
    for d in findings:
        path = tuple(int(x) if x.isdigit() else x for x in d.path.split(".")) if d.path else ()
        value = result.draft.values_data(path)
        for name, pair in given.items():
            v = context.get(name)
            hit = value == v or (isinstance(v, list) and value in v and value is not None)
            if hit and value not in (None, ""):
                return ScaffoldError(
                    f"--var {pair}: {d.message}; nothing was written",
                    d.hint or "give another value",
                )
    return None


def write_new(path: Path, text: str, force: bool = False) -> None:
    """Write `text` to `path` atomically; never replace an existing file unless `force`, and
    never anything but a regular file. The new draft gets the mode the umask gives.

    Raises FileExistsError, or FileProblem (an OSError) when the file cannot be written.
    """
    write_text_atomic(path, text, no_clobber=not force)
