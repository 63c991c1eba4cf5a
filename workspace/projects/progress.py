"""Progress at a glance: the stage timeline, tasks done against tasks due, indicators against targets.
Computed from what the page has already read: no statement of its own."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from workspace.projects.models import TaskStatus


@dataclass
class StageMark:
    stage: object
    state: str          # "done", "current", "overdue", "upcoming", "undated"
    elapsed: int        # percent of the stage's days that have passed
    done: int
    total: int


@dataclass
class Progress:
    stages: list[StageMark]
    done: int           # tasks done
    total: int          # tasks (cancelled ones not counted)
    due: int            # tasks whose term has passed
    done_of_due: int    # … of them done
    overdue: int        # … of them not done
    indicators_met: int
    indicators: int

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def _elapsed(stage, today: date) -> int:
    if stage.starts_on is None or stage.ends_on is None or today < stage.starts_on:
        return 0
    if today > stage.ends_on:
        return 100
    days = (stage.ends_on - stage.starts_on).days + 1
    return round(100 * ((today - stage.starts_on).days + 1) / days)


def _stage_mark(stage, today: date, done: int, total: int, started: int) -> StageMark:
    """A stage with tasks follows its tasks (done when all are done, never while one is still under way);
    the dates speak only for a stage without tasks, or to tell that its term has passed."""
    dated = stage.starts_on is not None and stage.ends_on is not None
    elapsed = _elapsed(stage, today)
    if total:
        if done == total:
            return StageMark(stage, "done", elapsed, done, total)
        if dated and today > stage.ends_on:
            return StageMark(stage, "overdue", elapsed, done, total)
        if started or (dated and today >= stage.starts_on):
            return StageMark(stage, "current", elapsed, done, total)
        return StageMark(stage, "upcoming" if dated else "undated", elapsed, done, total)
    if not dated:
        return StageMark(stage, "undated", 0, done, total)
    if today > stage.ends_on:
        return StageMark(stage, "done", 100, done, total)
    if today < stage.starts_on:
        return StageMark(stage, "upcoming", 0, done, total)
    return StageMark(stage, "current", elapsed, done, total)


def progress_of(project, stages: list, tasks: list, indicators: list, today: date) -> Progress:
    counted = [task for task in tasks if task.status != TaskStatus.CANCELLED]
    per_stage: dict[int | None, list[int]] = {}
    for task in counted:
        numbers = per_stage.setdefault(task.stage_id, [0, 0, 0])
        numbers[1] += 1
        numbers[0] += task.status == TaskStatus.DONE
        numbers[2] += task.status in (TaskStatus.DONE, TaskStatus.IN_PROGRESS)
    due = [task for task in counted if task.ends_on is not None and task.ends_on < today]
    done_of_due = sum(1 for task in due if task.status == TaskStatus.DONE)
    return Progress(
        stages=[_stage_mark(stage, today, *per_stage.get(stage.id, [0, 0, 0])) for stage in stages],
        done=sum(1 for task in counted if task.status == TaskStatus.DONE), total=len(counted),
        due=len(due), done_of_due=done_of_due, overdue=len(due) - done_of_due,
        indicators_met=sum(1 for indicator in indicators
                           if indicator.actual_value is not None and indicator.actual_value >= indicator.target_value),
        indicators=len(indicators))
