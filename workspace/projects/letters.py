"""Letters of projects: «Вас упомянули в обсуждении проекта» to a colleague @mentioned in a project's comment.

The mention rows (ProjectMention, written by the discussion's view from ``mentions.mentioned``: colleagues of
the participant institutions, who read the discussion) are what the letters follow: each new row in a request
queues one letter in the same transaction. Rows written outside a request (the demo generator) mail nobody.
"""
from __future__ import annotations

from flask import g, has_request_context
from markupsafe import escape
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from workspace.accounts.models import User
from workspace.core.i18n import gettext as _
from workspace.core.i18n import lazy_gettext as _l
from workspace.core.links import public_url
from workspace.letters.kinds import NOW, register_letter_kind
from workspace.letters.outbox import letter_language, queue_letter
from workspace.projects.models import Project, ProjectComment, ProjectMention

MENTION = register_letter_kind("projects.mention", _l("Упоминания в обсуждениях проектов"), default=NOW)
EXCERPT = 600  # characters of the comment quoted in the letter


def queue_mention_letter(session: Session, mention: ProjectMention) -> None:
    # through scoped SELECTs (the tenant's loader criteria), not session.get's identity map
    user = session.scalar(select(User).where(User.id == mention.user_id))
    comment = session.scalar(select(ProjectComment).where(ProjectComment.id == mention.comment_id))
    project = session.scalar(select(Project).where(Project.id == mention.project_id))
    if user is None or not user.is_enabled or comment is None or project is None:
        return
    body = comment.body if len(comment.body) <= EXCERPT else comment.body[:EXCERPT].rstrip() + "…"
    link = public_url("projects.show_project", network=g.network.slug, project_id=project.id) + "#discussion"
    with letter_language(user):
        subject = _("Вас упомянули в обсуждении проекта «%(title)s»", title=project.title)
        lead = _("%(author)s упоминает вас в обсуждении проекта «%(title)s»:", author=comment.author_name,
                 title=project.title)
        link_label = _("Открыть обсуждение")
    quoted = "\n".join(f"> {line}" for line in body.split("\n"))
    text = "\n\n".join([lead, quoted, f"{link_label}: {link}"])
    html = (f"<p>{escape(lead)}</p><blockquote>{'<br>'.join(escape(line) for line in body.split(chr(10)))}"
            f'</blockquote><p><a href="{escape(link)}">{escape(link_label)}</a></p>')
    queue_letter(MENTION.key, user=user, subject=subject, text=text, html=html)


@event.listens_for(Session, "before_flush")
def _mentions_to_letters(session: Session, _context, _instances) -> None:
    if not has_request_context() or g.get("network") is None:
        return
    for mention in [row for row in session.new if isinstance(row, ProjectMention)]:
        queue_mention_letter(session, mention)
