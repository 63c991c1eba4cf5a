"""Rendering helpers: a full page, or for an htmx request the partial its target asks for; a confirmation page;
what a request's drawing code makes once (its translated texts)."""
from __future__ import annotations

from flask import g, make_response, render_template
from flask.typing import ResponseReturnValue

from workspace.extensions import htmx


def render(template: str, *, partials: dict[str, str] | None = None, status: int = 200,
           **context) -> ResponseReturnValue:
    """Render ``template``; an htmx request whose HX-Target names a partial gets only that.

    ``partials`` maps an HX-Target id to the partial template the page itself includes,
    so every fragment has one source. A history restore always gets the full page.
    """
    chosen = template
    if htmx and not htmx.history_restore_request and partials:
        chosen = partials.get(htmx.target or "", template)
    response = make_response(render_template(chosen, **context), status)
    response.vary.add("HX-Request")
    return response


def partial_requested(target: str) -> bool:
    """Whether this is an htmx request for the element ``target`` (by HX-Target, never by the trigger's id):
    the choice ``render`` makes, for a handler whose other answer is a redirect rather than the full page."""
    return bool(htmx) and not htmx.history_restore_request and htmx.target == target


def confirm_page(*, heading: str, question: str, action: str, confirm_label: str,
                 cancel_url: str) -> ResponseReturnValue:
    """The page that asks before a destructive action (works without JavaScript)."""
    return render("_confirm.html", heading=heading, question=question, action=action,
                  confirm_label=confirm_label, cancel_url=cancel_url)


def per_request(factory):
    """``factory()``, made once per request and kept on ``g`` (e.g. the translated, escaped texts a long table
    draws with: translating them per row would cost more than drawing the row)."""
    made = g.setdefault("_per_request", {})
    found = made.get(factory)
    if found is None:
        found = made[factory] = factory()
    return found
