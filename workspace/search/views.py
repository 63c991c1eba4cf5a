"""The search page (/i/<institution>/search?q=…) and its htmx fragment for the header's active search."""
from __future__ import annotations

from flask import request
from flask_login import login_required

from workspace.core.rendering import render
from workspace.search import bp
from workspace.search.matching import fold
from workspace.search.registry import registered_kinds, run_search

MIN_LENGTH = 2
DROPDOWN_LIMIT = 5   # per kind, in the header while typing
PAGE_LIMIT = 50      # per kind, on the full page (and on the «all of one kind» page)
MAX_QUERY = 100
PARTIALS = {"search-results": "search/_dropdown.html", "search-page-results": "search/_results.html"}


@bp.get("/search")
@login_required
def search():
    query = " ".join(request.args.get("q", "").split())[:MAX_QUERY]
    kinds = {kind.kind: kind for kind in registered_kinds()}
    only = request.args.get("kind") if request.args.get("kind") in kinds else None
    dropdown = request.headers.get("HX-Target") == "search-results"
    too_short = len(fold(query)) < MIN_LENGTH
    groups = [] if too_short else run_search(query, DROPDOWN_LIMIT if dropdown else PAGE_LIMIT, only)
    return render("search/page.html", partials=PARTIALS, query=query, groups=groups, too_short=too_short,
                  only=kinds[only] if only else None, min_length=MIN_LENGTH)
