"""Which campaigns in force bear on a manifest and on which of its lines."""

from __future__ import annotations

from collections.abc import Iterable

from app.engine.facts import LineFacts
from app.engine.types import Campaign, Manifest


def destination_targeted(campaign: Campaign, manifest: Manifest) -> bool:
    return not campaign.destinations or manifest.destination_country in campaign.destinations


def channel_targeted(campaign: Campaign, manifest: Manifest) -> bool:
    return not campaign.channels or manifest.channel in campaign.channels


def goods_targeted(campaign: Campaign, line: LineFacts) -> bool:
    return not campaign.categories or bool(campaign.categories & line.categories)


def applicable(campaigns: Iterable[Campaign], manifest: Manifest) -> list[Campaign]:
    """Campaigns in force on the departure date whose destinations and channels take in this manifest."""
    return [
        c
        for c in campaigns
        if c.in_force(manifest.departure_date)
        and destination_targeted(c, manifest)
        and channel_targeted(c, manifest)
    ]
