"""Access to pupils' growth, one helper per kind. In the home school (/i/<school>/growth): every user of the
school reads its pupils' achievements, portfolios and flags (the registry is open to all its roles); its admin and
coordinator record achievements, change flags and print the portfolio; an achievement is deleted by the
institution that recorded it. In a network (/n/<network>/growth): the provider's admin and coordinator record and
read the achievements of their own group's pupils (404 for a group that is not there, 403 for other members and
roles: the group itself is not a secret)."""
from __future__ import annotations

from flask import abort, g

from tenants.permissions import MANAGERS, has_role, require_role
from workspace.core.access import require
from workspace.growth.models import Achievement
from workspace.growth.queries import get_group_achievement_or_404, get_school_achievement_or_404
from workspace.programmes.models import Group, Programme
from workspace.programmes.queries import get_group_or_404, get_programme_or_404, is_provider_manager
from workspace.pupils.models import Pupil
from workspace.pupils.queries import get_pupil_or_404


def can_manage_growth() -> bool:
    return has_role(*MANAGERS)


def readable_pupil_or_404(pupil_id: int) -> Pupil:
    """A pupil of the school (any of its users reads the portfolio)."""
    return get_pupil_or_404(pupil_id)


def manageable_growth_pupil_or_404(pupil_id: int) -> Pupil:
    """A pupil whose flags the school's admin or coordinator change, or whose portfolio they print."""
    pupil = get_pupil_or_404(pupil_id)
    require_role(*MANAGERS)
    if pupil.is_depersonalised:
        abort(404)
    return pupil


def require_recording() -> None:
    require_role(*MANAGERS)


def removable_school_achievement_or_404(achievement_id: int) -> Achievement:
    """An achievement of the school's pupil, recorded by the school itself, for its admin and coordinator."""
    achievement = get_school_achievement_or_404(achievement_id)
    require(has_role(*MANAGERS) and achievement.recorded_by_institution_id == g.institution.id)
    return achievement


def provider_group_or_404(programme_id: int, group_id: int) -> tuple[Programme, Group]:
    """A group of a programme of this network, for the provider's admin and coordinator."""
    programme = get_programme_or_404(programme_id)
    group = get_group_or_404(programme, group_id)
    require(is_provider_manager(programme))
    return programme, group


def group_achievement_or_404(programme_id: int, group_id: int, achievement_id: int
                             ) -> tuple[Programme, Group, Achievement]:
    """An achievement the user's institution recorded for this group (loaded before the right is checked: one that
    is not there, or not recorded by the user's institution, is 404 for everyone)."""
    programme = get_programme_or_404(programme_id)
    group = get_group_or_404(programme, group_id)
    achievement = get_group_achievement_or_404(group, achievement_id)
    require(is_provider_manager(programme))
    return programme, group, achievement
