"""Templates of a monitoring programme shipped with the product: the criteria of the real programmes and an
indicator for each, with a method, a target and level thresholds (высокий / средний / низкий). A network
starts from a template (its indicators are copied into the network's own, ``MonitoringIndicator``) and edits
them as it likes; the template itself never changes a network's rows afterwards.

An indicator here is (title, unit, target, source, level_high, level_middle, note): ``source`` is a computed
source of the registry (``events_held_share``, ``survey_satisfaction`` …) or a hand-entered method
(``manual``, ``diagnostic`` — the aggregate of a diagnostic held in the classes, ``expert`` — the council's
rating). Levels: a value at or above ``level_high`` is «высокий», at or above ``level_middle`` «средний».
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from workspace.core.i18n import lazy_gettext as _l
from workspace.extensions import db
from workspace.monitoring.models import DIAGNOSTIC, EXPERT, HAND_ENTERED, MANUAL, MonitoringIndicator


@dataclass(frozen=True)
class TemplateIndicator:
    title: str
    unit: str
    target: float | None
    source: str
    level_high: float | None
    level_middle: float | None
    note: str = ""


@dataclass(frozen=True)
class Template:
    key: str
    title: object
    criteria: tuple[tuple[str, tuple[TemplateIndicator, ...]], ...]

    @property
    def indicator_count(self) -> int:
        return sum(len(indicators) for _criterion, indicators in self.criteria)


def _i(title, unit, target, source, high, middle, note=""):
    return TemplateIndicator(title, unit, target, source, high, middle, note)


NETWORK_INTERACTION = Template("network", _l("Эффективность сетевого взаимодействия (семь критериев)"), (
    ("Обновление содержания и методов обучения и воспитания", (
        _i("Доля педагогов, применяющих в работе ресурсы партнёров сети", "%", 70, DIAGNOSTIC, 70, 40,
           "Анкетирование педагогов на входной и итоговой диагностике: доля ответивших «применяю регулярно»."),)),
    ("Удовлетворённость всех участников сетевого взаимодействия", (
        _i("Удовлетворённость участников по анкетам", "%", 80, "survey_satisfaction", 80, 60,
           "Доля ответов «4» и «5» по шкале 1–5 на вопросы об удовлетворённости."),)),
    ("Внешняя оценка деятельности", (
        _i("Экспертная оценка деятельности сети советом", "баллы", 4, EXPERT, 4, 3,
           "Оценка совета по шкале 1–5 на заседании в конце замера."),)),
    ("Устойчивая структура сетевого взаимодействия", (
        _i("Доля проведённых мероприятий сетевого плана", "%", 90, "events_held_share", 85, 60,
           "Проведено из запланированных на учебный год, по отчётам о мероприятиях."),)),
    ("Формирование инновационного поведения субъектов", (
        _i("Доля педагогов, участвующих в инновационных проектах сети", "%", 40, DIAGNOSTIC, 40, 20),)),
    ("Появление новых педагогических практик", (
        _i("Число новых педагогических практик, представленных сетью", "шт.", 5, MANUAL, 5, 2),)),
    ("Готовность педагогов к работе в сетевом режиме", (
        _i("Доля педагогов с высоким и средним уровнем готовности к сетевой работе", "%", 75, DIAGNOSTIC, 75, 50,
           "Диагностика готовности педагогов (анкета самооценки) на входной и итоговой диагностике."),)),
))

PERSONAL_DEVELOPMENT = Template("personal", _l("Развитие личности обучающихся (пять критериев)"), (
    ("Сформированность лидерских качеств", (
        _i("Доля обучающихся с высоким и средним уровнем лидерских качеств", "%", 60, DIAGNOSTIC, 60, 40,
           "Диагностика по классам; сеть видит только доли по классам и школам."),)),
    ("Нравственная воспитанность", (
        _i("Доля обучающихся с высоким и средним уровнем нравственной воспитанности", "%", 70, DIAGNOSTIC, 70, 50),)),
    ("Развитие креативных способностей", (
        _i("Доля обучающихся с высоким и средним уровнем креативности", "%", 55, DIAGNOSTIC, 55, 35),)),
    ("Удовлетворённость", (
        _i("Удовлетворённость обучающихся и родителей по анкетам", "%", 80, "survey_satisfaction", 80, 60,
           "Доля ответов «4» и «5» по шкале 1–5 на вопросы об удовлетворённости."),)),
    ("Социальная активность обучающихся", (
        _i("Доля обучающихся, участвующих в социальных проектах и волонтёрстве сети", "%", 50, DIAGNOSTIC, 50, 30),)),
))

TEMPLATES = {template.key: template for template in (NETWORK_INTERACTION, PERSONAL_DEVELOPMENT)}

METHOD_LABELS = {
    MANUAL: _l("вводится вручную"),
    DIAGNOSTIC: _l("диагностика: школы вносят по классам и обучающимся, сеть видит итоги"),
    EXPERT: _l("экспертная оценка совета"),
}

POINT_LABELS = {
    "start": _l("Входная диагностика"),
    "middle": _l("Промежуточный замер"),
    "final": _l("Итоговый замер"),
}

LEVEL_LABELS = {"high": _l("высокий"), "middle": _l("средний"), "low": _l("низкий")}


def apply_template(network_id: int, template: Template) -> int:
    """Copy the template's indicators into the network's (under the request's tenant scope); an indicator is
    skipped when the network has one of the same title or, for a computed source, one reading the same
    source. Returns how many were added."""
    mine = MonitoringIndicator.network_id == network_id  # the tenant scope limits it too (not in the demo's load)
    existing = db.session.execute(select(MonitoringIndicator.title, MonitoringIndicator.source).where(mine)).all()
    titles = {title for title, _source in existing}
    sources = {source for _title, source in existing if source not in HAND_ENTERED}
    position = db.session.scalar(select(func.coalesce(func.max(MonitoringIndicator.position), 0)).where(mine))
    added = 0
    for criterion, indicators in template.criteria:
        for item in indicators:
            if item.title in titles or item.source in sources:
                continue
            position += 1
            added += 1
            db.session.add(MonitoringIndicator(
                network_id=network_id, position=position, title=item.title, criterion=criterion, unit=item.unit,
                target=item.target, source=item.source, level_high=item.level_high,
                level_middle=item.level_middle, note=item.note))
    db.session.flush()
    return added


def level_counts(rows, attribute: str = "level") -> dict[str, int]:
    """How many indicators are at each level (this year's ``level`` or ``previous_level``)."""
    counts = {"high": 0, "middle": 0, "low": 0}
    for row in rows:
        level = getattr(row, attribute)
        if level:
            counts[level] += 1
    return counts
