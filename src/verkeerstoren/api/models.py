# SPDX-License-Identifier: EUPL-1.2
"""The history of API tokens: who created or revoked which user's token, and when.

django-rest-knox keeps only a hash of each token (``AuthToken.digest``); simple-history records
every create and delete of a token row here, like every write of the register (``api.tokens``
gives each its user and reason).
"""

from __future__ import annotations

from knox.models import AuthToken
from simple_history import register

register(AuthToken, app="verkeerstoren.api")
