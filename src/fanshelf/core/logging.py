"""Logging helpers for settings.LOGGING."""

import logging


class RefusalsOnOneLine(logging.Filter):
    """Django logs every 403 and 404 with the exception's traceback; a refusal is not a fault, so
    keep its one line ("Forbidden (Permission denied): /path") and drop the traceback. Server
    errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if status is not None and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
