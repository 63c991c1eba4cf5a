"""Static files compressed once, in memory, and served with the compressed bytes.

Flask-Compress compresses pages; static files are direct-passthrough file responses, which it
could only stream (leaving the file handle to the garbage collector). The handful of assets we
have are compressed once per process instead.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from flask import Flask, request

try:
    import brotli
except ImportError:  # pragma: no cover - Flask-Compress brings it
    brotli = None

COMPRESSIBLE = {"text/css", "application/javascript", "text/javascript", "image/svg+xml"}


def init_static_compression(app: Flask) -> None:
    root = Path(app.static_folder)

    @lru_cache(maxsize=64)
    def compressed(filename: str, encoding: str) -> bytes:
        raw = (root / filename).read_bytes()
        if encoding == "br":
            return brotli.compress(raw, quality=11)
        return gzip.compress(raw, compresslevel=9, mtime=0)

    @app.after_request
    def _compress_static(response):
        if request.endpoint != "static" or response.status_code != 200 or response.mimetype not in COMPRESSIBLE:
            return response
        accepted = request.accept_encodings
        encoding = "br" if brotli is not None and accepted["br"] else "gzip" if accepted["gzip"] else None
        response.vary.add("Accept-Encoding")
        if encoding is None:
            return response
        filename = (request.view_args or {}).get("filename", "")
        if not (root / filename).resolve().is_relative_to(root.resolve()):
            return response
        body = compressed(filename, encoding)
        response.close()  # the file handle of the uncompressed response
        response.direct_passthrough = False
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding
        return response
