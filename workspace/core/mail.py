"""Outgoing mail: SMTP when configured, the log otherwise (and an in-memory outbox in tests).

Inside a request, mail is queued and sent only after the request's transaction has committed:
an invitation never goes out for an account that was rolled back.
"""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app, g, has_request_context

from workspace.core.words import nest_quotes


def send_mail(to: str, subject: str, body: str) -> None:
    # quotes inside quotes as a letter writes them: «… „…“», line by line (one stray quote stays in its line)
    subject = nest_quotes(subject)
    body = "\n".join(nest_quotes(line) for line in body.split("\n"))
    if has_request_context():
        g.setdefault("pending_mail", []).append((to, subject, body))
        return
    deliver(to, subject, body)


def send_pending_mail() -> None:
    """Called once the request's transaction has committed."""
    for letter in g.pop("pending_mail", []):
        try:
            deliver(*letter)
        except (OSError, smtplib.SMTPException):
            current_app.logger.exception("Mail to %s could not be sent", letter[0])


def discard_pending_mail() -> None:
    g.pop("pending_mail", None)


def deliver(to: str, subject: str, body: str) -> None:
    app = current_app
    if app.config.get("MAIL_OUTBOX"):
        app.extensions.setdefault("mail_outbox", []).append({"to": to, "subject": subject, "body": body})
    if not app.config.get("MAIL_SERVER"):
        app.logger.warning("Mail (no SMTP configured) to %s: %s\n%s", to, subject, body)
        return
    message = EmailMessage()
    message["From"] = app.config["MAIL_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(app.config["MAIL_SERVER"], app.config["MAIL_PORT"], timeout=15) as smtp:
        if app.config["MAIL_USE_TLS"]:
            smtp.starttls()
        if app.config["MAIL_USERNAME"]:
            smtp.login(app.config["MAIL_USERNAME"], app.config["MAIL_PASSWORD"])
        smtp.send_message(message)
