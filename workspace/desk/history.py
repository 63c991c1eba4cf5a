"""How the history page names the objects and fields of the desk's notes (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "Note": _l("Заметка"),
    },
)
