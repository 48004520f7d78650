"""Bodies of /v1/jobs (CONTRACT.md, Additions)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class JobProgress(BaseModel):
    lines_done: int = Field(ge=0)
    lines_total: int = Field(ge=0)


class JobOut(BaseModel):
    job_id: str = Field(examples=["job_018f3a2b4c5d6e7f8091a2b3c4"])
    status: Literal["queued", "running", "done", "failed"]
    progress: JobProgress
    screening_id: str | None = Field(None, description="When done: GET /v1/screenings/{screening_id}.")
    error: dict[str, Any] | None = Field(None, description="When failed: a problem+json object.")
