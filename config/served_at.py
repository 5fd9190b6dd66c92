"""Where a local `manage.py runserver` serves the portal, for PUBLIC_BASE_URL's default.

Plaque QR codes and PDFs print PUBLIC_BASE_URL. A newcomer who starts the portal on another
port (`make run PORT=8123`) and leaves PUBLIC_BASE_URL unset should get plaques that point
at that server, not at port 8000 where nothing answers. Deployments set PUBLIC_BASE_URL.
"""

from __future__ import annotations

DEFAULT = "http://127.0.0.1:8000"
# Addresses that mean "every interface": a browser cannot open them, the loopback it can.
ANY_ADDRESS = {"0.0.0.0", "0", "::", "[::]"}  # noqa: S104 - recognised, never bound


def runserver_base_url(argv: list[str]) -> str:
    """The base URL `runserver [addr:]port` in ``argv`` serves at, or the default."""
    if len(argv) < 2 or argv[1] != "runserver":
        return DEFAULT
    positional = [arg for arg in argv[2:] if not arg.startswith("-")]
    if not positional:
        return DEFAULT
    addrport = positional[0]
    host, sep, port = addrport.rpartition(":")
    if not sep or host.endswith(":"):  # "8123", or a bare IPv6 address
        host, port = "", addrport if addrport.isdigit() else "8000"
    if not port.isdigit():
        return DEFAULT
    if not host or host in ANY_ADDRESS:
        host = "127.0.0.1"
    return f"http://{host}:{port}"
