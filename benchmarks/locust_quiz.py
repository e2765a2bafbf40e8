"""Locust scenario: a class joins one quiz in the same second, answers every question, finishes;
a teacher downloads the results CSV meanwhile. Run by benchmarks/run_load.py (127.0.0.1 only).

Environment: QUIZ_CODE, QUIZ_QUESTIONS, TEACHER_EMAIL, TEACHER_PASSWORD, QUIZ_ID,
LOAD_STUDENTS (users that are students; the start waits until all are spawned), LOAD_PHASE
(``students`` or ``bare``), LOAD_THINK_SECONDS (0 by default: every student presses the button
the instant the page arrives, the worst case; a positive value makes each student read each
question for a random 0.5x-1.5x that many seconds before answering, and each feedback page for
0.25x-0.75x, as children do). In the quiz's default immediate-feedback mode every answer is
followed by its feedback page, as in a browser.
"""

from __future__ import annotations

import itertools
import os
import random
import re

import gevent
from gevent.event import Event
from locust import FastHttpUser, between, constant, events, task
from locust.exception import StopUser

CODE = os.environ.get("QUIZ_CODE", "")
QUESTIONS = int(os.environ.get("QUIZ_QUESTIONS", "8"))
QUIZ_ID = os.environ.get("QUIZ_ID", "")
STUDENTS = int(os.environ.get("LOAD_STUDENTS", "10"))
PHASE = os.environ.get("LOAD_PHASE", "students")
THINK = float(os.environ.get("LOAD_THINK_SECONDS", "0") or 0)
TOKEN_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
OPTION_RE = re.compile(r'name="option"[^>]*value="(\d+)"')

MESSAGE_RE = re.compile(
    r'<(?:p|div)[^>]*class="[^"]*(?:notice|message|flash|error)[^"]*"[^>]*>(.*?)</', re.S
)


def _why(page: str) -> str:
    """The message a refused answer's page shows the child (for diagnosing failures)."""
    found = MESSAGE_RE.search(page)
    if found:
        return " ".join(found.group(1).split())[:120]
    return f"(no message; {len(page)} bytes: {' '.join(page[:160].split())})"


START = Event()  # the barrier: nobody starts before every student exists
FINISHED = itertools.count(1)
NAMES = itertools.count(1)


@events.spawning_complete.add_listener
def _all_spawned(user_count: int, **_: object) -> None:
    START.set()


class Student(FastHttpUser):
    """One child: join, then every question once, then the score page."""

    weight = 100
    wait_time = constant(0)

    def on_start(self) -> None:
        START.wait()

    @task
    def take_the_quiz(self) -> None:
        if PHASE == "bare":
            self.client.get("/bare/", name="bare GET")
            return
        page = self.client.get(f"/join/{CODE}", name="join GET").text or ""
        token = TOKEN_RE.search(page)
        if token is None:
            raise StopUser()
        nickname = f"Kid {next(NAMES)}"
        with self.client.post(
            f"/join/{CODE}",
            data={"code": CODE, "nickname": nickname, "csrf_token": token.group(1)},
            name="join POST",
            allow_redirects=False,
            catch_response=True,
        ) as reply:
            if reply.status_code != 302:
                reply.failure(f"join: {reply.status_code}")
                raise StopUser()
        for n in range(1, QUESTIONS + 1):
            # A refused or lost answer is counted as a failure, then the child does what a
            # child does: the question is shown again and they press the button once more.
            for _attempt in range(3):
                if self._answer(n):
                    break
        self.client.get(f"/q/{CODE}/done", name="summary GET")
        if next(FINISHED) >= STUDENTS and self.environment.runner is not None:
            gevent.spawn_later(2, self.environment.runner.quit)  # let the last stats land
        raise StopUser()

    def _answer(self, n: int) -> bool:
        """Open question ``n``, read it, answer it; ``True`` when the answer was acknowledged.

        After a failure the next call opens the same question again: if the lost answer was in
        fact stored, the page moves on (a redirect) and there is nothing to answer twice.
        """
        reply = self.client.get(f"/q/{CODE}/{n}", name="question GET", allow_redirects=False)
        if 300 <= reply.status_code < 400:
            return True  # answered already: the server moves this child on
        page = reply.text or ""
        options = OPTION_RE.findall(page)
        token = TOKEN_RE.search(page)
        if not options or token is None:
            self.environment.events.request.fire(
                request_type="CHECK",
                name="question has options",
                response_time=0,
                response_length=0,
                exception=AssertionError(f"question {n} without options"),
            )
            raise StopUser()
        if THINK > 0:
            gevent.sleep(random.uniform(0.5 * THINK, 1.5 * THINK))
        with self.client.post(
            f"/q/{CODE}/{n}",
            data={"option": options[0], "csrf_token": token.group(1)},
            name="answer POST",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                answer.failure(f"answer: {answer.status_code} {_why(answer.text or '')}")
                return False
            where = answer.headers.get("Location") or ""
        if "/feedback" in where:
            # Immediate feedback (the quiz's default): the browser follows the redirect and the
            # child reads whether they were right, the explanation and the quote.
            self.client.get(where, name="feedback GET")
            if THINK > 0:
                gevent.sleep(random.uniform(0.25 * THINK, 0.75 * THINK))
        return True


class Teacher(FastHttpUser):
    """The teacher downloads the results CSV every couple of seconds during the quiz."""

    fixed_count = 1
    weight = 1
    wait_time = between(1.5, 2.5)

    def on_start(self) -> None:
        page = self.client.get("/teacher/login", name="teacher login GET").text or ""
        token = TOKEN_RE.search(page)
        assert token
        self.client.post(
            "/teacher/login",
            data={
                "email": os.environ.get("TEACHER_EMAIL", ""),
                "password": os.environ.get("TEACHER_PASSWORD", ""),
                "csrf_token": token.group(1),
            },
            name="teacher login POST",
            allow_redirects=False,
        )
        START.wait()

    @task
    def export(self) -> None:
        if PHASE == "bare":
            raise StopUser()
        self.client.get(f"/teacher/quizzes/{QUIZ_ID}/results.csv", name="results CSV GET")
