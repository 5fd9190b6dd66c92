"""The shape of every action table: one row per move a person (or a rule of the programme)
may make on a record that changes state.

A record type writes its table once, beside its statuses (stations' ``ACTIONS`` is the
first; orders, appeals, assessments, award years, tickets follow it). Its services call
``check`` before they change anything, its views dispatch on the row, and its templates draw
buttons, labels and confirmations from it (``available``), so a rule of who may do what from
where is written in one place and read by every door.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from .roles import role_of


class ActionRefused(ValidationError):
    """A move the record's current state does not allow."""


@dataclass(frozen=True)
class Action:
    name: str
    # The statuses it starts from.
    sources: tuple[str, ...]
    # Where it leads; None when the status stays (a reply, a reissue).
    target: str | None
    roles: frozenset[str]
    label: Promise
    needs_reason: bool = False
    reason_label: Promise | None = None
    # Asked in the browser before the form is sent; None for harmless actions.
    confirm: Promise | None = None
    # Bootstrap colour of the button: "danger" for final or harmful actions.
    style: str = "primary"
    # False for moves the system or another page makes.
    button: bool = True
    # A further condition on the record itself, beyond its status.
    applies: Callable[[Any], bool] | None = None
    # True for moves a rule of the programme may make with no person behind it (by=None).
    system: bool = False

    def allows(self, record: Any, role: str | None, status: str | None = None) -> bool:
        status = record.status if status is None else status
        return (
            status in self.sources
            and role in self.roles
            and (self.applies is None or self.applies(record))
        )


def table(*actions: Action) -> dict[str, Action]:
    return {a.name: a for a in actions}


# A move that creates its record starts from no status at all: its row's ``sources`` is
# ``(NEW,)`` and its service checks it with ``status=NEW`` against the record it hangs off
# (the station an order is opened on, the check an appeal contests).
NEW = ""


def has_scope(record: Any) -> bool:
    """Whether ``record`` is a kind of row with a scope of its own (unions/scopes.py: every
    row of a union, a station or a document has one; the test of every model holds it). A
    record with none (an award year, a quarterly assessment: the aid center's alone) or no
    record at all (a computation of a quarter) is decided by the role."""
    manager = getattr(type(record), "_default_manager", None)
    return hasattr(manager, "visible_to")


def in_scope(record: Any, user) -> bool:
    """Whether ``user`` sees ``record`` by the one scope table (unions/scopes.py): a union's
    staff only their union's rows, a district inspector only their district's."""
    return type(record)._default_manager.visible_to(user).filter(pk=record.pk).exists()


def check_scope(record: Any, user) -> None:
    """Raise PermissionDenied unless ``user`` sees ``record``: a service refuses another
    union's (or district's) record itself, whatever the view looked up."""
    if not in_scope(record, user):
        raise PermissionDenied(_("This record is not yours to change."))


def check(
    actions: Mapping[str, Action],
    name: str,
    record: Any,
    user,
    *,
    reason: str = "",
    status: str | None = None,
    labels: Mapping[str, Any] | None = None,
    scoped: bool = True,
) -> str:
    """Raise PermissionDenied (wrong role, or a record outside the user's scope) or
    ActionRefused (wrong state) unless ``user`` may take action ``name`` on ``record`` now;
    return the cleaned reason.

    ``user=None`` is the system applying a rule of the programme; only rows marked
    ``system`` accept it. Views pass request.user, so no request reaches that branch.
    The record's scope is checked when it has one (``has_scope``); ``scoped=False`` when the
    caller's reach is another rule's (a peer review is of another union's station: the
    pairing decides, inspections/permissions.py)."""
    step = actions[name]
    if user is None:
        if not step.system:
            raise PermissionDenied(_("Your role may not make this change."))
    elif role_of(user) not in step.roles:
        raise PermissionDenied(_("Your role may not make this change."))
    elif scoped and has_scope(record):
        check_scope(record, user)
    current = record.status if status is None else status
    if current not in step.sources:
        shown = labels.get(current, current) if labels else current
        raise ActionRefused(
            _("“%(action)s” is not possible for a record that is “%(current)s”.")
            % {"action": step.label, "current": shown}
        )
    if step.applies is not None and not step.applies(record):
        raise ActionRefused(_("“%(action)s” does not apply here.") % {"action": step.label})
    reason = (reason or "").strip()
    if step.needs_reason and not reason:
        raise ValidationError(_("Please give a reason."))
    return reason


def available(actions: Iterable[Action], record: Any, user) -> list[Action]:
    """The buttons ``user`` may press on ``record`` now, in the table's order."""
    role = role_of(user)
    return [a for a in actions if a.button and a.allows(record, role)]
