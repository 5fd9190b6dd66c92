"""Django's zh_Hans formats, with ISO first among the input formats.

Django renders a date input's value in the first of DATE_INPUT_FORMATS; for zh_Hans that is
2026/12/31, which a browser's <input type="date"> cannot read, so a saved date showed empty
and the form failed as if it had never been filled. ISO first fixes every date and time
input of the project, and of the admin, in this one place; the other formats still parse.
"""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%dT%H:%M",  # <input type="datetime-local">
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
]
