from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.teacher.conftest import Bank


@pytest.mark.parametrize(
    "path",
    [
        "/teacher/",
        "/teacher/questions",
        "/teacher/articles",
        "/teacher/articles/import",
        "/teacher/quizzes",
        "/teacher/quizzes/new",
        "/teacher/export",
        "/teacher/import-questions",
    ],
)
def test_pages_render(logged_in: FlaskClient, bank: Bank, path: str) -> None:
    response = logged_in.get(path)
    assert response.status_code == 200, response.get_data(as_text=True)[:2000]


def test_object_pages_render(logged_in: FlaskClient, bank: Bank) -> None:
    a, q, z = bank.article.id, bank.questions[0].id, bank.quiz.id
    for path in [
        f"/teacher/articles/{a}",
        f"/teacher/articles/{a}/review",
        f"/teacher/questions/{q}/edit",
        f"/teacher/quizzes/{z}",
        f"/teacher/quizzes/{z}/join-sheet",
        f"/teacher/quizzes/{z}/results",
        f"/teacher/quizzes/{z}/results/delete",
    ]:
        response = logged_in.get(path)
        assert response.status_code == 200, (path, response.get_data(as_text=True)[:3000])
