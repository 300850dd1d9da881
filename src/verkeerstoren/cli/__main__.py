# SPDX-License-Identifier: EUPL-1.2
import sys

from verkeerstoren.cli import main

sys.exit(main())
