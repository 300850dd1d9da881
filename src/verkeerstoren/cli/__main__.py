import sys

from verkeerstoren.cli import main

sys.exit(main())
