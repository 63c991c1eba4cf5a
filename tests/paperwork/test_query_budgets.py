"""The documents' pages and files read the same number of SQL statements however many members, seats, programmes
and pupils the network has (column reads and joins, no statement per row)."""
from __future__ import annotations

from tests.conftest import login
from tests.paperwork.world import build


def _count(client, count_queries, url: str) -> int:
    client.get(url)  # warm: the first request of a client reads what later ones keep
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(statements)


def _grow(make, world, n: int) -> None:
    """More of everything the documents list: members, seats, register documents, programmes with groups and
    slots, the school's enrolled pupils."""
    for k in range(n):
        partner = make.institution(f"Музей {k}", kind="museum", slug=f"museum-{k}")
        make.member(world.network, partner, "social_partner", interaction_forms=f"Экскурсии {k}")
        make.seat(world.network, make.user(partner, "coordinator", email=f"museum{k}@test.example"), "member")
        make.normative_document(world.network, f"Приказ {k}", kind="order", number=f"{k}")
        programme = make.programme(world.network, world.provider, f"Программа {k}")
        group = make.group(programme, f"Группа {k}", teacher=world.users["provider_teacher"])
        make.slot(group, weekday=k % 5)
        pupils = [make.pupil(world.school, f"Новиков{k}х{m}", "Иван") for m in range(3)]
        make.enrollment_request(programme, world.school, pupils, status="enrolled")
        make.enrollment_request(world.robotics, world.school, [make.pupil(world.school, f"Ещё{k}", "Пётр")],
                                status="enrolled")


def test_the_documents_read_a_fixed_number_of_statements(app, make, count_queries):
    world = build(make)
    base = "/n/kultura/documents"
    urls = [f"{base}/", f"{base}/regulation", f"{base}/regulation.docx", f"{base}/schools/{world.school.id}/order",
            f"{base}/schools/{world.school.id}/order.docx",
            f"{base}/programmes/{world.robotics.id}/schools/{world.school.id}/agreement",
            f"{base}/programmes/{world.robotics.id}/schools/{world.school.id}/agreement.docx"]
    client = app.test_client()
    login(client, world.users["deputy"].email)
    small = {url: _count(client, count_queries, url) for url in urls}
    _grow(make, world, 12)
    large = {url: _count(client, count_queries, url) for url in urls}
    assert large == small
    assert max(small.values()) <= 16, small
