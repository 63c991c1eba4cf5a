"""Once per respondent, without knowing who the respondent is.

The first visit of the public link gives the browser a long-lived cookie holding a random respondent
id, signed with the application's secret (a forged or edited cookie is ignored). When a form is sent,
the survey stores only ``marker = HMAC(secret, "survey id:respondent id")`` in ``survey_respondents``:
from the marker one cannot get back to the cookie, the marker is different for every survey (two
surveys cannot be linked), it is not linked to the response and carries no time. A second form from
the same browser produces the same marker and is refused (the primary key also refuses two forms sent
at the same instant). What it cannot stop, by design of an anonymous form with no login, is a person
who clears the cookies or uses a second browser; the results page says the count is of browsers.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeSerializer

COOKIE = "survey_respondent"
MAX_AGE = 400 * 24 * 3600


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="survey-respondent")


def respondent_from_cookie() -> str | None:
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        value = _serializer().loads(raw)
    except BadSignature:
        return None
    return value if isinstance(value, str) and 16 <= len(value) <= 64 else None


def new_respondent() -> str:
    return secrets.token_urlsafe(24)


def remember(response, respondent: str) -> None:
    response.set_cookie(COOKIE, _serializer().dumps(respondent), max_age=MAX_AGE, httponly=True, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")), path="/s/")


def marker(survey_id: int, respondent: str) -> str:
    key = current_app.secret_key
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, f"survey-respondent:{survey_id}:{respondent}".encode(), hashlib.sha256).hexdigest()
