"""Partition-aware debugging with the GDB helpers: bh-break, symbols that follow the running
partition, bh-next over hypercalls, bh-ports, bh-mem, bh-trace, and `make gdb` without a target.

Most run the test deployment gdb_twins (tests/configs/gdb_twins.c): partitions alpha and beta
have their first function (alpha_work, beta_work) and their first data word (twin_value) at the
same addresses, and each calls its function once per window."""
import os
import re
import subprocess
import time

import gdb_session
from gdb_session import parse_table
from harness import ROOT, build, test

NOT_PYTHON_CLEAN = ("Traceback", "Python Exception", "internal error", "Error occurred in Python")
TWINS = "gdb_twins"
ALPHA_SOURCE = os.path.join(ROOT, "tests", "partitions", "gdb_twin_a", "main.c")
ALPHA_VALUE, BETA_VALUE = 0xa1fa0001, 0xbe7a0002       # twin_value in gdb_twin_a, gdb_twin_b
ORDERS = 3                                             # messages alpha sends on "orders"


def twins(commands):
    return gdb_session.run(commands, config=TWINS)


def expect_clean(t, session):
    for bad in NOT_PYTHON_CLEAN:
        t.lacks(session.output, bad, "gdb output")


def printed(t, session, command, nth=0):
    """The value of a gdb `print` command: "$3 = 42" -> "42"."""
    return t.search(session.of(command, nth), r"^\$\d+ = (.*)$",
                    f"output of {command!r}").group(1)


def word(t, session, command, nth=0):
    """The first word bh-mem showed."""
    return int(t.search(session.of(command, nth), r"^0x[0-9a-f]{8}(?: <[^>]+>)?:  (0x[0-9a-f]{8})",
                        f"output of {command!r}").group(1), 16)


BETA_WINDOWS = "print partitions[1].stats.windows_entered"
# the newest sample on "reading", in the kernel's channel
SAMPLE = "print *(unsigned int *)'core/ports.c'::channels[0].data[0]"


def source_line(path, marker):
    with open(path) as f:
        for number, text in enumerate(f, 1):
            if marker in text:
                return number
    raise AssertionError(f"no {marker!r} in {path}")


@test("gdb: bh-break stops only in its partition, though the other runs the same address",
      group="gdb")
def _(t):
    stops = 4
    commands = ["bh-break alpha alpha_work"]
    for _ in range(stops):
        commands += ["continue", "print cpus[0].current->partition->id", "print window",
                     "bh-mem beta twin_calls"]
    commands += ["info breakpoints", 'print $bh_in_partition("beta")',
                 'print $bh_in_partition("alpha")', "bh-symbols beta", "info address beta_work"]
    s = twins(commands)
    expect_clean(t, s)
    address = t.search(s.of("bh-break alpha alpha_work"), r"Breakpoint 1 at (0x[0-9a-f]+)",
                       "bh-break").group(1)
    t.search(s.of("bh-break alpha alpha_work"), r"breakpoint 1 stops only in partition 0 'alpha'",
             "bh-break")
    # the precondition that makes the test worth something: beta runs code at that very address
    t.search(s.of("info address beta_work"), rf"is a function at address {address}\.",
             "beta_work's address")
    calls = []
    for n in range(stops):
        t.search(s.of("continue", n), r"^Breakpoint 1, alpha_work \(window=", f"stop {n + 1}")
        t.equal(printed(t, s, "print cpus[0].current->partition->id", n), "0", f"partition at stop {n + 1}")
        t.equal(int(printed(t, s, "print window", n)), n + 1, f"alpha's window at stop {n + 1}")
        calls.append(word(t, s, "bh-mem beta twin_calls", n))
    # beta ran beta_work (the same address) between alpha's windows without stopping: the window
    # it last called it for grows, never past the windows it had. (Not one a window: gdb's step
    # over the breakpoint inside beta, with QEMU's timers held, can leave beta's call for the
    # window's end.)
    t.equal(calls, sorted(calls), f"beta's calls of beta_work, stop by stop: {calls}")
    t.true(calls[-1] >= 1 and all(c <= n for n, c in enumerate(calls)),
           f"beta's calls of beta_work, stop by stop: {calls}")
    t.search(s.of("info breakpoints"), r"^\s+stop only if \$bh_in_partition\(0\)$",
             "the condition bh-break set")
    t.equal(printed(t, s, 'print $bh_in_partition("beta")'), "0", "$bh_in_partition in alpha")
    t.equal(printed(t, s, 'print $bh_in_partition("alpha")'), "1", "$bh_in_partition in alpha")
    t.note(f"session: {s.wall:.1f} s")


