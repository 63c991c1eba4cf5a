"""The header's main menu, drawn once per (language, home institution, network, current section).

Every page carries it: 15 links, each a url_for and a translation (about 1 ms a page). The menu depends only on
the key below, so its HTML is kept per process; the links are those of the deployment's own URL map."""
from __future__ import annotations

from flask import current_app, g, request, url_for
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup, escape

from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l

# (endpoint, label, what marks it current: endpoints, or prefixes ending in «.»)
HOME_LINKS = (
    ("desk.show_desk", _l("Рабочий стол"), ("desk.show_desk",)),
    ("institutions.show_profile", _l("Учреждение"), ("institutions.show_profile", "institutions.edit_profile")),
    ("institutions.list_staff", _l("Сотрудники"), ("institutions.list_staff",)),
    ("pupils.list_pupils", _l("Обучающиеся"), ("pupils.", "school_programmes.")),
)
NETWORK_LINKS = (
    ("networks.show_network", _l("Сеть"), ("networks.show_network",)),
    ("plans.list_plans", _l("План"), ("plans.",)),
    ("projects.list_projects", _l("Проекты"), ("projects.",)),
    ("programmes.list_programmes", _l("Программы"), ("programmes.",)),
    ("calendar.network_calendar", _l("Календарь"), ("calendar.network_calendar",)),
    ("agreements.list_agreements", _l("Договоры"), ("agreements.",)),
    ("paperwork.list_documents", _l("Документы"), ("paperwork.",)),
    ("council.show_council", _l("Совет"), ("council.show_council",)),
    ("bank.list_materials", _l("Банк практик"), ("bank.",)),
    ("requests_table.list_requests", _l("Запросы"), ("requests_table.",)),
    ("monitoring.network_dashboard", _l("Мониторинг"), ("monitoring.", "surveys.")),
    ("chronicle.network_chronicle", _l("Летопись"), ("chronicle.network_chronicle",)),
)
CACHE_LIMIT = 4096  # keys are few (networks × institutions × sections × languages); the cap keeps it bounded


def _is_current(endpoint: str | None, markers: tuple[str, ...]) -> bool:
    return bool(endpoint) and any(endpoint.startswith(m) if m.endswith(".") else endpoint == m for m in markers)


def _links(links, endpoint: str | None, **values) -> list[str]:
    current = ' aria-current="page"'
    return [f'<li><a href="{escape(url_for(target, **values))}"'
            f'{current if _is_current(endpoint, markers) else ""}>{escape(str(text))}</a></li>'
            for target, text, markers in links]


def _draw(is_operator: bool, home: str | None, has_network: bool, endpoint: str | None) -> str:
    items = []
    if is_operator:
        console = escape(_("Консоль оператора"))
        items.append(f'<li><a href="{escape(url_for("operator.index"))}">{console}</a></li>')
    elif home:
        items += _links(HOME_LINKS, endpoint, institution=home)
    if has_network:
        items += _links(NETWORK_LINKS, endpoint)
    menu = escape(_("Основное меню"))
    return (f'<nav aria-label="{menu}" class="main-nav">\n        <ul>'
            + "".join(items) + "</ul>\n      </nav>")


def main_nav(home: str | None) -> Markup:
    """The menu of the signed-in user on this page."""
    network = g.get("network")
    endpoint = request.endpoint
    key = (str(get_locale()), request.script_root, current_user.is_operator, home,
           network.slug if network is not None else None, endpoint)
    cache = current_app.extensions.setdefault("main_nav", {})
    found = cache.get(key)
    if found is None:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        found = cache[key] = _draw(current_user.is_operator, home, network is not None, endpoint)
    return Markup(found)
