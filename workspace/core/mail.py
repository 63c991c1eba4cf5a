"""The SMTP transport: one message, built from a letter's parts, sent to the configured server (or written to the
log when no MAIL_SERVER is configured, the development sink). Letters are queued and retried by
workspace.letters (the outbox and its worker); nothing else sends mail.

A failure is classified for the worker: ``PermanentMailError`` (a 5xx answer: the recipient or the message is
refused, retrying cannot help) or ``TemporaryMailError`` (connection refused or dropped, a 4xx answer).
"""
from __future__ import annotations

import smtplib
from collections.abc import Iterable, Mapping
from email import policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app


class TemporaryMailError(Exception):
    """Try again later."""


class PermanentMailError(Exception):
    """Never try again (the recipient bounced)."""


def split_mime_type(mime_type: str) -> tuple[str, str, dict[str, str]]:
    """"text/calendar; charset=utf-8; method=REQUEST" → ("text", "calendar", {"charset": "utf-8", "method": "REQUEST"}):
    an attachment's type is stored with its parameters, and the part gets them as parameters, not in the subtype."""
    header = policy.default.header_factory("content-type", mime_type)
    maintype, subtype = header.maintype, header.subtype
    if header.defects or not maintype or not subtype:
        return "application", "octet-stream", {}
    return maintype, subtype, {name.lower(): str(value) for name, value in header.params.items()}


def transport_address(address: str) -> str:
    """The address as SMTP carries it: a domain in Cyrillic (школа.рф) in its IDNA form (xn--80ajwbd.xn--p1ai)."""
    local, at, domain = address.strip().rpartition("@")
    if not at or domain.isascii():
        return address.strip()
    return f"{local}@{domain.encode('idna').decode('ascii')}"


def build_message(to: str, subject: str, text: str, html: str | None = None,
                  headers: Mapping[str, str] | None = None,
                  attachments: Iterable[tuple[str, str, bytes]] = ()) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_SENDER"]
    message["To"] = transport_address(to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=current_app.config["MAIL_SENDER"].rpartition("@")[2] or None)
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for filename, mime_type, content in attachments:
        maintype, subtype, params = split_mime_type(mime_type)
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename, params=params)
    return message


def _classify(error: Exception) -> Exception:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        answers = list(error.recipients.values())
        permanent = bool(answers) and all(code >= 500 for code, _text in answers)
        said = "; ".join(f"{code} {text.decode(errors='replace') if isinstance(text, bytes) else text}"
                         for code, text in answers)
        return (PermanentMailError if permanent else TemporaryMailError)(said)
    code = getattr(error, "smtp_code", None)
    if isinstance(code, int) and code >= 500 and not isinstance(error, smtplib.SMTPConnectError):
        return PermanentMailError(f"{code} {error}")
    return TemporaryMailError(f"{type(error).__name__}: {error}")


def deliver(message: EmailMessage) -> None:
    """Send one message; raises TemporaryMailError or PermanentMailError."""
    app = current_app
    if not app.config.get("MAIL_SERVER"):
        app.logger.warning("Mail (no SMTP configured) to %s: %s\n%s", message["To"], message["Subject"],
                           message.get_body(("plain",)).get_content())
        return
    try:
        with smtplib.SMTP(app.config["MAIL_SERVER"], app.config["MAIL_PORT"],
                          timeout=app.config.get("MAIL_TIMEOUT", 15)) as smtp:
            if app.config["MAIL_USE_TLS"]:
                smtp.starttls()
            if app.config["MAIL_USERNAME"]:
                smtp.login(app.config["MAIL_USERNAME"], app.config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as error:
        raise _classify(error) from error
