"""Who may do what with a project, inside the network the URL has resolved.

* the coordinators and admins of the lead institution and of the base institution edit the project;
* the coordinators and admins of a participant institution mark the status of the tasks that name their
  institution among the responsible, add documents and take part in the discussion;
* every member of the network and every council seat reads (the network scope already guarantees it).
"""
from __future__ import annotations

from flask_login import current_user

from tenants.models import Network
from tenants.permissions import MANAGERS, has_role, is_base_manager


def can_create_project(network: Network) -> bool:
    """Any member institution's coordinator may start a project (it becomes its lead institution)."""
    return current_user.institution_id is not None and has_role(*MANAGERS)


def can_edit_project(network: Network, project) -> bool:
    if is_base_manager(network):
        return True
    return current_user.institution_id == project.lead_institution_id and has_role(*MANAGERS)


def is_participant_manager(participant_ids: set[int]) -> bool:
    return current_user.institution_id in participant_ids and has_role(*MANAGERS)


def can_take_part(network: Network, project, participant_ids: set[int]) -> bool:
    """Comment, attach documents: the editors and the participants' coordinators."""
    return can_edit_project(network, project) or is_participant_manager(participant_ids)


def can_mark_task(network: Network, project, task_institution_ids: set[int], participant_ids: set[int]) -> bool:
    """A task's status: the editors, and a participant's coordinators when the task names their institution."""
    if can_edit_project(network, project):
        return True
    return is_participant_manager(participant_ids) and current_user.institution_id in task_institution_ids
