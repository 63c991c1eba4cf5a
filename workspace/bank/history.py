"""How the history page names the objects and fields of the bank of practices and documents (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "Material": _l("Материал банка практик"),
        "MaterialFile": _l("Файл материала"),
        "NormativeDocument": _l("Нормативный документ"),
        "DocumentVersion": _l("Редакция документа"),
    },
    fields={
        "tags": _l("Теги"),
        "approved_on": _l("Дата утверждения"),
        "is_current": _l("Действующая редакция"),
        "document_id": _l("Документ"),
        "author_institution_id": _l("Учреждение автора"),
        "source_kind": _l("Откуда материал"),
        "material_id": _l("Материал"),
    },
)
