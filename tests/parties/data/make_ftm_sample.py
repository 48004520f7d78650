"""Writes us-csl-sample.ftm.jsonl: the shipped sample list as FollowTheMoney entities, one a line.

    .venv/bin/python tests/parties/data/make_ftm_sample.py

The entities carry what an OpenSanctions or yente export carries for a company (id, schema,
properties with name, alias, country, registrationNumber, taxNumber, swiftBic, topics, sourceUrl;
datasets, first_seen), plus one Person (a Denied Persons List entry of the same CSL extract) and
one Sanction, which the loader skips. The facts are those of party_lists/us-csl-sample.yaml.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

HERE = Path(__file__).parent
SAMPLE = HERE.parents[2] / "party_lists" / "us-csl-sample.yaml"
OUT = HERE / "us-csl-sample.ftm.jsonl"
FTM_PROPERTY = {"registration": "registrationNumber", "tax_id": "taxNumber", "swift_bic": "swiftBic"}


def entities() -> list[dict[str, object]]:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    out: list[dict[str, object]] = []
    for entry in data["parties"]:
        props: dict[str, list[str]] = {"name": [entry["name"]], "topics": ["export.control"]}
        if entry.get("aliases"):
            props["alias"] = list(entry["aliases"])
        if entry.get("country"):
            props["country"] = [entry["country"].lower()]
        for scheme, value in (entry.get("identifiers") or {}).items():
            props[FTM_PROPERTY[scheme]] = value if isinstance(value, list) else [value]
        props["sourceUrl"] = [entry["source"].rsplit(": ", 1)[-1]]
        out.append(
            {
                "id": f"csl-{entry['id']}",
                "schema": "Company",
                "properties": props,
                "datasets": [entry["list"]],
                "first_seen": f"{entry['listed_on']}T00:00:00" if entry.get("listed_on") else None,
                "target": True,
            }
        )
    out.append(
        {
            "id": "csl-dpl-adrian-manuel-hernandez",
            "schema": "Person",
            "properties": {"name": ["ADRIAN MANUEL HERNANDEZ"], "topics": ["export.control"]},
            "datasets": ["us-bis-denied-persons-list"],
        }
    )
    out.append(
        {
            "id": "csl-sanction-acteam",
            "schema": "Sanction",
            "properties": {"entity": ["csl-acteam-logistics-ltd"], "program": ["Entity List"]},
            "datasets": ["us-bis-entity-list"],
        }
    )
    return out


def main() -> None:
    with OUT.open("w", encoding="utf-8") as handle:
        for entity in entities():
            handle.write(json.dumps(entity, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
