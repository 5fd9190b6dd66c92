"""``createsuperuser`` that never stores a password the validators refuse.

Django's command validates an interactive password but offers to bypass the validators,
and with ``--noinput`` it stores DJANGO_SUPERUSER_PASSWORD without validating it at all.
An administrator's password is the most valuable one on the portal, so both holes close
here: the same AUTH_PASSWORD_VALIDATORS as every other way of setting a password (the
admin's forms, the password-change page, ``changepassword``), and no bypass.

This app is listed before django.contrib.auth in INSTALLED_APPS so that its command wins.
"""

from __future__ import annotations

import builtins
import os
from contextlib import contextmanager

from django.contrib.auth.management.commands import createsuperuser as django_command
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import CommandError

PASSWORD_ENV = "DJANGO_SUPERUSER_PASSWORD"  # noqa: S105  (a variable name, not a password)
BYPASS_QUESTION = "Bypass password validation"


class Command(django_command.Command):
    help = django_command.Command.help + " The password must pass the password validators."

    def handle(self, *args, **options):
        if options["interactive"]:
            with self._no_validation_bypass():
                return super().handle(*args, **options)
        password = os.environ.get(PASSWORD_ENV)
        if password is not None:
            self._validate(password, options)
        return super().handle(*args, **options)

    def _validate(self, password: str, options: dict) -> None:
        """Refuse DJANGO_SUPERUSER_PASSWORD as the interactive prompt would, before any row."""
        fields = {self.UserModel.USERNAME_FIELD, *self.UserModel.REQUIRED_FIELDS}
        attributes = {}
        for name in fields:
            value = options.get(name) or os.environ.get(f"DJANGO_SUPERUSER_{name.upper()}")
            if value and not self.UserModel._meta.get_field(name).is_relation:
                attributes[name] = value
        try:
            validate_password(password, self.UserModel(**attributes))
        except ValidationError as refused:
            raise CommandError(
                f"{PASSWORD_ENV} is refused: " + " ".join(refused.messages)
            ) from refused

    @contextmanager
    def _no_validation_bypass(self):
        """Answer "no" to Django's offer to store a password the validators refused.

        Django asks with the built-in ``input()``, looked up in its command's module; only
        that one question is answered here, every other prompt still reads the terminal.
        """

        def ask(prompt: str = "") -> str:
            if prompt.startswith(BYPASS_QUESTION):
                self.stderr.write("Password validation cannot be bypassed; choose another.")
                return "n"
            return builtins.input(prompt)

        django_command.input = ask
        try:
            yield
        finally:
            del django_command.input
