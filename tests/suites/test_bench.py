"""make bench: the benchmark runs end to end and every metric it reports is plausible, and its
figures do not depend on where the tree is.

Not the targets (docs/bench.md): they are for the benchmark, not for a timed test."""
import difflib
import json
import os
import subprocess
import sys
import tempfile
from harness import test, ROOT, BUILD
from tree import copy_working_tree

METRICS = ["hypercall_null", "console_write_64", "vcpu_switch_yield", "partition_switch",
           "timer_tick_absent", "vtimer_latency", "upcall_return", "upcall_switch",
           "sampling_write_64", "sampling_read_64", "sampling_write_read_64",
           "queuing_send_64", "queuing_receive_64", "queuing_send_receive_64",
           "boot", "boot_kernel", "boot_wall_ms"]
# far above any healthy figure, far below a window-boundary or runaway one
PATH_BOUND = 1_000_000
BOOT_BOUND = 1_000_000_000
WALL_BOUND_MS = 60_000


SMP_SWITCH_ROWS = [f"smp_partition_switch_cpu{n}" for n in range(4)]
SMP_METRICS = SMP_SWITCH_ROWS + ["smp_doorbell", "smp_doorbell_reply", "smp_ipi", "smp_boot",
                                 "smp_boot_kernel"]
METRICS += SMP_METRICS
# the 4-CPU boot waits 10 ms of INIT per AP (docs/smp.md), halted: three of them at least
SMP_BOOT_INIT_WAITS = 3 * 10_000_000


def check_smp_rows(t, metrics):
    """configs/bench_smp.c's rows (docs/bench.md): bounded, and in the order their paths nest."""
    for name in SMP_METRICS:
        t.true(name in metrics, f"metric {name} missing; got {sorted(metrics)}")
    for name in SMP_SWITCH_ROWS:
        # the switch on one CPU is at least the single-CPU one's path; what more it counts is the
        # other CPUs' work on the one TSC (docs/bench.md), bounded by the drop threshold
        t.true(metrics["partition_switch"]["min"] <= metrics[name]["min"],
               f"{name}: min {metrics[name]['min']} below the single-CPU partition switch's "
               f"{metrics['partition_switch']['min']}")
    ipi, bell = metrics["smp_ipi"], metrics["smp_doorbell"]
    # the kick is one part of the ring: the log's three parts add up to the ring-3 figure
    t.true(0 < ipi["median"] < bell["median"], f"smp_ipi {ipi['median']} not inside smp_doorbell "
           f"{bell['median']}")
    t.equal(ipi["ring_to_icr"] + ipi["median"] + ipi["kick_to_upcall"], ipi["ring_to_upcall"],
            "smp_ipi: ring to ICR write, ICR write to kick entry, kick entry to upcall")
    t.equal(ipi["ring_to_upcall"], bell["median"],
            "the execution log's ring to upcall and the TSC's smp_doorbell median")
    t.true(metrics["hypercall_null"]["median"] < bell["median"],
           "smp_doorbell above a null hypercall")
    t.true(metrics["smp_boot_kernel"]["median"] > SMP_BOOT_INIT_WAITS,
           f"smp_boot_kernel {metrics['smp_boot_kernel']['median']}: the APs' INIT waits are in it")
    t.true(metrics["smp_boot_kernel"]["median"] < metrics["smp_boot"]["median"],
           "smp_boot_kernel < smp_boot")


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
            BOOT_BOUND if "boot" in name else PATH_BOUND
        t.true(m["max"] < bound, f"{name}: max {m['max']} above the sanity bound {bound}")
    for name in ("hypercall_null", "vcpu_switch_yield", "partition_switch", "vtimer_latency"):
        t.equal(metrics[name]["samples"], 20, f"{name} samples")
    # bench_switch_a has no timer of its own: not one interrupt inside its windows, not even for
    # bench_vtimer's virtual timers (a deadline belongs to the queue only in its partition's window)
    t.equal(metrics["timer_tick_absent"]["max"], 6, "timer_tick_absent: the longest gap, in loop turns "
            "of 6 instructions (more: an interrupt inside the window)")
    # a kernel entry after reset, and a first partition instruction after the kernel's entry
    t.true(metrics["boot_kernel"]["median"] < metrics["boot"]["median"], "boot_kernel < boot")
    check_smp_rows(t, metrics)
    t.contains(proc.stdout, "hypercall_null", "the printed table")
    t.contains(proc.stdout, "smp_doorbell", "the printed table's multicore rows")
    t.note("hypercall_null median %d, partition_switch median %d, vtimer_latency median %d, "
           "smp_doorbell median %d, smp_ipi median %d"
           % (metrics["hypercall_null"]["median"], metrics["partition_switch"]["median"],
              metrics["vtimer_latency"]["median"], metrics["smp_doorbell"]["median"],
              metrics["smp_ipi"]["median"]))


@test("bench: the boot figures and the console are the same from two copies at different paths",
      group="qemu")
def _(t):
    # Under -kernel, QEMU hands the guest the kernel's path (before the command line) and each
    # module's; the kernel prints the one and scans the others, so an absolute path once moved
    # boot_kernel with the checkout's place (145,487 and 146,531 in two clones).
    with tempfile.TemporaryDirectory(prefix="bulkhead-paths-") as tmp:
        copies = [os.path.join(tmp, "a"),
                  os.path.join(tmp, "a-much-longer-folder-name-than-the-other", "bulkhead")]
        runs = []
        for copy in copies:
            copy_working_tree(copy)
            out = os.path.join(copy, "build", "boot.json")
            proc = subprocess.run([sys.executable, "tools/bench.py", "--boot-only", "--wall-runs",
                                   "1", "--json", out], cwd=copy, capture_output=True, text=True,
                                  timeout=300)
            t.true(proc.returncode == 0, f"tools/bench.py --boot-only in {copy} failed:\n"
                                         f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
            with open(out) as f:
                metrics = json.load(f)["metrics"]
            with open(os.path.join(copy, "build", "bench-boot.log")) as f:
                runs.append((metrics, f.read(), proc.stdout))
    (first, first_log, first_out), (second, second_log, _) = runs
    for name in ("boot", "boot_kernel"):
        t.equal(second[name]["median"], first[name]["median"],
                f"{name} at {copies[1]} and at {copies[0]}")
    t.true(first_log == second_log, "the boot probe's console differs between the two copies:\n"
           + "\n".join(difflib.unified_diff(first_log.splitlines(), second_log.splitlines(),
                                            lineterm="", n=0)))
    t.search(first_log, r"^bulkhead: command line: bulkhead\.elf frames=1$", "the probe's console")
    t.contains(first_out, "idle time included", "the printed table's note on the boot figures")
    t.note("boot_kernel %d in both" % first["boot_kernel"]["median"])
