"""SQL statements of the project pages and htmx actions: pinned, the same for small and large data."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import csrf_token_from
from workspace.extensions import db
from workspace.projects.models import Project, ProjectTask

# Every request of a network first costs 2 statements: the user; the network with the membership and the seat.
# list: members for the participant filter, the total, the page of projects with their task counts (3);
# page: project with its participants and stages, tasks with their linked institutions (one joined statement),
#       indicators, documents (column tuples) with the bank's materials that came from the project, comments
#       shown, approval history (6);
# cell save: project, task, the version-checked UPDATE, its audit entry (4);
# comment: project, participants (the right to take part), INSERT comment, its audit entry, colleagues who may
#       be mentioned, INSERT mention, the comments shown (7); per mentioned colleague their user row, the comment
#       and the project read again through scoped SELECTs, their choice of letters and INSERT of the letter (+5).
# page -3 (issue 21): the project comes with its participants and its stages (one statement, queries.py
#       project_participants_stages_or_404); the documents with the bank's materials that came from the project
#       (one UNION statement, documents_and_materials).
BUDGETS = {"list": 5, "page": 8, "cell": 6, "comment": 14}
# On PostgreSQL: +1 everywhere, the transaction-local row-level-security context; +1 more everywhere: the URL
# resolution's unscoped one-statement read sets its own context first. An audit entry takes its id from the
# column's default inside its INSERT (issue 21: the recorder asked a nextval first, one more statement a write).
POSTGRES_EXTRA = {"list": 2, "page": 2, "cell": 2, "comment": 2}


def _populate(make, size: int):
    school = make.institution("Школа", slug="school")
    network = make.network(school, name="Сеть", slug="net")
    coordinator = make.user(school, "coordinator", full_name="Петрова Анна")
    partners = []
    for n in range(size):
        partner = make.institution(f"Партнёр {n}", kind="museum", slug=f"p{n}")
        make.member(network, partner, "social_partner")
        make.user(partner, "coordinator", full_name="Смирнова Ольга Петровна" if n == 0 else f"Коллега{n} Ольга")
        partners.append(partner)
    project = make.project(network, school, "Главный проект", participants=tuple(partners))
    stages = make.project_stages(project)
    for n in range(size):
        make.task(project, f"Задача {n}", "октябрь", position=n + 1, responsible=f"Партнёр {n}",
                  stage=stages[n % len(stages)], status="done" if n % 3 == 0 else "planned")
        make.project_indicator(project, f"Показатель {n}", 10, n, position=n)
        make.comment(project, coordinator, f"Комментарий {n}")
        make.project_document(project, f"документ-{n}.pdf")
        make.project(network, partners[n], f"Проект партнёра {n}", participants=(school,), with_stages=False)
    return coordinator


def _expected(app, name: str) -> int:
    extra = POSTGRES_EXTRA[name] if app.extensions["test_connection"].dialect.name == "postgresql" else 0
    return BUDGETS[name] + extra


def _ids(read):
    with read():
        project_id = db.session.scalar(select(Project.id).where(Project.title == "Главный проект"))
        task_id = db.session.scalar(select(ProjectTask.id).where(ProjectTask.project_id == project_id)
                                    .order_by(ProjectTask.id))
    return project_id, task_id


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize("page", ["list", "page"])
def test_project_pages_are_pinned_and_flat(app, client, make, login_as, count_queries, read, page, size):
    login_as(_populate(make, size))
    project_id, _task_id = _ids(read)
    url = "/n/net/projects/" if page == "list" else f"/n/net/projects/{project_id}"
    client.get(url)
    with count_queries() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert len(statements) == _expected(app, page), "\n".join(statements)


@pytest.mark.parametrize("size", [2, 40])
def test_task_cell_save_is_pinned_and_flat(app, client, make, login_as, count_queries, read, size):
    login_as(_populate(make, size))
    project_id, task_id = _ids(read)
    url = f"/n/net/projects/{project_id}/tasks/{task_id}/cells/timing"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    with count_queries() as statements:
        response = client.post(url, data={"value": "ноябрь", "version": "1", "csrf_token": token},
                               headers={"HX-Request": "true", "HX-Target": f"task-{task_id}-timing"})
    assert response.status_code == 200 and "ноябрь" in response.get_data(as_text=True)
    assert len(statements) == _expected(app, "cell"), "\n".join(statements)


@pytest.mark.parametrize("size", [2, 40])
def test_comment_post_is_pinned_and_flat(app, client, make, login_as, count_queries, read, size):
    login_as(_populate(make, size))
    project_id, _task_id = _ids(read)
    url = f"/n/net/projects/{project_id}"
    token = csrf_token_from(client.get(url).get_data(as_text=True))
    with count_queries() as statements:
        response = client.post(f"{url}/comments", data={"body": "@Смирнова, посмотрите", "csrf_token": token},
                               headers={"HX-Request": "true", "HX-Target": "discussion"})
    assert response.status_code == 200 and "посмотрите" in response.get_data(as_text=True)
    assert any(s.startswith("INSERT INTO project_mentions") for s in statements)
    assert len(statements) == _expected(app, "comment"), "\n".join(s[:90] for s in statements)
