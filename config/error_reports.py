"""Error reports to a Sentry-compatible service, only when SENTRY_DSN is set.

Called at the end of the settings (as Sentry's Django guide does), so the web processes and
the Celery worker and beat, which all read the settings, report alike. Without a DSN the
SDK is not even initialised: nothing is patched and nothing can be sent.
"""

from __future__ import annotations


def error_reports_start(*, dsn: str, environment: str, traces_sample_rate: float) -> bool:
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        # No user names, addresses, cookies or request bodies: the portal's pages carry
        # stations' heads' mobiles and inspectors' notes.
        send_default_pii=False,
        # Nor the stack frames' local variables: they hold SQL parameters, session keys,
        # form values (a test found the session key there with this left on).
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
    )
    return True
