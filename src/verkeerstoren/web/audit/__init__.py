# SPDX-License-Identifier: EUPL-1.2
"""The auditor's page: who read or changed which case, when, from which session and role."""
