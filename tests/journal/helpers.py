"""A mixed network group: a provider (ЦДО) teaching pupils of two schools."""
from __future__ import annotations

from types import SimpleNamespace


def mixed_group(make, pupils_a: int = 2, pupils_b: int = 2, lessons: int = 3, scale: str = "five_point",
                slug: str = "net"):
    provider = make.institution("ЦДО", kind="supplementary", slug="cdo")
    school_a = make.institution("СОШ №1", slug="school-a")
    school_b = make.institution("СОШ №2", slug="school-b")
    outsider = make.institution("Музей", kind="museum", slug="museum")
    network = make.network(school_a, name="Сеть", slug=slug)
    for member in (provider, school_b, outsider):
        make.member(network, member, "network_partner")
    teacher = make.user(provider, "teacher", full_name="Педагог Группы")
    other_teacher = make.user(provider, "teacher", full_name="Другой Педагог")
    provider_coordinator = make.user(provider, "coordinator")
    coordinator_a = make.user(school_a, "coordinator")
    coordinator_b = make.user(school_b, "coordinator")
    teacher_a = make.user(school_a, "teacher")
    museum_coordinator = make.user(outsider, "coordinator")
    council_member = make.user(None, None, full_name="Родитель Совета")
    make.seat(network, council_member, "member", represents="родители")
    programme = make.programme(network, provider, "Робототехника", grade_scale=scale)
    group = make.group(programme, "Роботы-1", teacher=teacher)
    enrollments_a, enrollments_b = [], []
    for school, count, target, prefix in ((school_a, pupils_a, enrollments_a, "Алексеев"),
                                          (school_b, pupils_b, enrollments_b, "Борисов")):
        pupils = [make.pupil(school, f"{prefix}{n}", "Пётр", class_label="6А") for n in range(count)]
        request = make.enrollment_request(programme, school)
        target.extend(make.enrollment(request, pupil, status="enrolled", group=group) for pupil in pupils)
    lesson_rows = make.lessons(group, lessons) if lessons else []
    return SimpleNamespace(**locals())
