"""A test-only document kind whose render takes a known time (config/settings/test.py).

The worker-kill test (tests/documents/test_worker_kill.py) needs a render slow enough to
SIGKILL its worker mid-task, while the document shows "rendering". Production code carries
no hook for that: this app, installed by the test settings only, registers a pledge that
sleeps before it is drawn. Worker processes started by the tests load the same settings.
"""
