"""``python -m gronnkjop ...`` is the ``gronnkjop`` command."""

import sys

from gronnkjop.cli import main

sys.exit(main())
