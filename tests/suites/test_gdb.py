"""The GDB helpers (tools/gdb/bulkhead.py) on a live kernel, checked against known truth: the
deployment's configuration, the plan the kernel prints, and the kernel's own variables."""
import os
import re

import gdb_session
from gdb_session import parse_table
from harness import parse_plan, test

NOT_PYTHON_CLEAN = ("Traceback", "Python Exception", "internal error", "Error occurred in Python")
PARTITION_BASE = 0x40000000          # include/public/hypercall.h BH_PARTITION_BASE
UNITS = {"KIB": 1 << 10, "MIB": 1 << 20}


def demo_partitions():
    """(name, memory base, memory size, vcpus) of each partition, read from configs/demo.c."""
    text = open(os.path.join(os.path.dirname(__file__), "..", "..", "configs", "demo.c")).read()
    found = []
    for m in re.finditer(r"\.name = \"(\w+)\",\s*\.image = \"\w+\",\s*"
                         r"\.memory_base = (\w+)\((\d+)\),\s*\.memory_size = (\w+)\((\d+)\),\s*"
                         r"\.vcpu_count = (\d+)", text):
        name, bu, bn, su, sn, vcpus = m.groups()
        found.append((name, int(bn) * UNITS[bu], int(sn) * UNITS[su], int(vcpus)))
    return found


DEMO = demo_partitions()
VCPUS = sum(d[3] for d in DEMO)
EVERY_COMMAND = ["bh-partitions", "bh-vcpus", "bh-vcpus control", "bh-vcpu 0", "bh-vcpu 0 bt",
                 "bh-plan", "bh-hmlog", "print $bh_vcpu(0)", "print $bh_current_vcpu()",
                 "print $bh_partition(\"control\")"]


def expect_clean(t, session):
    for bad in NOT_PYTHON_CLEAN:
        t.lacks(session.output, bad, "gdb output")


def find(t, session, command, pattern, nth=0):
    return t.search(session.of(command, nth), pattern, f"output of {command!r}")


def shows(t, session, command, needle, nth=0):
    t.contains(session.of(command, nth), needle, f"output of {command!r}")


def printed(t, session, command, nth=0):
    """The value of a gdb `print` command: "$3 = 42" -> "42"."""
    return t.search(session.of(command, nth), r"^\$\d+ = (.*)$",
                    f"output of {command!r}").group(1)


@test("gdb: break at kernel_main and read boot_info from the kernel (issue 2)", group="gdb")
def _(t):
    s = gdb_session.run(["break kernel_main", "continue", "print boot_info.module_count",
                         "print boot_info.modules[0].name", "print/x boot_info.memory_total",
                         "break partition_init", "continue"])
    expect_clean(t, s)
    find(t, s, "continue", r"Breakpoint 1, kernel_main \(\)")
    passed = s.initrd.split(",")
    t.equal(int(printed(t, s, "print boot_info.module_count")), len(passed), "module_count")
    first = os.path.basename(passed[0])[:-len(".elf")]
    t.equal(printed(t, s, "print boot_info.modules[0].name").split('"')[1], first,
            "the first module's name")
    # the banner, printed between the two stops, says the same
    kib = int(t.search(s.serial, r"bulkhead: memory: (\d+) KiB usable").group(1))
    t.equal(int(printed(t, s, "print/x boot_info.memory_total"), 16) // 1024, kib,
            "memory_total in KiB")
    t.note(f"session: {s.wall:.1f} s")


@test("gdb: at kernel_main every helper says what is not set up yet, without a traceback",
      group="gdb")
