"""Locust scenario: a class joins one quiz in the same second, answers every question, finishes;
a teacher downloads the results CSV meanwhile. Run by benchmarks/run_load.py (127.0.0.1 only).

Environment: QUIZ_CODE, QUIZ_QUESTIONS, TEACHER_EMAIL, TEACHER_PASSWORD, QUIZ_ID,
LOAD_STUDENTS (users that are students; the start waits until all are spawned), LOAD_PHASE
(``students`` or ``bare``), LOAD_THINK_SECONDS (0 by default: every student presses the button
the instant the page arrives, the worst case; a positive value makes each student read each
question for a random 0.5x-1.5x that many seconds before answering, as children do).
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
            page = self.client.get(f"/q/{CODE}/{n}", name="question GET").text or ""
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
            ) as reply:
                if reply.status_code != 302:
                    reply.failure(f"answer: {reply.status_code}")
        self.client.get(f"/q/{CODE}/done", name="summary GET")
        if next(FINISHED) >= STUDENTS and self.environment.runner is not None:
            self.environment.runner.quit()
        raise StopUser()


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
