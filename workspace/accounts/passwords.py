"""argon2id password hashing, rehashed on log-in when the parameters change."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from workspace.accounts.models import User

_hasher = PasswordHasher()
# Verified when the e-mail is unknown, so that a wrong address costs as much as a wrong password.
_DUMMY_HASH = _hasher.hash("not a real password")


def set_password(user: User, password: str) -> None:
    user.password_hash = _hasher.hash(password)


def check_password(user: User | None, password: str) -> bool:
    stored = user.password_hash if user is not None and user.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    if user is None or not user.password_hash:
        return False
    if _hasher.check_needs_rehash(user.password_hash):
        set_password(user, password)
    return True