def _(t):
    # once at the very first instruction (before the kernel ran at all), once at kernel_main
    s = gdb_session.run(EVERY_COMMAND + ["break kernel_main", "continue"] + EVERY_COMMAND +
                        ["help bulkhead", "apropos bh-", "bh-symbols control",
                         "info address commander"])
    expect_clean(t, s)
    for nth in (0, 1):
        shows(t, s, "bh-partitions", nth=nth,
              needle="no partitions yet (the kernel has not run partition_init)")
        for command in ("bh-vcpus", "bh-vcpu 0", "bh-vcpu 0 bt", "print $bh_vcpu(0)"):
            shows(t, s, command, nth=nth, needle="no vcpus allocated yet")
        shows(t, s, "bh-vcpus control", nth=nth, needle="the kernel has not run partition_init")
        shows(t, s, "bh-plan", nth=nth,
              needle="no schedule yet (the kernel has not run dispatch_start)")
        shows(t, s, "bh-hmlog", nth=nth, needle="the health-monitor log is empty")
        t.equal(printed(t, s, "print $bh_current_vcpu()", nth), "(struct vcpu *) 0x0",
                "$bh_current_vcpu()")
        shows(t, s, 'print $bh_partition("control")', nth=nth, needle="no partitions yet")
    for name in ("partitions", "vcpus", "vcpu", "plan", "hmlog", "symbols"):
        shows(t, s, "help bulkhead", f"bulkhead {name}, bh-{name} -- ")
        shows(t, s, "apropos bh-", f"bh-{name}")
    # before partition_init, bh-symbols takes the images from the deployment itself
    find(t, s, "bh-symbols control", r"partition 1 'control': loaded \S+/control\.elf")
    find(t, s, "info address commander", r"\"commander\" is a function at address 0x4")


@test("gdb: at a breakpoint on control's vcpu 1 the helpers show it running, in its window",
      group="gdb")
def _(t):
    # commander's address holds other code in the other partitions: the condition picks control
    s = gdb_session.run(
        ["bh-symbols control", "break commander if $bh_current_vcpu()->partition->id == 1",
         "continue", "bh-partitions", "bh-vcpus", "bh-plan", "bh-vcpu 2", "bh-vcpu 2 bt",
         "bh-vcpus control"] + [f"print partitions[{i}].life.mode" for i in range(len(DEMO))] +
        ["print cpus[0].current->id"])
    expect_clean(t, s)
    bp = int(find(t, s, "break commander if $bh_current_vcpu()->partition->id == 1",
                  r"Breakpoint 1 at (0x[0-9a-f]+)").group(1), 16)
    find(t, s, "continue", r"Breakpoint 1, commander")

    parts = parse_table(s.of("bh-partitions"))
    t.equal([p["name"] for p in parts], [d[0] for d in DEMO], "partition names")
    for i, (p, (name, base, size, vcpus)) in enumerate(zip(parts, DEMO)):
        t.equal(p["id"], str(i), f"{name} id")
        t.equal(p["physical"], f"0x{base:08x}..0x{base + size:08x}", f"{name} physical")
        t.equal(p["virtual"], f"0x{PARTITION_BASE:08x}..0x{PARTITION_BASE + size:08x}",
                f"{name} virtual")
        t.equal(p["vcpus"], str(vcpus), f"{name} vcpus")
        t.equal(p["windows"], "1", f"{name} windows in the plan")
        kernel_mode = printed(t, s, f"print partitions[{i}].life.mode")
        # a partition still loading says how far, after its mode
        t.equal(p["mode"].split(" (cold restart:")[0], kernel_mode.replace("PARTITION_", ""),
                f"{name} mode")

    vcpus = parse_table(s.of("bh-vcpus"))
    t.equal(len(vcpus), sum(d[3] for d in DEMO), "allocated vcpus")
    marked = [v for v in vcpus if v[""] == "*"]
    t.equal(len(marked), 1, "vcpus marked current")
    me = marked[0]
    t.equal((me["partition"], me["idx"], me["state"]), ("1 'control'", "1", "RUNNING"),
            "the current vcpu")
    t.equal(me["id"], printed(t, s, "print cpus[0].current->id"), "the current vcpu's id")
    t.equal(int(me["eip"], 16), bp, "eip of the vcpu stopped at commander")
    t.true(PARTITION_BASE <= int(me["esp"], 16) < PARTITION_BASE + DEMO[1][2],
           f"esp {me['esp']} is not in control's memory")
    sibling = [v for v in vcpus if v["partition"] == "1 'control'" and v["idx"] == "0"][0]
    t.true(sibling["state"] in ("RUNNABLE", "BLOCKED"), f"vcpu 0 of control is {sibling['state']}")
    t.true(PARTITION_BASE <= int(sibling["eip"], 16) < PARTITION_BASE + DEMO[1][2],
           f"control vcpu 0 eip {sibling['eip']} is not in its code")
    shows(t, s, "bh-vcpus", "* current: the CPU runs its code; eip and esp are live")
    t.equal(len(parse_table(s.of("bh-vcpus control"))), 2, "bh-vcpus control rows")

    _, major, windows = parse_plan(s.serial)
    plan = s.of("bh-plan")
    t.search(plan, rf"^major frame: \d+ ticks = {major} ns")
    rows = parse_table(plan)
    t.equal([(r["partition"].split("'")[1], int(r["offset ns"]), int(r["duration ns"]))
             for r in rows], [(w[1], w[2], w[3]) for w in windows], "the plan's windows")
    current_rows = [r for r in rows if r[""] == "*"]
    t.equal([r["partition"] for r in current_rows], ["1 'control'"], "the current window")
    t.contains(plan, "current vcpu: vcpu 2 (control vcpu 1), RUNNING")

    find(t, s, "bh-vcpu 2", r"state RUNNING  <- current, the CPU runs its code")
    # with only control's symbols loaded, gdb's line table answers for control's code
    find(t, s, "bh-vcpu 2 bt", r"^#0 +0x[0-9a-f]{8} in commander\+0x0 at \S+\.[ch]:\d+$")
    find(t, s, "bh-vcpu 2 bt", r"^#\d+ +\?? 0x[0-9a-f]{8} in bh_secondary_start\+0x[0-9a-f]+ ")
    t.note(f"session: {s.wall:.1f} s")


