"""GDB helpers for Bulkhead: show partitions, vcpus, the plan and the health log of a live kernel.

Load with:   (gdb) source tools/gdb/bulkhead.py      (`make gdb` does it for you)
Then:        (gdb) help bulkhead

The commands live in the bhgdb package next to this file. Sourcing again reloads them, so an
edited helper takes effect without restarting gdb.
"""
import os
import sys

_here = os.path.dirname(os.path.abspath(__file__))
if _here not in sys.path:
    sys.path.insert(0, _here)
for _name in [m for m in sys.modules if m == "bhgdb" or m.startswith("bhgdb.")]:
    del sys.modules[_name]

import bhgdb  # noqa: E402

bhgdb.register()
