# SPDX-License-Identifier: EUPL-1.2
"""What a refused fact tells its caller: which field is wrong and why, or that the case moved on.

Pages show each message at its field; the API returns 400 problem+json with ``invalidParams``
(FactError) or 412 (StaleError). Messages are worded through gettext in the request's language
and never contain personal data.
"""

from __future__ import annotations


class FactError(ValueError):
    """The fact is refused; ``fields`` maps each field name to its messages. Nothing was written.

    ``codes`` holds the refusal codes behind the messages (cases.facts.messages), so callers
    decide on a code (the API's 409 for a conflict), never on the wording.
    """

    def __init__(self, fields: dict[str, list[str]], codes: frozenset[str] = frozenset()) -> None:
        self.fields = fields
        self.codes = codes
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in fields.items()))

    @classmethod
    def at(cls, field: str, message: str) -> FactError:
        return cls({field: [message]})


class StaleError(Exception):
    """The case changed since the caller read it (its version moved on): nothing was written."""

    def __init__(self, current: int) -> None:
        self.current = current
        super().__init__(f"the case is at version {current}")
