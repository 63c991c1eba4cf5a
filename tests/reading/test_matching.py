"""Finding the network's member institutions in free text: a section's title, the responsible."""
import pytest

from workspace.reading.matching import Candidate, find_institutions

pytestmark = pytest.mark.filterwarnings("error")

THEATRE = Candidate(1, "ГАУК «ТЮЗ»", "Государственное автономное учреждение культуры «Театр юного зрителя»")
LIBRARY = Candidate(2, "МБУ «МИБС»", "Муниципальное бюджетное учреждение «Муниципальная информационно-библиотечная "
                                     "система» г. Новокузнецка")
SCHOOL_3 = Candidate(3, "МБОУ «СОШ №3»", "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 3»")
MEMBERS = [THEATRE, LIBRARY, SCHOOL_3]


@pytest.mark.parametrize("text, found", [
    ("План мероприятий с ГАУК «Театр юного зрителя» на 2024/2025 учебный год", [THEATRE]),
    ("План совместных мероприятий с ТЮЗ на 2024/2025 учебный год", [THEATRE]),
    ("План мероприятий с МИБС", [LIBRARY]),
    ("Зам. директора по ВР\nГАУК «ТЮЗ»", [THEATRE]),
    ("Раздел 2. Работа со СОШ №3", [SCHOOL_3]),
    ("Раздел 2. Работа со СОШ №31", []),
    ("План мероприятий на 2024/2025 учебный год", []),
    ("УТВЕРЖДАЮ", []),
])
def test_members_named_in_a_title_or_the_responsible(text, found):
    assert find_institutions(text, MEMBERS) == found
