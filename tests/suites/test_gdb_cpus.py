"""The GDB helpers on two CPUs (tests/configs/two_cpu_windows.c: sensor on CPU 0, logger on CPU
1, control's vcpu 0 on CPU 0 and vcpu 1 on CPU 1): bh-cpus, each vcpu's CPU, and every helper
describing the CPU gdb has selected, checked against the kernel's own variables and the plan it
printed."""
import re

import gdb_session
from gdb_session import parse_table
from harness import test

CONFIG = "two_cpu_windows"
NOT_PYTHON_CLEAN = ("Traceback", "Python Exception", "internal error", "Error occurred in Python",
                    "could not read")
# the deployment's binding (vcpu_cpu, and the CPU of each partition's windows), by global vcpu id
VCPU_CPUS = {0: 0, 1: 0, 2: 1, 3: 1}
HELPERS = ["bh-cpus", "bh-vcpus", "bh-vcpu 2", "bh-plan", "print (unsigned)$bh_current_vcpu()"]
# the kernel's own answers, to judge the helpers by
TRUTH = ["print dispatch_cpu_count"] + [
    c for k in (0, 1) for c in (f"print cpus[{k}].current ? (int)cpus[{k}].current->id : -1",
                                f"print (unsigned)cpus[{k}].current", f"print cpus[{k}].kicks",
                                f"print cpus[{k}].slot.end", f"print cpus[{k}].timer_at")] + [
    f"print vcpu_pool[{i}].cpu" for i in VCPU_CPUS]


def value(t, s, command, nth=0):
    return int(t.search(s.of(command, nth), r"^\$\d+ = (.*)$", f"output of {command!r}")
               .group(1).split()[-1], 0)


def current_id(t, s, k, nth=0):
    """The id of CPU k's current vcpu, as the kernel has it; -1 while it idles."""
    return value(t, s, f"print cpus[{k}].current ? (int)cpus[{k}].current->id : -1", nth)


def expect_clean(t, s):
    for bad in NOT_PYTHON_CLEAN:
        t.lacks(s.output, bad, "gdb output")


def planned_windows(serial):
    """{cpu: [(window, partition, offset ns, duration ns)]} from the plan the kernel printed."""
    found = {}
    for window, name, offset, duration, cpu in re.findall(
            r"bulkhead: plan window (\d+): partition \d+ '(\w+)' offset (\d+) ns duration (\d+) "
            r"ns cpu (\d+)", serial):
        found.setdefault(int(cpu), []).append((int(window), name, int(offset), int(duration)))
    return found


def check_cpus(t, s, selected, nth):
    """bh-cpus (the nth run) against the kernel's cpus[]: one row per CPU, * on `selected`."""
    rows = parse_table(s.of("bh-cpus", nth))
    t.equal([(r["cpu"], r["thread"], r["online"]) for r in rows],
            [("0", "1", "yes"), ("1", "2", "yes")], "bh-cpus: cpu, thread, online")
    t.equal([r[""] for r in rows], ["*" if k == selected else "" for k in (0, 1)],
            f"bh-cpus' mark with thread {selected + 1} selected")
    for k, r in enumerate(rows):
        vcpu = current_id(t, s, k, nth)
        if vcpu < 0:
            t.equal(r["current"], "idle", f"bh-cpus: cpu {k}'s current")
        else:
            t.search(r["current"], rf"^vcpu {vcpu} \(", f"bh-cpus: cpu {k}'s current")
        t.equal(int(r["kicks"]), value(t, s, f"print cpus[{k}].kicks", nth), f"cpu {k}'s kicks")
        t.equal(int(r["slot end"]) & 0xffffffff, value(t, s, f"print cpus[{k}].slot.end", nth),
                f"cpu {k}'s slot end")
        t.equal(int(r["timer"].split()[0]) & 0xffffffff,
                value(t, s, f"print cpus[{k}].timer_at", nth), f"cpu {k}'s timer")
    return rows


