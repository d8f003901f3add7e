"""Metadata of the addressees other than a treaty body: the Universal Periodic Review (UPR)
and the Human Rights Council (HRC).

A treaty-body submission's metadata (`model.common.Metadata`) names a committee, a State
party, a session and a stage of the review. A UPR stakeholder submission names the State
under review, the cycle and the Working Group session instead; a written statement to the
Council names the Council session, the agenda item and the ECOSOC status of the submitting
organisations. Each kind picks one of the three.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, Union

from pydantic import BeforeValidator, Field, field_validator, model_validator

from submission_kit.model.common import (
    Language,
    Organisation,
    Paragraph,
    Session,
    Strict,
)

#: ECOSOC consultative status (ECOSOC resolution 1996/31): it decides who may submit a written
#: statement to the Council and how long it may be.
EcosocStatus = Literal["general", "special", "roster"]
SubmissionType = Literal["individual", "joint"]
UprPosition = Literal["supported", "noted"]

_NOT_A_COMMITTEE_UPR = (
    "the Universal Periodic Review is not a treaty body: a UPR submission names the State "
    "under review (state), the cycle and the Working Group session, not a committee; remove it"
)
_NOT_A_COMMITTEE_HRC = (
    "a written statement goes to the Human Rights Council, not to a treaty body: it names "
    "the Council session and the agenda item; remove 'committee' (the Human Rights "
    "Committee is CCPR, for the kind alternative_report)"
)


class _AddresseeMetadata(Strict):
    """Fields every addressee's metadata shares."""

    addressee: ClassVar[str] = ""
    #: Hints for fields that belong to another addressee, by field name: shown when a draft
    #: writes one of them here (e.g. a committee in a UPR submission).
    misplaced: ClassVar[dict[str, str]] = {}
    #: Hints shown with any error in the value of one of these fields.
    value_hints: ClassVar[dict[str, str]] = {}

    language: Language = Field("en", description="Language of the document: en, fr or es.")
    date: dt.date = Field(description="Date of the submission (YYYY-MM-DD).")
    title: str = Field(min_length=1, description="Title of the submission.")

    if TYPE_CHECKING:
        # Each addressee declares its own list (the Council's carries ECOSOC status).
        organisations: Sequence[Organisation]

    def authors(self) -> list[Organisation]:
        return [o for o in self.organisations if o.role != "endorser"]


class UprMetadata(_AddresseeMetadata):
    """A stakeholder submission to the UPR Working Group."""

    addressee: ClassVar[str] = "upr"
    misplaced: ClassVar[dict[str, str]] = {
        "committee": _NOT_A_COMMITTEE_UPR,
        "stage": "a UPR submission has no review stage: give the cycle and the Working Group "
        "session instead",
        "agenda_item": "agenda items belong to Human Rights Council statements "
        "(kind: hrc_written_statement), not to a UPR submission",
        "state_party_spelling": "the UPR reviews 'the State under review'; remove this field",
    }

    state: str = Field(
        pattern=r"^[A-Z]{3}$",
        description="State under review as an ISO 3166 alpha-3 code, e.g. KAZ for Kazakhstan.",
    )
    cycle: int = Field(ge=1, le=9, description="UPR cycle, e.g. 4 for the fourth cycle.")
    session: Session = Field(description="Session of the UPR Working Group, e.g. 48.")
    submission: SubmissionType = Field(
        "individual",
        description="individual (one stakeholder) or joint (a coalition); the word limit "
        "depends on it.",
    )
    coalition: str | None = Field(
        None, min_length=1, description="Name of the coalition of a joint submission."
    )
    organisations: list[Organisation] = Field(
        min_length=1, description="The submitting organisations; a joint submission names its lead."
    )

    @model_validator(mode="after")
    def _joint_has_coalition(self) -> UprMetadata:
        if self.submission == "joint" and not self.coalition:
            raise ValueError(
                "a joint submission gives the coalition's name in 'coalition:' (the UPR lists "
                "joint submitters at the start of the text, under that name)"
            )
        return self


_ECOSOC_HINT = (
    "ECOSOC consultative status has three categories: write general, special or roster "
    "(every category is 'consultative status'; write only the category)"
)


class HrcOrganisation(Organisation):
    """An organisation signing a written statement, with its ECOSOC status if it has one.

    Organisations without a status cannot submit; they are named in a footnote to the title
    as sharing the views of the statement."""

    value_hints: ClassVar[dict[str, str]] = {"ecosoc_status": _ECOSOC_HINT}

    ecosoc_status: EcosocStatus | None = Field(
        None,
        description="ECOSOC consultative status: general, special or roster. Leave it out for "
        "an organisation without status: it is named in a footnote to the title.",
    )


