# SPDX-License-Identifier: EUPL-1.2
"""The intake table (Regietafel) in the register: the day's applicants, the rules' proposals
under capacity, and the decisions of IND (route) and COA (reception), each a recorded fact."""
