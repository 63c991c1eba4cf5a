"""The network chronicle (летопись сети): the network's life, newest first, merged from every area.

Pages: ``/n/<network>/chronicle`` (one network) and ``/i/<institution>/chronicle`` (all networks of an
institution); a partner filter; infinite scroll by a keyset cursor ``before=<timestamp>,<kind>-<id>``
(never OFFSET); without JavaScript a «Показать ещё» link loads the same next page.

Each area registers its sources in its own ``workspace/<area>/chronicle.py``, which the area's
``__init__.py`` imports (so the registration happens when ``create_app`` imports the area's blueprint; this
package imports no area)::

    from workspace.chronicle.registry import register_chronicle_query
    register_chronicle_query("agreements", signed, signed_entries, position=40)

Positions taken (the order in which sources are asked; the feed's order does not depend on it): events held
10 (plans), approvals 20 and meetings 30 (council), agreements 40, projects 50, programmes 60, the bank 70.

A query source (what every area registers) is a part of the page's ONE statement, a UNION ALL of all of them::

    def signed(with_before: bool, with_partner: bool) -> Select | None:
        '''The part's SELECT, newest first, ``.limit(LIMIT)``, written with the registry's bind parameters
        (``NETWORK_IDS``, ``BEFORE`` / ``BEFORE_DAY``, ``PARTNER_ID``, ``TODAY``, ``USER_ID``, ...); None: no
        part for this shape (the meetings concern no one partner).'''

    def signed_entries(rows) -> list[Entry]:
        '''One ``Entry`` per row (its ``link``: the url is built only if the entry is shown).'''

* the columns are named by labels: ``at`` a timestamp or ``day`` a date (the entry's ``when``), ``id`` the
  object's id (it orders entries of one instant), others as the part needs (one type per label);
* ``BEFORE``: entries strictly before the cursor's instant; ``BEFORE_DAY``: at or before its day (sources of
  dates: the chronicle drops what it has shown, entries of the same instant included);
* ``PARTNER_ID`` (when ``with_partner``): only entries that concern that institution;
* every part reads under the page's tenant scope like any statement (the hook adds its criteria to each).

A plain function (``register_chronicle_source``, one statement per call, asked on its own) is still taken::

    def entries(network_ids: list[int], before: datetime | None, limit: int,
                partner_id: int | None) -> list[tuple[datetime, str, str, str, int | None]]:
        '''(when, kind label, title, url, institution_id), newest first, at most ``limit``.'''
"""
from flask import Blueprint

bp = Blueprint("chronicle", __name__)

from workspace.chronicle import views  # noqa: E402,F401
