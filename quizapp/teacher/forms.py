"""Forms for the teacher pages (Flask-WTF, CSRF on every state-changing form)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    FieldList,
    FloatField,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SearchField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from question_bank.editing import MAX_ATTEMPTS_ALLOWED, MAX_OPTIONS, MAX_STEM_CHARS
from question_bank.review import REJECTION_REASONS

UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def choices(pairs: Iterable[tuple[object, str]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms choices (tuples are deprecated in WTForms 3.3)."""
    return [SelectChoice(str(value), label) for value, label in pairs]


class ActionForm(FlaskForm):
    """A button-only form (approve, close, move ...): just the CSRF token."""


class ImportForm(FlaskForm):
    title = StringField("Title", validators=[Optional(), Length(max=300)])
    outlet = StringField(
        "Outlet (where it was published)", validators=[Optional(), Length(max=200)]
    )
    text = TextAreaField("Paste the article", validators=[Optional()])
    upload = FileField("Or upload a file (.txt, .md or .html)")


class ArticleMetaForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=300)])
    outlet = StringField("Outlet", validators=[Optional(), Length(max=200)])


class RejectForm(FlaskForm):
    reason = SelectField(
        "Reason", choices=choices([("", "Choose a reason...")] + list(REJECTION_REASONS))
    )


class ApproveBestForm(FlaskForm):
    n = IntegerField(
        "How many", default=5, validators=[InputRequired(), NumberRange(min=1, max=100)]
    )


class OptionRowForm(Form):
    text = StringField("Option", validators=[Length(max=300)])
    feedback = StringField("Feedback for this option", validators=[Length(max=1000)])


class QuestionEditForm(FlaskForm):
    stem = TextAreaField(
        "Question",
        validators=[DataRequired("Write the question."), Length(max=MAX_STEM_CHARS)],
    )
    # One row more than allowed, so that a sixth option is reported instead of dropped.
    options = FieldList(
        FormField(OptionRowForm), min_entries=MAX_OPTIONS, max_entries=MAX_OPTIONS + 1
    )
    correct = RadioField("Correct option", choices=[], validate_choice=False)
    explanation = TextAreaField(
        "Explanation (shown after answering)", validators=[Length(max=2000)]
    )
    sentence = SelectField("Evidence sentence", coerce=int, validate_choice=False)

    def correct_rows(self) -> set[int]:
        """Indexes of the rows marked correct (a forged post may send several)."""
        rows: set[int] = set()
        for value in self.correct.raw_data or []:
            if str(value).isdigit():
                rows.add(int(value))
            else:
                rows.add(-1)
        return rows


def _coerce_int_or_none(value: Any) -> int | None:
    if value in (None, "", "None"):
        return None
    return int(value)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class QuizSettingsFields(FlaskForm):
    title = StringField(
        "Quiz title", validators=[DataRequired("Give the quiz a title."), Length(max=200)]
    )
    shuffle_questions = BooleanField("Shuffle the questions for each student")
    shuffle_options = BooleanField("Shuffle the options", default=True)
    feedback_mode = RadioField(
        "Feedback",
        choices=choices(
            [
                ("immediate", "Immediate: after each answer"),
                ("deferred", "Deferred: at the end of the quiz"),
            ]
        ),
        default="immediate",
    )
    attempts_allowed = IntegerField(
        "Attempts allowed per student",
        default=1,
        validators=[InputRequired(), NumberRange(min=1, max=MAX_ATTEMPTS_ALLOWED)],
    )
    is_open = BooleanField("Open for answers", default=True)


class ChooseQuizForm(QuizSettingsFields):
    questions = MultiCheckboxField("Questions", coerce=int)


class BestQuizForm(QuizSettingsFields):
    articles = MultiCheckboxField("Articles", coerce=int)
    n = IntegerField(
        "Number of questions", default=10, validators=[InputRequired(), NumberRange(1, 100)]
    )


class QuizSettingsForm(QuizSettingsFields):
    pass


class SearchForm(Form):
    """The bank's filters, read from the query string (GET: no CSRF, changes nothing)."""

    q = SearchField("Question text contains", validators=[Optional(), Length(max=200)])
    article = SelectField("Article", coerce=_coerce_int_or_none, validate_choice=False)
    kind = SelectField(
        "Kind",
        default="",
        choices=choices(
            [("", "Any kind"), ("mcq", "Multiple choice"), ("true_false", "True/false")]
        ),
    )
    status = SelectField(
        "Status",
        default="",
        choices=choices(
            [("", "Any status"), ("draft", "Draft"), ("ready", "Ready"), ("rejected", "Rejected")]
        ),
    )
    max_grade = FloatField("Reading grade at most", validators=[Optional(), NumberRange(0, 30)])
    min_difficulty = FloatField("Difficulty from", validators=[Optional(), NumberRange(0, 1)])
    max_difficulty = FloatField("Difficulty to", validators=[Optional(), NumberRange(0, 1)])


class BankImportForm(FlaskForm):
    fmt = SelectField("Format", choices=choices([("gift", "GIFT"), ("moodle-xml", "Moodle XML")]))
    upload = FileField("File")
    text = TextAreaField("Or paste the file's text", validators=[Optional()])
    article = SelectField("Attach to", coerce=int, validate_choice=False)
