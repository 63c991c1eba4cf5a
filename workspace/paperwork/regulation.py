"""«Положение о сетевом взаимодействии» of a network, from the network's own settings: its name, base institution,
period, goal and tasks, members with their roles and forms of interaction, the register of normative documents,
the council's composition and voting rules, the order of planning and reporting the product itself follows."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from docx.enum.text import WD_ALIGN_PARAGRAPH

from tenants.models import Institution, MemberRole, Network, SeatRole
from workspace.bank.models import NormativeDocument
from workspace.core.dates import ru_date
from workspace.core.documents import document_bytes
from workspace.core.labels import label
from workspace.core.words import initials, plural, quoted
from workspace.council.models import CouncilRules, MajorityRule, QuorumRule
from workspace.council.rules import Tally, has_quorum
from workspace.paperwork import blanks
from workspace.paperwork.queries import Council, Member, Person
from workspace.plans.letters import OVERDUE_AFTER

LAW_273 = "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации» (статья 15 " \
          "«Сетевая форма реализации образовательных программ»)"
ORDER_882 = "приказ Минобрнауки России и Минпросвещения России от 05.08.2020 № 882/391 «Об организации и " \
            "осуществлении образовательной деятельности при сетевой форме реализации образовательных программ»"
ROLE_NAMES = {MemberRole.BASE: "базовая организация", MemberRole.NETWORK_PARTNER: "сетевой партнёр",
              MemberRole.SOCIAL_PARTNER: "социальный партнёр"}
LIST_MARK = re.compile(r"^\s*(?:[-–—•·*]|\d+[.)])\s*")


@dataclass
class Regulation:
    network: Network
    base: Institution
    head: Person | None
    members: list[Member]
    council: Council
    rules: CouncilRules
    documents: list[NormativeDocument]
    on: date | None
    number: str


def list_items(text: str) -> list[str]:
    """The lines of a list typed as text (tasks, forms of interaction): one a line, or separated by «;»; list marks
    («-», «1.») dropped."""
    lines = [line for line in (text or "").splitlines() if line.strip()]
    if len(lines) == 1 and ";" in lines[0]:
        lines = lines[0].split(";")
    return [LIST_MARK.sub("", line).strip().rstrip(";.") for line in lines if LIST_MARK.sub("", line).strip()]


def quorum_text(rule: QuorumRule, seats: int) -> str:
    wording = {QuorumRule.MORE_THAN_HALF: "более половины членов Совета",
               QuorumRule.TWO_THIRDS: "не менее двух третей членов Совета",
               QuorumRule.ALL: "все члены Совета"}[rule]
    text = f"Заседание Совета (заочное голосование) правомочно, если в голосовании приняли участие {wording}"
    if seats > 0:
        least = next(cast for cast in range(1, seats + 1) if has_quorum(rule, Tally(votes_for=cast), seats))
        text += f" (при нынешнем составе из {plural(seats, 'член', case='gent')} — не менее {plural(least, 'член', case='gent')})"
    return text + "."


def majority_text(rule: MajorityRule) -> str:
    return {
        MajorityRule.SIMPLE_OF_CAST: "Решение считается принятым, если за него подано более половины голосов членов "
                                     "Совета, принявших участие в голосовании (воздержавшиеся участвуют в голосовании)",
        MajorityRule.FOR_OVER_AGAINST: "Решение считается принятым, если голосов «за» подано больше, чем голосов "
                                       "«против»; воздержавшиеся при подсчёте не учитываются",
        MajorityRule.TWO_THIRDS_OF_CAST: "Решение считается принятым, если за него подано не менее двух третей голосов "
                                         "членов Совета, принявших участие в голосовании",
    }[rule] + "; при равенстве голосов решение не принимается."


def composition_text(council: Council) -> str:
    if council.seats == 0:
        return ("Состав Совета формируется из представителей участников Сети и утверждается базовой организацией; "
                "в Совет могут входить представители родительской общественности и социальных партнёров.")
    parts = []
    for role, one in ((SeatRole.CHAIR, "председатель Совета"), (SeatRole.SECRETARY, "секретарь Совета")):
        if council.by_role[role]:
            parts.append(one if council.by_role[role] == 1 else plural(council.by_role[role], one))
    if council.by_role[SeatRole.MEMBER]:
        parts.append(plural(council.by_role[SeatRole.MEMBER], "член Совета"))
    text = f"Совет состоит из {plural(council.seats, 'член', case='gent')}: {', '.join(parts)}."
    if council.represented:
        text += " В состав Совета входят представители: " + "; ".join(council.represented) + "."
    return text


def _document_line(document: NormativeDocument) -> str:
    parts = [str(label(document.kind)).lower()]
    if document.approved_on:
        parts.append(f"от {ru_date(document.approved_on)}")
    if document.number:
        parts.append(f"№ {document.number}")
    return " ".join(parts) + f" {quoted(document.title)}"


def regulation_docx(data: Regulation) -> bytes:
    network, base = data.network, data.base
    name = quoted(network.name)
    document = blanks.new_document(base.full_name, f"Положение о сетевом взаимодействии {name}")
    head_position = data.head.position if data.head else "Руководитель"
    blanks.approval_stamp(document, [
        "УТВЕРЖДАЮ", f"{head_position} {base.short_name}",
        f"_____________ {initials(data.head.full_name) if data.head else '_______________'}",
        ru_date(data.on) if data.on else blanks.BLANK_DATE])
    blanks.requisites(document, author=base.full_name, kind="ПОЛОЖЕНИЕ", on=data.on, number=data.number,
                      place=blanks.place_of(base.city))
    blanks.title(document, f"о сетевом взаимодействии участников программы сетевого взаимодействия {name}",
                 align=WD_ALIGN_PARAGRAPH.CENTER)

    blanks.section(document, "1", "Общие положения")
    grounds = [LAW_273, ORDER_882] + [_document_line(item) for item in data.documents] + ["уставы участников Сети"]
    points = [
        f"Настоящее Положение определяет цель, задачи, участников, органы управления и порядок сетевого "
        f"взаимодействия в рамках программы сетевого взаимодействия {name} (далее — Сеть).",
        f"Базовой организацией Сети является {base.full_name} (далее — базовая организация). Базовая организация "
        f"координирует деятельность участников Сети, ведёт сетевой план мероприятий и готовит отчётность Сети.",
        f"Срок реализации программы сетевого взаимодействия: с {ru_date(network.starts_on)} по {ru_date(network.ends_on)}.",
        "Сетевое взаимодействие осуществляется в соответствии со следующими документами: " + "; ".join(grounds) + ".",
        "Отношения участников Сети при реализации образовательных программ в сетевой форме оформляются договорами "
        "о сетевой форме реализации образовательных программ, иные формы совместной деятельности — договорами о "
        "сотрудничестве.",
    ]
    for index, text in enumerate(points, start=1):
        blanks.point(document, f"1.{index}", text)

    blanks.section(document, "2", "Цель и задачи сетевого взаимодействия")
    blanks.point(document, "2.1", f"Цель: {blanks.sentence_start(network.goal).rstrip('.')}." if network.goal.strip()
                 else "Цель: ________________________________________________.")
    tasks = list_items(network.tasks)
    blanks.point(document, "2.2", "Задачи:" if tasks else "Задачи: ________________________________________________.",
                 keep_with_next=bool(tasks))
    for index, task in enumerate(tasks, start=1):
        blanks.point(document, f"2.2.{index}", task[:1].upper() + task[1:] + ".")

    blanks.section(document, "3", "Участники сетевого взаимодействия")
    organisations = plural(len(data.members), "организация")
    blanks.point(document, "3.1", f"Участниками Сети являются {organisations}; их роли и формы взаимодействия:",
                 keep_with_next=True)
    blanks.table(document, ["№", "Участник", "Роль в Сети", "Формы взаимодействия"],
              [[str(index), member.institution.full_name, ROLE_NAMES[member.role],
                "; ".join(list_items(member.interaction_forms)) or "—"]
               for index, member in enumerate(data.members, start=1)], widths_mm=[10, 62, 30, 68])
    for index, text in enumerate([
        "Участники Сети вправе вносить предложения в сетевой план мероприятий и сетевые проекты, пользоваться "
        "ресурсами Сети (помещениями, оборудованием, методическими материалами) по согласованию с их владельцем, "
        "получать информацию о деятельности Сети.",
        "Участники Сети обязаны выполнять мероприятия сетевого плана в установленные сроки, представлять отчёты о "
        "проведённых мероприятиях, соблюдать требования законодательства о персональных данных обучающихся.",
        "Состав участников Сети может меняться и дополняться в зависимости от образовательных задач: новый участник "
        "вступает в Сеть по приглашению базовой организации, участник вправе выйти из Сети, уведомив базовую "
        "организацию.",
    ], start=2):
        blanks.point(document, f"3.{index}", text)

    blanks.section(document, "4", "Координационный совет Сети")
    rules = data.rules
    for index, text in enumerate([
        "Для координации деятельности участников Сети создаётся Координационный совет Сети (далее — Совет).",
        composition_text(data.council),
        "Полномочия Совета: утверждение сетевого плана мероприятий на учебный год и его разделов, изменений к ним; "
        "согласование сетевых проектов; рассмотрение отчётов о проведённых мероприятиях и результатов мониторинга "
        "эффективности; утверждение аналитической справки о реализации программы за учебный год и решения о "
        "продолжении, изменении формы или прекращении сотрудничества с каждым партнёром.",
        quorum_text(rules.quorum, data.council.seats),
        majority_text(rules.majority),
        "Заседания Совета проводятся по мере необходимости, но не реже одного раза в полугодие; решение может быть "
        "принято заочным голосованием с указанием срока приёма голосов.",
        "Решения Совета оформляются протоколом, который подписывают председатель и секретарь Совета.",
    ], start=1):
        blanks.point(document, f"4.{index}", text)

    blanks.section(document, "5", "Порядок планирования, утверждения и отчётности")
    for index, text in enumerate([
        "Сетевой план мероприятий составляется на учебный год (с 1 сентября по 31 августа) базовой организацией "
        "совместно с участниками Сети; раздел плана каждого партнёра готовит его координатор.",
        "План и его разделы представляются на утверждение Совету. Утверждённый план изменяется только через "
        "повторное утверждение изменений Советом.",
        f"По итогам каждого мероприятия ответственный представляет отчёт о проведении (даты, участники, итоги, "
        f"материалы) не позднее {plural(OVERDUE_AFTER, 'день', case='gent')} после его окончания.",
        "По окончании учебного года базовая организация готовит аналитическую справку о реализации программы: по "
        "каждому партнёру — мероприятия запланированные и проведённые, участники, договоры, показатели мониторинга, "
        "вывод и решение о продолжении, изменении формы или прекращении сотрудничества. Справка утверждается Советом; "
        "сетевой план следующего учебного года составляется с учётом принятых решений.",
    ], start=1):
        blanks.point(document, f"5.{index}", text)

    blanks.section(document, "6", "Заключительные положения")
    for index, text in enumerate([
        "Настоящее Положение вступает в силу с момента его утверждения и действует до окончания срока реализации "
        f"программы сетевого взаимодействия ({ru_date(network.ends_on)}).",
        "Изменения и дополнения в настоящее Положение вносятся в том же порядке, в каком оно утверждается.",
    ], start=1):
        blanks.point(document, f"6.{index}", text)
    return document_bytes(document)
