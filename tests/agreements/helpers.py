"""A network with two parties, a member that is not a party, a council seat, and another network."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Scene:
    network: object
    school: object
    library: object
    museum: object
    admin: object          # the school's admin
    coordinator: object    # the school's coordinator
    teacher: object
    library_admin: object
    library_coordinator: object
    museum_coordinator: object
    external: object       # a council seat holder with no institution
    other_network: object
    other_school: object
    other_admin: object


def build_scene(make) -> Scene:
    school = make.institution("МБОУ «СОШ №31»", slug="sosh31")
    library = make.institution("МБУ «МИБС»", kind="library", slug="mibs")
    museum = make.institution("Музей", kind="museum", slug="museum")
    network = make.network(school, name="Сеть Майкопа", slug="net")
    make.member(network, library, "social_partner")
    make.member(network, museum, "social_partner")
    admin = make.user(school, "admin", email="admin@sosh31.test", full_name="Иванова Анна Петровна")
    coordinator = make.user(school, "coordinator", email="coord@sosh31.test")
    teacher = make.user(school, "teacher", email="teacher@sosh31.test")
    library_admin = make.user(library, "admin", email="admin@mibs.test", full_name="Петрова Ольга Ивановна")
    library_coordinator = make.user(library, "coordinator", email="coord@mibs.test")
    museum_coordinator = make.user(museum, "coordinator", email="coord@museum.test")
    external = make.user(None, None, email="parent@test.example", full_name="Родитель")
    make.seat(network, external, "member", represents="Родители")
    other_school = make.institution("Чужая школа", slug="other")
    other_network = make.network(other_school, name="Чужая сеть", slug="other-net")
    other_admin = make.user(other_school, "admin", email="admin@other.test")
    return Scene(network, school, library, museum, admin, coordinator, teacher, library_admin, library_coordinator,
                 museum_coordinator, external, other_network, other_school, other_admin)
