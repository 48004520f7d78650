"""GET /v1/parties (search the party lists) and the view and reload of the loaded lists."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import KnowledgeDep, OperatorDep, PrincipalDep, StateDep
from app.errors import InvalidInput
from app.parties.matcher import NameQuery, PartyMatch
from app.parties.records import PartyEntry
from app.routers.responses import problems
from app.schemas.parties import (
    PartyEntryOut,
    PartyIdentifierOut,
    PartyListOut,
    PartyListsOut,
    PartyMatchOut,
    PartyReloadOut,
    PartySearchOut,
)

router = APIRouter(tags=["parties"])


@router.get(
    "/v1/parties",
    summary="Search the party lists",
    description="The check a forwarder makes before taking on a shipper or consignee: company names in any "
    "script, legal form and word order, with the entry, its list and which parts of the name matched.",
    response_model=PartySearchOut,
    responses=problems(401, 422),
)
def search_parties(
    principal: PrincipalDep,
    knowledge: KnowledgeDep,
    q: Annotated[str, Query(min_length=1, max_length=500, examples=["ACTeam Logistics Limited"])],
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", description="ISO alpha-2")] = None,
    min_score: Annotated[int, Query(ge=50, le=100, description="Lowest name score returned.")] = 70,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> PartySearchOut:
    if not q.strip():
        raise InvalidInput.at(["query", "q"], "give a company name to search for")
    matches = knowledge.parties.match(
        NameQuery(q, country.upper() if country else None), threshold=min_score, limit=limit
    )
    return PartySearchOut(
        query=q, party_lists=knowledge.parties.version, results=[_match_out(m) for m in matches]
    )


@router.get(
    "/v1/party-lists",
    summary="The loaded party lists, their formats, versions and sizes",
    response_model=PartyListsOut,
    responses=problems(401),
)
def party_lists(principal: PrincipalDep, knowledge: KnowledgeDep) -> PartyListsOut:
    index = knowledge.parties
    return PartyListsOut(
        version=index.version,
        lists=[
            PartyListOut(
                id=f.id,
                version=f.version,
                format=f.format,
                path=f.path.name,
                content_hash=f.content_hash,
                entries=len(f.entries),
                skipped=f.skipped,
            )
            for f in index.files
        ],
    )


@router.post(
    "/v1/party-lists/reload",
    summary="Reload the party lists, brand lists and reference data from disk (operator)",
    description="A broken file keeps the lists already loaded serving; the answer names the file and row.",
    response_model=PartyReloadOut,
    responses=problems(401, 403, 422),
)
def reload_party_lists(principal: OperatorDep, state: StateDep) -> PartyReloadOut:
    outcome = state.knowledge.load(state.settings.data_paths)
    state.metrics.reloads.labels("ok" if outcome.ok else "refused").inc()
    if not outcome.ok or outcome.knowledge is None:
        raise InvalidInput(
            f"the data files were refused and the lists loaded before keep serving: {outcome.error}",
            errors=[{"loc": list(outcome.where), "msg": outcome.error or "refused"}],
        )
    knowledge = outcome.knowledge
    return PartyReloadOut(
        reloaded=True, party_lists=knowledge.parties.version, brand_list=knowledge.brand_list_version
    )


def entry_out(entry: PartyEntry) -> PartyEntryOut:
    return PartyEntryOut(
        list=entry.list_id,
        entry_id=entry.id,
        name=entry.name,
        aliases=list(entry.aliases),
        chinese_name=list(entry.chinese_name),
        country=entry.country,
        identifiers=[PartyIdentifierOut(scheme=s, value=v) for s, v in entry.identifiers],
        reason=entry.reason,
        source=entry.source,
        listed_on=entry.listed_on,
        delisted_on=entry.delisted_on,
    )


def _match_out(match: PartyMatch) -> PartyMatchOut:
    return PartyMatchOut(
        entry=entry_out(match.entry),
        matched_name=match.matched_name,
        matched_by=match.match_type,
        score=match.score,
        parts=match.parts,
    )
