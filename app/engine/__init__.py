"""The pure screening engine: no web framework, no database."""
