"""Finding the network's member institutions in free text: a section's title, the responsible."""
import pytest

from workspace.reading.matching import Candidate, Person, find_institutions, find_people

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


# Colleagues named among the responsible (workspace.reading.matching.find_people).
IVANOVA = Person(1, "Иванова Ольга Николаевна")
IVANOV = Person(2, "Иванов Олег Николаевич")
LI = Person(3, "Ли Анна Сергеевна")
MARKOV = Person(4, "Марков Фёдор Алексеевич")
ONE_WORD = Person(5, "Марков")
PEOPLE = [IVANOVA, IVANOV, LI, MARKOV, ONE_WORD]


@pytest.mark.parametrize("text, found", [
    ("Иванова О.Н., заместитель директора по ВР", [IVANOVA]),   # «Иванова» is Иванова, not Иванов in the genitive
    ("иванова о. н.", [IVANOVA]),
    ("Ольга Николаевна Иванова", [IVANOVA]),
    ("с Ивановым О. Н.", [IVANOVA, IVANOV]),                    # a case of either name, the same initials: both
    ("Иванов О.Н. и Марков Ф. А., секретарь", [IVANOV, MARKOV]),  # in the order of the people
    ("Марков Ф. А., Иванов О.Н.", [IVANOV, MARKOV]),
    ("Ли А. С.", [LI]),
    ("Лиа А. С.", []),                                          # a surname of two letters is the whole word
    ("Иванова", []),                                            # a bare surname: namesakes are common
    ("Иванова П. Н.", []),                                      # other initials
    ("", []),
])
def test_colleagues_named_among_the_responsible(text, found):
    assert find_people(text, PEOPLE) == found
