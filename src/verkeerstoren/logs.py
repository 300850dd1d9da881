# SPDX-License-Identifier: EUPL-1.2
"""Structured logs: one JSON object a line on stderr, for our own events and for Django's.

Code logs through structlog (``structlog.get_logger(__name__)``, event name plus key-value pairs);
stdlib ``logging`` is banned elsewhere (ruff TID251). structlog hands its events to the stdlib
root handler, so our events and those of Django, django-tasks or gunicorn come out through the
same :class:`structlog.stdlib.ProcessorFormatter` with a JSON renderer and the same level filter.
Personal data never goes into a log event (see cases/pseudonym.py).

The settings module puts :func:`logging_config` in ``LOGGING`` and calls :func:`configure_structlog`;
the CLI calls :func:`configure` before it runs a sub-command, so commands that never start Django
log the same way.
"""

from __future__ import annotations

import logging.config
import os
from typing import Any

import structlog
from structlog.typing import EventDict, Processor, WrappedLogger

from verkeerstoren.identifiers import redact

DEFAULT_LEVEL = "WARNING"


def redact_identifiers(_logger: WrappedLogger, _name: str, event: EventDict) -> EventDict:
    """Replace whatever looks like a V-number in an event's text by a marker.

    Nothing of ours logs one, but Django logs the path of a 404 ("Not Found: /cases/<typed>/")
    and a user may have typed a V-number into an address.
    """
    for key, value in event.items():
        if isinstance(value, str):
            event[key] = redact(value)
    return event


# Run on every event, ours (before the hand-over to logging) and foreign ones (in the formatter).
_SHARED: list[Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    # Only named extras: Django's request loggers also pass the request, whose repr carries the
    # query string (search terms) that must not reach a log.
    structlog.stdlib.ExtraAdder(allow=["status_code"]),
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    redact_identifiers,
]


def level_from_env() -> str:
    """The log level named by ``LOG_LEVEL`` (unset or empty: WARNING)."""
    return (os.environ.get("LOG_LEVEL") or DEFAULT_LEVEL).upper()


def logging_config(level: str | None = None) -> dict[str, Any]:
    """The stdlib ``dictConfig`` that renders every record as one JSON line on stderr."""
    level = level or level_from_env()
    # Django's defaults give these loggers plain-text handlers of their own (with DEBUG) and
    # level INFO: without them and at our level, their records reach the root handler only.
    own_defaults = {"handlers": [], "level": level, "propagate": True}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    structlog.processors.format_exc_info,
                    structlog.processors.JSONRenderer(),
                ],
                "foreign_pre_chain": _SHARED,
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {"django": dict(own_defaults), "django.server": dict(own_defaults)},
    }


def configure_structlog() -> None:
    """Route structlog events to the stdlib root handler configured by :func:`logging_config`."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_SHARED,
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
    )


def configure(level: str | None = None) -> None:
    """Set up JSON-line logging for a process that may not start Django (the CLI)."""
    logging.config.dictConfig(logging_config(level))
    configure_structlog()
