"""A network as a deputy director runs it, for the documents: a base school, a centre of supplementary education
that provides programmes, a second school, a library; staff with real names and positions; a council of five; a
register document; two programmes with the schools' pupils enrolled; an agreement «о сетевой форме» for one."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SURNAMES = ["Алексеев", "Борисова", "Васильев", "Григорьева", "Дмитриев", "Егорова", "Жуков", "Зайцева", "Ильин",
            "Козлова", "Лебедев", "Морозова", "Никитин", "Орлова", "Павлов", "Романова", "Соколов", "Тихонова",
            "Уваров", "Фёдорова", "Харитонов"]


@dataclass
class World:
    network: object
    school: object
    provider: object
    other_school: object
    library: object
    users: dict = field(default_factory=dict)
    robotics: object = None
    chess: object = None
    pupils: list = field(default_factory=list)      # the school's 21 enrolled in robotics
    waiting: object = None                          # the school's pupil on the waiting list
    other_pupil: object = None                      # the other school's pupil enrolled in robotics
    agreement: object = None


def build(make) -> World:
    school = make.institution("МБОУ СОШ № 8", slug="sosh8", city="Энск", address="ул. Ленина, 1",
                              full_name="Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                                        "общеобразовательная школа № 8»", phone="+7 (800) 100-08-08")
    provider = make.institution("ЦДО «Радуга»", kind="supplementary", slug="raduga", city="Энск",
                                full_name="Муниципальное бюджетное учреждение дополнительного образования «Центр "
                                          "детского творчества «Радуга»»", email="raduga@example.org")
    other_school = make.institution("МБОУ СОШ № 3", slug="sosh3", city="Энск",
                                    full_name="Муниципальное бюджетное общеобразовательное учреждение «Средняя "
                                              "общеобразовательная школа № 3»")
    library = make.institution("МИБС", kind="library", slug="mibs", full_name="Муниципальная информационно-"
                                                                                "библиотечная система")
    network = make.network(school, name="Культура рядом", slug="kultura", starts_on=date(2025, 9, 1),
                           ends_on=date(2028, 8, 31), goal="Создание единого образовательного пространства",
                           tasks="1. Расширить доступ учащихся к программам дополнительного образования;\n"
                                 "2. Организовать совместные мероприятия с учреждениями культуры")
    make.member(network, provider, "network_partner", interaction_forms="Сетевые программы\nМастер-классы")
    make.member(network, other_school, "network_partner")
    make.member(network, library, "social_partner", interaction_forms="Библиотечные уроки; экскурсии")
    world = World(network, school, provider, other_school, library)
    users = world.users
    users["director"] = make.user(school, "admin", full_name="Иванов Иван Иванович", position="Директор",
                                  email="director@sosh8.test")
    users["deputy"] = make.user(school, "coordinator", full_name="Иванова Ольга Петровна",
                                position="Заместитель директора по учебно-воспитательной работе",
                                email="deputy@sosh8.test")
    users["methodist"] = make.user(school, "teacher", full_name="Шевчук Тарас Григорьевич",
                                   position="Учитель информатики", email="teacher@sosh8.test")
    users["staff"] = make.user(school, "staff", full_name="Черных Анна Павловна", position="Секретарь",
                               email="staff@sosh8.test")
    users["provider_head"] = make.user(provider, "admin", full_name="Римская-Корсакова Анна Сергеевна",
                                       position="Директор", email="director@raduga.test")
    users["provider_coordinator"] = make.user(provider, "coordinator", full_name="Петров-Водкин Кузьма Сергеевич",
                                              position="Методист", email="coordinator@raduga.test")
    users["provider_teacher"] = make.user(provider, "teacher", full_name="Кузюткина Злата Игоревна",
                                          position="Педагог дополнительного образования", email="teacher@raduga.test")
    users["other_head"] = make.user(other_school, "admin", full_name="Зюзякин Данияр Рашидович", position="Директор",
                                    email="director@sosh3.test")
    users["other_coordinator"] = make.user(other_school, "coordinator", full_name="Смирнова Яна",
                                           email="coordinator@sosh3.test")
    users["library"] = make.user(library, "coordinator", full_name="Лебедь Ольга Ивановна", email="lib@mibs.test")
    users["parent"] = make.user(None, None, full_name="Грищенко Павел Андреевич", email="parent@kultura.test")
    make.seat(network, users["director"], "chair")
    make.seat(network, users["provider_coordinator"], "secretary")
    make.seat(network, users["other_coordinator"], "member")
    make.seat(network, users["library"], "member")
    make.seat(network, users["parent"], "member", represents="Родительская общественность")
    make.normative_document(network, "Порядок зачисления на сетевые программы", kind="order", number="45-о",
                            approved_on=date(2026, 8, 28))
    world.robotics = make.programme(network, provider, "Робототехника", hours=68, grade_min=5, grade_max=9)
    group = make.group(world.robotics, "Группа 1", teacher=users["provider_teacher"], place="каб. 12")
    make.slot(group, weekday=1, place="каб. 12")
    world.chess = make.programme(network, provider, "Шахматы", direction="sport", hours=34, grade_scale="pass_fail",
                                 starts_on=date(2026, 9, 1), ends_on=date(2027, 5, 25))
    world.pupils = [make.pupil(school, surname, "Анна" if surname.endswith("а") else "Иван",
                               patronymic="Сергеевна" if surname.endswith("а") else "Петрович",
                               class_label=f"{5 + index % 4}А") for index, surname in enumerate(SURNAMES)]
    make.enrollment_request(world.robotics, school, world.pupils, status="enrolled")
    world.waiting = make.pupil(school, "Ожидающий", "Пётр", class_label="6Б")
    make.enrollment_request(world.robotics, school, [world.waiting], status="waiting")
    make.enrollment_request(world.chess, school, world.pupils[:3], status="enrolled")
    world.other_pupil = make.pupil(other_school, "Чужаков", "Семён", class_label="7В")
    make.enrollment_request(world.robotics, other_school, [world.other_pupil], status="enrolled")
    world.agreement = make.agreement(network, [school, provider], "О сетевой форме: робототехника",
                                     kind="network_programme", number="СФ-7", status="active",
                                     starts_on=date(2026, 9, 1), ends_on=date(2027, 6, 30),
                                     obligations={provider: ["Предоставить наборы LEGO Education"]})
    make.agreement_link(world.agreement, world.robotics, "programme")
    return world
