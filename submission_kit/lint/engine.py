"""Running the rules on a validated draft, and settling every finding of a draft: settings,
exact positions, suppression comments, safe fixes."""

from __future__ import annotations

import dataclasses

from submission_kit.diagnostics import Diagnostic, Severity, SpanEdit, codes
from submission_kit.lint import Context, Finding, Rule, registry
from submission_kit.lint.source import SourceMap
from submission_kit.lint.suppression import Suppression, find_suppressions
from submission_kit.load import LoadedDraft
from submission_kit.settings import Settings
from submission_kit.validate import Validated


def _diagnostic(
    rule_: Rule, finding: Finding, ctx: Context, smap: SourceMap, sev: Severity
) -> Diagnostic:
    d = ctx.draft.diag(
        finding.path,
        rule_.code,
        finding.message,
        finding.hint,
        severity=sev,
        prefer_key=finding.prefer_key,
        offset=finding.offset,
    )
    exact = smap.position(finding.path, finding.offset)
    if exact:
        d.line, d.column = exact
    if finding.edit is not None:
        e = finding.edit
        span = smap.span(e.path, e.start, e.end)
        if span is not None:
            d.fixable = True
            d.extra["edit"] = SpanEdit(span[0], span[1], e.replacement)
    return d


def _run_rules(ctx: Context, smap: SourceMap) -> tuple[list[Diagnostic], set[str]]:
    out: list[Diagnostic] = []
    ran: set[str] = set()
    s = ctx.settings
    lang = ctx.submission.metadata.language
    for code, r in registry().items():
        if r.check is None or not r.applies_to(ctx.kind, lang) or not s.enabled(code, r.name):
            continue
        ran.add(code)
        sev = s.severity_of(code, r.severity)
        try:
            for finding in r.check(ctx):
                out.append(_diagnostic(r, finding, ctx, smap, sev))
        except Exception as exc:  # a rule's bug must not stop the other rules or drafts
            out.append(
                ctx.draft.diag(
                    (),
                    code,
                    f"rule {code} ({r.name}) could not check this draft: {type(exc).__name__}: {exc}",
                    "this is a bug in submission-kit; please report it with the draft",
                    severity=Severity.ERROR,
                )
            )
    return out, ran


def _next_content_line(lines: list[str], after: int) -> int:
    for n in range(after + 1, len(lines) + 1):
        s = lines[n - 1].strip()
        if s and not s.startswith("#"):
            return n
    return -1


def _anchor_lines(d: Diagnostic, draft: LoadedDraft) -> set[int]:
    """Lines a suppression may sit on for `d`: its own, and the key line of its value (for a
    block scalar, where the text starts a line below the `text: >-` that can hold a comment)."""
    lines = {d.line}
    if d.path:
        path = tuple(int(p) if p.isdigit() else p for p in d.path.split("."))
        for table in (draft.keys, draft.values):
            pos = table.get(path)
            if pos:
                lines.add(pos.line)
    return lines


