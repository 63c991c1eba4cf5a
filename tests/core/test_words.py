"""Russian words: numerals agree with nouns (pymorphy3), quotes inside quotes are „…“."""
from __future__ import annotations

import pytest

from workspace.core.words import nest_quotes, plural, quoted


@pytest.mark.parametrize("n,noun,expected", [
    (1, "заседание", "1 заседание"), (3, "заседание", "3 заседания"), (5, "заседание", "5 заседаний"),
    (21, "заседание", "21 заседание"), (3, "заседаний", "3 заседания"), (22, "человек", "22 человека"),
    (3, "член совета", "3 члена совета"), (3, "обучающийся", "3 обучающихся"), (3, "чел.", "3 чел."),
    (50, "%", "50 %"), (2, "meeting", "2 meetings"), (1, "meeting", "1 meeting"),
])
def test_numerals_agree_with_nouns(n, noun, expected):
    assert plural(n, noun) == expected


@pytest.mark.parametrize("n,expected", [
    (1, "из 1 члена совета"), (3, "из 3 членов совета"), (5, "из 5 членов совета"), (11, "из 11 членов совета"),
    (21, "из 21 члена совета"), (22, "из 22 членов совета"),
])
def test_after_a_preposition_the_whole_phrase_is_genitive(n, expected):
    """«из 1 членов совета» was printed when a council had one seat: «из» governs the genitive."""
    assert "из " + plural(n, "член совета", case="gent") == expected
    assert plural(21, "файл", case="gent") == "21 файла" and plural(20, "файл", case="gent") == "20 файлов"


def test_a_fraction_takes_the_genitive_singular():
    assert plural(2.5, "заседание", "2,5") == "2,5 заседания"


def test_quotes_inside_quotes():
    assert nest_quotes("Журнал группы «Роботы «Старт»»") == "Журнал группы «Роботы „Старт“»"
    assert nest_quotes("МБУ «МИБС» и МБОУ «СОШ №31»") == "МБУ «МИБС» и МБОУ «СОШ №31»"
    assert quoted("Договор с МБУ «МИБС»") == "«Договор с МБУ „МИБС“»"


def test_a_page_heading_and_a_project_indicator(client, make, login_as):
    from tests.projects.test_project_pages import _network
    school, library, _museum, network = _network(make)
    project = make.project(network, school, title="Проект «Чтение»")
    make.project_indicator(project, "Проведено заседаний клуба", 8, 3, unit="заседаний")
    login_as(make.user(school, "coordinator"))
    page = client.get(f"/n/{network.slug}/projects/{project.id}").get_data(as_text=True)
    assert "3 заседания" in page and "8 заседаний" in page and "3 заседаний" not in page


def test_a_heading_with_a_name_in_quotes(client, make, login_as):
    from tests.journal.helpers import mixed_group
    w = mixed_group(make)
    group = make.group(w.programme, "Клуб «Старт»", teacher=w.teacher)
    login_as(w.teacher)
    page = client.get(f"/n/net/journal/groups/{group.id}").get_data(as_text=True)
    assert "Журнал группы «Клуб „Старт“»" in page and "«Клуб «Старт»»" not in page


def test_limits_in_messages_agree_with_their_numbers(app):
    """«Не длиннее 121 символов», «В таблице 501 сотрудников» were written with fixed endings."""
    from wtforms import Form, StringField

    from workspace.core.forms import max_length

    class Short(Form):
        name = StringField(validators=[max_length(121)])

    with app.test_request_context():
        form = Short(data={"name": "ш" * 122})
        assert not form.validate()
        assert form.name.errors == ["Не длиннее 121 символа."]
        assert plural(501, "сотрудник") == "501 сотрудник" and plural(502, "обучающийся") == "502 обучающихся"


def test_a_letter_addresses_a_person_by_name_and_patronymic():
    from workspace.core.words import addressed
    assert addressed("Морозова Елена Викторовна") == "Елена Викторовна"
    assert addressed("Нехай Марина Казбековна") == "Марина Казбековна"
    assert addressed("Мамедов Ильгар Акиф оглы") == "Мамедов Ильгар Акиф оглы"  # four words: left whole
    assert addressed("Алиев Руслан Ильич") == "Руслан Ильич"
    assert addressed("Иванова Ольга") == "Иванова Ольга"                     # no patronymic: whole
    assert addressed("Координатор партнёра Своё-А") == "Координатор партнёра Своё-А"
    assert addressed("  ") == ""
