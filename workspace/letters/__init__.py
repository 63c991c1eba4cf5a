"""Letters: the durable outbox, the worker that sends it, each user's choices per kind of letter, digests.

A letter is a row written in the same transaction as the change that causes it (``queue_letter``): a request
that rolls back sends nothing. ``flask --app wsgi worker`` claims due letters, sends them over SMTP, retries
temporary failures with back-off and marks refused recipients bounced. Areas declare their kinds of letter with
``register_letter_kind`` (kinds.py); a user chooses per kind: at once, in the daily or weekly digest, or never.
"""
from flask import Blueprint

bp = Blueprint("letters", __name__)

from workspace.letters import kinds, views  # noqa: E402,F401
