# SPDX-License-Identifier: EUPL-1.2
"""The intake table's rules (Regietafel): a proposal of track, procedure, competences and
hearing for every new applicant, from decision tables kept as data.

Pure: no Django. ``rules`` reads and checks a rule file (TOML), ``tables`` evaluates decision
tables with the DMN hit policies FIRST, UNIQUE and COLLECT, ``propose`` turns an applicant into
a proposal and handles a family together, ``applicants`` reads the CLI's JSON Lines.
"""
