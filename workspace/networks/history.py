"""How the history page names a network's invitations, its archive and the rows of its interaction model (registered
with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.audit.recorder import NOISY_FIELDS
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={"NetworkInvitation": _l("Приглашение в сеть"),
                  "InteractionRow": _l("Строка модели взаимодействия")},
    fields={
        "head_name": _l("Руководитель"),
        "created_by_id": _l("Создал(а)"),
        "invited_by_id": _l("Пригласил(а)"),
        "answered_by_id": _l("Ответил(а)"),
        "answered_at": _l("Дата ответа"),
        "expires_at": _l("Ссылка действует до"),
        "is_archived": _l("В архиве"),
        "archived_at": _l("Перенесена в архив"),
        "is_suspended": _l("Работа приостановлена"),
        "forms": _l("Формы взаимодействия"),
        "partner_name": _l("Наименование партнёра"),
        "contact": _l("Контакт"),
        "interaction_row_id": _l("Социальный партнёр (строка модели)"),
        "interaction_form": _l("Форма взаимодействия"),
    },
    type_fields={("NetworkInvitation", "role"): _l("Роль в сети"),
                 ("NetworkInvitation", "status"): _l("Состояние приглашения"),
                 ("InteractionRow", "kind"): _l("Вид партнёра"),
                 ("InteractionRow", "institution_id"): _l("Участник сети"),
                 ("InteractionRow", "position"): _l("Порядковый номер")},
)
NOISY_FIELDS.add("token_hash")  # the e-mail link's hash: a secret, never shown in the history
