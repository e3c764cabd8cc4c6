"""Issue 15, points 3 and 10: no-execute and write protection (PAE, NX, SMEP, SMAP), memory_protect
and stack guards. Partitions that break W^X or overflow their stacks are stopped or restarted by
the health monitor as configured, with a report naming the cause, and the others keep their
windows; the kernel itself faults if it touches a partition page or executes its own data."""
import re
import subprocess
from harness import test, boot, expect_status, check_windows_on_time, out_dir

PAGE = 4096
BASE = 0x40000000
MEMORY = 128 * 1024                      # every partition of tests/configs/memory.c
HM = (r"^bulkhead: hm: t=[\d.]+ ms partition '{name}' vcpu {vcpu}: {what} \(#PF\) at eip "
      r"0x([0-9a-f]{{8}}), address 0x([0-9a-f]{{8}}), error 0x([0-9a-f]+): {cause} -> {action}$")
DEMO = ("sensor", "control", "logger")
ALL_ON = "bulkhead: paging: PAE, no-execute on, SMEP on, SMAP on"
ALL_ABSENT = "bulkhead: paging: PAE, no-execute absent, SMEP absent, SMAP absent"


def memory_boot():
    return boot(config="memory", timeout=60)


def events(t, serial, name, vcpu, what, cause, action, count):
    found = re.findall(HM.format(name=name, vcpu=vcpu, what=what, cause=cause, action=action),
                       serial, re.M)
    t.equal(len(found), count, f"{name}: '{what}: {cause} -> {action}' reports")
    return [(int(eip, 16), int(address, 16), int(error, 16)) for eip, address, error in found]


def others_on_time(t, r):
    judged, worst = check_windows_on_time(t, r.serial, DEMO)
    t.true(len(judged) >= 3 * 20, f"only {len(judged)} demo window starts judged")
    t.note(f"{len(judged)} demo windows judged, worst {worst} ns late")


@test("memory: writing its text or rodata, executing its stack, data or rodata: each a page fault naming the cause; the others on time")
def _(t):
    r = memory_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, ALL_ON)
    t.lacks(r.serial, "broken")
    t.lacks(r.serial, "PANIC")
    addresses = {int(n): int(a, 16) for n, a in
                 re.findall(r"^\[wx_probe\] round (\d): \w+ my \w+ at 0x([0-9a-f]+)$", r.serial, re.M)}
    t.equal(sorted(addresses), [1, 2, 3, 4, 5], "rounds announced")
    writes = events(t, r.serial, "wx_probe", 0, "page fault", "write to a read-only page",
                    "warm restart", 2)
    executes = events(t, r.serial, "wx_probe", 0, "page fault", "execute of a no-execute page",
                      "warm restart", 3)
    t.equal([a for _, a, _ in writes], [addresses[1], addresses[5]], "written addresses (text, rodata)")
    t.equal([e for _, _, e in writes], [7, 7], "error codes of the writes (present, write, user)")
    # a fetch faults at the instruction itself: eip and address are the code's
    t.equal([(eip, a) for eip, a, _ in executes], [(addresses[n], addresses[n]) for n in (2, 3, 4)],
            "executed addresses (stack, data, rodata)")
    t.equal([e for _, _, e in executes], [0x15] * 3, "error codes of the fetches (present, user, fetch)")
    t.contains(r.serial, "[wx_probe] round 6: text unchanged, rodata unchanged")
    others_on_time(t, r)


@test("memory: memory_protect refuses unaligned ranges, W+X and unknown bits (EINVAL), ranges outside its memory (EFAULT)")
def _(t):
    r = memory_boot()
    expect_status(t, r, "shutdown")
    want = {"unaligned address": -22, "unaligned length": -22, "write and execute": -22,
            "write without read": -22, "execute without read": -22, "unknown bit": -22,
            "below its memory": -14, "past its end": -14, "at its end": -14,
            "wrapping length": -14, "kernel address": -14, "read only": 0, "read and write": 0}
    got = dict((what, int(code)) for what, code in
               re.findall(r"^\[protect_probe\] ([a-z ]+): (-?\d+)$", r.serial, re.M))
    t.equal(got, want, "memory_protect's results")


