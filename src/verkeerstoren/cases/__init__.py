"""The case register: cases, legal events, staff and reference data (Django app)."""