def check_selected(t, s, selected, nth):
    """bh-cpus, bh-vcpus and $bh_current_vcpu() (their nth runs) with CPU `selected`'s thread
    selected, against the kernel's variables."""
    check_cpus(t, s, selected, nth)
    vcpus = parse_table(s.of("bh-vcpus", nth))
    t.equal({int(v["id"]): int(v["cpu"]) for v in vcpus}, VCPU_CPUS, "bh-vcpus' cpu column")
    t.equal({i: value(t, s, f"print vcpu_pool[{i}].cpu", nth) for i in VCPU_CPUS},
            VCPU_CPUS, "the kernel's vcpu.cpu")
    marks = {int(v["id"]): v[""] for v in vcpus}
    on = {k: current_id(t, s, k, nth) for k in (0, 1)}
    t.equal(marks, {i: "*" if i == on[selected] else "" for i in VCPU_CPUS},
            f"bh-vcpus' mark with thread {selected + 1} selected")
    t.contains(s.of("bh-vcpus", nth), f"current on cpu {selected} (gdb's thread "
               f"{selected + 1})", "bh-vcpus' legend")
    other = on[1 - selected]
    legend = (f"vcpu {other} is current on cpu {1 - selected} (gdb's thread {2 - selected}): "
              "its eip and esp are as saved")
    if other >= 0:
        t.contains(s.of("bh-vcpus", nth), legend, "bh-vcpus' line for the other CPU")
    t.equal(value(t, s, "print (unsigned)$bh_current_vcpu()", nth),
            value(t, s, f"print (unsigned)cpus[{selected}].current", nth),
            f"$bh_current_vcpu() with thread {selected + 1} selected")


@test("gdb: two CPUs: stopped on CPU 1, bh-cpus lists both CPUs and what each runs, bh-vcpus "
      "each vcpu's CPU; after `thread 1` every helper describes CPU 0", group="gdb")
def _(t):
    # commander runs on control's vcpu 1 only, bound to CPU 1
    s = gdb_session.run(["bh-break control commander", "continue", "print/x $pc"] + HELPERS +
                        TRUTH + ["thread 1"] + HELPERS + TRUTH, config=CONFIG, timeout=60)
    expect_clean(t, s)
    t.search(s.of("continue"), r"Thread 2 hit Breakpoint 1, commander", "the stop (on CPU 1)")
    pc = value(t, s, "print/x $pc")
    t.equal(value(t, s, "print dispatch_cpu_count"), 2, "dispatch_cpu_count")
    t.equal(current_id(t, s, 1), 2, "CPU 1's current vcpu at commander (the kernel's)")

    for nth, selected in ((0, 1), (1, 0)):
        check_selected(t, s, selected, nth)

    # on CPU 1, control's vcpu 1 is current and its registers are the CPU's
    row = {v["id"]: v for v in parse_table(s.of("bh-vcpus"))}["2"]
    t.equal((row[""], row["state"], int(row["eip"], 16)), ("*", "RUNNING", pc),
            "vcpu 2 with thread 2 selected: current, running, live eip")
    t.search(s.of("bh-vcpu 2"), r"^vcpu 2: partition 1 'control', vcpu 1 of 2, priority 1, cpu 1, "
             r"state RUNNING  <- current on the selected cpu, the CPU runs its code", "bh-vcpu 2")
    t.search(s.of("bh-vcpu 2"), rf"eip    {pc:08x}", "bh-vcpu 2's live eip")
    # from CPU 0 it is another CPU's: its saved registers, said so
    t.search(s.of("bh-vcpu 2", 1), r"state RUNNING  <- current on cpu 1 \(gdb's thread 2\)$",
             "bh-vcpu 2 from thread 1")
    t.contains(s.of("bh-vcpu 2", 1), "saved at its last entry into the kernel; it is current on "
               "cpu 1: `thread 2` shows them live", "bh-vcpu 2's registers from thread 1")

    # bh-plan: each CPU's windows, the ones the kernel printed; the same from either thread
    plan = s.of("bh-plan")
    t.search(plan, r"^ +cpu +window +partition", "bh-plan's table: a cpu column first")
    rows = parse_table(plan)
    got = {}
    for r in rows:
        got.setdefault(int(r["cpu"]), []).append((int(r["window"]), r["partition"].split("'")[1],
                                                  int(r["offset ns"]), int(r["duration ns"])))
    planned = planned_windows(s.serial)
    t.equal(got, planned, "bh-plan's windows per CPU, numbered as the kernel's boot lines")
    # commander runs in control's window on CPU 1: bh-plan marks it, bh-cpus names it
    window = next(w for w, name, _, _ in planned[1] if name == "control")
    t.equal([(r["cpu"], r["window"]) for r in rows if r[""] == "*" and r["cpu"] == "1"],
            [("1", str(window))], "bh-plan's current window of CPU 1")
    t.equal(parse_table(s.of("bh-cpus"))[1]["slot"], f"window {window}: 1 'control'",
            "bh-cpus: CPU 1's slot")
    for k in (0, 1):
        vcpu = current_id(t, s, k)
        t.search(plan, rf"^cpu {k} current vcpu: " +
                 (r"none" if vcpu < 0 else rf"vcpu {vcpu} \("), f"bh-plan: cpu {k}'s current")
    t.equal(s.of("bh-plan", 1), plan, "bh-plan from thread 1 and from thread 2")
    t.note(f"session: {s.wall:.1f} s")


