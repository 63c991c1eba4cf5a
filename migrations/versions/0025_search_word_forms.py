"""search words: every stored search column refilled with the search words of its fields (folded, punctuation
dropped, one space between), the form the morphological search matches its query's stems against; plans,
council meetings, agenda questions and normative documents gain one

Revision ID: 0025_search_word_forms
Revises: 0024_login_attempt_kind
Create Date: 2026-12-04 08:30:00.000000

"""
import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0025_search_word_forms'
down_revision = '0024_login_attempt_kind'
branch_labels = None
depends_on = None

_WORD = re.compile(r"[^\W_]+|№")
_BATCH = 5_000


def _words(*parts):  # the rule of workspace.core.text.search_text, frozen here as this migration applies it
    return " ".join(word for part in parts for word in _WORD.findall((part or "").lower().replace("ё", "е")))


def _fold(text):  # the earlier rule, for the downgrade
    return (text or "").lower().replace("ё", "е")


def _bank_fold(text):  # the earlier rule of the bank and the request table, for the downgrade
    return " ".join((text or "").casefold().replace("ё", "е").split())


def _label(year, number):  # Certificate.label
    return f"{year}-{number:04d}"


# tables that gain a stored search column here: (columns read, the stored text)
NEW = {
    "plans": (("title",), _words),
    "meetings": (("place",), _words),
    "agenda_items": (("title",), _words),
    "normative_documents": (("number", "title"), _words),
}

# tables that had one: (columns read, the stored text now, the stored text before)
SOURCES = {
    "plan_items": (("title", "responsible"), _words, lambda a, b: _fold(f"{a or ''}\n{b or ''}")),
    "users": (("full_name", "position"), _words, lambda a, b: _fold(f"{a or ''}\n{b or ''}")),
    "institutions": (("short_name", "full_name"), _words, lambda a, b: _fold(f"{a or ''}\n{b or ''}")),
    "pupils": (("surname", "name", "patronymic", "class_label"), lambda *parts: _words(*parts)[:400],
               lambda *parts: _fold(" ".join(part for part in parts if part))),
    "programmes": (("title",), lambda title: _words(title)[:400], _fold),
    "projects": (("title", "goal"), _words, lambda title, goal: _fold(f"{title} {goal}")),
    "agreements": (("number", "title", "subject"), _words,
                   lambda *parts: _fold(" ".join(part or "" for part in parts))),
    "materials": (("title", "description", "audience", "tags"), _words,
                  lambda *parts: _bank_fold(" ".join(part or "" for part in parts))),
    "resource_requests": (("title", "description"), _words,
                          lambda title, description: _bank_fold(f"{title} {description or ''}")),
    "certificates": (("pupil_name", "programme_title", "year", "number"),
                     lambda name, title, year, number: _words(name, title, _label(year, number))[:700],
                     lambda name, title, year, number: " ".join(
                         part.lower() for part in (name, title, _label(year, number)) if part)[:700]),
}


def _refill(sources, rule_index):
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":  # the owner under forced row-level security: every row
        bind.execute(sa.text("SELECT set_config('workspace.unscoped', 'on', true)"))
    for table, (columns, *rules) in sources.items():
        rule = rules[rule_index]
        listed = ", ".join(f'"{column}"' for column in columns)
        update = sa.text(f"UPDATE {table} SET search_text = :search_text WHERE id = :id")
        last_id = 0
        while True:  # in batches of ids: a city's rows are never all in memory at once
            rows = bind.execute(sa.text(f"SELECT id, search_text, {listed} FROM {table} WHERE id > :last_id "
                                        f"ORDER BY id LIMIT {_BATCH}"), {"last_id": last_id}).all()
            if not rows:
                break
            last_id = rows[-1][0]
            changed = [{"id": row[0], "search_text": text} for row in rows
                       if (text := rule(*row[2:])) != row[1]]
            if changed:
                bind.execute(update, changed)


def upgrade():
    for table in NEW:  # ALTER TABLE … ADD COLUMN on both databases (a batch copy is needed for none)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    _refill({**NEW, **SOURCES}, 0)


def downgrade():
    _refill(SOURCES, 1)
    for table in NEW:
        op.drop_column(table, 'search_text')
