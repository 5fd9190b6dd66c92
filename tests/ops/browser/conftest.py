# The browser tests' fixtures (Debian's Chromium through Playwright, the live server).
from tests.e2e.conftest import (  # noqa: F401
    browser,
    login,
    page,
    pytest_runtest_makereport,
    viewport,
)
