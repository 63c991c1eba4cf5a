"""The session cookie, re-signed when the session changes or when its signature grows old, not on every answer.

Flask re-signs a permanent session on every response (``SESSION_REFRESH_EACH_REQUEST``) so that its lifetime
(``PERMANENT_SESSION_LIFETIME``, 12 hours) counts from the last request: a JSON dump, a signature and a
``Set-Cookie`` header per answer, about 0.15 ms of a 2 ms page. Here the cookie is re-signed only when the
session changed or when its signature is older than ``SESSION_REFRESH_SECONDS`` (10 minutes): the lifetime still
counts from the last activity, give or take those minutes, and a cookie older than the lifetime is refused as
before (the signature's own time is what ``max_age`` checks)."""
from __future__ import annotations

import time

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature


class Session(SecureCookieSession):
    signed_at: float | None = None  # when the cookie this session came from was signed (seconds since the epoch)


class RefreshingSessionInterface(SecureCookieSessionInterface):
    session_class = Session

    def open_session(self, app: Flask, request: Request) -> Session | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed_at = serializer.loads(value, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        session = self.session_class(data)
        session.signed_at = signed_at.timestamp()
        return session

    def should_set_cookie(self, app: Flask, session: Session) -> bool:
        if session.modified:
            return True
        if not (session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]):
            return False
        signed_at = getattr(session, "signed_at", None)
        return signed_at is None or time.time() - signed_at >= app.config["SESSION_REFRESH_SECONDS"]


def init_sessions(app: Flask) -> None:
    app.session_interface = RefreshingSessionInterface()