@test("gdb: after a stop in alpha, then in beta, gdb's bt, info symbol and print name beta's",
      group="gdb")
def _(t):
    # beta's stop comes from a plain breakpoint (the stop handler swaps the symbols), alpha's
    # second from bh-break (which swaps them before gdb prints the stop)
    beta_stop = "break *alpha_work if cpus[0].current->partition->id == 1"
    s = twins(["bh-break alpha alpha_work", "continue", "info symbol $pc", "bt",
               "print/x twin_value", "disable 1", beta_stop, "continue", "info symbol $pc", "bt",
               "print/x twin_value", "list beta_work", "frame", "delete 2", "enable 1", "continue",
               "info symbol $pc", "bt", "print/x twin_value"])
    expect_clean(t, s)
    for nth, (name, source, value) in enumerate((
            ("alpha_work", "gdb_twin_a", ALPHA_VALUE), ("beta_work", "gdb_twin_b", BETA_VALUE),
            ("alpha_work", "gdb_twin_a", ALPHA_VALUE))):
        what = f"stop {nth + 1} (in {name[:-5]})"
        t.search(s.of("info symbol $pc", nth), rf"^{name} in section \.text of \S+/{source}\.elf$",
                 f"info symbol at {what}")
        t.search(s.of("bt", nth), rf"^#0  {name} \(.*\) at tests/partitions/{source}/main\.c:\d+$",
                 f"bt at {what}")
        t.search(s.of("bt", nth), rf"^#1  0x[0-9a-f]+ in main \(\) at tests/partitions/{source}/",
                 f"bt at {what}")
        t.equal(int(printed(t, s, "print/x twin_value", nth), 16), value, f"twin_value at {what}")
    # gdb printed beta's stop with alpha's symbols; the stop handler then shows it with beta's
    t.search(s.of("continue", 1), r"\[bulkhead: the CPU is in partition 1 'beta': its symbols "
             r"are loaded now; the stop, with them:\]\n#0  beta_work ", "beta's stop")
    t.search(s.of("continue", 2), r"^Breakpoint 1, alpha_work \(", "alpha's second stop")
    t.search(s.of("list beta_work"), r"beta_work\(uint32_t window\)", "list beta_work")
    t.search(s.of("frame"), r"^#0  beta_work \(", "frame")


@test("gdb: bh-next steps over a hypercall to the next line of the same partition and vcpu",
      group="gdb")
def _(t):
    after = source_line(ALPHA_SOURCE, "gdb test: the line after it")
    # stop on publish's int $0x80 itself (its address found in alpha's code once alpha runs)
    find_int = ("python gdb.execute('bh-break alpha *%#x' % next(i['addr'] for i in "
                "gdb.selected_frame().architecture().disassemble(gdb.selected_frame().pc(), "
                "count=30) if i['asm'].split() == ['int', '$0x80']))")
    s = twins(["bh-break alpha publish", "continue", "delete", find_int, "continue", "x/i $pc",
               "print cpus[0].current->id", "print published", "print twin_calls", SAMPLE, "bh-next", SAMPLE,
               "print cpus[0].current->id", "print cpus[0].current->partition->id", "print $cs & 3",
               "bh-mem alpha published", "bh-next 2", BETA_WINDOWS, "bh-next", BETA_WINDOWS,
               "print cpus[0].current->id", "print cpus[0].current->partition->id", "bh-next", "print counted",
               "bh-next", "print counted"])
    expect_clean(t, s)
    t.search(s.of("x/i $pc"), r"int\s+\$0x80", "the instruction bh-break stopped at")
    window = int(printed(t, s, "print twin_calls"))     # alpha_work set it to the window
    t.equal(int(printed(t, s, "print published")), window - 1, "published before the step")
    t.search(s.of("bh-next"), rf"^#0  .*publish \(.*\) at tests/partitions/gdb_twin_a/main\.c:"
             rf"{after}$", "where bh-next stopped")
    t.equal(printed(t, s, "print cpus[0].current->id", 1), printed(t, s, "print cpus[0].current->id", 0),
            "the vcpu after bh-next")
    t.equal(printed(t, s, "print cpus[0].current->partition->id"), "0", "the partition after bh-next")
    t.equal(printed(t, s, "print $cs & 3"), "3", "privilege after bh-next (partition code)")
    # the hypercall ran (the kernel holds the new sample), the line after it not yet
    t.equal(int(printed(t, s, SAMPLE, 0)), window - 1, "the sample before the step")
    t.equal(int(printed(t, s, SAMPLE, 1)), window, "the sample after the step")
    t.equal(word(t, s, "bh-mem alpha published"), window - 1, "published after the step")

    # over a call that spins until alpha's next window: beta's window comes first
    wait = source_line(ALPHA_SOURCE, "window = bh_window_wait_after(window);")
    t.search(s.of("bh-next 2"), rf"^#0  main \(\) at tests/partitions/gdb_twin_a/main\.c:{wait}$",
             "bh-next back into main's loop")
    t.search(s.of("bh-next", 1), rf"^#0  main \(\) at tests/partitions/gdb_twin_a/main\.c:"
             rf"{wait + 1}$", "where bh-next over bh_window_wait_after stopped")
    t.equal(int(printed(t, s, BETA_WINDOWS, 1)), int(printed(t, s, BETA_WINDOWS, 0)) + 1,
            "beta's windows during that bh-next")
    t.equal(printed(t, s, "print cpus[0].current->id", 2), printed(t, s, "print cpus[0].current->id", 0),
            "the vcpu after it")
    t.equal(printed(t, s, "print cpus[0].current->partition->id", 1), "0", "the partition after it")
    # over a call of thousands of instructions, in one go
    long_call = source_line(ALPHA_SOURCE, "gdb test: a long call")
    t.search(s.of("bh-next", 2), rf"main\.c:{long_call}$", "bh-next to the long call")
    t.search(s.of("bh-next", 3), rf"^#0  main \(\) at tests/partitions/gdb_twin_a/main\.c:"
             rf"{long_call + 1}$", "where bh-next over the long call stopped")
    t.equal(int(printed(t, s, "print counted", 1)) - int(printed(t, s, "print counted", 0)),
            2000, "count_to's loops during that bh-next")
    t.note(f"session: {s.wall:.1f} s")


