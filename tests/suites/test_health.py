"""Issue 4: every health-monitor action, the restart limit, the log, and on-time neighbours."""
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from harness import (test, boot, build, expect_status, check_windows_on_time, parse_plan,
                     qemu_command, BootResult, BUILD, QEMU_CWD)

HM_LINE = re.compile(r"^bulkhead: hm: t=[\d.]+ ms partition '(\w+)' vcpu (\d+): (.*?)(?: code (\d+) at eip 0x([0-9a-f]+)| \(#\w+\) at eip 0x([0-9a-f]+), address 0x[0-9a-f]+, error 0x[0-9a-f]+(?:: [a-z -]+)?) -> (.+)$", re.M)
ACTIONS = {"log": 1, "stop partition": 2, "cold restart": 3, "warm restart": 4, "shut down": 5}


def health_boot():
    return boot(config="health", timeout=60)


def records(serial, name):
    return [m for m in HM_LINE.finditer(serial) if m.group(1) == name]


@test("health: 'log' lets an application error go on and halts a faulting vcpu")
def _(t):
    r = health_boot()
    expect_status(t, r, "shutdown")
    log = records(r.serial, "hm_log")
    t.equal([(m.group(3), m.group(7)) for m in log],
            [("application error", "log"), ("divide error", "log")], "hm_log events")
    t.equal(log[0].group(4), "42", "application error code")
    t.contains(r.serial, "[hm_log] continued after the report")
    t.lacks(r.serial, "after the divide error: wrong")
    t.search(r.serial, r"vcpu 1\.0 \(pool id \d+\): HALTED")


@test("health: cold restarts clear memory and stop at the restart limit")
def _(t):
    r = health_boot()
    expect_status(t, r, "shutdown")
    cold = records(r.serial, "hm_cold")
    t.equal([m.group(7) for m in cold], ["cold restart"] * 3 + ["stop partition"], "hm_cold actions")
    # memory is rewritten from the image each time: its counter starts from zero again
    t.equal(re.findall(r"^\[hm_cold\] start (\d+)$", r.serial, re.M), ["1"] * 4, "hm_cold starts")
    t.contains(r.serial, "bulkhead: hm: partition 'hm_cold' reached its restart limit; stopped for good")
    t.search(r.serial, r"partition 2 'hm_cold': mode IDLE, windows \d+, faults 4, restarts 3")


@test("health: warm restarts keep memory; a restart loop ends at its limit, neighbours on time")
def _(t):
    r = health_boot()
    expect_status(t, r, "shutdown")
    starts = [int(n) for n in re.findall(r"^\[hm_warm\] start (\d+)$", r.serial, re.M)]
    t.equal(starts, list(range(1, 52)), "hm_warm starts (memory kept across warm restarts)")
    warm = records(r.serial, "hm_warm")
    t.equal([m.group(7) for m in warm], ["warm restart"] * 50 + ["stop partition"], "hm_warm actions")
    t.contains(r.serial, "bulkhead: hm: partition 'hm_warm' reached its restart limit; stopped for good")
    judged, worst = check_windows_on_time(t, r.serial, ("sensor",))
    t.true(len(judged) >= 9, f"only {len(judged)} sensor windows judged")
    t.note(f"sensor windows next to the restart loops: worst {worst} ns late")


@test("health: the default action stops the partition")
def _(t):
    r = health_boot()
    expect_status(t, r, "shutdown")
    stop = records(r.serial, "hm_stop")
    t.equal([(m.group(3), m.group(7)) for m in stop], [("general protection", "stop partition")],
            "hm_stop events")
    t.lacks(r.serial, "still running: wrong")


@test("health: 'shut down' stops the whole system cleanly, with the summary")
def _(t):
    r = health_boot()
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[hm_shutdown] reporting error 7 in window 12")
    shut = records(r.serial, "hm_shutdown")
    t.equal([(m.group(3), m.group(4), m.group(7)) for m in shut],
            [("application error", "7", "shut down")], "hm_shutdown events")
    t.lacks(r.serial, "after the shutdown action: wrong")
    t.contains(r.serial, "bulkhead: summary after 11 major frames")


