"""prescreen: export shipment pre-screening service."""

__version__ = "0.2.0"
