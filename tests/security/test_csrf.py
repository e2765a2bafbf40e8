"""CSRF on every state-changing route, and GET never changes state (security.md 7)."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.security.conftest import World, app_rules, build_url, diff_snapshots, snapshot

# Views that check the token themselves so an expired token keeps the child's choice: without
# a token they re-show the form with status 400 (a visitor with no attempt is sent to join).
SELF_CHECKED = {"student.answer"}
WHO = ("anonymous", "teacher_a", "student")


def _plausible_form(world: World) -> dict[str, str]:
    """Fields most forms want, so it is the missing token (not a missing field) that refuses."""
    return {
        "option": "1",
        "code": world.code_a,
        "nickname": "Heron",
        "email": "a@school.test",
        "password": "correct horse battery",
        "title": "Changed title",
        "text": "Changed text. It has two sentences.",
        "reason": "other",
        "n": "1",
    }


def test_every_post_without_a_token_is_refused_and_changes_nothing(world: World) -> None:
    problems: list[str] = []
    for who in WHO:
        world.client(who)  # log in and join first: those write
    before = snapshot(world.db)
    posts = 0
    for rule in app_rules(world.app):
        if "POST" not in (rule.methods or set()):
            continue
        posts += 1
        url = build_url(rule, world)
        for who in WHO:
            response = world.client(who).post(url, data=_plausible_form(world))
            ok = response.status_code == 400
            if rule.endpoint in SELF_CHECKED and who != "student":
                location = urlsplit(response.headers.get("Location", "")).path
                ok = ok or (response.status_code == 302 and location.startswith("/join"))
            if not ok:
                problems.append(f"POST {url} as {who} without a token: {response.status_code}")
            after = snapshot(world.db)
            if changed := diff_snapshots(before, after):
                problems.append(f"POST {url} as {who} without a token changed {changed}")
                before = after
    assert posts >= 5, "the walk found (almost) no POST routes"
    assert problems == [], "\n".join(problems)


def test_a_wrong_token_is_refused_too(world: World) -> None:
    client = world.client("teacher_a")
    before = snapshot(world.db)
    response = client.post(
        f"/teacher/quizzes/{world.quiz_a}/close", data={"csrf_token": "forged.token.value"}
    )
    assert response.status_code == 400
    assert diff_snapshots(before, snapshot(world.db)) == []


def test_get_never_changes_state(world: World) -> None:
    problems: list[str] = []
    gets = 0
    for who in ("anonymous", "student", "teacher_a", "teacher_b"):
        client = world.client(who)
        before = snapshot(world.db)  # logging in and joining write; GETs must not
        for rule in app_rules(world.app):
            if "GET" not in (rule.methods or set()):
                continue
            gets += 1
            url = build_url(rule, world)
            response = client.get(url)
            response.close()
            after = snapshot(world.db)
            if changed := diff_snapshots(before, after):
                problems.append(f"GET {url} as {who} changed {changed}")
                before = after
    assert gets >= 20
    assert problems == [], "\n".join(problems)