@test("health: the log a system partition reads matches every event the kernel printed")
def _(t):
    r = health_boot()
    expect_status(t, r, "shutdown")
    printed = list(HM_LINE.finditer(r.serial))
    names = re.findall(r"^bulkhead: (?:plan )?window \d+: partition (\d+) '(\w+)'", r.serial, re.M)
    ids = {name: int(i) for i, name in names}
    read = re.findall(r"^\[hm_reader\] log (\d+): t=\d+ event (\d+) partition (\d+) vcpu (\d+) "
                      r"eip 0x([0-9a-f]+) address 0x[0-9a-f]+ code (\d+) action (\d+)$", r.serial, re.M)
    # the reader sees everything but the event that shut the system down
    t.equal(len(read), len(printed) - 1, "records read")
    for (seq, event, partition, vcpu, eip, code, action), m in zip(read, printed):
        t.equal(int(partition), ids[m.group(1)], f"record {seq} partition")
        t.equal(int(vcpu), int(m.group(2)), f"record {seq} vcpu")
        t.equal(int(eip, 16), int(m.group(5) or m.group(6), 16), f"record {seq} eip")
        t.equal(int(action), ACTIONS[m.group(7)], f"record {seq} action")
    t.equal([int(s[0]) for s in read], list(range(len(read))), "sequence numbers")
    t.search(r.serial, r"bulkhead: health-monitor events: %d$" % len(printed))


@test("health: a fault in the last microseconds of a window leaves the next window on time")
def _(t):
    r = boot(config="hm_late", timeout=60)
    expect_status(t, r, "shutdown")
    plan = parse_plan(r.serial)
    epoch, major, windows = plan
    end = next(off + dur for _, name, off, dur in windows if name == "hm_late")
    faults = int(t.search(r.serial, r"^bulkhead: partition \d+ 'hm_late': mode \w+, windows \d+, "
                          r"faults (\d+), restarts \d+, requested restarts \d+$").group(1))
    late = records(r.serial, "hm_late")
    t.equal(len(late), faults, "event lines of hm_late (every fault is printed)")
    # the faults come in the last 5 us of the window: printed there, a line would overrun it
    at = [round(float(m.group(0).split("t=")[1].split(" ")[0]) * 1_000_000) for m in late]
    near_end = [ns for ns in at if 0 <= end - (ns - epoch) % major <= 5_000]
    t.true(len(near_end) >= 50, f"only {len(near_end)} of {len(at)} faults in the last 5 us of a window")
    # the sensor's window follows at once; the normal lateness here is 1 us, with the line 8.4 us
    judged, worst = check_windows_on_time(t, r.serial, ("sensor",), tolerance_ns=2_000)
    t.true(len(judged) >= 50, f"only {len(judged)} sensor windows judged")
    t.note(f"{len(near_end)} faults in a window's last 5 us; the next window at worst {worst} ns late")


@test("health: with no idle time, waiting event lines print at the summary; overwritten ones are counted")
def _(t):
    r = boot(config="hm_late_busy", timeout=60)
    expect_status(t, r, "shutdown")
    faults = int(t.search(r.serial, r"^bulkhead: partition \d+ 'hm_late': mode \w+, windows \d+, "
                          r"faults (\d+), restarts \d+, requested restarts \d+$").group(1))
    printed = len(records(r.serial, "hm_late"))
    lost = sum(int(n) for n in re.findall(r"^bulkhead: hm: (\d+) event lines? (?:was|were) not printed",
                                          r.serial, re.M))
    t.equal(printed + lost, faults, "lines printed and lost, against the faults")
    t.true(lost > 0 and printed >= 64, f"{printed} printed, {lost} lost: the log keeps 64")
    t.true(r.serial.index("bulkhead: summary") > r.serial.rindex("bulkhead: hm: t="),
           "waiting lines printed before the summary")
    # a fault at a window's very end delays the next window by its handling: 1,940 ns before
    # the health log and the console took locks for several CPUs, 2,030 ns since
    judged, worst = check_windows_on_time(t, r.serial, ("sensor",), tolerance_ns=2_200)
    t.true(len(judged) >= 90, f"only {len(judged)} sensor windows judged")
    t.note(f"{printed} lines printed, {lost} lost; the sensor's windows at worst {worst} ns late")


