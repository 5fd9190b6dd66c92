"""The form renderer: Django's, with its plainest widget templates drawn in Python.

Every ``<input>``, ``<select>`` with its ``<option>``s and ``<textarea>`` of every form goes
through Django's widget templates: a template, an include of ``attrs.html`` and, for a
select, an include per option. At national size that was a tenth of the pages with forms
and filters (the award selection's union and district filters alone, 42 options, were
2.5 ms of 20; issue 26). These few templates are drawn here instead, to the byte: each
function is the template it replaces (Django 5.2's ``django/forms/widgets/``), values
shown as the template language shows them (``render_value_in_context``: localised, then
escaped unless safe), ``stringformat:'s'`` as ``str`` keeping a safe value's safety, and
the renderer's ``strip()`` of the outer result. Any other template, a select whose options
use a template of their own among them, is rendered by Django as before.
``tests/foundation/test_form_renderer_draws_as_django_does.py`` compares the two for every
widget of every form the portal has.
"""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

WIDGETS = "django/forms/widgets/"
OPTION = WIDGETS + "select_option.html"
# Each of these is ``{% include "django/forms/widgets/input.html" %}`` and a newline.
INPUTS = frozenset(
    WIDGETS + name + ".html"
    for name in [
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    ]
)

# What the template language renders ``{{ value }}`` with: autoescape on, the active
# language's formats and time zone.
_SHOWN = Context(autoescape=True)


def shown(value) -> str:
    """``{{ value }}``."""
    return render_value_in_context(value, _SHOWN)


def as_text(value) -> str:
    """``{{ value|stringformat:'s' }}``: the filter is safe-preserving, so a safe value is
    shown as it is and any other escaped."""
    if isinstance(value, tuple):
        value = str(value)
    text = "%s" % (value,)  # noqa: UP031 (the filter's own "%" + "s")
    return text if isinstance(value, SafeData) else escape(text)


def attrs(widget: dict) -> str:
    """``attrs.html``."""
    parts = []
    for name, value in widget["attrs"].items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{as_text(value)}"')
    return "".join(parts)


def draw_input(widget: dict) -> str:
    """``input.html``."""
    value = widget["value"]
    shown_value = f' value="{as_text(value)}"' if value is not None else ""
    return (
        f'<input type="{shown(widget["type"])}" name="{shown(widget["name"])}"'
        f"{shown_value}{attrs(widget)}>"
    )


def draw_option(option: dict) -> str:
    """``select_option.html``, with its file's closing newline (the select includes it)."""
    return (
        f'<option value="{as_text(option["value"])}"{attrs(option)}>'
        f"{shown(option['label'])}</option>\n"
    )


def draw_select(widget: dict) -> str | None:
    """``select.html``; None when an option is drawn by a template of its own."""
    parts = [f'<select name="{shown(widget["name"])}"{attrs(widget)}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{shown(group_name)}">')
        for option in group_choices:
            if option["template_name"] != OPTION:
                return None
            parts.append("\n  " + draw_option(option))
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def draw_textarea(widget: dict) -> str:
    """``textarea.html``."""
    value = widget["value"]
    return (
        f'<textarea name="{shown(widget["name"])}"{attrs(widget)}>\n'
        f"{shown(value) if value else ''}</textarea>"
    )


class PortalFormRenderer(DjangoTemplates):
    """settings.FORM_RENDERER."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if isinstance(widget, dict):
            if template_name in INPUTS:
                return draw_input(widget)
            if template_name == WIDGETS + "select.html":
                drawn = draw_select(widget)
                if drawn is not None:
                    return drawn
            elif template_name == WIDGETS + "textarea.html":
                return draw_textarea(widget)
        return super().render(template_name, context, request)
