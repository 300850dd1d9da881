# SPDX-License-Identifier: EUPL-1.2
"""Calibration targets and behaviour parameters of the synthetic register, each with its source.

Marks as in DOMAIN.md: (H) statute/official, (M) consistent secondary sources, (L) assumption made
here to get a plausible register — change it freely. Counts are for the ``tf2020`` scenario; the
``bulk`` scenario scales every segment count by the same factor.
"""

from __future__ import annotations

from datetime import date

# --- Dates -------------------------------------------------------------------------------------

CUTOFF = date(2020, 4, 1)  # knip date, DOMAIN.md §1.1 (letter to parliament, 9 April 2020) (H)
# Snapshot date of the register: the planning benchmark uses "the tf2020 register as of
# 2020-04-06". Inflow received from CUTOFF up to and including AS_OF is in the register.
DEFAULT_AS_OF = date(2020, 4, 6)
# The Taskforce stock is described at the start; a later snapshot would need Taskforce decisions
# (that is what the forecast predicts), so the snapshot may move at most this far (L).
LATEST_AS_OF = date(2020, 4, 30)
OVERDUE_COUNT_DAY = date(2020, 1, 31)  # "about 9,000 overdue on 31 Jan 2020", DOMAIN.md §1 (M)
DECISION_TERM_MONTHS = 6  # Vw 2000 art. 42, DOMAIN.md §3.1 (H)
EXTENSION_MONTHS = 9  # Vw 2000 art. 42 lid 4, DOMAIN.md §3.1 (M)
OLDEST_STOCK_RECEIVED = date(2017, 10, 1)  # oldest open application in the stock (L)
OLDEST_COURT_RECEIVED = date(2016, 1, 1)  # oldest original application of a court re-entry (L)
# Received dates of open cases follow the arrival rate times a survival that halves every
# STOCK_HALF_LIFE_DAYS of age at the cut-off: the IND decided the oldest first but slowly (L).
STOCK_HALF_LIFE_DAYS = 240
COURT_RULINGS_FROM = date(2019, 4, 1)  # open court re-entries came back in the last year (L)

# --- Taskforce stock (knip: track 4 first/repeat before the cut-off, plus court re-entries) ----

TASKFORCE_STOCK = 15_350  # DOMAIN.md §1.1 / §5, letter to parliament: 14,000 → 14,600 → 15,350 (M)
COURT_REENTRY_STOCK = 1_200  # zij-instroom within the stock (L: order of 1k, not published here)
# Repeat applications as a share of first + repeat: 1,170 / (9,200 + 1,170), DOMAIN.md §5 (M),
# the Apr-Dec 2020 inflow mix applied to the stock.
REPEAT_SHARE = 1_170 / (9_200 + 1_170)

# --- Overdue on 2020-01-31 ---------------------------------------------------------------------

OVERDUE_ON_COUNT_DAY = 9_000  # DOMAIN.md §1: "about 9,000 on 31 Jan 2020" (M)
# Share of the open track-4 first/repeat stock received before 2019-07-31 (so past the 6-month
# term on 2020-01-31) (L). The rest of the 9,000 are cases the IND still decided in February and
# March 2020; they are in the register as decided cases (segment "decided_recent").
OVERDUE_SHARE_OF_OPEN_STOCK = 0.46
DECIDED_RECENT_FROM = date(2020, 2, 1)
DECIDED_RECENT_TO = date(2020, 3, 31)
# Outcomes of those decisions: grant / refusal / withdrawn (L; asylum grant rate ~half).
DECIDED_OUTCOME_SHARES = {"grant": 0.55, "refusal": 0.40, "withdrawn": 0.05}

# --- Open track 1/2 cases received before the cut-off (regular stream after the knip) ----------

OPEN_DUBLIN_AT_CUTOFF = 700  # track 1, mostly waiting for a transfer decision (L)
OPEN_SAFE_COUNTRY_AT_CUTOFF = 300  # track 2 (L)
SHORT_TRACK_OLDEST = date(2019, 12, 1)  # track 1/2 cases are short: all received since then (L)
SHORT_TRACK_HALF_LIFE_DAYS = 30  # (L)

# --- Inflow ------------------------------------------------------------------------------------

# First asylum applications per quarter, DOMAIN.md §5 (M). Before 2019 the 2019 Q1 level is
# assumed (L). 2020 Q3+Q4 = 9,200 new Apr-Dec minus 1,300 in Q2, split evenly (split L).
FIRST_APPLICATIONS_PER_QUARTER: dict[tuple[int, int], int] = {
    (2019, 1): 5_400,
    (2019, 2): 5_200,
    (2019, 3): 5_900,
    (2019, 4): 6_100,
    (2020, 1): 4_500,
    (2020, 2): 1_300,  # COVID dip
    (2020, 3): 3_950,
    (2020, 4): 3_950,
}
FIRST_APPLICATIONS_BEFORE_2019 = 5_400  # per quarter, assumed equal to 2019 Q1 (L)
# Repeat applications per first application: 1,170 / 9,200, DOMAIN.md §5 (M).
REPEAT_PER_FIRST = 1_170 / 9_200
# Track mix of first applications in the regular inflow, 1 Dublin / 2 safe country / 4 AA-VA (L;
# COVID halted Dublin transfers, so track 1 is modest in 2020).
INFLOW_TRACK_SHARES = {"1": 0.15, "2": 0.10, "4": 0.75}
# Repeat applications are almost all track 4 (L).
REPEAT_TRACK_SHARES = {"2": 0.10, "4": 0.90}

