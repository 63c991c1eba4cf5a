"""Names of audited objects and fields as the history page shows them."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

OBJECT_TYPES = {
    "Institution": _l("Профиль учреждения"),
    "Network": _l("Сеть"),
    "Membership": _l("Участник сети"),
    "Seat": _l("Место в совете"),
    "User": _l("Сотрудник"),
    "Note": _l("Заметка"),
    "Pupil": _l("Обучающиеся"),
    "Approval": _l("Согласование в совете"),
    "Meeting": _l("Заседание совета"),
    "AgendaItem": _l("Вопрос повестки"),
    "Vote": _l("Голос"),
    "Decision": _l("Решение совета"),
    "CouncilRules": _l("Правила голосования"),
    "Project": _l("Сетевой проект"),
    "ProjectStage": _l("Этап проекта"),
    "ProjectTask": _l("Задача дорожной карты"),
    "ProjectIndicator": _l("Показатель проекта"),
    "ProjectDocument": _l("Документ проекта"),
    "ProjectComment": _l("Комментарий к проекту"),
    "Material": _l("Материал банка практик"),
    "MaterialFile": _l("Файл материала"),
    "NormativeDocument": _l("Нормативный документ"),
    "DocumentVersion": _l("Редакция документа"),
    "ResourceRequest": _l("Строка таблицы запросов"),
    "Conversation": _l("Обсуждение запроса"),
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
    "position": _l("Должность"),
    "is_enabled": _l("Учётная запись активна"),
    "is_operator": _l("Оператор"),
    "password": _l("Пароль"),
    "body": _l("Текст"),
    "author_id": _l("Автор"),
    "ids": _l("Записи"),
    "number": _l("Номер"),
    "held_on": _l("Дата"),
    "deadline_on": _l("Срок голосования"),
    "discussion": _l("Слушали"),
    "choice": _l("Голос"),
    "outcome": _l("Решение"),
    "remarks": _l("Замечания"),
    "quorum": _l("Кворум"),
    "majority": _l("Большинство"),
    "title": _l("Название"),
    "direction": _l("Направленность"),
    "lead_institution_id": _l("Ведущее учреждение"),
    "target_value": _l("Целевое значение"),
    "actual_value": _l("Фактическое значение"),
    "expected_result": _l("Ожидаемый результат"),
    "report_form": _l("Форма отчётности"),
    "responsible": _l("Ответственный"),
    "timing": _l("Срок"),
    "stage_id": _l("Этап"),
    "status": _l("Статус"),
    "task": _l("Задача"),
    "unit": _l("Единица измерения"),
    "description": _l("Описание"),
    "direction": _l("Направленность"),
    "audience": _l("Для кого"),
    "tags": _l("Теги"),
    "approved_on": _l("Дата утверждения"),
    "note": _l("Примечание"),
    "is_current": _l("Действующая редакция"),
    "category": _l("Категория"),
    "status": _l("Статус"),
    "filename": _l("Файл"),
}

ACTIONS = {"created": _l("создано"), "changed": _l("изменено"), "deleted": _l("удалено"),
           "read": _l("просмотрено другим учреждением")}


def object_type(name: str) -> str:
    return str(OBJECT_TYPES.get(name, name))


def field(name: str) -> str:
    return str(FIELDS.get(name, name))


def action(name: str) -> str:
    return str(ACTIONS.get(name, name))
