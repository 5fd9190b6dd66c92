"""Requests served on one wide frame: CPython 3.11's frame stack, mapped once a request.

CPython 3.11 keeps its frames (their locals and value stacks) on a data stack made of 16 KB
chunks (Python/pystate.c, ``push_chunk`` and ``_PyThreadState_PopFrame``): a call that finds
no room left in the current chunk maps a new one (mmap), and the chunk is unmapped again as
soon as that call returns. A request whose call depth goes back and forth across a chunk's
end, as a template's nested nodes do, maps, faults in and unmaps a chunk at every crossing.

Measured in a gunicorn worker at national size (issue 26, docs/BENCHMARKS.md, "a fifth
look"): the aid center's home drawn afresh crossed 1,350 times a request (strace: 27,000
mmap and as many munmap calls in 20 requests), 1,356 page faults and 9.6 ms of system time
a request, 27-29 ms of CPU against 16.5 ms for the same request in a process whose stack
happened to sit elsewhere. Where the crossings fall depends on how deep the server's own
frames put the application, so a page could pay it in one process and not in another.

Each request is served from inside a frame of ``WIDE_SLOTS`` locals that are never used.
Pushing it maps one 128 KB chunk, and the request's frames fit in the 60-odd KB left after
it, so they cross no chunk's end; the chunk is unmapped once, when the request returns. The
aid center's home: 21 page faults and 0.5 ms of system time a request, 16.4 ms of CPU. The
price on every request is that one mapping and the pages it touches (about 16 page faults).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

# 8,192 locals of 8 bytes: a 64 KB frame, for which CPython maps a 128 KB chunk (16 KB
# doubled until the frame fits), leaving about 60 KB for the request's own frames.
WIDE_SLOTS = 8192


def _wide_frame(slots: int) -> Callable:
    """``serve(app, *args)``: ``app(*args)`` called from a frame of ``slots`` locals. The
    locals are named in a branch that never runs: the frame is as wide as its names, and
    nothing is stored in them."""
    names = " = ".join(f"_{i}" for i in range(slots))
    source = (
        f"def serve(app, *args):\n    if False:\n        {names} = None\n    return app(*args)\n"
    )
    scope: dict = {}
    # Source made here from integers only, never from input.
    exec(compile(source, "<config.frame_stack>", "exec"), scope)  # noqa: S102
    return scope["serve"]


serve = _wide_frame(WIDE_SLOTS)


def on_wide_frame(app: Callable) -> Callable:
    """The WSGI application ``app``, each request served from inside the wide frame."""

    @wraps(app)
    def application(environ, start_response):
        return serve(app, environ, start_response)

    return application
