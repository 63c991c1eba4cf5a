"""Outgoing mail: SMTP when configured, the log otherwise (and an in-memory outbox in tests)."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app


def send_mail(to: str, subject: str, body: str) -> None:
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
