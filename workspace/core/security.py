"""Security headers on every response."""
from __future__ import annotations

from flask import Flask, abort, request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def _has_nul(values) -> bool:
    return any("\x00" in value for value in values)


def init_input_guard(app: Flask) -> None:
    """A NUL character has no place in any text a person types; PostgreSQL refuses it in text too."""

    @app.before_request
    def _refuse_nul():
        if _has_nul(request.args.values()) or (request.method == "POST" and _has_nul(request.form.values())):
            abort(400)


def init_security_headers(app: Flask) -> None:
    @app.after_request
    def _headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if request.is_secure:
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if response.mimetype == "text/html":
            response.vary.add("HX-Request")
            headers.setdefault("Cache-Control", "no-store")
        elif request.endpoint == "static":
            if request.args.get("v"):
                # Fingerprinted by content (static_url adds ?v=<hash>): cached for a year, never revalidated.
                headers["Cache-Control"] = "public, max-age=31536000, immutable"
        else:
            # Every file the application answers (Excel, Word, iCalendar, uploaded scans and photos) may carry
            # personal data of minors: never kept by a browser, a proxy or a shared computer's cache.
            headers["Cache-Control"] = "private, no-store"
        return response
