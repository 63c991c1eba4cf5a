"""Writing a material: the typed audience read into grades, the tags into rows, the search text refreshed."""
from __future__ import annotations

from sqlalchemy import delete

from workspace.bank.models import Direction, Material, MaterialTag, fold
from workspace.extensions import db
from workspace.reading.audience import read_audience

MAX_TAGS = 12


def split_tags(text: str) -> list[str]:
    seen: list[str] = []
    for part in (text or "").replace(";", ",").split(","):
        tag = fold(part).strip(" #")[:60]
        if tag and tag not in seen:
            seen.append(tag)
    return seen[:MAX_TAGS]


def apply_form(material: Material, form) -> None:
    material.title = form.title.data
    material.description = form.description.data or ""
    material.direction = Direction(form.direction.data)
    audience = read_audience(form.audience.data or "")
    material.audience, material.grade_from, material.grade_to = audience.text, audience.grade_from, audience.grade_to
    material.tags = ", ".join(split_tags(form.tags.data or ""))
    if form.source_item_id.data:
        material.source_kind, material.source_id = "plan_item", form.source_item_id.data
    elif form.source_project_id.data:
        material.source_kind, material.source_id = "project", form.source_project_id.data
    elif material.source_kind in (None, "plan_item", "project"):
        material.source_kind, material.source_id = None, None


def replace_tags(material: Material) -> None:
    db.session.execute(delete(MaterialTag).where(MaterialTag.material_id == material.id))
    for tag in split_tags(material.tags):
        db.session.add(MaterialTag(network_id=material.network_id, material_id=material.id, tag=tag))
