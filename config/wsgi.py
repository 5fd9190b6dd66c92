from __future__ import annotations

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from config.frame_stack import on_wide_frame

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

# Each request served from inside one wide frame, so that its frames do not map and unmap
# CPython's frame-stack chunks at every change of depth (config/frame_stack.py, issue 26).
application = on_wide_frame(get_wsgi_application())

# What the process holds once the application is loaded (Django, the URL map, the models'
# metadata, the URL map and its views: some 120,000 objects) lives as long as the process does. The
# collector's full passes walked all of it again every hundred requests or so of a heavy page:
# measured on a staff home at national size, a pass cost about 95 ms, the page's p99 was
# 125 ms against a 37 ms median. Frozen (its garbage collected first, so that none of it is
# kept for good), those objects are left out of every pass: p99 55 ms, the mean 2.5 ms less
# (issue 26, docs/BENCHMARKS.md). The objects made while serving are collected as before.
# The URL map and the views it imports, which the first request would load, are loaded here
# so that they are frozen with the rest.
get_resolver().url_patterns  # noqa: B018
gc.collect()
gc.freeze()