# --- Case features -----------------------------------------------------------------------------

# Complex (conversion, LGBTI, 1F) cases in the Taskforce stock at the start. DOMAIN.md §5: of the
# 8,800 left in mid-Nov 2020 about 2,500 were complex. Complex cases stalled, so most of them
# were in the stock from the start; with some KDT decisions on complex cases before mid-Nov the
# start figure is taken as ~3,000 (L, derived from the M figure). The per-nationality feature
# probabilities in reference.py are tuned to give this.
COMPLEX_TASKFORCE_TARGET = 3_000
# Court re-entries are more often complex (annulments are often credibility cases) (L).
COURT_REENTRY_COMPLEX_FACTOR = 1.5
# Complex cases were decided less, so recently decided cases are less often complex (L).
DECIDED_COMPLEX_FACTOR = 0.5
# Unaccompanied minors: 985 of 13,673 first applications in 2020, DOMAIN.md §5 (M).
AMV_SHARE_OF_FIRST = 985 / 13_673
AMV_AGE_ASSESSMENT_SHARE = 0.35  # AMV cases with an age assessment (L)
# Share of cases that belong to a linked family group, and group sizes (L).
FAMILY_CASE_SHARE = 0.20
FAMILY_GROUP_SIZES = {2: 0.50, 3: 0.25, 4: 0.15, 5: 0.10}
FAMILY_RECEIVED_SPREAD_DAYS = 3  # family members apply within a few days of each other (L)
# Non-complex feature prevalence among cases (L).
MEDICAL_SHARE = 0.15
TRAFFICKING_SHARE = 0.02
LANGUAGE_ANALYSIS_SHARE = 0.06
DOCUMENT_EXAMINATION_SHARE = 0.25
AGE_ASSESSMENT_SHARE_ADULT = 0.01
DUBLIN_FEATURE_SHARE_TRACK4 = 0.03  # track-4 cases after a failed Dublin claim (L)

# Extended procedure (VA) probability (L): linked family cases are a VA reason (DOMAIN.md §2).
VA_SHARE_BASE = 0.25
VA_SHARE_COMPLEX = 0.60
VA_SHARE_FAMILY = 0.50
VA_SHARE_COURT_REENTRY = 0.70

GENDER_SHARES = {"m": 0.69, "f": 0.30, "x": 0.01}  # applicants (L)
AMV_MALE_SHARE = 0.85  # (L)
SAME_GENDER_REQUEST = {"f": 0.15, "m": 0.03, "x": 0.10}  # (L)
SAME_GENDER_REQUEST_LGBTI = 0.20  # (L)
WRITTEN_HEARING_OPT_IN_SHARE = 0.10  # of open cases not yet heard; voluntary, §1.5 (L)
MANIFESTLY_UNFOUNDED_SHARE = {"1": 0.01, "2": 0.50, "4": 0.01}  # by track (L)

# --- Legal events ------------------------------------------------------------------------------

