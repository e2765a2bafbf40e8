"""Student forms: joining a quiz. (The answer form is read by hand in the view, so that an
expired CSRF token can re-show the question with the child's choice kept.)"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import InputRequired, Length, ValidationError

from question_bank import nicknames
from question_bank.bank import normalise_join_code


class JoinForm(FlaskForm):
    code = StringField(
        "Join code",
        validators=[
            InputRequired("Please type the join code your teacher gave you."),
            Length(max=40, message="That join code is too long. Check it and try again."),
        ],
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )
    nickname = StringField(
        "Nickname",
        validators=[InputRequired("Please type a nickname.")],
        render_kw={"autocomplete": "off", "maxlength": str(nicknames.MAX_LENGTH)},
    )

    def validate_code(self, field: StringField) -> None:
        if not normalise_join_code(field.data or ""):
            raise ValidationError("Please type the join code your teacher gave you.")

    def validate_nickname(self, field: StringField) -> None:
        try:
            field.data = nicknames.clean(field.data or "")
        except nicknames.NicknameError as error:
            raise ValidationError(str(error)) from error
