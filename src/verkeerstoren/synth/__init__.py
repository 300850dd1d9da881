# SPDX-License-Identifier: EUPL-1.2
"""Synthetic case register generator (pure: NumPy and the standard library only).

``generate_tf2020`` builds the register of the Taskforce scenario of 2020 (DOMAIN.md §1, §5),
``generate_bulk`` a register of any size for benchmarks, and ``write_register`` writes either as
the import files of docs/formats.md.
"""

from verkeerstoren.synth.generator import Register, generate_bulk, generate_tf2020
from verkeerstoren.synth.writer import write_register

__all__ = ["Register", "generate_bulk", "generate_tf2020", "write_register"]
