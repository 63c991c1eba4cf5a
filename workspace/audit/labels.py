"""Names of audited objects and fields as the history page shows them.

The audit area names the identity objects (institutions, networks, memberships, seats, users) and the fields
several kinds share; every area adds the names of its own objects, fields and stored words from its
``workspace/<area>/history.py`` (imported by the area's ``__init__.py``) through ``register_history_labels``."""
from __future__ import annotations

from workspace.core.i18n import lazy_gettext as _l

OBJECT_TYPES = {
    "Institution": _l("Профиль учреждения"),
    "Network": _l("Сеть"),
    "Membership": _l("Участник сети"),
    "Seat": _l("Место в совете"),
    "User": _l("Сотрудник"),
}

FIELDS = {
    "full_name": _l("Полное наименование / ФИО"),
    "short_name": _l("Краткое наименование"),
    "kind": _l("Тип учреждения"),
    "city": _l("Населённый пункт"),
    "address": _l("Адрес"),
    "phone": _l("Телефон"),
    "email": _l("Электронная почта"),
    "website": _l("Сайт"),
    "mission": _l("Миссия и направления работы"),
    "slug": _l("Адрес в системе"),
    "name": _l("Название"),
    "goal": _l("Цель"),
    "tasks": _l("Задачи"),
    "starts_on": _l("Начало"),
    "ends_on": _l("Окончание"),
    "base_institution_id": _l("Базовая организация"),
    "role": _l("Роль"),
    "interaction_forms": _l("Формы взаимодействия"),
    "social_effect": _l("Социальный эффект"),
    "represents": _l("Кого представляет"),
    "user_id": _l("Пользователь"),
    "institution_id": _l("Учреждение"),
    "network_id": _l("Сеть"),
    "position": _l("Порядковый номер"),
    "is_enabled": _l("Учётная запись активна"),
    "is_operator": _l("Оператор"),
    "password": _l("Пароль"),
    "body": _l("Текст"),
    "author_id": _l("Автор"),
    "ids": _l("Обучающихся"),
    "number": _l("Номер"),
    "held_on": _l("Дата"),
    "choice": _l("Голос"),
    "title": _l("Название"),
    "direction": _l("Направленность"),
    "report_form": _l("Форма отчётности"),
    "responsible": _l("Ответственный"),
    "timing": _l("Срок"),
    "status": _l("Статус"),
    "unit": _l("Единица измерения"),
    "description": _l("Описание"),
    "audience": _l("Для кого"),
    "note": _l("Примечание"),
    "filename": _l("Файл"),
    "closed_at": _l("Закрыто"),
    "class_label": _l("Класс"),
    "parent_name": _l("Родитель (законный представитель)"),
    "pupil_name": _l("Обучающийся"),
    "source": _l("Источник"),
    "submitted_on": _l("Дата заявления"),
    "subject_type": _l("Что согласуется"),
    "group_id": _l("Группа"),
    "home_institution_id": _l("Школа обучающегося"),
    "hours": _l("Часы"),
    "provider_institution_id": _l("Организация, реализующая программу"),
    "place": _l("Место проведения"),
    "grade_from": _l("С класса"),
    "grade_to": _l("По какой класс"),
    "start_year": _l("Учебный год (начало)"),
    "timing_is_read": _l("Срок распознан"),
    "grade": _l("Класс (параллель)"),
    "depersonalised": _l("Данные обезличены"),
    "purpose": _l("Цель обработки"),
}

# The same key named differently by one kind of object.
TYPE_FIELDS = {
    ("User", "position"): _l("Должность"),
    ("User", "full_name"): _l("ФИО"),
    ("Membership", "role"): _l("Роль в сети"),
    ("Seat", "role"): _l("Роль в совете"),
    ("User", "role"): _l("Роль в учреждении"),
}

# Stored words that are not enums, as a person names them.
VALUES: dict[str, dict[str, object]] = {}

def register_history_labels(*, object_types: dict | None = None, fields: dict | None = None,
                            type_fields: dict | None = None, values: dict | None = None) -> None:
    """Add an area's names: of its object types, its fields, a field named differently by one of its types
    (``{(type, field): name}``) and its stored words (``{field: {value: name}}``)."""
    OBJECT_TYPES.update(object_types or {})
    FIELDS.update(fields or {})
    TYPE_FIELDS.update(type_fields or {})
    for key, names in (values or {}).items():
        VALUES.setdefault(key, {}).update(names)


ACTIONS = {"created": _l("создано"), "changed": _l("изменено"), "deleted": _l("удалено"),
           "read": _l("просмотрено другим учреждением")}


def object_type(name: str) -> str:
    return str(OBJECT_TYPES.get(name, name))


def field(name: str, object_type: str | None = None) -> str:
    return str(TYPE_FIELDS.get((object_type, name)) or FIELDS.get(name, name))


def action(name: str) -> str:
    return str(ACTIONS.get(name, name))
