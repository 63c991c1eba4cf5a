"""The models and their factories hold together (composite keys, copies for the provider)."""
from sqlalchemy import select

from workspace.extensions import db
from workspace.programmes.models import Enrollment, EnrollmentStatus


def test_request_carries_copies_of_name_and_class(make, read):
    school = make.institution("СОШ №31")
    provider = make.institution("ЦДО", kind="supplementary")
    network = make.network(school)
    make.member(network, provider)
    programme = make.programme(network, provider, "Робототехника")
    group = make.group(programme, "Группа 1")
    make.slot(group, weekday=0)
    pupil = make.pupil(school, "Иванова", "Мария", patronymic="Сергеевна", class_label="6Б")
    make.application(pupil, programme)
    request = make.enrollment_request(programme, school, [pupil])
    with read():
        read_one = enrollment = db.session.scalar(
            select(Enrollment).where(Enrollment.id == request.enrollment_ids[0]))
        assert read_one.pupil_name == "Иванова Мария Сергеевна"
        assert enrollment.class_label == "6Б" and enrollment.status is EnrollmentStatus.REQUESTED
