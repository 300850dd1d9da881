# SPDX-License-Identifier: EUPL-1.2
"""Law engine: decision terms, penalty payments and exposure under the law of the day (pure).

Entry points: :func:`assess` (one case as of a date), :func:`assess_if_decided`,
:func:`expected_exposure`, :func:`timeline` (what each legal date of a case means, as codes),
and the vectorised :func:`build_portfolio` +
:func:`assess_portfolio` / :func:`expected_portfolio_exposure` for many cases at once.
"""

from verkeerstoren.law.calendar import ATW_CALENDAR, AtwCalendar, is_working_day, next_working_day
from verkeerstoren.law.config import DEFAULT_LAW, LawConfig
from verkeerstoren.law.explain import Step, timeline
from verkeerstoren.law.exposure import (
    Assessment,
    BehaviourParameters,
    ExpectedExposure,
    assess,
    assess_if_decided,
    expected_exposure,
)
from verkeerstoren.law.model import CaseHistory, CourtRuling, Notice, Suspension
from verkeerstoren.law.portfolio import (
    Portfolio,
    PortfolioAssessment,
    PortfolioExpectedExposure,
    assess_portfolio,
    assess_portfolio_if_decided,
    build_portfolio,
    expected_portfolio_exposure,
)
from verkeerstoren.law.regimes import DEFAULT_REGIMES, Regime, regime_on
from verkeerstoren.law.terms import DEFAULT_EXTENSION_POLICIES, ExtensionPolicy, case_deadline

__all__ = [
    "ATW_CALENDAR",
    "DEFAULT_EXTENSION_POLICIES",
    "DEFAULT_LAW",
    "DEFAULT_REGIMES",
    "Assessment",
    "AtwCalendar",
    "BehaviourParameters",
    "CaseHistory",
    "CourtRuling",
    "ExpectedExposure",
    "ExtensionPolicy",
    "LawConfig",
    "Notice",
    "Portfolio",
    "PortfolioAssessment",
    "PortfolioExpectedExposure",
    "Regime",
    "Step",
    "Suspension",
    "assess",
    "assess_if_decided",
    "assess_portfolio",
    "assess_portfolio_if_decided",
    "build_portfolio",
    "case_deadline",
    "expected_exposure",
    "expected_portfolio_exposure",
    "is_working_day",
    "next_working_day",
    "regime_on",
    "timeline",
]
