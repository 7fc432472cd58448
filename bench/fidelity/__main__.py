"""``python -m bench.fidelity``: see bench/fidelity/run.py."""

import sys

from bench.fidelity.run import main

sys.exit(main())
