"""The network's documents (документы сети), generated from its data as Word drafts to edit and sign: the regulation
on network interaction (положение о сетевом взаимодействии), a school director's order on organising the training
(приказ об организации обучения), the agreement on the network form of a programme (договор о сетевой форме)."""
from flask import Blueprint

bp = Blueprint("paperwork", __name__)

from workspace.paperwork import views  # noqa: E402,F401
