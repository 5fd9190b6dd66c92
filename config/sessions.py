"""Database sessions that remember the expiry they were stored with.

config.security.IdleSessionRenewalMiddleware renews a session only when its stored expiry
would move by more than a minute; Django's database store reads the expiry on load and
forgets it, so this store keeps it.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    stored_expiry = None

    def _get_session_from_db(self):
        found = super()._get_session_from_db()
        self.stored_expiry = found.expire_date if found is not None else None
        return found
