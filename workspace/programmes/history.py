"""How the history page names the objects and fields of the network programmes, groups and enrolments (registered with the audit area)."""
from workspace.audit.labels import register_history_labels
from workspace.core.i18n import lazy_gettext as _l

register_history_labels(
    object_types={
        "Programme": _l("Образовательная программа"),
        "Group": _l("Сетевая группа"),
        "ScheduleSlot": _l("Расписание группы"),
        "Application": _l("Заявление родителя"),
        "EnrollmentRequest": _l("Заявка школы"),
        "Enrollment": _l("Зачисление"),
        "Attestation": _l("Аттестация по программе"),
    },
    fields={
        "has_consent": _l("Согласие на обработку персональных данных"),
        "parent_contact": _l("Контакт родителя"),
        "programme_id": _l("Программа"),
        "pupil_full_name": _l("Обучающийся"),
        "decided_at": _l("Решение принято"),
        "decided_by_id": _l("Решение принял"),
        "decline_reason": _l("Причина отказа"),
        "waiting_position": _l("Место в листе ожидания"),
        "sent_at": _l("Отправлена"),
        "sent_by_id": _l("Отправил"),
        "capacity": _l("Мест"),
        "load_agreed_at": _l("Нагрузка согласована"),
        "load_agreed_by_id": _l("Нагрузку согласовал"),
        "teacher_id": _l("Педагог"),
        "grade_max": _l("По какой класс"),
        "grade_min": _l("С класса"),
        "grade_scale": _l("Шкала оценивания"),
        "published_at": _l("Опубликована"),
        "ends_at": _l("Окончание"),
        "starts_at": _l("Начало"),
    },
    type_fields={
        ("Enrollment", "group_id"): _l("Группа"),
        ("Attestation", "kind"): _l("Вид аттестации"),
        ("Attestation", "form"): _l("Форма аттестации"),
        ("Attestation", "held_on"): _l("Дата аттестации"),
    },
)