@test("gdb: bh-ports shows each channel's fill, sample age and validity, and who waits",
      group="gdb")
def _(t):
    raw = ["print 'core/ports.c'::channels[1].count", "print 'core/ports.c'::channels[2].count",
           "print/d 'core/ports.c'::channels[0].sample_time",
           "print/d *(unsigned long long *)0xfed000f0", "print 'platform/pc/hpet.c'::ns_per_tick",
           "print vcpu_pool[2].wait.port", "print vcpu_pool[2].state"]
    s = twins(["bh-break alpha orders_done", "continue", "bh-ports"] + raw +
              ["bh-vcpus", "bh-vcpu 2"])
    expect_clean(t, s)
    t.search(s.of("continue"), r"Breakpoint 1, orders_done", "the stop")
    rows = {r["name"]: r for r in parse_table(s.of("bh-ports"))}
    t.equal(sorted(rows), ["orders", "reading", "wakeup"], "channels")
    for name, kind in (("reading", "sampling"), ("orders", "queuing"), ("wakeup", "queuing")):
        r = rows[name]
        t.equal((r["kind"], r["source"], r["destinations"]), (kind, "0 'alpha'", "1 'beta'"),
                f"channel {name}")
    # alpha sent ORDERS messages of 4 bytes; nobody reads them
    t.equal(int(printed(t, s, "print 'core/ports.c'::channels[1].count")), ORDERS, "kernel count")
    t.equal(rows["orders"]["state"], f"{ORDERS}/4 msgs ({', '.join(['4 B'] * ORDERS)})",
            "orders state")
    t.equal((rows["orders"]["waiting"], rows["orders"]["opened by"]), ("-", "alpha (handle 1)"),
            "orders waiting, opened by")
    # nothing is sent on wakeup, where beta's vcpu 1 (global vcpu 2) waits for ever
    t.equal(printed(t, s, "print 'core/ports.c'::channels[2].count"), "0", "kernel count")
    t.equal(printed(t, s, "print vcpu_pool[2].wait.port"), "3", "vcpu 2 waits on channel 2")
    t.equal(printed(t, s, "print vcpu_pool[2].state"), "VCPU_BLOCKED", "vcpu 2 state")
    t.equal((rows["wakeup"]["state"], rows["wakeup"]["waiting"], rows["wakeup"]["opened by"]),
            ("0/1 msgs", "vcpu 2 (beta.1)", "beta (handle 0)"), "wakeup")
    # wait.port holds the channel's index + 1 (beta's handle for wakeup is 0): bh-vcpu names it
    t.search(s.of("bh-vcpu 2"), r"^wait: receiving on channel 2 'wakeup' into 0x4[0-9a-f]{7} "
             r"\(\d+ bytes\)$", "bh-vcpu 2's wait")
    # the sample's age, from the kernel's own sample time and the HPET counter
    written = int(printed(t, s, "print/d 'core/ports.c'::channels[0].sample_time"))
    now = int(printed(t, s, "print/d *(unsigned long long *)0xfed000f0"))
    ns = (now - written) * int(printed(t, s, "print 'platform/pc/hpet.c'::ns_per_tick"))
    t.true(0 < ns <= 5_000_000, f"the sample's age {ns} ns (refresh 5 ms)")
    t.equal(rows["reading"]["state"],
            f"4 B, age {ns / 1000:.3f} us, valid (refresh 5000.000 us)", "reading state")
    t.equal(rows["reading"]["opened by"], "alpha (handle 0)", "reading opened by")


