"""Languages: which one a reader gets, and how URLs keep it.

The locale comes from a URL prefix (/pl/...), then the `lang` cookie, then the
browser's Accept-Language. The prefix is handled in WSGI middleware that moves
it into SCRIPT_NAME, so every `url_for` link on a Polish page stays Polish and
no view has to know about languages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from flask import Flask, g, request

LANG_COOKIE = "lang"
LANG_COOKIE_MAX_AGE = 60 * 60 * 24 * 365
PREFIX_ENVIRON_KEY = "familyhelp.lang_prefix"


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    english_name: str
    direction: str = "ltr"


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English"),
        Language("pl", "Polski", "Polish"),
        Language("ar", "العربية", "Arabic", "rtl"),
        Language("uk", "Українська", "Ukrainian"),
        Language("ro", "Română", "Romanian"),
        Language("zh", "简体中文", "Chinese (Simplified)"),
    )
}
DEFAULT_LANGUAGE = "en"


class LanguagePrefixMiddleware:
    """Strip a leading /<lang> from the path and remember it."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        path = environ.get("PATH_INFO", "") or "/"
        parts = path.split("/", 2)
        if len(parts) >= 2 and parts[1] in LANGUAGES:
            code = parts[1]
            environ[PREFIX_ENVIRON_KEY] = code
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + "/" + code
            environ["PATH_INFO"] = "/" + (parts[2] if len(parts) == 3 else "")
        return self.app(environ, start_response)


def url_language() -> str | None:
    return request.environ.get(PREFIX_ENVIRON_KEY)


def select_locale() -> str:
    """Flask-Babel's locale selector. Staff pages are in English: the front door works in English."""
    if request.blueprint == "frontdoor":
        g.lang = DEFAULT_LANGUAGE
        return DEFAULT_LANGUAGE
    code = url_language()
    if code is None:
        cookie = request.cookies.get(LANG_COOKIE, "")
        code = cookie if cookie in LANGUAGES else None
    if code is None:
        code = request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE
    g.lang = code
    return code


def current_language() -> Language:
    code = getattr(g, "lang", None) or select_locale()
    return LANGUAGES[code]


def language_links(path: str, query: str = "") -> Iterable[dict[str, Any]]:
    """Links to the same page in every language, for the switcher."""
    current = current_language().code
    suffix = f"?{query}" if query else ""
    script_root = request.script_root
    prefix = url_language()
    # script_root includes our own /<lang> prefix; keep any deployment prefix in front of it.
    base = script_root[: -len(prefix) - 1] if prefix else script_root
    for lang in LANGUAGES.values():
        yield {
            "code": lang.code,
            "name": lang.native_name,
            "english_name": lang.english_name,
            "dir": lang.direction,
            "href": f"{base}/{lang.code}{path}{suffix}",
            "current": lang.code == current,
        }


def remember_language(response: Any) -> Any:
    """A language chosen through the URL is kept for unprefixed pages too."""
    code = url_language()
    if code and request.cookies.get(LANG_COOKIE) != code:
        response.set_cookie(
            LANG_COOKIE,
            code,
            max_age=LANG_COOKIE_MAX_AGE,
            secure=request.is_secure,
            httponly=True,
            samesite="Lax",
        )
    return response


def init_app(app: Flask) -> None:
    app.wsgi_app = LanguagePrefixMiddleware(app.wsgi_app)  # type: ignore[method-assign]
    app.after_request(remember_language)

    @app.context_processor
    def inject_language() -> dict[str, Any]:
        lang = current_language()
        return {
            "lang": lang,
            "language_links": list(language_links(request.path, request.query_string.decode("latin-1"))),
        }
