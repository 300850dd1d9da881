# SPDX-License-Identifier: EUPL-1.2
"""Recording facts through the web: the new-application page and the case page's fact forms.

Each form calls one service of ``verkeerstoren.cases.facts``; a refused fact comes back as
messages at the form's fields (FactError) or as "the case changed" (StaleError), and nothing is
written. The case page itself stays the register's view: the forms are drawn into its sections
by the ``facts_ui`` template tags, which find a refused form's bound copy on the request.
"""