@test("gdb: bh-mem reads a partition's memory by its own addresses, whichever partition runs",
      group="gdb")
def _(t):
    s = twins(["bh-break beta beta_work", "continue", "print/x twin_value", "bh-mem alpha twin_value",
               "bh-mem beta &twin_value", "bh-mem alpha 0x40003000 2", "bh-mem 0 twin_value+4",
               "bh-mem alpha 0x50000000", "bh-mem gamma twin_value", "bh-mem alpha"])
    expect_clean(t, s)
    t.equal(int(printed(t, s, "print/x twin_value"), 16), BETA_VALUE, "gdb's view (beta runs)")
    t.equal(word(t, s, "bh-mem alpha twin_value"), ALPHA_VALUE, "alpha's twin_value")
    t.equal(word(t, s, "bh-mem beta &twin_value"), BETA_VALUE, "beta's twin_value")
    t.search(s.of("bh-mem alpha 0x40003000 2"), r"^0x40003000 <twin_value>:  "
             rf"0x{ALPHA_VALUE:08x}  0x[0-9a-f]{{8}}$", "two words")
    t.search(s.of("bh-mem 0 twin_value+4"), r"^partition 0 'alpha', 1 word from 0x40003004:",
             "symbol + offset")
    t.search(s.of("bh-mem alpha 0x50000000"), r"0x50000000 is not mapped in partition 'alpha'",
             "unmapped address")
    t.search(s.of("bh-mem gamma twin_value"), r"no partition called 'gamma' \(there are: alpha, "
             r"beta\)", "unknown partition")
    t.search(s.of("bh-mem alpha"), r"usage: bh-mem PARTITION ADDRESS \[COUNT\]", "usage")


@test("gdb: bh-trace comes with the helpers and shows the newest records", group="gdb")
def _(t):
    s = gdb_session.run(["help bulkhead", "break report_summary", "continue", "bh-trace 5"])
    expect_clean(t, s)
    t.search(s.of("help bulkhead"), r"^bulkhead trace, bh-trace -- ", "help bulkhead")
    lines = re.findall(r"^#(\d+)\s+[\d.]+ us\s+\w+", s.of("bh-trace 5"), re.M)
    t.equal(len(lines), 5, "bh-trace lines")
    head = int(t.search(s.of("bh-trace 5"), r"^bh-trace: (\d+) records since start").group(1))
    t.equal([int(n) for n in lines], list(range(head - 5, head)), "sequence numbers")


@test("gdb: once QEMU has exited every helper says so, without a traceback", group="gdb")
def _(t):
    after = ["bh-partitions", "bh-vcpus", "bh-vcpu 0", "bh-plan", "bh-hmlog", "bh-ports",
             "bh-trace", "bh-mem alpha twin_value", "bh-symbols", "bh-break alpha alpha_work",
             "bh-next", "print $bh_vcpu(0)", "print $bh_current_vcpu()"]
    s = twins(["continue"] + after)
    expect_clean(t, s)
    t.contains(s.serial, "bulkhead: shutdown", "the kernel's output")
    for command in after:
        t.contains(s.of(command), "no live target: QEMU has exited (the kernel shut down) or gdb "
                   "is not attached", f"output of {command!r}")


@test("gdb: make gdb with no make debug running says so at once", group="gdb")
def _(t):
    build(TWINS)
    port = gdb_session._free_port()
    start = time.monotonic()
    proc = subprocess.run(["make", "-s", "gdb", f"CONFIG={TWINS}", f"GDB_PORT={port}"], cwd=ROOT,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=30)
    wall = time.monotonic() - start
    t.true(proc.returncode != 0, "make gdb succeeded with nothing to attach to")
    t.contains(proc.stderr, f"bulkhead: nothing listens on 127.0.0.1:{port}: start the kernel "
               "under QEMU first, in another terminal, with `make debug`", "make gdb's message")
    t.true(wall < 5, f"make gdb took {wall:.1f} s to give up (gdb itself tried for 13 s)")
    t.note(f"make gdb gave up after {wall:.2f} s")
