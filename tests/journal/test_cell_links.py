"""The grid's cell links are joined in Python from one prefix: they must be exactly ``edit_mark``'s URLs."""
from __future__ import annotations

from types import SimpleNamespace

from flask import g, url_for

from workspace.journal.rows import cell_html
from workspace.journal.views import _cell_url


def test_a_cells_link_is_the_edit_mark_url(app):
    with app.test_request_context():
        g.network = SimpleNamespace(slug="net")
        prefix = _cell_url(SimpleNamespace(id=7))
        expected = url_for("journal.edit_mark", group_id=7, lesson_id=31, enrollment_id=502)
        assert f"{prefix}/31/502" == expected
        assert f'href="{expected}"' in str(cell_html(502, 31, None, True, prefix))
