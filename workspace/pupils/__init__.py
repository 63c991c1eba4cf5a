"""Pupils: the home school's registry (обучающиеся), the pupil page, and the personal-data duties kept with
it: consents, who read the pupils' data, a parent's requests (export, erasure), retention."""
from flask import Blueprint

bp = Blueprint("pupils", __name__)

from workspace.pupils import consent_views, duty_views, reads_views, views  # noqa: E402,F401
from workspace.pupils import history  # noqa: E402,F401  (hub registrations)
