# SPDX-License-Identifier: EUPL-1.2
"""The demo clock in the page header: a demo administrator moves the register's day forward."""
