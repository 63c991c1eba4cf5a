from __future__ import annotations

import pytest

from tests.operator.helpers import log_in


@pytest.fixture
def operator(make):
    return make.user(None, None, operator=True, full_name="Оператор Управления", email="operator@city.test")


@pytest.fixture
def console(client, operator):
    """The test client, logged in as the operator."""
    log_in(client, operator.email)
    return client