@test("gdb: inside the timer interrupt every helper runs and agrees with the kernel",
      group="gdb")
def _(t):
    vcpu_commands = [f"bh-vcpu {i}" for i in range(VCPUS)] + [f"bh-vcpu {i} bt" for i in range(VCPUS)]
    s = gdb_session.run(
        ["break core_timer_event if cpus[0].current != 0", "ignore 1 12", "continue", "bh-partitions",
         "bh-vcpus", "bh-plan", "bh-hmlog", "bh-symbols", "print cpus[0].current->id",
         "print cpus[0].plan->stretches[cpus[0].slot.stretch].window", "print/d $bh_current_vcpu()->stats.dispatched"]
        + vcpu_commands)
    expect_clean(t, s)
    find(t, s, "continue", r"Breakpoint 1, core_timer_event \(\)")
    for command in ["bh-partitions", "bh-vcpus", "bh-plan"] + vcpu_commands:
        t.lacks(s.of(command), "could not read", f"output of {command!r}")
    t.equal(len(parse_table(s.of("bh-partitions"))), len(DEMO), "partitions")

    vcpus = parse_table(s.of("bh-vcpus"))
    t.equal([v["id"] for v in vcpus], [str(i) for i in range(VCPUS)], "vcpu ids")
    for v in vcpus:
        t.true(v["state"] in ("DOWN", "RUNNABLE", "RUNNING", "BLOCKED", "PAUSED", "HALTED"),
               f"vcpu {v['id']} state {v['state']}")
    current_id = printed(t, s, "print cpus[0].current->id")
    marked = [v for v in vcpus if v[""] == "*"]
    t.equal([v["id"] for v in marked], [current_id], "the vcpu marked current")
    t.equal(marked[0]["dispatched"], printed(t, s, "print/d $bh_current_vcpu()->stats.dispatched"),
            "dispatch count of the current vcpu")
    shows(t, s, "bh-vcpus", "the CPU is in the kernel on its behalf")
    # the timer interrupt runs on the current vcpu's own kernel stack
    find(t, s, f"bh-vcpu {current_id}", r"kernel stack: .*deepest use (\d+) bytes.*esp now")
    find(t, s, f"bh-vcpu {current_id}", r"last entry: vector \d+ \(isr_\d+\)")

    window = int(printed(t, s, "print cpus[0].plan->stretches[cpus[0].slot.stretch].window"))
    rows = parse_table(s.of("bh-plan"))
    t.equal([r["window"] for r in rows if r[""] == "*"], [str(window)], "the current window")
    find(t, s, "bh-plan", rf"now: frame \d+, (?:plan )?window {window}, slot \[\d+, \d+\) ticks")
    shows(t, s, "bh-hmlog", "the health-monitor log is empty")
    for i in range(VCPUS):
        used = int(find(t, s, f"bh-vcpu {i}", r"deepest use (\d+) bytes").group(1))
        t.true(0 <= used <= 2048, f"vcpu {i} kernel stack use {used}")
        find(t, s, f"bh-vcpu {i} bt", r"^#0 +0x4[0-9a-f]{7} in \w+")
    t.note(f"session: {s.wall:.1f} s")