@test("health: restarts a partition asks for are counted apart and not limited; a misuse names its stack")
def _(t):
    r = boot(config="hm_accounting", timeout=60)
    expect_status(t, r, "shutdown")
    starts = re.findall(r"^\[hm_self\] start: restarts (\d+), requested restarts (\d+)$", r.serial, re.M)
    t.equal(starts, [("0", str(n)) for n in range(12)], "hm_self's own view (partition_status)")
    t.contains(r.serial, "[hm_self] settled after 11 requested restarts")
    # ten warm and one cold restart in 30 ms, beyond the restart limit of 3 a second
    t.search(r.serial, r"^bulkhead: partition 1 'hm_self': mode NORMAL, windows 20, faults 0, "
                       r"restarts 0, requested restarts 11$")
    t.lacks(r.serial, "'hm_self' reached its restart limit")
    t.search(r.serial, r"^bulkhead: hm: t=[\d.]+ ms partition 'hm_misuse' vcpu 0: vcpu misuse: "
                       r"upcall stack top 0x40000010 refused, no room in the partition below it "
                       r"for the frame of line 0 \(timer\), at eip 0x4[0-9a-f]{7} -> stop partition$")
    t.lacks(r.serial, "the misuse was not seen")
    # stopped by the refused delivery, on the way out of the kernel: it never runs again (it
    # spins after moving its stack; had the exit step not decided again, it would have spun to
    # its window's end, 0.8 ms more)
    consumed = int(t.search(r.serial, r"^bulkhead:   vcpu 2\.0 \(pool id 2\): HALTED, dispatched 1, "
                                      r"consumed (\d+) us", "hm_misuse's vcpu in the summary").group(1))
    t.true(consumed < 200, f"hm_misuse's vcpu ran {consumed} us, past its stop")
    check_windows_on_time(t, r.serial, ("sensor",))


def boot_with_monitor(config, command, count, spacing_s, timeout=60):
    """Boots `config` with QEMU's monitor on a socket and, once the schedule has started, gives
    it `command` `count` times, `spacing_s` apart. Returns the BootResult and how many went."""
    build(config)
    folder = tempfile.mkdtemp(prefix="monitor-", dir=BUILD)
    try:
        sock_path, serial_path = os.path.join(folder, "monitor"), os.path.join(folder, "serial.log")
        open(serial_path, "w").close()
        cmd = qemu_command(config, "kernel", "", True,
                           ["-monitor", f"unix:{sock_path},server=on,wait=off"],
                           serial=f"file:{serial_path}")
        start = time.monotonic()
        proc = subprocess.Popen(cmd, cwd=QEMU_CWD, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        sent = 0
        with socket.socket(socket.AF_UNIX) as monitor:
            while proc.poll() is None and time.monotonic() - start < timeout:
                try:
                    monitor.connect(sock_path)
                    break
                except OSError:
                    time.sleep(0.005)
            while proc.poll() is None and sent < count and time.monotonic() - start < timeout:
                with open(serial_path, "rb") as f:
                    started = b"bulkhead: schedule: epoch" in f.read()
                if started:
                    monitor.sendall(command.encode() + b"\n")
                    sent += 1
                time.sleep(spacing_s if started else 0.005)
            try:
                proc.wait(timeout=max(1, timeout - (time.monotonic() - start)))
            except subprocess.TimeoutExpired:
                pass
        timed_out = proc.poll() is None
        if timed_out:
            proc.kill()
        out, _ = proc.communicate()
        with open(serial_path, "rb") as f:
            serial = (f.read() + out).decode("utf-8", "replace").replace("\r\n", "\n")
        return BootResult(serial, proc.returncode, timed_out, time.monotonic() - start), sent
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@test("health: a non-maskable interrupt is the machine's: wherever it lands (a partition in ring "
      "3, the kernel, the idle gap) it is counted, no partition is charged, and windows keep time")
def _(t):
    r, sent = boot_with_monitor("nmi", "nmi", 20, 0.01)
    expect_status(t, r, "shutdown")
    t.true(sent >= 10, f"only {sent} NMIs could be sent before the run ended")
    m = t.search(r.serial, r"^bulkhead: non-maskable interrupts: (\d+) \(the machine's: counted, "
                           r"charged to no partition\)$")
    # one may still wait when the run ends: QEMU holds a single pending NMI
    t.true(1 <= int(m.group(1)) <= sent, f"{m.group(1)} NMIs counted of {sent} sent")
    t.contains(r.serial, "bulkhead: health-monitor events: 0\n")
    t.lacks(r.serial, "panic")
    for name in ("spin", "clock"):
        t.search(r.serial, rf"^bulkhead: partition \d+ '{name}': mode \w+, windows 500, faults 0, restarts 0, ")
    check_windows_on_time(t, r.serial, ("clock",))


@test("health: a partition flooding the log replaces its own records, not the others': after 300 "
      "application errors of hm_flood the log of 64 still holds hm_log's two")
def _(t):
    r = boot(config="hm_census", timeout=60)
    expect_status(t, r, "shutdown")
    t.contains(r.serial, "[hm_flood] 300 errors reported")
    # hm_log's report and divide error came first (sequences 0 and 1); the flood's 300 follow
    t.contains(r.serial, "[hm_census] the log holds 64 records, the newest 301: partition 0 2, "
                         "partition 1 62, partition 2 0\n")
    t.contains(r.serial, "bulkhead: health-monitor events: 302\n")
