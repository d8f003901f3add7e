"""Regenerate the templated examples: `subkit new` for each State and language, then fill each
TODO(...) placeholder, in order, with the wording in FILLS below.

    python examples/templated/make.py           # rewrite the examples
    python examples/templated/make.py --check   # exit 1 if a committed example is stale

The examples are illustrations of the templates; their wording is not an account of facts.
A test (tests/test_scaffold_examples.py) runs the check, so the examples cannot drift from
the templates.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The languages the kit writes: one per phrase catalogue.
LANGUAGES = sorted(p.stem for p in (HERE.parent.parent / "templates" / "phrases").glob("*.yaml"))
ORG = "Migrant Rights Coalition"
DATE = "2025-06-23"

#: (output name, template, State, session, language, extra --var values)
EXAMPLES: list[tuple[str, str, str, int, str, list[str]]] = [
    *(
        (
            f"{state.lower()}-ccpr-oral-statement-{lang}.yaml",
            "oral-statement",
            state,
            session,
            lang,
            ["speaker=Speaker of the Coalition", "org_acronym=MRC", "time_limit=2 min"],
        )
        for state, session in (("KAZ", 144), ("UZB", 146), ("KGZ", 147))
        for lang in LANGUAGES
    ),
    (
        "uzb-ccpr-list-of-issues-fr.yaml",
        "list-of-issues",
        "UZB",
        146,
        "fr",
        ["articles=7,13", "org_acronym=MRC"],
    ),
]

#: The writer's text for each TODO(...), in the order the template leaves them; {state} is the
#: State's name in the draft's language.
FILLS: dict[str, dict[str, list[str]]] = {
    "oral-statement": {
        "en": [
            "the treatment of migrants, asylum seekers and refugees",
            "Our members hear from migrants and asylum seekers held pending removal from {state}"
            " without access to a lawyer or an interpreter; some say they were returned before"
            " any court examined the risk they would face on return.",
            "The authorities publish no figures on immigration detention, and no independent"
            " body monitors the places where migrants are held.",
            "Publish every year the number of people held in immigration detention, by place"
            " of detention, nationality and length of stay.",
            "Everyone held pending removal from {state} must be able to challenge both the"
            " detention and the return before an independent court.",
        ],
        "fr": [
            "la situation des migrants, des demandeurs d’asile et des réfugiés",
            "Nos membres recueillent les témoignages de migrants et de demandeurs d’asile"
            " retenus dans l’attente de leur éloignement sans accès à un avocat ni à un"
            " interprète ; certains disent avoir été renvoyés avant qu’un tribunal n’examine"
            " les risques qu’ils couraient à leur retour.",
            "Les autorités ne publient aucun chiffre sur la rétention des étrangers, et aucun"
            " organe indépendant ne contrôle les lieux où ils sont retenus.",
            "Publier chaque année le nombre de personnes placées en rétention, par lieu de"
            " rétention, nationalité et durée.",
            "Toute personne retenue en vue de son éloignement doit pouvoir contester sa"
            " rétention et son renvoi devant un tribunal indépendant.",
        ],
        "es": [
            "la situación de los migrantes, los solicitantes de asilo y los refugiados",
            "Nuestros miembros reciben testimonios de migrantes y solicitantes de asilo"
            " retenidos en espera de su expulsión de {state} sin acceso a un abogado ni a un"
            " intérprete; algunos afirman haber sido devueltos antes de que un tribunal"
            " examinara el riesgo que corrían a su regreso.",
            "Las autoridades no publican cifras sobre la detención de migrantes y ningún"
            " órgano independiente supervisa los lugares en que se encuentran.",
            "Publicar cada año el número de personas en detención de migrantes, por lugar de"
            " detención, nacionalidad y duración.",
            "Toda persona retenida en espera de su expulsión debe poder impugnar su detención"
            " y su devolución ante un tribunal independiente.",
        ],
    },
    "list-of-issues": {
        "fr": [
            "La Coalition regroupe des associations d’aide aux migrants ; les informations"
            " ci-dessous proviennent d’entretiens menés par ses membres et de documents publics.",
            "Non-refoulement",
            "Des demandeurs d’asile disent avoir été renvoyés vers des pays où ils risquaient"
            " la torture, sans examen individuel de leur situation",
            "Le droit interne ne prévoit pas de recours suspensif contre les décisions"
            " d’éloignement, et les autorités ne publient pas de statistiques sur les renvois.",
            "garantir un examen individuel de chaque demande de protection avant tout éloignement",
            "Combien de personnes ont été éloignées, extradées ou renvoyées au cours des cinq"
            " dernières années, et vers quels pays ?",
            "Coalition pour les droits des migrants, entretiens avec des demandeurs d’asile,"
            " 2025 (notes internes).",
        ],
    },
}

HEADER = (
    "# Example made by examples/templated/make.py from the '{template}' template:\n"
    "# illustrative wording, not an account of facts. Edit make.py, not this file.\n"
)


def fill_placeholders(text: str, fills: list[str], state_name: str) -> str:
    """Replace each TODO(...) in order; the draft's placeholders sit in double-quoted strings."""
    from submission_kit.scaffold.fill import escape_double_quoted
    from submission_kit.validate.reference_checks import _placeholder_spans

    def in_comment(offset: int) -> bool:
        return text[text.rfind("\n", 0, offset) + 1 : offset].lstrip().startswith("#")

    spans = [(o, m) for o, m in _placeholder_spans(text) if not in_comment(o)]
    if len(spans) != len(fills):
        raise SystemExit(
            f"{len(spans)} placeholders but {len(fills)} fills; update FILLS in make.py"
        )
    out, last = [], 0
    for (offset, marker), value in zip(spans, fills, strict=True):
        out.append(text[last:offset])
        out.append(escape_double_quoted(" ".join(value.replace("{state}", state_name).split())))
        last = offset + len(marker)
    out.append(text[last:])
    return "".join(out)


def build(name: str, template: str, state: str, session: int, lang: str, extra: list[str]) -> str:
    from submission_kit import reference
    from submission_kit.validate.ask_library import typographic

    fills = FILLS[template][lang]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / name
        args = [sys.executable, "-m", "submission_kit", "new", template, "--state", state]
        args += ["--committee", "CCPR", "--session", str(session), "--lang", lang]
        args += ["--org", ORG, "--var", f"date={DATE}", "-o", str(out)]
        for value in extra:
            args += ["--var", value]
        done = subprocess.run(args, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"subkit new failed for {name}:\n{done.stderr}")
        text = out.read_text(encoding="utf-8")
    country = reference.country(state)
    assert country is not None
    filled = fill_placeholders(text, fills, typographic(country.name(lang), lang))
    return HEADER.format(template=template) + filled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args()
    stale = []
    for name, template, state, session, lang, extra in EXAMPLES:
        text = build(name, template, state, session, lang, extra)
        path = HERE / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("stale examples (run python examples/templated/make.py): " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
