"""Teacher passwords: strength rules (ASVS 2.1) and hashing at current strength (ASVS 2.4)."""

from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

# PBKDF2-SHA256 at OWASP's 2023 recommendation; Werkzeug's default scrypt (N=2^15) is below it.
PASSWORD_METHOD = "pbkdf2:sha256:600000"
MIN_LENGTH = 12
MAX_LENGTH = 128

# Passwords of 12+ characters that still top breach lists; a longer list is not needed to stop
# the obvious ones, and the length rule does most of the work.
COMMON_PASSWORDS = frozenset(
    {
        "password1234",
        "password12345",
        "password123456",
        "passwordpassword",
        "123456789012",
        "1234567890123",
        "12345678901234",
        "qwertyuiopas",
        "qwerty123456",
        "qwertyuiop12",
        "1q2w3e4r5t6y",
        "1qaz2wsx3edc",
        "iloveyou1234",
        "letmein12345",
        "welcome12345",
        "administrator",
        "abcdefghijkl",
        "abc123456789",
        "111111111111",
        "000000000000",
        "aaaaaaaaaaaa",
        "trustno1trustno1",
        "football1234",
        "baseball1234",
        "superman1234",
        "princess1234",
        "sunshine1234",
        "monkey123456",
        "dragon123456",
        "changeme1234",
        "passw0rd1234",
        "p@ssw0rd1234",
        "teacher12345",
        "school123456",
        "classroom123",
        "student12345",
        "correcthorsebatterystaple",
        "qwertyqwerty",
        "asdfghjklasd",
        "zxcvbnmzxcvb",
        "password!234",
        "Password1234",
        "Password123!",
    }
)


class PasswordError(ValueError):
    """The password does not meet the rules; the message says why."""


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise PasswordError(f"Use at least {MIN_LENGTH} characters (a short sentence works well).")
    if len(password) > MAX_LENGTH:
        raise PasswordError(f"Use at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    if lowered in {p.lower() for p in COMMON_PASSWORDS} or len(set(password)) <= 2:
        raise PasswordError("That password is too common. Choose something less easy to guess.")


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_METHOD)


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)
