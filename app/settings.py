"""Service settings, read from PRESCREEN_* environment variables (pydantic-settings)."""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from limits import parse_many
from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from app.db.limits import DatabaseLimits
from app.engine.config import EngineConfig, PartyConfig, PatternConfig, PriceConfig, ScoringConfig
from app.reference.paths import DataPaths

APP_DIR = Path(__file__).resolve().parent
REPO_DIR = APP_DIR.parent
DATA_DIR = APP_DIR / "data"
ROLES = ("admin", "operator")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PRESCREEN_", env_nested_delimiter="__", extra="ignore")

    # development allows the embedded defaults; production refuses unsafe ones (see _refuse_unsafe).
    environment: Literal["development", "production"] = "development"
    # SQLAlchemy URL; SQLite for one instance, postgresql+psycopg://... for several.
    database_url: str = "sqlite:///./prescreen.db"
    # Apply Alembic migrations at start-up (default: only for SQLite; run `prescreen db upgrade` otherwise).
    auto_migrate: bool | None = None
    # Seconds to wait for a new database connection (PostgreSQL; at least 2, as libpq counts).
    db_connect_timeout: int = Field(3, ge=2, le=300)
    # Seconds one SQL statement may run (PostgreSQL statement_timeout; SQLite's lock wait); a
    # statement the server does not answer in this time plus a second is cut off by the client
    # (app/db/watchdog.py), so a hung server answers 503, never hangs the request.
    db_statement_timeout: float = Field(5.0, gt=0, le=600)
    # Pooled connections kept open, extra ones opened under load, and seconds a request waits for
    # one before answering 503.
    db_pool_size: int = Field(10, ge=1, le=200)
    db_pool_max_overflow: int = Field(10, ge=0, le=200)
    db_pool_timeout: float = Field(2.0, gt=0, le=300)
    # Bootstrap keys: comma-separated tenant:key or tenant:key:admin (`operator` is accepted for
    # `admin`): the deployment's own keys, an admin entry with the operator scope (campaigns,
    # list reloads). Keys made by the CLI live in the DB; there --admin stays within its tenant
    # and only --operator changes what every tenant shares (docs/faults.md).
    api_keys: str = ""
    # Most lines one manifest may have (a larger one answers 413).
    max_lines: int = Field(10_000, ge=1)
    # Largest request body in bytes (a larger one answers 413 before it is read whole).
    max_body_bytes: int = Field(16 * 1024 * 1024, ge=1024)
    # Seconds the whole body of a request may take to arrive (a slower one answers 408).
    body_read_timeout: float = Field(30.0, gt=0, le=3600)
    # Longest URL (path and query) and largest header block the service answers (414, 431); the
    # HTTP server stops reading at 256 KiB before either (app/server.py).
    max_url_bytes: int = Field(8 * 1024, ge=256)
    max_header_bytes: int = Field(16 * 1024, ge=1024)
    # Seconds one screening may spend screening its lines; past it the screening answers 413
    # and records nothing (a decision on half the lines is no decision on the shipment: split
    # the manifest). An ordinary 10,000-line manifest takes under a second (docs/faults.md).
    screening_time_limit: float = Field(30.0, gt=0, le=3600)
    # Shipped recorded-mark lists (every *.yaml in this folder).
    brand_lists_dir: Path = REPO_DIR / "brand_lists"
    # A data file that does not load at start-up stops the start (naming file and row); true
    # starts anyway with /readyz and every screening answering 503 until a reload succeeds.
    start_with_broken_data: bool = False
    # Operators' own list files (their customers' recordals), loaded after the shipped ones;
    # comma-separated paths.
    extra_brand_lists: Annotated[list[Path], NoDecode] = []
    # Shipped party lists (every *.yaml, *.csv and *.jsonl in this folder; party_lists/README.md).
    party_lists_dir: Path = REPO_DIR / "party_lists"
    # Operators' own party lists: YAML, CSV or FollowTheMoney JSON lines (an OpenSanctions or yente
    # export); comma-separated paths, loaded after the shipped ones.
    extra_party_lists: Annotated[list[Path], NoDecode] = []
    # Shipped campaign files; operators change campaigns with PUT /v1/campaigns/{id}.
    campaigns_dir: Path = DATA_DIR / "campaigns"
    # Currency rates table (currency, units per USD, as_of, source); replace to use your own rates.
    rates_file: Path = DATA_DIR / "rates" / "usd_rates.csv"
    # Category definitions (HS prefixes, keywords, weights).
    categories_file: Path = DATA_DIR / "categories" / "categories.yaml"
    # HS 2022 nomenclature.
    hs_codes_file: Path = DATA_DIR / "hs" / "hs_codes.csv"
    # Countries, regions and Belt and Road membership.
    geography_dir: Path = DATA_DIR / "geo"
    # The words of the shipment-pattern rules: carriers, mark words, assembly destinations.
    marks_vocabulary_file: Path = DATA_DIR / "patterns" / "marks_vocabulary.yaml"
    # Worker processes that screen the lines of large manifests beside the serving process;
    # unset: one fewer than the CPUs (at most 3) on machines with 4 or more, else none (on 2 cores
    # moving lines between processes costs what the second core saves: bench/README.md).
    line_workers: int | None = Field(None, ge=0, le=32)
    # Manifests with at least this many lines are shared with the line workers.
    parallel_min_lines: int = Field(2_000, ge=2)
    # Most lines a manifest screened with ?mode=async may have (a larger one answers 413).
    max_async_lines: int = Field(100_000, ge=1)
    # Largest request body of an async screening, in bytes (100,000 lines of long descriptions).
    max_async_body_bytes: int = Field(128 * 1024 * 1024, ge=1024)
    # Lines an async job screens between two progress updates (and the memory of one step).
    async_chunk_lines: int = Field(2_000, ge=1)
    # Run a job worker inside the service (the SQLite default needs it; a PostgreSQL deployment may
    # leave it on, or set false and run `prescreen worker` processes instead).
    jobs_in_process: bool = True
    # Seconds between a worker's looks for jobs that came due (a retry's time, a lost notification).
    worker_poll_seconds: float = Field(1.0, gt=0, le=60)
    # Jobs one worker runs at once.
    worker_concurrency: int = Field(2, ge=1, le=64)
    # A worker's heartbeat, and how long without one before its running jobs are given to another.
    worker_heartbeat_seconds: float = Field(10.0, gt=0)
    worker_stalled_seconds: float = Field(30.0, gt=0)
    # Seconds between two checks for stored screenings whose versions are out of date.
    rescreen_interval_seconds: int = Field(5, ge=1, le=59)
    # Screenings re-screened by one job before the next is queued (bounded, resumable batches).
    rescreen_batch_size: int = Field(200, ge=1, le=10_000)
    # Deliver webhooks to loopback and private addresses (tests, closed networks).
    webhooks_allow_private: bool = False
    # A webhook attempt gives up after this many seconds.
    webhook_timeout_seconds: float = Field(10.0, gt=0, le=120)
    # Attempts per delivery, and the first retry's wait (doubled at each further attempt).
    webhook_max_attempts: int = Field(8, ge=1, le=30)
    webhook_retry_base_seconds: float = Field(10.0, ge=0, le=3600)
    # Page size of GET /v1/screenings when the client gives none, and the most it may ask for.
    default_page_size: int = Field(50, ge=1)
    max_page_size: int = Field(500, ge=1)
    # Log lines as JSON (one object a line, for collectors) or as console text; unset: JSON in
    # production, console in development (docs/operations.md).
    log_format: Literal["json", "console"] | None = None
    # Least severe level logged (DEBUG also logs the health, readiness and metrics requests).
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Requests each tenant may make, e.g. "600/minute" or "20/second;600/minute"; empty: no limit.
    rate_limit: str = ""
    # Where the rate limit counts live: memory:// counts per instance; redis://host:6379 shares the
    # count between instances (any storage URI of the `limits` library).
    rate_limit_storage: str = "memory://"
    # Bearer token that GET /metrics requires (Authorization: Bearer ...); unset: /metrics is open in
    # development and refused in production.
    metrics_token: SecretStr | None = None
    # Answers at least this many bytes are gzip-compressed for clients that accept it; 0: never.
    gzip_min_bytes: int = Field(1024, ge=0)
    # The risk model: points, thresholds, windows (docs/scoring.md).
    scoring: ScoringConfig = ScoringConfig()
    price: PriceConfig = PriceConfig()
    patterns: PatternConfig = PatternConfig()
    # Party matching: the name score that raises PARTY_LISTED, the country penalty.
    parties: PartyConfig = PartyConfig()

    @field_validator("extra_brand_lists", "extra_party_lists", mode="before")
    @classmethod
    def _split_paths(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("rate_limit")
    @classmethod
    def _parse_rate_limit(cls, value: str) -> str:
        if value.strip():
            try:
                parse_many(value)
            except ValueError as exc:
                raise ValueError(
                    f"PRESCREEN_RATE_LIMIT {value!r} is not a rate: "
                    "use e.g. 600/minute or 20/second;600/minute"
                ) from exc
        return value.strip()

    @model_validator(mode="after")
    def _refuse_unsafe(self) -> Settings:
        if self.environment == "production":
            if self.database_url.startswith("sqlite"):
                raise ValueError("production needs PRESCREEN_DATABASE_URL pointing at PostgreSQL")
            if any(len(entry.split(":")[1]) < 16 for entry in self._key_entries()):
                raise ValueError("production bootstrap keys in PRESCREEN_API_KEYS need 16+ characters")
        if not self.scoring.medium_at < self.scoring.high_at < self.scoring.critical_at:
            raise ValueError("level thresholds must rise: medium_at < high_at < critical_at")
        if not self.scoring.plain_goods_ceiling < self.scoring.medium_at:
            raise ValueError("plain_goods_ceiling must stay below medium_at: plain goods are cleared")
        for entry in self._key_entries():
            parts = entry.split(":")
            if len(parts) not in (2, 3) or not all(parts[:2]) or (len(parts) == 3 and parts[2] not in ROLES):
                raise ValueError(
                    f"PRESCREEN_API_KEYS entry {parts[0]!r}: use tenant:key, tenant:key:admin "
                    "or tenant:key:operator"
                )
        return self

    def _key_entries(self) -> list[str]:
        return [e.strip() for e in self.api_keys.split(",") if e.strip()]

    @cached_property
    def bootstrap_keys(self) -> list[tuple[str, str, str]]:
        """(tenant, key, role) of PRESCREEN_API_KEYS; role is "user", "admin" or "operator"."""
        out = []
        for entry in self._key_entries():
            tenant, key, *rest = entry.split(":")
            out.append((tenant, key, rest[0] if rest else "user"))
        return out

    @property
    def effective_log_format(self) -> Literal["json", "console"]:
        if self.log_format is not None:
            return self.log_format
        return "json" if self.environment == "production" else "console"

    @property
    def database_limits(self) -> DatabaseLimits:
        return DatabaseLimits(
            connect_timeout=self.db_connect_timeout,
            statement_timeout=self.db_statement_timeout,
            pool_size=self.db_pool_size,
            max_overflow=self.db_pool_max_overflow,
            pool_timeout=self.db_pool_timeout,
        )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def migrate_at_start(self) -> bool:
        return self.is_sqlite if self.auto_migrate is None else self.auto_migrate

    @property
    def worker_count(self) -> int:
        if self.line_workers is not None:
            return self.line_workers
        cpus = os.cpu_count() or 1
        return min(3, cpus - 1) if cpus >= 4 else 0

    @cached_property
    def engine_config(self) -> EngineConfig:
        return EngineConfig(
            scoring=self.scoring, price=self.price, patterns=self.patterns, parties=self.parties
        )

    @property
    def data_paths(self) -> DataPaths:
        shipped = tuple(sorted(self.brand_lists_dir.glob("*.yaml")))
        return DataPaths(
            brand_lists=shipped + tuple(self.extra_brand_lists),
            categories=self.categories_file,
            hs_codes=self.hs_codes_file,
            rates=self.rates_file,
            geography_dir=self.geography_dir,
            campaigns=(self.campaigns_dir,),
            party_lists=self._shipped_party_lists() + tuple(self.extra_party_lists),
            marks_vocabulary=self.marks_vocabulary_file,
        )

    def _shipped_party_lists(self) -> tuple[Path, ...]:
        if not self.party_lists_dir.is_dir():
            return ()
        suffixes = (".yaml", ".yml", ".csv", ".json", ".jsonl")
        return tuple(sorted(p for p in self.party_lists_dir.iterdir() if p.name.endswith(suffixes)))
