"""The methodological bank of best practices (банк лучших практик) and the register of the network's
normative documents (положение о сетевом взаимодействии, приказы, протоколы) with their versions."""
from flask import Blueprint

bp = Blueprint("bank", __name__)

from workspace.bank import document_views, views  # noqa: E402,F401
from workspace.bank import chronicle, history, search  # noqa: E402,F401  (hub registrations)
