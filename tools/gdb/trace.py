"""bh-trace now comes with the other helpers (tools/gdb/bulkhead.py, bhgdb/cmd_trace.py). This
file stays so that `source tools/gdb/trace.py` keeps working: it loads all of them."""
import os
import runpy

runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "bulkhead.py"))
