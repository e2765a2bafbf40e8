"""Topics: several articles on one event, their facts checked across sources (/teacher/topics)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from werkzeug.wrappers import Response
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from question_bank import bank
from question_bank import topics as qtopics
from question_bank.models import Article, Teacher, Topic
from quizapp.db import get_session

bp = Blueprint("topics", __name__, url_prefix="/teacher/topics")


class TopicActionForm(FlaskForm):
    """A button-only form (group, confirm, split, reject): just the CSRF token."""


class MergeForm(FlaskForm):
    other = SelectField("Merge with", validators=[InputRequired()], choices=[])


class TopicQuizForm(FlaskForm):
    title = StringField("Quiz title", validators=[DataRequired(), Length(max=200)])
    n = IntegerField(
        "Number of questions",
        default=8,
        validators=[InputRequired(), NumberRange(min=1, max=50)],
    )
    media_literacy = BooleanField("Add questions about where the reports disagree")


def _db() -> Session:
    return get_session()


def _teacher() -> Teacher:
    teacher: Teacher = current_user.teacher
    return teacher


def _topic_or_404(topic_id: int) -> Topic:
    topic = _db().scalar(
        select(Topic)
        .where(Topic.id == topic_id, Topic.owner_id == _teacher().id)
        .options(selectinload(Topic.articles))
    )
    if topic is None:
        abort(404)
    return topic


def _merge_form(topic: Topic) -> MergeForm:
    form = MergeForm(prefix="merge")
    others = [t for t in qtopics.owner_topics(_db(), _teacher()) if t.id != topic.id]
    form.other.choices = [(str(t.id), f"{t.name} ({len(t.articles)} articles)") for t in others]
    return form


@bp.route("/")
@login_required
def index() -> str:
    """The teacher's topics, with a button to group articles again."""
    topics = qtopics.owner_topics(_db(), _teacher())
    ungrouped = (
        _db()
        .scalars(
            select(Article).where(Article.owner_id == _teacher().id, Article.topic_id.is_(None))
        )
        .all()
    )
    return render_template(
        "topics/index.html", topics=topics, ungrouped=ungrouped, form=TopicActionForm()
    )


@bp.route("/assign", methods=["POST"])
@login_required
def assign() -> Response:
    """Group the teacher's articles into topics (confirmed topics are kept)."""
    if not TopicActionForm().validate_on_submit():
        abort(400)
    topics = qtopics.assign_topics(_db(), _teacher())
    _db().commit()
    flash(f"Found {len(topics)} topics.")
    return redirect(url_for("topics.index"))


@bp.route("/<int:topic_id>")
@login_required
def detail(topic_id: int) -> str:
    """One topic: sources side by side, conflicts with quotes, agreed and single facts."""
    topic = _topic_or_404(topic_id)
    articles = qtopics.topic_articles(_db(), topic)
    alignment = qtopics.align_topic(_db(), topic)
    quiz_form = TopicQuizForm(prefix="quiz")
    if not quiz_form.title.data:
        quiz_form.title.data = f"Topic quiz: {topic.name}"[:200]
    return render_template(
        "topics/detail.html",
        topic=topic,
        articles=articles,
        by_id={a.id: a for a in articles},
        alignment=alignment,
        conflicts=[f for f in alignment.facts if f.status == qtopics.CONFLICTING],
        agreed=[f for f in alignment.facts if f.status == qtopics.CORROBORATED],
        singles=[f for f in alignment.facts if f.status == qtopics.SINGLE],
        form=TopicActionForm(),
        merge_form=_merge_form(topic),
        quiz_form=quiz_form,
    )


@bp.route("/<int:topic_id>/confirm", methods=["POST"])
@login_required
def confirm(topic_id: int) -> Response:
    """The teacher agrees these articles report one event."""
    topic = _topic_or_404(topic_id)
    if not TopicActionForm().validate_on_submit():
        abort(400)
    qtopics.confirm_topic(_db(), topic)
    _db().commit()
    flash("Topic confirmed.")
    return redirect(url_for("topics.detail", topic_id=topic.id))


@bp.route("/<int:topic_id>/split/<int:article_id>", methods=["POST"])
@login_required
def split(topic_id: int, article_id: int) -> Response:
    """Move one article out of the topic (into a topic of its own)."""
    topic = _topic_or_404(topic_id)
    article = next((a for a in topic.articles if a.id == article_id), None)
    if article is None:
        abort(404)
    if not TopicActionForm().validate_on_submit():
        abort(400)
    try:
        qtopics.split_article(_db(), topic, article)
    except qtopics.TopicError as error:
        flash(str(error))
        return redirect(url_for("topics.detail", topic_id=topic.id))
    _db().commit()
    flash(f"'{article.title}' was moved out of this topic.")
    return redirect(url_for("topics.detail", topic_id=topic.id))


@bp.route("/<int:topic_id>/merge", methods=["POST"])
@login_required
def merge(topic_id: int) -> Response:
    """Merge another of the teacher's topics into this one."""
    topic = _topic_or_404(topic_id)
    form = _merge_form(topic)
    if not form.validate_on_submit():
        flash("Choose one of your other topics to merge with.")
        return redirect(url_for("topics.detail", topic_id=topic.id))
    other = _topic_or_404(int(form.other.data))
    try:
        qtopics.merge_topics(_db(), topic, other)
    except qtopics.TopicError as error:
        flash(str(error))
        return redirect(url_for("topics.detail", topic_id=topic.id))
    _db().commit()
    flash("Topics merged.")
    return redirect(url_for("topics.detail", topic_id=topic.id))


@bp.route("/<int:topic_id>/reject-names", methods=["POST"])
@login_required
def reject_names(topic_id: int) -> Response:
    """Reject the questions that show a name spelled differently from the other sources."""
    topic = _topic_or_404(topic_id)
    if not TopicActionForm().validate_on_submit():
        abort(400)
    alignment = qtopics.align_topic(_db(), topic)
    count = qtopics.reject_name_conflict_questions(_db(), topic, alignment)
    _db().commit()
    flash(f"Rejected {count} questions that use a name the other sources spell differently.")
    return redirect(url_for("topics.detail", topic_id=topic.id))


@bp.route("/<int:topic_id>/quiz", methods=["POST"])
@login_required
def build_quiz(topic_id: int) -> Response | tuple[str, int]:
    """Build a quiz from the topic: corroborated facts first, nothing a source contradicts."""
    topic = _topic_or_404(topic_id)
    form = TopicQuizForm(prefix="quiz")
    if not form.validate_on_submit():
        flash("Give the quiz a title and a number of questions between 1 and 50.")
        return redirect(url_for("topics.detail", topic_id=topic.id))
    assert form.n.data is not None and form.title.data is not None
    alignment = qtopics.align_topic(_db(), topic)
    questions = qtopics.topic_questions(_db(), topic, form.n.data, alignment=alignment)
    if form.media_literacy.data:
        extra = qtopics.media_literacy_questions(_db(), topic, alignment)
        questions = questions[: max(0, form.n.data - len(extra))] + extra
    try:
        quiz = bank.create_quiz(_db(), _teacher(), form.title.data, questions)
    except bank.BankError as error:
        _db().rollback()
        flash(f"No quiz was made: {error}")
        return redirect(url_for("topics.detail", topic_id=topic.id))
    _db().commit()
    flash(f"Quiz created with {len(quiz.items)} questions. Join code: {quiz.join_code}.")
    return redirect(url_for("teacher.quiz", quiz_id=quiz.id))
