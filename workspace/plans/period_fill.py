"""``flask fill-periods``: the periods of the plan items and roadmap tasks saved before they were kept.

Migration 0028 added the column but cannot read timing phrases (a migration imports nothing of the app); this
command reads each saved timing again, once after the upgrade."""
from __future__ import annotations

import click
from flask.cli import with_appcontext
from sqlalchemy import select, update

from tenants.entry import enter_command_line
from workspace.core.dates import AcademicYear
from workspace.extensions import db
from workspace.plans.models import Plan, PlanItem
from workspace.plans.periods import encode_periods
from workspace.projects.models import Project, ProjectTask
from workspace.reading.timing import read_timing


def fill_periods() -> int:
    """Give the periods to the items and roadmap tasks written before they were kept (migration 0028 cannot read
    timing phrases): each read timing is read again in its plan's (project's) year; the span and the flag stay.
    Core updates, like a migration's fill: no history entries. Returns how many rows got periods."""
    readings: dict[tuple[str, int], str] = {}

    def periods_of(text: str, start_year: int) -> str:
        key = (text, start_year)
        if key not in readings:
            readings[key] = encode_periods(read_timing(text, AcademicYear(start_year)).dates)
        return readings[key]

    filled = 0
    for model, year_of in ((PlanItem, select(PlanItem.id, PlanItem.timing, Plan.start_year)
                            .join(Plan, Plan.id == PlanItem.plan_id)),
                           (ProjectTask, select(ProjectTask.id, ProjectTask.timing, Project.starts_on)
                            .join(Project, Project.id == ProjectTask.project_id))):
        rows = db.session.execute(year_of.where(model.periods == "", model.timing_is_read.is_(True),
                                                model.timing != "")).all()
        for row_id, text, year in rows:
            start_year = year if isinstance(year, int) else AcademicYear.containing(year).start_year
            periods = periods_of(text, start_year)
            if periods:
                db.session.execute(update(model).where(model.id == row_id).values(periods=periods)
                                   .execution_options(synchronize_session=False))
                filled += 1
    return filled


@click.command("fill-periods")
@with_appcontext
def fill_periods_command() -> None:
    """Keep each period («октябрь, март») of the plan items and roadmap tasks saved before migration 0028."""
    with enter_command_line():
        filled = fill_periods()
        db.session.commit()
    click.echo(f"Periods kept for {filled} item(s) and task(s).")
