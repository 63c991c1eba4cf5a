"""argon2id password hashing, rehashed on log-in when the parameters change."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app

from workspace.accounts.models import User


def _hasher() -> PasswordHasher:
    """One hasher per application: Config.ARGON2 holds its parameters (tests use cheap ones)."""
    extensions = current_app.extensions
    if "password_hasher" not in extensions:
        hasher = PasswordHasher(**current_app.config["ARGON2"])
        extensions["password_hasher"] = hasher
        # Verified when the e-mail is unknown: a wrong address costs as much as a wrong password.
        extensions["password_dummy_hash"] = hasher.hash("not a real password")
    return extensions["password_hasher"]


def set_password(user: User, password: str) -> None:
    user.password_hash = _hasher().hash(password)


def check_password(user: User | None, password: str) -> bool:
    hasher = _hasher()
    has_hash = user is not None and bool(user.password_hash)
    stored = user.password_hash if has_hash else current_app.extensions["password_dummy_hash"]
    try:
        hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    if not has_hash:
        return False
    if hasher.check_needs_rehash(user.password_hash):
        set_password(user, password)
    return True
