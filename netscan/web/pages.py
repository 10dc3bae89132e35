"""The upload page and the message pages, rendered by the report's own Jinja environment.

Every page carries a CSP that allows only its own inline script by hash. The upload page also
allows the report's scripts (the page shows the returned report in a frame, which inherits the
page's policy) and `connect-src 'self'` for its upload; nothing is loaded from any other host.
"""

from __future__ import annotations

import functools

from starlette.responses import HTMLResponse

from netscan import __version__
from netscan.diagnosis.catalogue import GOALS
from netscan.i18n import DEFAULT_LOCALE, SUPPORTED_LOCALES, gettext, use_locale
from netscan.report.environment import environment, template_source
from netscan.report.plotlyjs import BUNDLES, bundle_hash, script_hash
from netscan.report.render import content_security_policy, page_script


@functools.cache
def upload_script() -> str:
    """The upload page's script: drag and drop, progress, showing and saving the report."""
    return template_source("_upload.js")


@functools.cache
def report_csp() -> str:
    """The report's policy, with every script any report page may carry allowed by hash."""
    return content_security_policy(
        *(bundle_hash(bundle) for bundle in BUNDLES), script_hash(page_script())
    )


@functools.cache
def page_csp() -> str:
    """The upload page's policy: its own script, the report's scripts (for the frame), same-
    origin uploads and blob: frames (the returned report), nothing else."""
    scripts = " ".join(
        (
            script_hash(upload_script()),
            *(bundle_hash(bundle) for bundle in BUNDLES),
            script_hash(page_script()),
        )
    )
    return (
        f"default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data:; "
        "font-src data:; connect-src 'self'; frame-src blob:; base-uri 'none'; "
        "form-action 'self'"
    )


def header_csp(policy: str) -> str:
    """The HTTP header form of a page policy: frame-ancestors works only there, not in meta."""
    return f"{policy}; frame-ancestors 'none'"


@functools.cache
def language_names() -> tuple[tuple[str, str], ...]:
    """(code, the language's own name) for every supported locale: en English, nl Nederlands.

    Each name is written in its own language (CLDR via Babel), so a reader finds theirs
    whatever language the page is in.
    """
    from babel import Locale

    names = []
    for code in SUPPORTED_LOCALES:
        name = str(Locale.parse(code).get_display_name(code) or code)
        names.append((code, name[:1].upper() + name[1:]))
    return tuple(names)


def upload_page(
    form_token: str, *, max_upload_mb: int, team: bool, lang: str = DEFAULT_LOCALE
) -> HTMLResponse:
    """The form: files, goals with a one-line explanation each, organisations, anonymise, and
    the report's language; the page itself is written in `lang`."""
    with use_locale(lang):
        goals = [
            {"id": g.id, "label": gettext(g.label_en), "serves": gettext(g.serves)}
            for g in GOALS
        ]
        html = environment().get_template("upload.html").render(
            csp=page_csp(),
            version=__version__,
            goals=goals,
            form_token=form_token,
            max_upload_mb=max_upload_mb,
            team=team,
            upload_js=upload_script(),
            lang=lang,
            languages=language_names(),
        )
    return HTMLResponse(html, headers={"content-security-policy": header_csp(page_csp())})


def message_page(
    status: int,
    title: str,
    message: str,
    hint: str = "",
    headers: dict[str, str] | None = None,
    params: dict[str, object] | None = None,
    lang: str = DEFAULT_LOCALE,
) -> HTMLResponse:
    """A readable page for a refusal or an error: what happened, what to do, a way back.

    `title`, `message` and `hint` are English msgids (marked with `N_` where they are written),
    translated here into `lang`; `params` fill the message's %(name)s fields after translation.
    """
    with use_locale(lang):
        text = gettext(message) % params if params else gettext(message)
        html = environment().get_template("upload_message.html").render(
            csp=page_csp(),
            version=__version__,
            status=status,
            title=gettext(title),
            message=text,
            hint=gettext(hint) if hint else "",
            lang=lang,
            languages=(),
        )
    return HTMLResponse(
        html,
        status_code=status,
        headers={**(headers or {}), "content-security-policy": header_csp(page_csp())},
    )
