"""A tiny stdlib HTTP client with a cookie jar (no redirects followed), for live servers."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

TOKEN_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
OPTION_RE = re.compile(r'name="option"[^>]*value="(\d+)"')


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@dataclass
class Reply:
    status: int
    body: str
    location: str


class Browser:
    def __init__(self, base: str, jar: http.cookiejar.CookieJar | None = None) -> None:
        self.base = base
        self.jar = jar if jar is not None else http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )

    def request(self, path: str, data: dict[str, str] | None = None, timeout: float = 30) -> Reply:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=timeout) as response:
                return Reply(response.status, response.read().decode(), "")
        except urllib.error.HTTPError as error:
            text = error.read().decode(errors="replace")
            location = error.headers.get("Location", "") or ""
            error.close()
            return Reply(error.code, text, urllib.parse.urlsplit(location).path)

    def get(self, path: str) -> Reply:
        return self.request(path)

    def post(self, path: str, data: dict[str, str]) -> Reply:
        return self.request(path, data)

    def join(self, code: str, nickname: str) -> None:
        token = TOKEN_RE.search(self.get(f"/join/{code}").body)
        assert token
        reply = self.post(
            f"/join/{code}", {"code": code, "nickname": nickname, "csrf_token": token.group(1)}
        )
        assert reply.status == 302 and reply.location == f"/q/{code}/1", reply

    def question(self, code: str, n: int) -> tuple[list[str], str]:
        """The option ids and CSRF token of question ``n``."""
        html = self.get(f"/q/{code}/{n}").body
        token = TOKEN_RE.search(html)
        options = OPTION_RE.findall(html)
        assert token and options, html[:300]
        return options, token.group(1)
