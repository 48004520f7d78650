"""`prescreen screen`, `prescreen lists check` and `prescreen brands search`: the engine with no service.

Exit status of `screen`: 0 clear, 1 review, 2 hold, 3 when the file or the arguments cannot be used.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from app.errors import DomainError
from app.packing.aliases import load_aliases
from app.reference.brands import load_brand_list
from app.reference.campaigns import campaign_version, load_campaign_file
from app.reference.knowledge import Knowledge, load_knowledge
from app.services.offline import OfflineResult, screen_packing_list
from app.settings import Settings

EXIT_BY_DECISION = {"clear": 0, "review": 1, "hold": 2}
EXIT_UNUSABLE = 3
LEVEL_STYLE = {"low": "green", "medium": "yellow", "high": "red", "critical": "bold white on red"}
PROGRESS_FROM_LINES = 1_000  # files this long show a progress bar on stderr

lists = typer.Typer(help="Brand lists and campaign files.", no_args_is_help=True)
brands = typer.Typer(help="The recorded marks.", no_args_is_help=True)
err = Console(stderr=True)


def fail(message: str) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(EXIT_UNUSABLE)


def _knowledge(settings: Settings) -> Knowledge:
    try:
        return load_knowledge(settings.data_paths)
    except Exception as exc:  # a broken data file: say which and stop
        raise fail(f"the data files cannot be loaded: {exc}") from exc


def screen_command(
    file: Annotated[Path, typer.Argument(help="The packing list: CSV (any common encoding), XLSX or ODS.")],
    destination: Annotated[str, typer.Option("--destination", help="ISO 3166-1 alpha-2, e.g. US.")],
    channel: Annotated[str, typer.Option("--channel", help="sea_freight, air_freight, express, postal...")],
    date: Annotated[
        str | None, typer.Option("--date", help="Departure date YYYY-MM-DD; default today.")
    ] = None,
    output: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    out: Annotated[Path | None, typer.Option("--out", help="Write the result here, not to stdout.")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="Sheet name or 1-based position.")] = None,
    reference: Annotated[str | None, typer.Option("--reference", help="Your reference.")] = None,
    shipper: Annotated[
        str | None, typer.Option("--shipper", help="Shipper country or id:name:country.")
    ] = None,
    consignee: Annotated[str | None, typer.Option("--consignee", help="Consignee, as --shipper.")] = None,
) -> None:
    """Screen a packing list offline on the same engine and data as the API."""
    if output not in ("table", "json", "csv"):
        raise fail(f"--format {output!r}: use table, json or csv")
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise fail(f"cannot read {file}: {exc.strerror or exc}") from exc
    settings = Settings()
    knowledge = _knowledge(settings)
    shipment = {
        "reference": reference,
        "destination_country": destination,
        "channel": channel,
        "departure_date": date,
        "shipper": _party(shipper),
        "consignee": _party(consignee),
    }
    try:
        with _progress() as progress:
            result = screen_packing_list(
                data, shipment, knowledge, settings.engine_config, settings.max_lines, sheet, progress
            )
    except DomainError as exc:
        where = "; ".join(".".join(map(str, e["loc"])) + ": " + e["msg"] for e in exc.errors or [])
        raise fail(where or exc.detail) from exc
    for warning in result.body.get("warnings", []):
        if warning["code"] in ("column_ignored", "rows_skipped", "sheet_ignored"):
            err.print(f"[yellow]note:[/yellow] {warning['message']}", highlight=False, soft_wrap=True)
    _write(result, output, out)
    raise typer.Exit(EXIT_BY_DECISION[result.decision])


def _party(text: str | None) -> dict[str, str | None]:
    if not text:
        return {}
    parts = text.split(":")
    if len(parts) == 1:
        return {"country": parts[0]}
    pid, name, country = (parts + [None, None])[:3]
    return {"id": pid or None, "name": name or None, "country": country or None}


@contextmanager
def _progress() -> Iterator[Any]:
    with Progress(console=err, transient=True) as bar:
        task = None

        def update(done: int, total: int) -> None:
            nonlocal task
            if total < PROGRESS_FROM_LINES:
                return
            if task is None:
                task = bar.add_task("screening", total=total)
            bar.update(task, completed=done)

        yield update


def _write(result: OfflineResult, output: str, out: Path | None) -> None:
    if output == "json":
        text = json.dumps(result.body, ensure_ascii=False, indent=2) + "\n"
    elif output == "csv":
        text = _csv(result)
    else:
        console = Console(file=io.StringIO(), width=160, force_terminal=out is None and sys.stdout.isatty())
        console.print(_table(result))
        body = result.body
        console.print(
            f"decision [bold]{body['decision']}[/bold], score {body['risk_score']} ({body['risk_level']}); "
            f"campaigns: {', '.join(body['campaigns']) or 'none'}; "
            f"brand list {body['versions']['brand_list']}",
            highlight=False,
        )
        text = console.file.getvalue()  # type: ignore[attr-defined]
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def _table(result: OfflineResult) -> Table:
    table = Table(show_lines=False)
    for name in ("row", "line", "level", "score", "flags"):
        table.add_column(name)
    for row, line in zip(result.rows, result.body["lines"], strict=True):
        level = line["risk_level"]
        flags = "\n".join(f"{f['code']} +{f['points']}: {f['reason']}" for f in line["flags"]) or "-"
        table.add_row(
            str(row), line["line_id"], f"[{LEVEL_STYLE[level]}]{level}[/]", str(line["risk_score"]), flags
        )
    for flag in result.body["flags"]:
        if flag["line_id"] is None:
            table.add_row(
                "", "manifest", flag["severity"], f"+{flag['points']}", f"{flag['code']}: {flag['reason']}"
            )
    return table


CSV_COLUMNS = ("row", "line_id", "risk_level", "risk_score", "code", "points", "reason", "recommendation")


def _csv(result: OfflineResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row, line in zip(result.rows, result.body["lines"], strict=True):
        head = [row, line["line_id"], line["risk_level"], line["risk_score"]]
        for flag in line["flags"] or [None]:
            tail = (
                [flag["code"], flag["points"], flag["reason"], flag["recommendation"]]
                if flag
                else ["", "", "", ""]
            )
            writer.writerow(head + tail)
    for flag in result.body["flags"]:
        if flag["line_id"] is None:
            writer.writerow(
                ["", "", "", "", flag["code"], flag["points"], flag["reason"], flag["recommendation"]]
            )
    return out.getvalue()


@lists.command("check")
def lists_check(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Brand list or campaign files; default: the configured ones.")
    ] = None,
) -> None:
    """Validate brand lists and campaign files: print their versions and warnings; non-zero on an error."""
    if not files:
        settings = Settings()
        knowledge = _knowledge(settings)
        for brand_list in knowledge.catalog.lists:
            typer.echo(
                f"brand list {brand_list.id}@{brand_list.version}  {len(brand_list.brands)} brands  "
                f"sha256:{brand_list.content_hash[:12]}  {brand_list.path.name}"
            )
        typer.echo(f"brand lists {knowledge.brand_list_version}")
        typer.echo(
            f"campaigns {len(knowledge.shipped_campaigns)} files, version "
            f"{campaign_version(knowledge.shipped_campaigns)}"
        )
        typer.echo(f"packing-list headers {load_aliases().version}")
        for warning in knowledge.catalog.warnings:
            err.print(f"[yellow]warning:[/yellow] {warning}", highlight=False, soft_wrap=True)
        return
    failed = False
    for path in files:
        try:
            typer.echo(_check_file(path))
        except Exception as exc:  # every bad file is reported, then the status says so
            failed = True
            err.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
    if failed:
        raise typer.Exit(1)


def _check_file(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    if "starts_on" in text and "list:" not in text:
        spec = load_campaign_file(path)
        version = campaign_version({path.stem: spec})
        return f"campaign {path.stem}  {spec.starts_on}..{spec.ends_on}  version {version}"
    brand_list = load_brand_list(path)
    return (
        f"brand list {brand_list.id}@{brand_list.version}  {len(brand_list.brands)} brands  "
        f"sha256:{brand_list.content_hash[:12]}"
    )


@brands.command("search")
def brands_search(
    text: Annotated[str, typer.Argument(help="A product name as a seller would list it.")],
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
) -> None:
    """The recorded marks a text names or resembles (as GET /v1/brands)."""
    if not text.strip():
        raise fail("give some text to search for")
    knowledge = _knowledge(Settings())
    hits = knowledge.matcher.search(text, limit=limit)
    if not hits:
        typer.echo(f"no recorded mark in {text!r} (brand list {knowledge.brand_list_version})")
        return
    for hit in hits:
        typer.echo(f"{hit.brand}\t{hit.match_type}\t{hit.similarity}\t{hit.matched_text}\t{hit.reason}")
