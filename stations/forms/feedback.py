"""The worker's feedback form and the staff forms around it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import FeedbackProblem
from ..services.feedback import COMMENT_MAX

# What each star means, read aloud by a screen reader and shown under the stars.
RATING_WORDS = {
    1: _("Very poor"),
    2: _("Poor"),
    3: _("OK"),
    4: _("Good"),
    5: _("Very good"),
}


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was it?"),
        choices=[(n, str(n)) for n in RATING_WORDS],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please tap a number of stars.")},
    )
    problems = forms.MultipleChoiceField(
        label=_("Anything wrong?"),
        choices=FeedbackProblem.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(
        label=_("Anything else (optional)"),
        max_length=COMMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": COMMENT_MAX}),
        help_text=_("Please do not write names or phone numbers."),
    )


class ModerationForm(forms.Form):
    note = forms.CharField(label=_("Moderation note"), max_length=200, required=False)


class TicketReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Your reply"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you found at the station and what was done."),
    )


class TicketCloseForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)