@test("memory: memory_protect's read-only page faults on a write, NONE faults as a stack overflow, code runs once READ|EXEC; restarts put the layout back")
def _(t):
    r = memory_boot()
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "WRONG")
    data = int(t.search(r.serial, r"^\[protect_probe\] round 1: page 0x([0-9a-f]+) read only, "
                                  r"reads 1; writing it$").group(1), 16)
    writes = events(t, r.serial, "protect_probe", 0, "page fault", "write to a read-only page",
                    "warm restart", 2)
    t.equal([a for _, a, _ in writes], [data, data + 2 * PAGE], "read-only, then executable page written")
    # the warm restart put the image's layout back: the page is writable again
    t.contains(r.serial, "[protect_probe] round 2: after the restart the page is writable again (3)")
    guard = events(t, r.serial, "protect_probe", 0, "stack overflow", "guard page", "warm restart", 1)
    t.equal(guard[0][1:], (data + PAGE, 4), "guard page read (address, error: not present, user read)")
    t.contains(r.serial, "[protect_probe] round 3: code written, page made read and execute: "
                         "returns 0x1234")
    t.contains(r.serial, "[protect_probe] round 4: done")


@test("memory: recursion on vcpu 0 hits the guard page below its configured stack: a stack overflow, the configured action (cold restart, then the limit)")
def _(t):
    r = memory_boot()
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "no overflow")
    stack = 8 * 1024                     # overflow_main's stack_size
    guard = BASE + MEMORY - stack - PAGE
    first = events(t, r.serial, "overflow_main", 0, "stack overflow", "guard page", "cold restart", 1)
    last = events(t, r.serial, "overflow_main", 0, "stack overflow", "guard page", "stop partition", 1)
    for _, address, error in first + last:
        t.true(guard <= address < guard + PAGE, f"overflow at 0x{address:x}, guard page at 0x{guard:x}")
        t.equal(error, 6, "error code (not present, user write)")
    t.equal(len(re.findall(r"^\[overflow_main\] recursing", r.serial, re.M)), 2,
            "starts (the first, then after the cold restart)")
    t.contains(r.serial, "bulkhead: hm: partition 'overflow_main' reached its restart limit; stopped for good")
    t.search(r.serial, r"partition \d+ 'overflow_main': mode IDLE, windows \d+, faults 2, restarts 1, requested restarts 0$")
    others_on_time(t, r)


@test("memory: recursion on a secondary vcpu hits the guard page bh_stack_guard put under its stack: a stack overflow of vcpu 1, the default action")
def _(t):
    r = memory_boot()
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "no overflow")
    guard = int(t.search(r.serial, r"^\[overflow_vcpu\] guard page at 0x([0-9a-f]+): 0$").group(1), 16)
    low = int(t.search(r.serial, r"^\[overflow_vcpu\] vcpu 1 recursing on \[0x([0-9a-f]+), ").group(1), 16)
    t.equal(low, guard + PAGE, "the stack starts above its guard page")
    (_, address, error), = events(t, r.serial, "overflow_vcpu", 1, "stack overflow", "guard page",
                                  "stop partition", 1)
    t.true(guard <= address < guard + PAGE, f"overflow at 0x{address:x}, guard page at 0x{guard:x}")
    t.search(r.serial, r"partition \d+ 'overflow_vcpu': mode IDLE, windows \d+, faults 1, restarts 0, requested restarts 0$")
    others_on_time(t, r)


def kernel_symbol(config, name):
    symbols = subprocess.run(["i686-linux-gnu-nm", f"{out_dir(config)}/bulkhead.elf"],
                             capture_output=True, text=True).stdout
    return int(next(line.split()[0] for line in symbols.splitlines() if line.endswith(" " + name)), 16)


def touch_boot(kind, extra=()):
    return boot(config="kernel_touch", cmdline=f"test_kernel_touch={kind}" if kind else "",
                timeout=30, extra=extra)


def touched(t, r):
    return int(t.search(r.serial, r"^\[touch_probe\] memory_protect\(0x([0-9a-f]+)\) with the "
                                  r"kernel touching it$").group(1), 16)


def kernel_fault(t, r, error, address):
    expect_status(t, r, "panic")
    t.contains(r.serial, ALL_ON)
    t.search(r.serial, rf"^bulkhead: PANIC: page fault \(#PF\) in the kernel, error code 0x{error:x}, "
                       rf"address 0x{address:08x}$")
    t.lacks(r.serial, "test_kernel_touch: no fault")
    t.lacks(r.serial, "memory_protect returned")


