"""The live server the browser tests talk to: the application in a daemon thread on a free port."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from werkzeug.serving import WSGIRequestHandler, make_server


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # the test output needs no access log
        pass


def _closed_at_once(app):
    """The app with every answer's body read whole and its iterable closed before it is sent.

    The development server closes a response only after draining the client's socket; when the
    browser has gone (a navigation cancels a favicon), that read raises first and the static
    file stays open, to warn in whichever test runs when it is collected.
    """
    def wsgi(environ, start_response):
        iterable = app(environ, start_response)
        try:
            return [b"".join(iterable)]
        finally:
            if hasattr(iterable, "close"):
                iterable.close()
    return wsgi


@contextmanager
def serving(app, name: str) -> Iterator[str]:
    """Serve ``app`` until the block ends; yields its base URL, which the app's own links use too."""
    server = make_server("127.0.0.1", 0, _closed_at_once(app), threaded=True, request_handler=_QuietHandler)
    url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_URL"] = url
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
