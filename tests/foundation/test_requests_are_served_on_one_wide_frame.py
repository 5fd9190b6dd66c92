"""Requests are served from inside one wide frame (config/frame_stack.py): CPython 3.11 maps
and unmaps a 16 KB chunk of its frame stack each time the call depth crosses a chunk's end,
and a page whose depth goes back and forth across one paid a page fault and two system calls
at every crossing (issue 26: 1,356 page faults a request on the aid center's home).

Measured in a process of its own: calls going 40 frames down and back, 300 times, from each
of 240 starting depths. Called directly, some starting depth crosses a chunk's end on every
trip; called through the wide frame, none does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from django.conf import settings

from tests.production import production_env

PROBE = """
import resource, sys
sys.setrecursionlimit(10_000)
from config.frame_stack import serve

def down(n):
    return down(n - 1) if n else 0

def trips():
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(300):
        down(40)
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

def at(depth, work):
    return at(depth - 1, work) if depth else work()

def worst(through):
    return max(through(lambda d=d: at(d, trips)) for d in range(240))

print(worst(lambda f: f()), worst(lambda f: serve(f)))
"""


def test_a_depth_that_crosses_a_chunk_crosses_none_on_the_wide_frame():
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    direct, wide = map(int, result.stdout.split())
    # Some starting depth faults on (nearly) every one of the 300 trips when called directly.
    assert direct >= 250, result.stdout
    assert wide <= 30, result.stdout


WSGI = (
    "import config.wsgi\n"
    "from django.core.handlers.wsgi import WSGIHandler\n"
    "app = config.wsgi.application\n"
    "print(isinstance(app.__wrapped__, WSGIHandler), app.__code__.co_filename.endswith('frame_stack.py'))\n"
)


def test_the_production_application_is_served_on_it(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-c", WSGI],
        cwd=settings.BASE_DIR,
        env=production_env(tmp_path, "frame"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]
