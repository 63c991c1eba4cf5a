"""Generated bank materials (with tags) and request-table rows per network: small, for the benchmark."""
from __future__ import annotations

from datetime import timedelta

from workspace.bank.models import Direction, Material, MaterialTag, fold
from workspace.core.text import search_text
from workspace.requests_table.models import RequestCategory, RequestKind, RequestStatus, ResourceRequest

MATERIAL_TITLES = ("Методическая разработка урока", "Сценарий квеста", "Конспект занятия", "Программа курса",
                   "Сценарий классного часа", "Мастер-класс", "Маршрут экскурсии")
MATERIAL_TOPICS = ("в библиотеке", "в музее", "по краеведению", "по робототехнике", "о безопасности на дорогах",
                   "по театральному искусству", "о здоровом образе жизни", "по финансовой грамотности")
TAGS = ("квест", "музей", "библиотека", "театр", "краеведение", "робототехника", "ПДД", "здоровье", "чтение")
DIRECTIONS = ("technical", "natural_science", "sports", "arts", "tourism", "social")
NEEDS = (("venue", "Нужна площадка для мероприятия на 40 человек"), ("specialist", "Нужен специалист для классного часа"),
         ("equipment", "Нужен проектор на один день"), ("audience", "Ищем зрителей на концерт"))
OFFERS = (("room", "Актовый зал для мероприятия"), ("specialist", "Специалист проведёт классный час"),
          ("equipment", "Проектор и экран"), ("classes", "Классы на концерт или спектакль"),
          ("exhibit", "Передвижная выставка"), ("programme", "Программа мастер-классов"))


def build_bank(city) -> None:
    rng = city.rng
    materials, tags, requests = [], [], []
    per_network = 6 if city.scale.name == "demo" else 25
    for group in city.networks:
        places = [place for _m, place, _f, _e in group.members]
        for _n in range(per_network):
            place = rng.choice(places)
            title = f"{rng.choice(MATERIAL_TITLES)} {rng.choice(MATERIAL_TOPICS)}"
            chosen = rng.sample(TAGS, k=2)
            tag_text = ", ".join(fold(t) for t in chosen)
            material_id = city.new_id(Material)
            materials.append({"id": material_id, "network_id": group.id, "author_institution_id": place.id,
                              "author_id": None, "title": title, "description": "", "audience": "5-9 классы",
                              "grade_from": 5, "grade_to": 9, "direction": Direction(rng.choice(DIRECTIONS)),
                              "tags": tag_text, "source_kind": None, "source_id": None,
                              "search_text": search_text(title, "", "5-9 классы", tag_text), "version": 1,
                              "created_at": city.past(300)})
            tags.extend({"id": city.new_id(MaterialTag), "network_id": group.id, "material_id": material_id,
                         "tag": fold(tag)} for tag in chosen)
        for n in range(per_network):
            place = rng.choice(places)
            kind, (category, title) = ((RequestKind.NEED, rng.choice(NEEDS)) if n % 2 == 0
                                       else (RequestKind.OFFER, rng.choice(OFFERS)))
            starts = city.today + timedelta(days=rng.randint(-30, 120))
            requests.append({"id": city.new_id(ResourceRequest), "network_id": group.id, "institution_id": place.id,
                             "kind": kind, "category": RequestCategory(category), "title": title, "description": "",
                             "starts_on": starts, "ends_on": starts + timedelta(days=rng.randint(0, 30)),
                             "status": rng.choice((RequestStatus.OPEN, RequestStatus.OPEN, RequestStatus.CLOSED)),
                             "search_text": search_text(title, ""), "author_id": None, "version": 1,
                             "created_at": city.past(120)})
    city.insert(Material, materials)
    city.insert(MaterialTag, tags)
    city.insert(ResourceRequest, requests)
