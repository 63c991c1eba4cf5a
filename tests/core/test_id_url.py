"""``id_url``: a row's URL from a pattern built once per request, equal to what url_for builds (an id outside the
path goes into the query, as with url_for)."""
from __future__ import annotations

from flask import url_for

from workspace.core.templating import id_url


def test_id_url_equals_url_for_and_refuses_a_name_not_in_the_url(app):
    with app.test_request_context("/"):
        for row_id in (1, 7, 123456):
            expected = url_for("networks.show_model_row", network="kultura", row_id=row_id)
            assert id_url("networks.show_model_row", "row_id", row_id, network="kultura") == expected
        assert id_url("networks.show_model_row", "row_id", 5, network="other") == "/n/other/model/5"
        assert id_url("networks.edit_model_row", "row_id", "12", network="kultura").endswith("/model/12/edit")
        assert id_url("networks.show_model_row", "page", 4, network="kultura", row_id=3) == url_for(
            "networks.show_model_row", network="kultura", row_id=3, page=4)
