"""GET /v1/brands (search the recorded marks) and the admin view and reload of the lists."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from app.deps import KnowledgeDep, OperatorDep, PrincipalDep, StateDep
from app.errors import InvalidInput
from app.routers.responses import problems
from app.schemas.reference import BrandListOut, BrandListsOut, BrandMatchOut, BrandSearchOut, ReloadOut

router = APIRouter(tags=["brands"])


@router.get(
    "/v1/brands",
    summary="Search the recorded marks",
    description="The check a seller makes before listing a product: names, aliases, model names and Chinese "
    "names, disguised spellings included, with the owner and why each result matched.",
    response_model=BrandSearchOut,
    responses=problems(401, 422),
)
def search_brands(
    principal: PrincipalDep,
    knowledge: KnowledgeDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            examples=["R0LEX Submariner"],
            json_schema_extra={"pattern": r"\S"},  # blank text is refused below
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> BrandSearchOut:
    if not q.strip():
        raise InvalidInput.at(["query", "q"], "give some text to search for")
    results = []
    for hit in knowledge.matcher.search(q, limit=limit):
        record = knowledge.catalog.get(hit.brand)
        results.append(
            BrandMatchOut(
                brand=hit.brand,
                rights_holder=record.rights_holder if record else None,
                categories=list(record.categories) if record else [],
                matched_text=hit.matched_text,
                match_type=hit.match_type,
                similarity=hit.similarity,
                why=hit.reason,
            )
        )
    return BrandSearchOut(query=q, brand_list=knowledge.brand_list_version, results=results)


@router.get(
    "/v1/brand-lists",
    summary="The loaded brand lists, their versions and load warnings",
    response_model=BrandListsOut,
    responses=problems(401),
)
def brand_lists(principal: PrincipalDep, knowledge: KnowledgeDep) -> BrandListsOut:
    catalog = knowledge.catalog
    return BrandListsOut(
        version=catalog.version,
        lists=[
            BrandListOut(
                id=bl.id,
                version=bl.version,
                path=bl.path.name,
                content_hash=bl.content_hash,
                brands=len(bl.brands),
            )
            for bl in catalog.lists
        ],
        warnings=list(catalog.warnings),
    )


@router.post(
    "/v1/brand-lists/reload",
    summary="Reload the brand lists and reference data from disk (operator)",
    description="A broken file keeps the lists already loaded serving; the answer says why it was refused.",
    response_model=ReloadOut,
    responses=problems(401, 403, 422),
)
def reload_lists(principal: OperatorDep, state: StateDep) -> ReloadOut:
    outcome = state.knowledge.load(state.settings.data_paths)
    state.metrics.reloads.labels("ok" if outcome.ok else "refused").inc()
    if not outcome.ok or outcome.knowledge is None:
        raise InvalidInput(
            f"the data files were refused and the lists loaded before keep serving: {outcome.error}",
            errors=[{"loc": list(outcome.where), "msg": outcome.error or "refused"}],
        )
    return ReloadOut(reloaded=True, brand_list=outcome.knowledge.brand_list_version)
