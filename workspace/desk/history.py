"""How the history page names the objects and fields of the desk's notes (registered with the audit area)."""
from flask_babel import lazy_gettext as _l

from workspace.audit.labels import register_history_labels

register_history_labels(
    object_types={
        "Note": _l("Заметка"),
    },
)
