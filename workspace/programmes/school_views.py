"""Views (filled in below)."""
