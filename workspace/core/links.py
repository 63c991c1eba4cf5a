"""Absolute links (letters, feeds, links to hand out) built from the configured PUBLIC_URL, never from the
request's Host or X-Forwarded-Host: a reset link requested with a forged host still points to this site."""
from __future__ import annotations

from flask import current_app


def public_url(endpoint: str, **values) -> str:
    """PUBLIC_URL (which may carry a path prefix) joined with the endpoint's path; works outside requests too."""
    app = current_app
    app.inject_url_defaults(endpoint, values)
    path = app.url_map.bind("public.invalid", script_name="/").build(endpoint, values, force_external=False)
    return app.config["PUBLIC_URL"].rstrip("/") + path
