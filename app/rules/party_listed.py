"""PARTY_LISTED: the shipper or the consignee reads as an entry of a loaded party list.

One manifest-level flag per party and its best match in force on the departure date; the other
entries it also matches are listed in the evidence. An identifier both sides carry in the same
scheme decides alone (app/parties/matcher.py) and scores higher than a name. A match the tenant
has reviewed and cleared (POST /v1/party-clearances) gives PARTY_CLEARED with no points instead,
so the review shows in the record without raising the score again.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from app.engine.facts import ManifestFacts
from app.engine.types import Flag, FlagCode, Party, Severity
from app.parties.matcher import NameQuery, PartyMatch
from app.rules.base import ManifestRuleSpec, Points, RuleEnv

RECOMMENDATION = (
    "Hold the shipment until compliance has compared the party with the list entry (name, address, "
    "identifiers); if it is another company, record a party clearance so the match stops recurring."
)
CLEARED_RECOMMENDATION = "None: a reviewer cleared this match; revoke the clearance if that changes."


def check(facts: ManifestFacts, env: RuleEnv) -> Iterator[Flag]:
    index = env.knowledge.parties
    if not index.entry_count:
        return
    manifest = facts.manifest
    config = env.config.parties
    for role, party in (("shipper", manifest.shipper), ("consignee", manifest.consignee)):
        if not party.name and not party.identifiers:
            continue
        matches = index.match(
            NameQuery(party.name, party.country, party.identifiers),
            threshold=config.threshold,
            on=manifest.departure_date,
            country_penalty=config.country_penalty,
        )
        open_matches = []
        for match in matches:
            clearance = next(
                (
                    c
                    for c in env.context.party_clearances
                    if c.covers(match.entry.list_id, match.entry.id, party)
                ),
                None,
            )
            if clearance is None:
                open_matches.append(match)
                continue
            evidence = _evidence(role, party, match)
            evidence |= {"clearance_id": clearance.clearance_id, "cleared_by": clearance.reviewed_by}
            yield Flag(
                code=FlagCode.PARTY_CLEARED,
                severity=Severity.INFO,
                line_id=None,
                reason=f"The {role} {party.name or party.id!r} matches {match.entry.name!r} of "
                f"{match.entry.list_id}, a match reviewed and cleared by {clearance.reviewed_by}: "
                f"{clearance.reason}",
                recommendation=CLEARED_RECOMMENDATION,
                points=env.config.scoring.party_cleared,
                evidence=evidence,
            )
        if open_matches:
            yield _flag(role, party, open_matches, env)


def _flag(role: str, party: Party, matches: list[PartyMatch], env: RuleEnv) -> Flag:
    best = matches[0]
    by_identifier = best.match_type == "identifier"
    scoring = env.config.scoring
    evidence = _evidence(role, party, best)
    evidence["other_matches"] = [
        {"list": m.entry.list_id, "entry_id": m.entry.id, "entry": m.entry.name, "score": m.score}
        for m in matches[1:]
    ]
    how = (
        "carries the identifier " + ", ".join(f"{s.upper()} {v}" for s, v in best.identifiers)
        if by_identifier
        else f"reads as {best.matched_name!r} (name score {best.score})"
    )
    return Flag(
        code=FlagCode.PARTY_LISTED,
        severity=Severity.CRITICAL if by_identifier else Severity.HIGH,
        line_id=None,
        reason=f"The {role} {party.name or party.id!r} {how}: {best.entry.name!r} is on {best.entry.list_id}"
        + (f" ({best.entry.reason})" if best.entry.reason else ""),
        recommendation=RECOMMENDATION,
        points=scoring.party_listed_identifier if by_identifier else scoring.party_listed,
        evidence=evidence,
    )


def _evidence(role: str, party: Party, match: PartyMatch) -> dict[str, Any]:
    entry = match.entry
    return {
        "party_role": role,
        "party_id": party.id,
        "party_name": party.name,
        "list": entry.list_id,
        "entry_id": entry.id,
        "entry": entry.name,
        "entry_country": entry.country,
        "listed_on": entry.listed_on.isoformat() if entry.listed_on else None,
        "source": entry.source,
        "matched_name": match.matched_name,
        "matched_by": match.match_type,
        "score": match.score,
        "identifiers": [{"scheme": s, "value": v} for s, v in match.identifiers],
        "parts": match.parts,
    }


RULE = ManifestRuleSpec(
    codes=(FlagCode.PARTY_LISTED, FlagCode.PARTY_CLEARED),
    explanation="The shipper or the consignee reads as an entry of a loaded party list, by identifier "
    "or by company name; a tenant's clearance of the match makes it informational.",
    points=(
        Points(
            "party_listed",
            50,
            "`PARTY_LISTED`, by name (the party's name scores at least `PARTIES__THRESHOLD`, 88, "
            "against an entry in force on the departure date)",
        ),
        Points(
            "party_listed_identifier",
            80,
            "`PARTY_LISTED`, by identifier (the party carries the entry's USCC, EORI, LEI ... "
            "in the same scheme)",
        ),
        Points(
            "party_cleared",
            0,
            "`PARTY_CLEARED` (a tenant's clearance covers the match; replaces the party points)",
        ),
    ),
    position=6,
    check=check,
)
