"""The form fields sent with a packing list (POST /v1/screenings/upload), beside its file."""

from __future__ import annotations

from pydantic import BaseModel, Field

from app.schemas.screening import LineIn, UploadWarning


class UploadFields(BaseModel):
    """The shipment fields as form fields; parties as JSON (`shipper`) or flat (`shipper_id`...)."""

    destination_country: str = Field(min_length=1)
    channel: str = Field(min_length=1)
    reference: str | None = None
    departure_date: str | None = None
    shipper: str | None = Field(None, description="The shipper as JSON: id, name, country.")
    consignee: str | None = Field(None, description="The consignee as JSON: id, name, country.")
    shipper_id: str | None = None
    shipper_name: str | None = None
    shipper_country: str | None = None
    consignee_id: str | None = None
    consignee_name: str | None = None
    consignee_country: str | None = None
    sheet: str | None = Field(
        None, description="The workbook's sheet: its name or 1-based position; default the first."
    )


class PackingListRead(BaseModel):
    """A packing list as read: the lines a screening of it would take, and what the reader did."""

    format: str = Field(examples=["CSV (GB18030), comma-separated"])
    lines: list[LineIn]
    rows: list[int] = Field(description="Each line's row in the file, in the order of `lines`.")
    warnings: list[UploadWarning]