class HrcMetadata(_AddresseeMetadata):
    """A written statement to a session of the Human Rights Council."""

    addressee: ClassVar[str] = "hrc"
    misplaced: ClassVar[dict[str, str]] = {
        "committee": _NOT_A_COMMITTEE_HRC,
        "state": "a written statement to the Council has no State party: it is submitted "
        "under an agenda item; name the countries it concerns in its title and text",
        "stage": "a written statement has no review stage: give the agenda item (1 to 10)",
        "cycle": "cycles belong to the Universal Periodic Review (kind: upr_submission)",
        "state_party_spelling": "a written statement has no State party; remove this field",
    }
    value_hints: ClassVar[dict[str, str]] = {
        "agenda_item": "the Council's agenda has items 1 to 10 (resolution 5/1), e.g. 3 "
        "(promotion and protection of all human rights) or 4 (situations that require the "
        "Council's attention); docs/kinds/hrc-written-statement.md lists them all",
    }

    session: Session = Field(description="Session of the Human Rights Council, e.g. 59.")
    agenda_item: int = Field(
        ge=1, le=10, description="Agenda item of the Council, 1 to 10 (e.g. 3 or 4)."
    )
    organisations: list[HrcOrganisation] = Field(
        min_length=1,
        description="Submitting organisations with their ECOSOC status, then co-signers "
        "without status.",
    )

    @field_validator("organisations")
    @classmethod
    def _someone_has_status(cls, value: list[HrcOrganisation]) -> list[HrcOrganisation]:
        if value and not any(o.ecosoc_status for o in value):
            raise ValueError(
                "no organisation has an ECOSOC status: only organisations in consultative status "
                "may submit a written statement; give the submitter's 'ecosoc_status' (general, "
                "special or roster)"
            )
        return value

    def submitters(self) -> list[HrcOrganisation]:
        """Organisations with ECOSOC status: the statement is submitted in their name."""
        return [o for o in self.organisations if o.ecosoc_status is not None]

    def sharing(self) -> list[HrcOrganisation]:
        """Organisations without status, named in the footnote to the title."""
        return [o for o in self.organisations if o.ecosoc_status is None]


# "139.12 (Norway), supported", "139.12 (NOR) supported", "6.45 (Brazil), noted".
_UPR_REC_RE = re.compile(
    r"^\s*(?P<number>\d{1,3}\.\d{1,3})\s*\(\s*(?P<state>[^()]+?)\s*\)\s*,?\s*"
    r"(?P<position>supported|noted)?\s*$",
    re.IGNORECASE,
)


def _parse_upr_recommendation(value: Any) -> Any:
    if isinstance(value, str):
        m = _UPR_REC_RE.match(value)
        if not m:
            raise ValueError(
                f"'{value}' is not a UPR recommendation reference; write it as "
                "'139.12 (Norway), supported' or '139.12 (Norway), noted'"
            )
        out: dict[str, Any] = {"number": m["number"], "recommending_state": m["state"]}
        if m["position"]:
            out["position"] = m["position"].lower()
        return out
    return value


class UprRecommendationRef(Strict):
    """A recommendation of an earlier UPR cycle: its number in the Working Group report, the
    recommending State and the position the State under review took on it."""

    number: str = Field(
        pattern=r"^\d{1,3}\.\d{1,3}$", description="Number in the report, e.g. 139.12."
    )
    recommending_state: str = Field(
        min_length=1, description="The recommending State, by name or ISO code, e.g. Norway."
    )
    position: UprPosition | None = Field(
        None, description="supported or noted, as the State under review answered."
    )


UprRecommendationInput = Annotated[
    UprRecommendationRef,
    BeforeValidator(
        _parse_upr_recommendation,
        # Editors accept the printed form "139.12 (Norway), supported" as well as the mapping.
        json_schema_input_type=Union[UprRecommendationRef, str],  # noqa: UP007
    ),
]


def paragraph_text_paths(
    prefix: tuple[str | int, ...], paragraphs: list[Paragraph]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text of narrative paragraphs with its path: the paragraph, its subparagraphs and
    their sub-subparagraphs, in document order (the new kinds' text walks use it)."""
    for i, p in enumerate(paragraphs):
        yield (*prefix, i, "text"), p.text
        for j, item in enumerate(p.items):
            yield (*prefix, i, "items", j, "text"), item.text
            for k, sub in enumerate(item.items):
                yield (*prefix, i, "items", j, "items", k), sub
