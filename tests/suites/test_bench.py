"""make bench: the benchmark runs end to end and every metric it reports is plausible.

Not the targets (docs/bench.md): they are for the benchmark, not for a timed test."""
import json
import os
import subprocess
import sys
from harness import test, ROOT, BUILD

METRICS = ["hypercall_null", "console_write_64", "vcpu_switch_yield", "partition_switch",
           "timer_tick_absent", "vtimer_latency", "upcall_return",
           "sampling_write_64", "sampling_read_64", "sampling_write_read_64",
           "queuing_send_64", "queuing_receive_64", "queuing_send_receive_64",
           "boot", "boot_kernel", "boot_wall_ms"]
# far above any healthy figure, far below a window-boundary or runaway one
PATH_BOUND = 1_000_000
BOOT_BOUND = 1_000_000_000
WALL_BOUND_MS = 60_000


@test("bench: tools/bench.py reports every metric with plausible figures", group="qemu")
def _(t):
    out = os.path.join(BUILD, "bench-test.json")
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "tools/bench.py"), "--samples", "20",
                           "--wall-runs", "1", "--json", out], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    t.true(proc.returncode == 0, f"tools/bench.py failed:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    with open(out) as f:
        result = json.load(f)
    t.equal(result["samples"], 20, "samples requested")
    t.true(result["machine"]["cpu"], "the report names the CPU")
    metrics = result["metrics"]
    for name in METRICS:
        t.true(name in metrics, f"metric {name} missing; got {sorted(metrics)}")
        m = metrics[name]
        t.true(m.get("samples", 0) > 0, f"{name}: no samples")
        t.true(0 < m["min"] <= m["median"] <= m["p99"] <= m["max"],
               f"{name}: figures out of order: {m}")
        bound = WALL_BOUND_MS if name == "boot_wall_ms" else \
            BOOT_BOUND if name.startswith("boot") else PATH_BOUND
        t.true(m["max"] < bound, f"{name}: max {m['max']} above the sanity bound {bound}")
    for name in ("hypercall_null", "vcpu_switch_yield", "partition_switch", "vtimer_latency"):
        t.equal(metrics[name]["samples"], 20, f"{name} samples")
    # a kernel entry after reset, and a first partition instruction after the kernel's entry
    t.true(metrics["boot_kernel"]["median"] < metrics["boot"]["median"], "boot_kernel < boot")
    t.contains(proc.stdout, "hypercall_null", "the printed table")
    t.note("hypercall_null median %d, partition_switch median %d, vtimer_latency median %d"
           % (metrics["hypercall_null"]["median"], metrics["partition_switch"]["median"],
              metrics["vtimer_latency"]["median"]))
