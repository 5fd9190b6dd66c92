"""config/form_renderer.py draws Django's plainest widget templates in Python (issue 26).

Each must come out byte for byte as Django's own templates draw it: for the edge cases
those templates have (a value of None, "", a number or a safe string; an attribute True,
False, lazy or safe; option groups; a lazy or safe label), in both languages, and for every
widget of every form the portal has. A widget drawn by another template (radios, a select
whose options have a template of their own) is left to Django, and so comes out the same.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from decimal import Decimal
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from config.form_renderer import PortalFormRenderer

from ..factories import StationFactory

DJANGO = DjangoTemplates()
OURS = PortalFormRenderer()

ATTRS = {
    "class": "form-control",
    "required": True,
    "disabled": False,
    "data-quoted": 'say "hi" <b> & bye',
    "data-safe": mark_safe("<b>kept</b>"),  # noqa: S308 (the case under test)
    "placeholder": gettext_lazy("Password"),
    "maxlength": 40,
}
VALUES = [None, "", "plain", 'a<b> & "c"', mark_safe("<i>safe</i>"), 12, 3.5, Decimal("2.50")]  # noqa: S308
CHOICES = [
    ("", "---------"),
    (1, "一号"),
    ("a&b", mark_safe("<b>safe label</b>")),  # noqa: S308
    (2, gettext_lazy("Password")),
    (3, 3),
    ("分组", [(4, "组内一"), (5, 'quote "q"')]),
]


class OwnOption(forms.Select):
    option_template_name = "django/forms/widgets/attrs.html"


WIDGETS = [
    forms.TextInput(attrs=ATTRS),
    forms.NumberInput(attrs={"step": "0.5", "min": 0}),
    forms.EmailInput(),
    forms.URLInput(),
    forms.TelInput(),
    forms.SearchInput(),
    forms.ColorInput(),
    forms.HiddenInput(),
    forms.PasswordInput(render_value=True),
    forms.PasswordInput(),
    forms.DateInput(attrs={"type": "date"}),
    forms.TimeInput(),
    forms.DateTimeInput(),
    forms.CheckboxInput(attrs={"class": "form-check-input"}),
    forms.FileInput(),
    forms.Textarea(attrs={"rows": 3}),
    forms.Select(attrs=ATTRS, choices=CHOICES),
    forms.SelectMultiple(choices=CHOICES),
    forms.NullBooleanSelect(),
    forms.RadioSelect(choices=CHOICES[:3]),
    forms.CheckboxSelectMultiple(choices=CHOICES[:3]),
    OwnOption(choices=CHOICES[:3]),
]
EXTRA_VALUES = [1, "a&b", 4, [1, 4], ["a&b"], True, False, dt.date(2026, 12, 7), "第一行\n<第二行>"]


def _drawn(renderer, widget, name, value, attrs):
    try:
        return widget.render(name, value, attrs=attrs, renderer=renderer)
    except (TypeError, KeyError) as exc:  # a value the widget itself refuses, before drawing
        return type(exc)


def _same(widget, name, value, attrs=None) -> None:
    theirs = _drawn(DJANGO, widget, name, value, attrs)
    ours = _drawn(OURS, widget, name, value, attrs)
    assert ours == theirs, (type(widget).__name__, name, value)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("widget", WIDGETS, ids=lambda w: type(w).__name__)
def test_each_widget_and_value_as_django_draws_it(widget, language):
    with override(language):
        for value in VALUES + EXTRA_VALUES:
            _same(widget, "field_<name>", value, attrs={"id": "id_field"})
            _same(widget, "field", value)


def test_the_select_is_drawn_here_and_the_rest_is_left_to_django():
    drawn = forms.Select(choices=CHOICES).render("f", 1, renderer=OURS)
    assert drawn.startswith('<select name="f">\n  <option value="">---------</option>\n')
    assert '\n  <optgroup label="分组">\n  <option value="4">组内一</option>\n' in drawn
    assert '<option value="1" selected>一号</option>' in drawn
    assert '<option value="a&amp;b"><b>safe label</b></option>' in drawn
    assert OURS.render("django/forms/widgets/attrs.html", {"widget": {"attrs": {"a": 1}}}) == (
        'a="1"'
    )


def _portal_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in the portal's own apps (the folders beside manage.py),
    wherever it is defined: forms modules, views and selectors."""
    root = Path(settings.BASE_DIR).resolve()
    own = {c.name for c in apps.get_app_configs() if Path(c.path).resolve().parent == root}
    for name in own:
        for module in pkgutil.walk_packages([str(root / name)], prefix=name + "."):
            if not any(part in module.name for part in (".migrations", ".management", "settings")):
                importlib.import_module(module.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".", 1)[0] in own and cls.base_fields:
            found.append(cls)
    return found


@pytest.mark.django_db
def test_every_widget_of_every_portal_form_as_django_draws_it():
    StationFactory()  # a row for the model choices to offer
    classes = _portal_forms()
    assert len(classes) > 40, [c.__name__ for c in classes]
    drawn = 0
    for cls in classes:
        for name, field in cls.base_fields.items():
            # A model choice whose queryset the form's __init__ sets cannot be drawn unbound.
            if isinstance(field, forms.ModelChoiceField) and field.queryset is None:
                continue
            values = [None, field.initial]
            choices = list(getattr(field, "choices", []) or [])
            values += [value for value, _label in choices[:3]]
            for value in values:
                if callable(value):
                    continue
                _same(field.widget, name, value, attrs={"id": f"id_{name}"})
                drawn += 1
    assert drawn > 200