@test("gdb: a doorbell to a vcpu with delivery off stays pending, then arrives as an upcall",
      group="gdb")
def _(t):
    s = gdb_session.run(
        ["print/d BH_VINT_DOORBELL", "bh-symbols", "break before_doorbell",
         "break after_doorbell", "break hc_vint_doorbell", "continue", "bh-vcpus", "continue",
         "bh-vcpu 0", "continue", "bh-vcpus", "bh-vcpu 1", "bh-hmlog", "delete",
         "break on_upcall", "continue", "print line", "bh-vcpus", "bh-vcpu 1", "bh-vcpu 1 bt",
         "info address bh_upcall_entry"], config="gdb_doorbell")
    expect_clean(t, s)
    line = int(printed(t, s, "print/d BH_VINT_DOORBELL"))
    bit = 1 << line

    find(t, s, "continue", nth=0, pattern=r"Breakpoint \d+, before_doorbell")
    before = {v["idx"]: v for v in parse_table(s.of("bh-vcpus", 0))}
    t.equal(int(before["1"]["pending"], 16) & bit, 0, "vcpu 1 doorbell line before the doorbell")
    t.equal(int(before["1"]["masked"], 16), 1, "vcpu 1 mask (its timer line)")

    find(t, s, "continue", nth=1, pattern=r"Breakpoint \d+, hc_vint_doorbell")
    shows(t, s, "bh-vcpu 0", "inside hypercall VINT_DOORBELL")
    find(t, s, "bh-vcpu 0", r"last entry: vector 128 \(hypercall_entry, the hypercall gate\)")

    find(t, s, "continue", nth=2, pattern=r"Breakpoint \d+, after_doorbell")
    after = {v["idx"]: v for v in parse_table(s.of("bh-vcpus", 1))}
    t.equal(int(after["1"]["pending"], 16) & bit, bit, "vcpu 1 doorbell line after the doorbell")
    t.equal(int(after["0"]["pending"], 16) & bit, 0, "vcpu 0 doorbell line")
    t.equal(after["0"][""], "*", "vcpu 0 marked current")
    detail = s.of("bh-vcpu 1")
    t.search(detail, r"pending 0x[0-9a-f]+ \([A-Z_ ]*DOORBELL[A-Z_ ]*\)\s+mask 0x1 \(TIMER\)")
    t.contains(detail, "delivery disabled, not in an upcall")

    # vcpu 1 turns delivery on: the lowest pending unmasked line arrives as an upcall
    ready = int(after["1"]["pending"], 16) & ~int(after["1"]["masked"], 16)
    delivered = (ready & -ready).bit_length() - 1
    find(t, s, "continue", nth=3, pattern=r"Breakpoint \d+, on_upcall")
    t.equal(int(printed(t, s, "print line")), delivered, "the line the upcall handler got")
    upcall = {v["idx"]: v for v in parse_table(s.of("bh-vcpus", 2))}
    t.equal(upcall["1"][""], "*", "vcpu 1 marked current in its upcall")
    t.equal(int(upcall["1"]["pending"], 16) & (1 << delivered), 0, "the delivered line pending")
    detail = s.of("bh-vcpu 1", 1)
    entry = find(t, s, "info address bh_upcall_entry", r"is at (0x[0-9a-f]+)").group(1)
    t.contains(detail, "delivery disabled, in an upcall", "bh-vcpu 1 in the upcall")
    t.search(detail, rf"upcall entry 0x{int(entry, 16):08x}, upcall stack 0x4", "bh-vcpu 1")
    t.contains(detail, "interrupted context (kept while the upcall runs):", "bh-vcpu 1")
    find(t, s, "bh-vcpu 1 bt", r"(?s)^#0 +0x[0-9a-f]{8} in on_upcall\+0x0 .*"
         r"in bh_upcall_entry\+.*^an upcall interrupted this context .*\n"
         r"#0 +0x[0-9a-f]{8} in listener\+")

    # the log holds the partition's hm_report(42), as the kernel printed it
    m = t.search(s.serial, r"bulkhead: hm: t=(\d+)\.(\d{3}) ms partition 'bells' vcpu 0: "
                 r"application error code 42 at eip (0x[0-9a-f]{8}) -> log")
    rows = parse_table(s.of("bh-hmlog"))
    t.equal(len(rows), 1, "hm log rows")
    r = rows[0]
    t.equal((r["partition"], r["vcpu"], r["event"], r["eip"], r["code"], r["action"]),
            ("0 'bells'", "0", "application error", m.group(3), "0x2a", "log"), "hm record")
    ns = int(r["time ns"])
    t.equal((ns // 1000000, ns // 1000 % 1000), (int(m.group(1)), int(m.group(2))),
            "hm record time against the kernel's line")
    t.note(f"session: {s.wall:.1f} s")


@test("gdb: damaged kernel data gives messages and partial tables, never a traceback",
      group="gdb")
def _(t):
    s = gdb_session.run(
        ["break dispatch_start", "continue", "set var partitions[1].name = (char *)0x10",
         "set var vcpu_pool[1].state = 99", "set var vcpu_pool[2].partition = 8",
         "set var partitions[2].mem.aspace.page_directory = 0xdead0000", "set var hm_log.total = 2",
         "set var hm_log.held = 2", "set var hm_log.order[1] = 1",
         "set var hm_log.records[1].event = 77", "bh-partitions", "bh-vcpus", "bh-vcpu 2",
         "bh-hmlog", "bh-symbols logger", "set var partition_count = 1000",
         "set var pool_used = 99999", "bh-partitions", "bh-vcpus", "print $bh_vcpu(0)"])
    expect_clean(t, s)
    parts = parse_table(s.of("bh-partitions"))
    want = [(str(i), "?" if i == 1 else d[0]) for i, d in enumerate(DEMO)]
    t.equal([(p["id"], p["name"]) for p in parts], want, "partitions with an unreadable name")
    t.equal(parts[2]["virtual"], "?", "the virtual range of a partition without page directory")
    find(t, s, "bh-partitions", r"could not read partition 1 name: cannot read the kernel's "
         r"memory \(Cannot access memory at address 0x10\)")
    vcpus = parse_table(s.of("bh-vcpus"))
    t.equal([v["state"] for v in vcpus][:2], ["DOWN", "?(99)"], "states (at dispatch_start no partition is loaded yet)")
    t.equal(vcpus[2]["partition"], "?", "the partition of a vcpu with a bad pointer")
    find(t, s, "bh-vcpu 2", r"could not read its identity: .*address 0x8")
    find(t, s, "bh-vcpu 2", r"^kernel stack: 0x[0-9a-f]{8}\.\.")
    rows = parse_table(s.of("bh-hmlog"))
    t.equal([r["event"] for r in rows], ["divide error (#DE)", "event 77"], "hm events")
    find(t, s, "bh-symbols logger", r"partition 2 'logger': loaded \S+/logger\.elf")
    shows(t, s, "bh-partitions", "partition_count is 1000 but partitions[] holds", nth=1)
    shows(t, s, "bh-vcpus", "pool_used is 99999 but vcpu_pool[] holds", nth=1)
    shows(t, s, "print $bh_vcpu(0)", "pool_used is 99999")


@test("gdb: bh-hmlog shows which event lines still wait for time to be printed", group="gdb")
def _(t):
    # hm_late_busy has no idle time and faults at its windows' ends: every line waits until the
    # summary, whose first step prints them
    s = gdb_session.run(["break report_summary", "continue", "bh-hmlog"], config="hm_late_busy")
    expect_clean(t, s)
    rows = parse_table(s.of("bh-hmlog"))
    t.equal(len(rows), 64, "records the log holds")
    waiting = [r for r in rows if r["console"] == "waiting"]
    t.equal(len(waiting), 64, "records whose line waits")
    find(t, s, "bh-hmlog", r"^100 events since boot; the log holds 64; 64 of their "
         r"console lines wait")


def public_vint_lines():
    """{line: short name} of enum bh_vint_line, read from include/public/vint.h here, apart
    from the helpers' own reading of the kernel's debug info."""
    text = open(os.path.join(os.path.dirname(__file__), "..", "..", "include", "public",
                             "vint.h")).read()
    body = re.search(r"enum bh_vint_line \{(.*?)\};", text, re.S).group(1)
    lines = {int(v): n for n, v in re.findall(r"BH_VINT_(\w+) = (\d+)", body)}
    count = lines.pop(max(lines))
    t_count = len(lines)
    assert count == "LINES" and sorted(lines) == list(range(t_count)), lines
    return lines


@test("gdb: every virtual-interrupt line has its name in bh-vcpus' bitmaps and in bh-trace",
      group="gdb")
def _(t):
    lines = public_vint_lines()
    count = len(lines)
    s = gdb_session.run([
        "python import bhgdb.names as n",
        f"python print('LINES ' + ' | '.join(n.vint_bits(1 << i) for i in range({count + 2})))",
        f"python print('ALL ' + n.vint_bits({(1 << count) - 1:#x}))",
        "python from bhgdb.cmd_trace import TraceReader",
        f"python print('TRACE ' + ' | '.join(TraceReader().describe('VINT', i) "
        f"for i in range({count + 1})))"])
    expect_clean(t, s)
    singles = t.search(s.output, r"^LINES (.*)$", "gdb output").group(1).split(" | ")
    want = [f"{1 << i:#x} ({lines[i]})" for i in range(count)]
    # past the last line: a number, never the counting enumerator's name
    want += [f"{1 << i:#x} (line{i})" for i in (count, count + 1)]
    t.equal(singles, want, "vint_bits of each line alone")
    t.equal(t.search(s.output, r"^ALL (.*)$", "gdb output").group(1),
            f"{(1 << count) - 1:#x} ({' '.join(lines[i] for i in range(count))})",
            "vint_bits of every line, lowest first")
    traced = t.search(s.output, r"^TRACE (.*)$", "gdb output").group(1).split(" | ")
    t.equal(traced, [f"line {i} {lines[i]}" for i in range(count)] + [f"line {count}"],
            "bh-trace's VINT descriptions")