# Where the kernel runs, GS's base (arch_cpus[k]) names the CPU: the thread number is then not
# needed, which a lying one shows.
LIE = "python import bhgdb.selected_cpu as s; s._from_thread = lambda: {}"


@test("gdb: two CPUs: in the kernel on CPU 1 the helpers find the CPU from GS's base "
      "(arch_cpus[1]), whatever gdb's thread number says", group="gdb")
def _(t):
    s = gdb_session.run(["bh-cpus", "break hc_queuing_send thread 2", "continue", "info threads",
                         LIE.format(0), "bh-cpus", "bh-vcpus", "bh-vcpu 2",
                         "print $bh_current_vcpu()->id", "print $gs_base",
                         "print/x (unsigned)&arch_cpus[1]", "print cpus[1].current->id",
                         "thread 1", "info symbol $pc", LIE.format(1), "bh-cpus"],
                        config=CONFIG, timeout=60)
    expect_clean(t, s)
    t.equal(s.of("bh-cpus").strip(), "bh-cpus: no CPU runs a plan yet (the kernel has not run "
            "dispatch_start)", "bh-cpus at the first instruction")
    t.search(s.of("continue"), r"Thread 2 hit Breakpoint 1, hc_queuing_send", "the stop")
    t.equal(value(t, s, "print $gs_base"), value(t, s, "print/x (unsigned)&arch_cpus[1]"),
            "GS's base on CPU 1, in the kernel")
    vcpu = value(t, s, "print cpus[1].current->id")
    t.equal(vcpu, 2, "the vcpu that sends (control's vcpu 1, on CPU 1)")
    t.equal([r[""] for r in parse_table(s.of("bh-cpus", 1))], ["", "*"], "bh-cpus' selected CPU")
    marked = [v["id"] for v in parse_table(s.of("bh-vcpus")) if v[""] == "*"]
    t.equal(marked, [str(vcpu)], "bh-vcpus' current")
    t.contains(s.of("bh-vcpus"), "* current on cpu 1 (gdb's thread 2): the CPU is in the kernel "
               "on its behalf", "bh-vcpus' legend")
    t.contains(s.of("bh-vcpu 2"), "<- current on the selected cpu, the CPU is in the kernel on "
               "its behalf", "bh-vcpu 2")
    t.contains(s.of("bh-vcpu 2"), "inside hypercall QUEUING_SEND", "bh-vcpu 2")
    t.equal(value(t, s, "print $bh_current_vcpu()->id"), vcpu, "$bh_current_vcpu()")
    # CPU 0 idles in the kernel: its GS is the kernel's too
    t.contains(s.of("info symbol $pc"), "arch_idle", "CPU 0's pc")
    t.equal([r[""] for r in parse_table(s.of("bh-cpus", 2))], ["*", ""],
            "bh-cpus' selected CPU after `thread 1`")


@test("gdb: two CPUs, each running a vcpu: from either thread the helpers mark that CPU's current "
      "vcpu and name the other's", group="gdb")
def _(t):
    # note_window runs on control's vcpu 0 (CPU 0); stop there while CPU 1 runs a vcpu too
    s = gdb_session.run(["bh-break control note_window",
                         "condition 1 $_thread == 1 && $bh_in_partition(1) && cpus[1].current != 0",
                         "continue",
                         "print/x $pc"] +
                        HELPERS + TRUTH + ["thread 2"] + HELPERS + TRUTH,
                        config=CONFIG, timeout=60)
    expect_clean(t, s)
    t.search(s.of("continue"), r"Thread 1 hit Breakpoint 1, note_window", "the stop (on CPU 0)")
    t.equal(current_id(t, s, 0), 1, "CPU 0's current vcpu in note_window (the kernel's)")
    t.true(current_id(t, s, 1) >= 0, "CPU 1 runs a vcpu at the stop")
    for nth, selected in ((0, 0), (1, 1)):
        check_selected(t, s, selected, nth)
    row = {v["id"]: v for v in parse_table(s.of("bh-vcpus"))}["1"]
    t.equal((row[""], int(row["eip"], 16)), ("*", value(t, s, "print/x $pc")),
            "vcpu 1 with thread 1 selected: current, live eip")
    t.search(s.of("bh-vcpu 2"), r"cpu 1, state \w+", "bh-vcpu 2 names its CPU")
