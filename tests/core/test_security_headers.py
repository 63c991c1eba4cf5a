def test_strict_headers_on_every_page(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "HX-Request" in response.headers["Vary"]
    assert "Strict-Transport-Security" not in response.headers  # only behind TLS


def test_hsts_behind_tls(client):
    response = client.get("/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_no_inline_script_or_style_in_pages(client):
    html = client.get("/login").get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html and "onclick" not in html
    assert "/static/htmx-2.0.11.min.js?v=" in html


def test_session_cookie_flags(client, make):
    from tests.conftest import csrf_token_from
    from tests.fixtures.factories import PASSWORD
    school = make.institution(slug="cookie-school")
    user = make.user(school, "staff")
    page = client.get("/login")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "remember": "y",
                                           "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    cookies = response.headers.getlist("Set-Cookie")
    session_cookie = next(c for c in cookies if c.startswith("session="))
    remember_cookie = next(c for c in cookies if c.startswith("remember_token="))
    for cookie in (session_cookie, remember_cookie):
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_pages_and_fingerprinted_static_files_travel_compressed_and_cached(client):
    import re
    page = client.get("/login", headers={"Accept-Encoding": "br, gzip"})
    assert page.headers["Content-Encoding"] in ("br", "gzip")
    html = client.get("/login").get_data(as_text=True)
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+\?v=\w+)"', html):
        response = client.get(asset, headers={"Accept-Encoding": "br"})
        assert response.status_code == 200
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["Content-Encoding"] == "br"
        gzipped = client.get(asset, headers={"Accept-Encoding": "gzip"})
        with client.get(asset) as plain:  # a file response: closed, or its handle leaks
            assert plain.headers.get("Content-Encoding") is None
            assert gzipped.headers["Content-Encoding"] == "gzip" and len(gzipped.data) < len(plain.data)
