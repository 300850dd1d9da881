"""The auditor's page: who read or changed which case, when, from which session and role."""
