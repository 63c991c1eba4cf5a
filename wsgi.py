"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi ...`."""
from workspace import create_app

app = create_app()