# Notices of default (ingebrekestellingen). NOTICE_SHARE is the share of cases whose (extended)
# term had expired at the snapshot — or before their decision — that have a notice on file (L).
# Timing: lawyers sent notices in a wave as the backlog became news in the second half of 2019.
# The relative weight of a day for receiving a notice rises linearly from 1 at NOTICE_WAVE_START
# to NOTICE_WAVE_PEAK_WEIGHT at NOTICE_WAVE_FULL and stays there (L).
# Calibration target: a burn of ~EUR 1 million a week in March 2020 (DOMAIN.md §1). Measured with
# the law engine on seed 1 (docs/calibration.md, `verkeerstoren law refresh --as-of 2020-03-01`):
# about two thirds of that. One application draws at most one 42-day administrative penalty
# (~EUR 240 a week), so ~11,000 overdue cases cap the administrative part whatever the notice
# timing (a peak weight of 80 and a share of 0.9 moved the burn by only 2%); the court penalties
# (EUR 100 a day) are the lever that moves it, through APPEAL_SHARE_OF_NOTICED,
# NOTICE_WAVE_START (earlier notices → appeals ruled on by early 2020) and
# COURT_REENTRY_PENALTY_SHARE. The rest of the historical burn came from cases outside this
# register (the IND-wide figure); see docs/calibration.md.
NOTICE_SHARE = 0.85
NOTICE_WAVE_START = date(2019, 6, 1)  # calibrated: was 2019-09-01 (docs/calibration.md)
NOTICE_WAVE_FULL = date(2020, 1, 1)
NOTICE_WAVE_PEAK_WEIGHT = 25.0
NOTICE_MIN_DAYS_AFTER_TERM = 1  # a notice sent before expiry is invalid, DOMAIN.md §3.2 (M)
NOTICE_POSTAL_DAYS = (1, 7)  # days between sending and receipt (L)
# Appeals against late decisions among cases with a notice, filed 2+ weeks after the notice
# (Awb 6:12, DOMAIN.md §3.3); the court rules ~8 weeks later with 8 or 8+8 weeks to decide and
# a court penalty of EUR 100/day capped at 7,500 or 15,000 (M). Share is (L).
APPEAL_SHARE_OF_NOTICED = 0.30  # calibrated: was 0.08 (docs/calibration.md)
COURT_DAILY_EUR = 100
COURT_CAPS_EUR = (7_500, 15_000)
# Extensions by 9 months, decided before the 6-month term ends, for a share of VA cases (L).
EXTENSION_SHARE_OF_VA = 0.25
# Court re-entries: term the court gave for the new decision (6, 8 or 8+8 weeks) and the share
# of rulings with a court penalty attached (L).
COURT_REENTRY_TERM_DAYS = {42: 0.3, 56: 0.4, 112: 0.3}
COURT_REENTRY_PENALTY_SHARE = 0.8  # calibrated: was 0.5 (docs/calibration.md)

# --- Case status at the snapshot (L) -----------------------------------------------------------

# The stock waited mostly before the hearing (DOMAIN.md §1.2: dossiers were incomplete).
STOCK_STATUS_SHARES = {
    "registered": 0.22,
    "preparing": 0.30,
    "ready_for_hearing": 0.12,
    "hearing_planned": 0.06,
    "heard": 0.12,
    "intention": 0.12,
    "response": 0.06,
}
COURT_REENTRY_STATUS_SHARES = {
    "preparing": 0.30,
    "ready_for_hearing": 0.10,
    "hearing_planned": 0.05,
    "heard": 0.25,
    "intention": 0.20,
    "response": 0.10,
}
SHORT_TRACK_STATUS_SHARES = {
    "registered": 0.15,
    "preparing": 0.35,
    "heard": 0.30,
    "intention": 0.20,
}

# --- Staff (DOMAIN.md §1.3) ----------------------------------------------------------------------

TASKFORCE_IND_STAFF = 180  # former IND staff etc., DOMAIN.md §1.3 (M)
TASKFORCE_FOREIGN_AFFAIRS_STAFF = 20  # DOMAIN.md §1.3 (M)
TASKFORCE_DTV_STAFF = 30  # DOMAIN.md §1.3 (M)
TASKFORCE_TEMP_STAFF = 250  # agency temps from Sep 2020, DOMAIN.md §1.3 (M)
TEMP_START_DATE = date(2020, 9, 1)  # DOMAIN.md §1.3: "~250 temps from Sep 2020" (M)
# Regular directorate (Asiel en Bescherming) hearing/decision staff: the Apr-Dec 2020 inflow of
# ~10,400 applications (DOMAIN.md §5) at ~35 hours each over 39 weeks is ~9,300 hours a week,
# ~260 productive FTE; with part-time work and non-case time about 450 people (L).
REGULAR_STAFF = 450
TASKFORCE_SENIOR_SHARE = 0.40  # former IND staff are experienced (L)
REGULAR_SENIOR_SHARE = 0.30  # (L)
KDT_TEAMS = 3  # decision teams of seniors, DOMAIN.md §1.6 (L for the number)
KDT_TEAM_SIZE = 8  # (L)
ABSENCE_SHARE = 0.05  # staff with one spell of absence in 2020 (L)

# --- External firms (DOMAIN.md §1.4) -----------------------------------------------------------

OUTSOURCED_CASES = 5_000  # DOMAIN.md §1.4 (M)
PREP_HOURS_PER_OUTSOURCED_CASE = 4.0  # file preparation (L)
DRAFT_HOURS_PER_OUTSOURCED_CASE = 8.0  # draft decision (L)
# Weeks from the cut-off to 2020-12-31, the period the Taskforce was planned for (it finished in
# autumn 2021, "almost a year late", DOMAIN.md §1) (M).
OUTSOURCING_WEEKS = 39
EXTERNAL_FIRM_SHARES = (0.30, 0.25, 0.20, 0.15, 0.10)  # five firms (L)

# --- Interpreters and hearing rooms (L) --------------------------------------------------------

INTERPRETERS_TOTAL = 260  # spread over languages by demand, at least MIN_PER_LANGUAGE each
INTERPRETERS_MIN_PER_LANGUAGE = 4
INTERPRETER_REMOTE_SHARE = 0.30
INTERPRETER_SECOND_LANGUAGE_SHARE = 0.25
VIDEO_ROOM_SHARE = 0.25
