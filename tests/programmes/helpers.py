"""A small network for the programmes tests: school, second school, provider (ЦДО) and their people."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Setting:
    network: object
    school: object
    school2: object
    provider: object
    coordinator: object      # the school's
    teacher: object          # the school's
    provider_coordinator: object
    provider_admin: object
    provider_teacher: object
    programme: object


def build(make, capacity: int = 2) -> Setting:
    school = make.institution("СОШ №31", slug="sosh31")
    school2 = make.institution("СОШ №8", slug="sosh8")
    provider = make.institution("ЦДО", kind="supplementary", slug="cdo")
    network = make.network(school, name="Сеть района", slug="net")
    make.member(network, school2)
    make.member(network, provider)
    programme = make.programme(network, provider, "Робототехника", capacity=capacity)
    return Setting(network=network, school=school, school2=school2, provider=provider,
                   coordinator=make.user(school, "coordinator"), teacher=make.user(school, "teacher"),
                   provider_coordinator=make.user(provider, "coordinator"),
                   provider_admin=make.user(provider, "admin"),
                   provider_teacher=make.user(provider, "teacher", full_name="Петров Пётр Петрович"),
                   programme=programme)
