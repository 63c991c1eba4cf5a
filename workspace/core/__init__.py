"""Shared building blocks: model base, database setup, rendering, errors, dates, mail."""
