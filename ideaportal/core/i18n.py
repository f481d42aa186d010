"""The visitor's language: chosen from the member's setting, the language cookie, then the
browser's Accept-Language; plus the translated strings the browser scripts need.

Adding a language: see README ("Languages"). Everything here reads LANGUAGES from config.
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.messages.extract import extract_javascript
from flask import (
    Flask,
    current_app,
    g,
    has_request_context,
    redirect,
    request,
    url_for,
)
from flask_babel import get_locale, get_translations
from flask_login import current_user
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header
from werkzeug.wrappers import Response as WerkzeugResponse

from ideaportal.core.forms import safe_next

LANGUAGE_COOKIE = "lang"
# The languages offered in the footer, each named in its own language.
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}
_SCRIPTS = Path(__file__).resolve().parent.parent / "static" / "dist"


def select_locale() -> str:
    """Member's setting, then the cookie (visitors who picked one), then the browser."""
    languages: list[str] = current_app.config["LANGUAGES"]
    if not has_request_context():  # a job or a command: the default language
        return str(current_app.config["BABEL_DEFAULT_LOCALE"])
    # Flask-Login keeps the member it loaded in g. Loading them may itself need a translated
    # text (a message about the session): that inner call gets the visitor's language
    # instead of asking for the member again.
    user = g.get("_login_user")
    if user is None and not g.get("selecting_locale"):
        g.selecting_locale = True
        try:
            user = current_user._get_current_object()
        finally:
            g.selecting_locale = False
    member = user is not None and user.is_authenticated and user.locale
    if member in languages:
        return str(member)
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in languages:
        return str(chosen)
    header = request.headers.get("Accept-Language", "")
    return _browser_language(header, tuple(languages)) or str(
        current_app.config["BABEL_DEFAULT_LOCALE"]
    )


@lru_cache(maxsize=512)
def _browser_language(header: str, languages: tuple[str, ...]) -> str | None:
    # Browsers send a handful of distinct headers; parsing and matching one on every request
    # was a good part of choosing the language. (Made-up headers only push others out: at
    # most 512 of gunicorn's 8 KB header lines.)
    return parse_accept_header(header, LanguageAccept).best_match(languages)


def current_language() -> str:
    locale = get_locale()
    return (
        _language_code(locale) if locale is not None else current_app.config["BABEL_DEFAULT_LOCALE"]
    )


@lru_cache(maxsize=64)
def _language_code(locale: Locale) -> str:
    # Babel builds the code anew on every str(); a page asks for it a dozen times.
    return str(locale)


@cache
def script_messages() -> tuple[str, ...]:
    """The strings app.js and the widget's frame ask for with _("..."), found the way
    `pybabel extract` finds them."""
    found: list[str] = []
    for name in ("app.js", "widget-frame.js"):
        path = _SCRIPTS / name
        if not path.exists():
            continue
        with path.open("rb") as source:
            found += [
                str(message)
                for _line, _func, message, _notes in extract_javascript(source, {"_": None}, [], {})
            ]
    return tuple(dict.fromkeys(found))


def script_translations() -> dict[str, str]:
    """What app.js shows, in the current language (empty for the source language)."""
    if current_language() == current_app.config["BABEL_DEFAULT_LOCALE"]:
        return {}
    return {message: gettext(message) for message in script_messages()}


def choose_language() -> WerkzeugResponse:
    """Footer switcher: a member's choice is saved to their account; a visitor's in a cookie."""
    language = request.form.get("language", "")
    target = safe_next(request.form.get("next"), url_for("ideas.index"))
    response = redirect(target)
    if language not in current_app.config["LANGUAGES"]:
        return response
    if current_user.is_authenticated:
        from ideaportal.accounts.services import set_locale

        set_locale(current_user, language)
    response.set_cookie(
        LANGUAGE_COOKIE, language, max_age=365 * 86400, samesite="Lax", httponly=True
    )
    return response


