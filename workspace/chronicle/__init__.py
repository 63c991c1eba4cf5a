"""The network chronicle (летопись сети): the network's life, newest first, merged from every area.

Pages: ``/n/<network>/chronicle`` (one network) and ``/i/<institution>/chronicle`` (all networks of an
institution); a partner filter; infinite scroll by a keyset cursor ``before=<timestamp>,<kind>-<id>``
(never OFFSET); without JavaScript a «Показать ещё» link loads the same next page.

Each area registers its sources in its own ``workspace/<area>/chronicle.py``, which the area's
``__init__.py`` imports (so the registration happens when ``create_app`` imports the area's blueprint; this
package imports no area)::

    from workspace.chronicle.registry import register_chronicle_source
    register_chronicle_source("agreements", entries, position=40)

Positions taken (the order in which sources are asked; the feed's order does not depend on it): events held
10 (plans), approvals 20 and meetings 30 (council), agreements 40, projects 50, programmes 60, the bank 70.

The hook::

    def entries(network_ids: list[int], before: datetime | None, limit: int,
                partner_id: int | None) -> list[tuple[datetime, str, str, str, int | None]]:
        '''(when, kind label, title, url, institution_id), newest first, at most ``limit``.'''

* ``network_ids``: the networks of the page (scoped already: network-owned models answer only these);
* ``before``: None for the first page, else the timestamp of the last entry shown — return entries AT OR
  BEFORE it (inclusive: the chronicle drops what it has shown, entries of the same instant included);
* ``partner_id``: when set, only entries that concern that institution;
* ``when``: a naive UTC datetime, an aware one, or a date (read as its midnight);
* ``url``: a link to the object (``url_for(..., network=slug)``, the page may be an institution's);
* one statement per call. An entry may also be a ``workspace.chronicle.registry.Entry`` (with an id, a
  subtitle, thumbnails), as the plans' and the council's sources return.
"""
from flask import Blueprint

bp = Blueprint("chronicle", __name__)

from workspace.chronicle import views  # noqa: E402,F401
