"""The partner workspace: the application factory."""
from __future__ import annotations

import logging

from flask import Flask, has_request_context, session
from flask_login import current_user
from workspace.core.i18n import lazy_gettext as _l
from werkzeug.middleware.proxy_fix import ProxyFix

from workspace.config import ROOT, Config
from workspace.extensions import babel, compress, csrf, db, htmx, login_manager, migrate


def _select_locale() -> str:
    """The signed-in user's language, else the browser session's; Russian outside a request (the command line,
    history labels). The user's choice is read from the user row, not the cookie: a page's parallel requests each
    send the session cookie back, and one that started before the switch would set the old language again."""
    if not has_request_context():
        return "ru"
    chosen = (current_user.language if current_user.is_authenticated else None) or session.get("lang")
    return chosen if chosen in ("ru", "en") else "ru"


def create_app(config: Config | None = None) -> Flask:
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    app.config.from_object(config or Config())
    if app.config.get("BEHIND_PROXY"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    logging.basicConfig(level=logging.INFO)

    # The areas are imported here, not at the top of this module: importing them registers their models, their
    # routes and what they contribute to the hubs (search, chronicle, monitoring, history labels), and at module
    # level they would cycle back (tenants.models imports workspace.core, which runs this package first).
    # Models must be imported before the metadata is used.
    import tenants.models  # noqa: F401
    import workspace.accounts.models  # noqa: F401
    import workspace.desk.models  # noqa: F401
    import workspace.audit.models  # noqa: F401
    import workspace.plans.models  # noqa: F401
    import workspace.council.models  # noqa: F401
    import workspace.calendar.models  # noqa: F401
    import workspace.plans.report_models  # noqa: F401
    import workspace.agreements.models  # noqa: F401
    import workspace.projects.models  # noqa: F401
    import workspace.pupils.models  # noqa: F401
    import workspace.programmes.models  # noqa: F401
    import workspace.journal.models  # noqa: F401
    import workspace.bank.models  # noqa: F401
    import workspace.requests_table.models  # noqa: F401
    import workspace.monitoring.models  # noqa: F401
    import workspace.surveys.models  # noqa: F401
    import workspace.passport.models  # noqa: F401
    import workspace.networks.models  # noqa: F401
    import workspace.cycle.models  # noqa: F401
    import workspace.letters.models  # noqa: F401
    import workspace.growth.models  # noqa: F401
    import workspace.audit.recorder  # noqa: F401  (the flush listener)
    import workspace.search.matching  # noqa: F401  (the SQLite ws_fold function, before the first connection)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    compress.init_app(app)
    htmx.init_app(app)
    babel.init_app(app, locale_selector=_select_locale,
                   default_translation_directories=str(ROOT / "workspace" / "translations"))
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Войдите, чтобы открыть эту страницу.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"

    from tenants.resolution import init_resolution
    from workspace.core.database import init_database
    from workspace.core.i18n import init_i18n
    from workspace.core.statement_count import init_statement_count
    from workspace.core.errors import init_errors
    from workspace.core.form_widgets import use_fast_html_params
    from workspace.core.security import init_input_guard, init_security_headers
    from workspace.core.sessions import init_sessions
    from workspace.core.static_files import init_static_compression
    from workspace.core.templating import init_templating

    init_database(app)
    init_statement_count(app)
    init_i18n(app)
    use_fast_html_params()
    init_resolution(app)
    init_sessions(app)
    init_security_headers(app)
    init_input_guard(app)
    init_static_compression(app)
    init_errors(app)
    init_templating(app)

    from workspace.accounts import bp as accounts_bp
    from workspace.audit import bp as audit_bp
    from workspace.council import bp as council_bp
    from workspace.desk import bp as desk_bp
    from workspace.institutions import bp as institutions_bp
    from workspace.networks import bp as networks_bp
    from workspace.networks import institution_bp as my_networks_bp
    from workspace.networks import join_bp as network_join_bp
    from workspace.operator import bp as operator_bp
    from workspace.plans import bp as plans_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(desk_bp, url_prefix="/i/<institution>")
    app.register_blueprint(institutions_bp, url_prefix="/i/<institution>")
    app.register_blueprint(networks_bp, url_prefix="/n/<network>")
    app.register_blueprint(my_networks_bp, url_prefix="/i/<institution>/networks")
    app.register_blueprint(network_join_bp, url_prefix="/join")
    app.register_blueprint(council_bp, url_prefix="/n/<network>/council")
    app.register_blueprint(operator_bp, url_prefix="/operator")
    app.register_blueprint(audit_bp)
    app.register_blueprint(plans_bp, url_prefix="/n/<network>/plans")
    from workspace.projects import bp as projects_bp
    app.register_blueprint(projects_bp, url_prefix="/n/<network>/projects")
    from workspace.calendar import bp as calendar_bp
    from workspace.programmes import bp as programmes_bp, public_bp as public_programmes_bp, school_bp
    from workspace.pupils import bp as pupils_bp
    app.register_blueprint(programmes_bp, url_prefix="/n/<network>/programmes")
    app.register_blueprint(school_bp, url_prefix="/i/<institution>/enrollment")
    app.register_blueprint(public_programmes_bp, url_prefix="/public/n/<catalog>")
    app.register_blueprint(pupils_bp, url_prefix="/i/<institution>/pupils")
    app.register_blueprint(calendar_bp)
    from workspace.agreements import bp as agreements_bp, public_bp as public_agreements_bp
    app.register_blueprint(agreements_bp, url_prefix="/n/<network>/agreements")
    app.register_blueprint(public_agreements_bp)
    from workspace.journal import bp as journal_bp
    app.register_blueprint(journal_bp)
    from workspace.bank import bp as bank_bp
    app.register_blueprint(bank_bp, url_prefix="/n/<network>/bank")
    from workspace.requests_table import bp as requests_table_bp
    app.register_blueprint(requests_table_bp, url_prefix="/n/<network>/requests")
    from workspace.monitoring import bp as monitoring_bp
    from workspace.surveys import bp as surveys_bp
    app.register_blueprint(monitoring_bp)
    app.register_blueprint(surveys_bp)
    from workspace.chronicle import bp as chronicle_bp
    from workspace.search import bp as search_bp
    app.register_blueprint(chronicle_bp)
    app.register_blueprint(search_bp, url_prefix="/i/<institution>")
    from workspace.letters import bp as letters_bp
    app.register_blueprint(letters_bp)
    from workspace.passport import bp as passport_bp
    app.register_blueprint(passport_bp, url_prefix="/n/<network>/passport")
    from workspace.paperwork import bp as paperwork_bp
    app.register_blueprint(paperwork_bp, url_prefix="/n/<network>/documents")
    from workspace.growth import bp as growth_bp, group_bp as group_growth_bp
    app.register_blueprint(growth_bp, url_prefix="/i/<institution>/growth")
    app.register_blueprint(group_growth_bp, url_prefix="/n/<network>/growth")
    from workspace.cycle import bp as cycle_bp
    app.register_blueprint(cycle_bp, url_prefix="/n/<network>/analysis")

    from workspace.cli import register_commands
    register_commands(app)
    return app