@test("paging: SMAP: the kernel reading a partition page through its user address is a kernel page fault")
def _(t):
    r = touch_boot("read")
    kernel_fault(t, r, 0x1, touched(t, r))


@test("paging: SMEP: the kernel executing a partition page is a kernel page fault")
def _(t):
    r = touch_boot("exec")
    kernel_fault(t, r, 0x11, touched(t, r))


@test("paging: the kernel's data is no-execute: the kernel executing it is a kernel page fault")
def _(t):
    r = touch_boot("data-exec")
    kernel_fault(t, r, 0x11, kernel_symbol("kernel_touch", "data_ret"))


@test("paging: without test_kernel_touch the same hypercall touches nothing and nothing panics")
def _(t):
    r = touch_boot("")
    expect_status(t, r, "shutdown")
    t.lacks(r.serial, "test_kernel_touch")
    t.contains(r.serial, "[touch_probe] memory_protect returned 4096")   # one page changed


@test("paging: on a CPU without no-execute, SMEP and SMAP (-cpu qemu32) the kernel boots, says so, and runs the demo")
def _(t):
    r = boot(timeout=30, extra=("-cpu", "qemu32"))
    expect_status(t, r, "shutdown")
    t.contains(r.serial, ALL_ABSENT)
    judged, _ = check_windows_on_time(t, r.serial, DEMO)
    t.true(len(judged) >= 3 * 10, f"only {len(judged)} demo window starts judged")
    # without SMAP nothing stops the kernel's stray read: the SMAP test above is SMAP's doing
    r = touch_boot("read", extra=("-cpu", "qemu32"))
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "bulkhead: test_kernel_touch: no fault")


@test("paging: a CPU without PAE is refused with the reason")
def _(t):
    r = boot(timeout=30, extra=("-cpu", "qemu32,-pae"))
    expect_status(t, r, "panic")
    t.contains(r.serial, "bulkhead: PANIC: the CPU lacks PAE paging (CPUID 1 EDX bit 6)")
    t.lacks(r.serial, "[sensor]")


@test("memory: gdb's bh-hmlog names the stack overflows as the kernel does", group="gdb")
def _(t):
    import gdb_session
    s = gdb_session.run(["break health_summary", "continue", "bh-hmlog"], config="memory", timeout=60)
    out = s.of("bh-hmlog")
    rows = re.findall(r"^\d+\s+\d+\s+\d+ '(\w+)'\s+(\d)\s+stack overflow\s+0x[0-9a-f]+\s+"
                      r"0x([0-9a-f]+)\s+0x[0-9a-f]+\s+(\w[\w ]*?)\s+-$", out, re.M)
    t.equal([(name, vcpu, action) for name, vcpu, _, action in rows],
            # overflow_main reloads in the rest of the window it overflowed in, and overflows again
            [("protect_probe", "0", "warm restart"), ("overflow_main", "0", "cold restart"),
             ("overflow_main", "0", "stop partition"), ("overflow_vcpu", "1", "stop partition")],
            f"bh-hmlog's stack overflows in:\n{out}")


@test("memory: memory_protect over 4 MiB again and again at its window's end never makes the next window late")
def _(t):
    r = boot(config="protect_late", timeout=60)
    expect_status(t, r, "shutdown")
    judged, worst = check_windows_on_time(t, r.serial, ("sensor",))
    t.true(len(judged) >= 50, f"only {len(judged)} sensor windows judged")
    reports = re.findall(r"^\[protect_late\] window (\d+): (\d+) calls, the last returned (-?\d+)$",
                         r.serial, re.M)
    t.true(len(reports) >= 5, f"only {len(reports)} reports from protect_late")
    # one call changes 64 pages at most, whatever the range asked for
    t.equal({last for _, _, last in reports}, {str(64 * 4096)}, "what one call changed")
    t.true(sum(int(calls) for _, calls, _ in reports) >= 3 * len(reports),
           f"too few calls at the windows' ends: {reports}")
    t.note(f"{len(judged)} sensor windows right after the calls, worst {worst} ns late")
