"""What the kernel and the tools say, as a reader takes it (issue 19): counts of one are singular,
and "window" means one thing: "window N" of a partition is the N-th window it entered (its own
lines, bh_partition_status's windows_entered, the summary's "windows"), "plan window I" is the
deployment's windows[I] (the kernel's plan lines, the trace decoders, bh-plan)."""
import os
import re
import subprocess

from harness import test, boot, build, expect_status, parse_plan, window_starts, ROOT, out_dir


@test("wording: a deployment of one partition, one vcpu and one window, run for one frame, says so")
def _(t):
    r = boot(config="kernel_touch", cmdline="frames=1", timeout=30)
    expect_status(t, r, "shutdown")
    t.search(r.serial, r"^bulkhead: deployment 'kernel_touch': 1 partition, 1 vcpu, major frame")
    t.search(r.serial, r"^bulkhead: schedule: epoch \d+ ns, major frame \d+ ns, 1 window$")
    t.search(r.serial, r"^bulkhead: summary after 1 major frame, t=")
    # and the parsers read the singular forms
    t.equal(len(parse_plan(r.serial)[2]), 1, "plan windows parsed")


@test("wording: the demo counts in plurals; its plan lines say 'plan window', its partitions' 'window N' counts their own")
def _(t):
    r = boot(cmdline="frames=20", timeout=60)
    expect_status(t, r, "shutdown")
    t.search(r.serial, r"^bulkhead: deployment 'demo': 5 partitions, 6 vcpus, major frame")
    t.search(r.serial, r"^bulkhead: schedule: epoch \d+ ns, major frame \d+ ns, 5 windows$")
    t.search(r.serial, r"^bulkhead: summary after 20 major frames, t=")
    t.lacks(r.serial, "\nbulkhead: window ", "the kernel's lines (plan windows say 'plan window')")
    t.equal([w[0] for w in parse_plan(r.serial)[2]], list(range(5)), "plan window indices")
    # the sensor's last 'window N start' is its 20th window: the summary's count of its windows
    last = max(n for _, name, n in window_starts(r.serial) if name == "sensor")
    entered = int(t.search(r.serial, r"^bulkhead: partition \d+ 'sensor': mode \w+, windows (\d+)")
                  .group(1))
    t.equal((last, entered), (20, 20), "the sensor's last window N and its windows entered")


@test("wording: the trace decoder names plan windows and counts in plurals", group="qemu")
def _(t):
    # not the demo: another test checks that its build/trace.svg stays as it is meanwhile
    build("kernel_touch")
    proc = subprocess.run(["make", "-s", "trace", "CONFIG=kernel_touch", "FRAMES=1"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    t.equal(proc.returncode, 0, f"make trace:\n{proc.stdout[-1500:]}{proc.stderr[-1500:]}")
    t.search(proc.stdout, r"^schedule: epoch [\d.]+ us, major frame [\d.]+ us, 1 window; \d+ events$",
             "make trace's output")
    t.search(proc.stdout, r"^bulkhead: tracing kernel_touch for 1 frame; ", "make trace's output")
    t.search(proc.stdout, r"^partition touch_probe: 1 window, latest start .* in 1 whole window used", "make trace's output")
    svg = open(os.path.join(out_dir("kernel_touch"), "trace.svg")).read()
    t.true(re.search(r"<title>plan window 0, frame 0: ", svg), "the SVG's window tooltips")
