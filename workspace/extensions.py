"""Extension singletons, bound to an application in create_app()."""
from __future__ import annotations

from flask_babel import Babel
from flask_compress import Compress
from flask_htmx import HTMX
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session as FlaskSession
from flask_wtf.csrf import CSRFProtect

from workspace.core.models import Base


class WorkspaceSession(FlaskSession):
    """Flask-SQLAlchemy's session, except that an explicit ``bind`` wins.

    Tests pin the session to one connection holding an outer transaction that is
    rolled back after each test; Flask-SQLAlchemy alone would pick the engine.
    """

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        if bind is None and self.bind is not None:
            return self.bind
        return super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)


db = SQLAlchemy(model_class=Base, session_options={"class_": WorkspaceSession})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
htmx = HTMX()
babel = Babel()
compress = Compress()