def apply_suppressions(
    diagnostics: list[Diagnostic], draft: LoadedDraft, settings: Settings, ran: set[str]
) -> list[Diagnostic]:
    """`diagnostics` without those a `# subkit: ignore[CODE] reason: ...` comment silences,
    plus the findings on the comments themselves (SK390, SK391). Any code can be silenced
    except those that mean the file could not be read; `ran` holds the codes that were
    checked, so that a suppression of a code that did not run is not called unused."""
    markdown = draft.file.lower().endswith((".md", ".markdown"))
    sups = find_suppressions(draft.lines, markdown=markdown)
    if not sups:
        return diagnostics
    lines = draft.lines
    covering: dict[int, list[Suppression]] = {}
    for s in sups:
        covering.setdefault(s.line, []).append(s)
        if s.own_line:
            nxt = _next_content_line(lines, s.line)
            if nxt > 0:
                covering.setdefault(nxt, []).append(s)
    known = codes.registry()
    kept: list[Diagnostic] = []
    for d in diagnostics:
        silenced = False
        if d.code in known and known[d.code].adjustable:
            for line in _anchor_lines(d, draft):
                for s in covering.get(line, []):
                    if d.code in s.codes and s.reason:
                        s.used.add(d.code)
                        silenced = True
        if not silenced:
            kept.append(d)

    def engine_finding(code: str, s: Suppression, message: str, hint: str) -> None:
        c = known[code]
        if settings.enabled(code, c.name):
            kept.append(
                Diagnostic(
                    draft.file,
                    s.line,
                    s.column,
                    code,
                    settings.severity_of(code, c.severity),
                    message,
                    hint,
                )
            )

    for s in sups:
        if not s.codes:
            engine_finding("SK391", s, "the suppression names no rule", "write ignore[SK401]")
        if not s.reason:
            engine_finding(
                "SK390",
                s,
                f"the suppression of {', '.join(s.codes) or 'a rule'} gives no reason",
                "add why the finding does not apply: '# subkit: ignore[SK401] reason: ...'",
            )
            continue
        for code in s.codes:
            if code not in known:
                engine_finding(
                    "SK391",
                    s,
                    f"the suppression names '{code}', which is not a rule that can be suppressed",
                    "`subkit rules` lists the codes",
                )
            elif not known[code].adjustable:
                engine_finding(
                    "SK391",
                    s,
                    f"{code} cannot be suppressed: it means the file could not be read",
                    "fix the file; `subkit rules " + code + "` says how",
                )
            elif code not in s.used and code in ran:
                # Rules switched off by the settings did not run: their suppressions stay quiet.
                engine_finding(
                    "SK391",
                    s,
                    f"the suppression of {code} suppresses nothing",
                    "remove it: the finding it was for is gone",
                )
    return kept


def apply_settings(diagnostics: list[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """Findings of validation after the settings: codes in `ignore` are dropped, re-levelled
    ones take their new severity (`select` chooses rules; it never hides a validation finding).
    Codes that mean the file could not be read stay as they are."""
    known = codes.registry()
    out: list[Diagnostic] = []
    for d in diagnostics:
        c = known.get(d.code)
        if c is None or not c.adjustable:
            out.append(d)
        elif not settings.ignored(d.code, c.name):
            out.append(dataclasses.replace(d, severity=settings.severity_of(d.code, d.severity)))
    return out


def _validation_codes(result: Validated) -> set[str]:
    """Codes validation checked for this draft: all of them once the schema accepted it."""
    if result.submission is None:
        return set()
    return {c.code for c in codes.registry().values() if c.stage in ("schema", "reference")}


def review(result: Validated, settings: Settings) -> list[Diagnostic]:
    """Every finding about a draft (validation and rules) after the settings and the
    suppression comments, sorted: what `subkit check` reports."""
    found = apply_settings(list(result.diagnostics), settings)
    ran: set[str] = _validation_codes(result)
    if result.submission is not None:
        ctx = Context(result.submission, result.draft, settings)
        rule_findings, rule_codes = _run_rules(ctx, SourceMap(result.draft))
        found += rule_findings
        ran |= rule_codes
    if result.draft.data is not None:
        found = apply_suppressions(found, result.draft, settings, ran)
    found.sort(key=Diagnostic.sort_key)
    return found


def settle(result: Validated) -> list[Diagnostic]:
    """The findings of validation alone after the suppression comments: what `subkit
    validate` reports (it reads no settings and runs no rules)."""
    if result.draft.data is None:
        return list(result.diagnostics)
    found = apply_suppressions(
        list(result.diagnostics), result.draft, Settings(), _validation_codes(result)
    )
    found.sort(key=Diagnostic.sort_key)
    return found


def lint(result: Validated, settings: Settings) -> list[Diagnostic]:
    """Rule findings for a draft whose schema is valid, after settings and suppressions."""
    if result.submission is None:
        return []
    ctx = Context(result.submission, result.draft, settings)
    smap = SourceMap(result.draft)
    found, ran = _run_rules(ctx, smap)
    found = apply_suppressions(found, result.draft, settings, ran)
    found.sort(key=Diagnostic.sort_key)
    return found
