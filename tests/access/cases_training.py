"""The access harness's rows for the training of station heads (issue 23, item 5)."""

from __future__ import annotations

from tests.training import session_of

from .case import Case


def _union_a_session(w):
    return {"pk": session_of(w.user_a).pk}


def _city_session(w):
    return {"pk": session_of(w.aid).pk}


CASES: dict[str, Case] = {
    "stations:training_list": Case(),
    # An empty form is refused with its errors.
    "stations:training_create": Case(post_ok=(400,)),
    "stations:training_untrained": Case(),
    # Union A's own session: union B gets 404, inspectors are refused by the rule.
    "stations:training_detail": Case(kwargs=_union_a_session, owner="a"),
    # Nothing shown, nothing ticked: saved as no change, back to the session.
    "stations:training_attendance": Case(kwargs=_union_a_session, owner="a", post_ok=(302,)),
}

# The aid center's city-wide session: every union's staff read it and record their heads.
VARIANTS: list[tuple[str, Case]] = [
    ("stations:training_detail", Case(kwargs=_city_session, label="city-wide")),
    (
        "stations:training_attendance",
        Case(kwargs=_city_session, post_ok=(302,), label="city-wide"),
    ),
]
