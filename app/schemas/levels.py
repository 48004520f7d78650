"""The result's levels and decisions as the API names them (docs/scoring.md says how they are reached)."""

from __future__ import annotations

from enum import StrEnum


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class Decision(StrEnum):
    CLEAR = "clear"  # low risk
    REVIEW = "review"  # medium or high
    HOLD = "hold"  # critical