def _request_translations() -> Any:
    """This request's catalogue, looked up once per request and language.

    Flask-Babel's template callables look the catalogue up anew for every string, through
    five context look-ups each; a member's home page has about fifty strings, and those
    look-ups were a tenth of its rendering. The catalogue is kept on `g` beside the locale
    it belongs to, so `force_locale` (an email rendered in its recipient's language) gets
    its own."""
    if not has_request_context():
        return get_translations()
    # Where Flask-Babel keeps the request's locale (and force_locale its forced one).
    locale = getattr(g.get("_flask_babel"), "babel_locale", None)
    cached = g.get("_translations")
    if cached is not None and locale is not None and cached[0] is locale:
        return cached[1]
    translations = get_translations()
    g._translations = (getattr(g.get("_flask_babel"), "babel_locale", None), translations)
    return translations


def gettext(string: str, **variables: Any) -> str:
    """Flask-Babel's gettext (translate, then %-format when given variables) with this
    request's catalogue looked up once (_request_translations): labels of statuses and roles
    are translated a few dozen times per page, and each of Flask-Babel's look-ups goes
    through its context twice."""
    text: str = _request_translations().ugettext(string)
    return text % variables if variables else text


# The render's catalogue, put into every template context by the context processor below;
# templates rendered without Flask's context (or imported macros) look it up.
CATALOGUE = "_catalogue"


def _catalogue(context: Context) -> Any:
    found = context.get(CATALOGUE)
    return found if found is not None else _request_translations()


def _formatted(context: Context, text: str, variables: dict[str, Any]) -> str:
    # Formatting without variables only turns "%%" into "%": most labels skip it.
    if not variables and "%" not in text:
        return Markup(text) if context.eval_ctx.autoescape else text  # noqa: S704 - as below
    if context.eval_ctx.autoescape:
        return Markup(text) % variables  # noqa: S704 - a catalogue entry; variables escaped
    return text % variables


@pass_context
def _template_gettext(context: Context, string: str, /, **variables: Any) -> str:
    return _formatted(context, _catalogue(context).ugettext(string), variables)


@pass_context
def _template_ngettext(
    context: Context, singular: str, plural: str, num: int, /, **variables: Any
) -> str:
    variables.setdefault("num", num)
    text = _catalogue(context).ungettext(singular, plural, num)
    return _formatted(context, text, variables)


@pass_context
def _template_pgettext(context: Context, ctx: str, string: str, /, **variables: Any) -> str:
    return _formatted(context, _catalogue(context).upgettext(ctx, string), variables)


@pass_context
def _template_npgettext(
    context: Context, ctx: str, singular: str, plural: str, num: int, /, **variables: Any
) -> str:
    variables.setdefault("num", num)
    text = _catalogue(context).unpgettext(ctx, singular, plural, num)
    return _formatted(context, text, variables)


def init_app(app: Flask) -> None:
    from ideaportal.extensions import csrf

    # Jinja's newstyle callables wrap each function twice (`_` calls `gettext`, which calls
    # the function, each through the template context's call machinery): three calls per
    # string. These do the same in one: translate, mark safe when autoescaping (the
    # variables are escaped by %), then always format, as newstyle gettext does.
    app.jinja_env.newstyle_gettext = True  # type: ignore[attr-defined]
    app.jinja_env.globals.update(
        _=_template_gettext,
        gettext=_template_gettext,
        ngettext=_template_ngettext,
        pgettext=_template_pgettext,
        npgettext=_template_npgettext,
    )

    # Harmless to forge (it only changes the language) and anonymous pages carry no CSRF
    # token, since one cached rendering serves every visitor.
    view = csrf.exempt(choose_language)
    app.add_url_rule("/language", "language", view, methods=["POST"])

    @app.context_processor
    def _language() -> dict[str, Any]:
        return {
            CATALOGUE: _request_translations(),
            "current_language": current_language(),
            "language_names": {
                code: LANGUAGE_NAMES.get(code, code) for code in app.config["LANGUAGES"]
            },
            "script_translations": script_translations,
        }
