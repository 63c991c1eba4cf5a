"""The network page: its goal, period, base, members and the interaction model's table (its editing is tested in
test_interaction_model.py)."""


def _network(make):
    school = make.institution("Школа №31", slug="s31")
    theatre = make.institution("Драмтеатр", kind="theatre", slug="drama")
    museum = make.institution("Музей", kind="museum", slug="museum")
    network = make.network(school, name="Культура рядом", slug="kultura", goal="Единое пространство",
                           tasks="1. Театр\n2. Музей")
    theatre_member = make.member(network, theatre, "social_partner", interaction_forms="Спектакли",
                                 social_effect="Культура")
    museum_member = make.member(network, museum, "social_partner", interaction_forms="")
    return school, theatre, museum, network, theatre_member, museum_member


def test_page_shows_goal_period_base_and_interaction_model(client, make, login_as):
    school, theatre, _m, network, _tm, _mm = _network(make)
    login_as(make.user(theatre, "staff"))
    page = client.get("/n/kultura/").get_data(as_text=True)
    for text in ("Культура рядом", "Единое пространство", "01.09.2025", "31.08.2027", "Базовая организация",
                 "Школа №31", "Модель взаимодействия", "Спектакли", "Социальный партнёр"):
        assert text in page, text
    assert "Изменить" not in page  # staff edits nothing


def test_the_network_areas_are_their_own_menu_not_part_of_the_model(client, make, login_as):
    """The links to the plan, projects, council… stood under the heading «Модель взаимодействия»."""
    theatre = _network(make)[1]
    login_as(make.user(theatre, "staff"))
    page = client.get("/n/kultura/").get_data(as_text=True)
    areas, model = page.index('id="areas-heading"'), page.index('id="model-heading"')
    assert "Разделы сети" in page and areas < page.index("Сетевой план мероприятий") < model
    assert "Летопись сети" not in page[model:]
