"""Issue 15: a partition cannot forge or hide a console line: every byte outside printable ASCII,
the 8-bit C1 controls included, reaches the serial port as '.'."""
from harness import test, boot, expect_status, check_windows_on_time

EXPECTED = [
    ".bulkhead: hm: forged by a carriage return",
    ".[2Kbulkhead: hm: forged by an ANSI erase",
    "...bulkhead: hm: forged by DEL and backspaces",
    ".bulkhead: hm: forged by NEL",
    ".2Kbulkhead: hm: forged by CSI",
    "..bulkhead: hm: forged by UTF-8 NEL",
    "..2Kbulkhead: hm: forged by UTF-8 CSI",
    "...bulkhead: hm: forged by LINE SEPARATOR",
    "high bytes ....... end",
    "z" * 120,
    "y",
    "done",
]


@test("console: C0, DEL, C1 (NEL, CSI) and every byte above 0x7e print as '.', forging no line; "
      "a line splits after 120 characters")
def _(t):
    r = boot(config="console", timeout=60)
    expect_status(t, r, "shutdown")
    got = [line[len("[console_forge] "):] for line in r.lines if line.startswith("[console_forge] ")]
    t.equal(got, EXPECTED, "console_forge's lines as the serial port shows them")
    t.true(all(line.startswith(("bulkhead: ", "[", "Bulkhead ")) or not line for line in r.lines),
           "a line that is neither the kernel's nor prefixed with a partition name")
    t.true(all(0x20 <= ord(c) <= 0x7e for line in r.lines for c in line),
           "a byte outside printable ASCII reached the serial port")
    t.lacks("\n".join(line for line in r.lines if line.startswith("bulkhead: hm:")), "forged")
    check_windows_on_time(t, r.serial, ("sensor",))


FLOOD_LINES = [f"flood line {i:02} of 16: the quick brown fox jumps over the lazy dog" for i in range(16)]


@test("console: on a 115200-baud port (uart_model) a partition printing flat out keeps every other "
      "window within 10 us, and all its lines arrive, whole and in order")
def _(t):
    r = boot(config="console_slow", cmdline="uart_model=115200", timeout=60)
    expect_status(t, r, "shutdown")
    flood = [line[len("[flood] "):] for line in r.lines if line.startswith("[flood] ")]
    t.equal(flood, FLOOD_LINES + ["flood done"], "the flood's lines as the serial port shows them")
    t.true(all(line.startswith(("bulkhead: ", "[", "Bulkhead ")) or not line for line in r.lines),
           "a line that is neither the kernel's nor prefixed with a partition name: lines mixed")
    # the port was slow: the flood's lines went out over several frames, between the clocks' lines
    first = r.lines.index("[flood] " + FLOOD_LINES[0])
    last = r.lines.index("[flood] flood done")
    between = [line for line in r.lines[first:last] if line.startswith("[clock_")]
    t.true(len(between) >= 4, f"only {len(between)} window lines came between the flood's first "
                              "and last: the port was not slow")
    # the boot messages print at the port's speed too: the epoch line alone takes 6 ms, past the
    # schedule's 20 us lead, so the first frame is missed and a partition's window N is in frame N
    epoch, major = map(int, t.search(r.serial, r"^bulkhead: schedule: epoch (\d+) ns, major frame "
                                               r"(\d+) ns").groups())
    entered = int(t.search(r.serial, r"^bulkhead: partition \d+ 'clock_a': mode \w+, windows (\d+)").group(1))
    missed = 14 - entered
    t.true(missed <= 1, f"{missed} frames missed at the start")
    serial = r.serial.replace(f"epoch {epoch} ns", f"epoch {epoch + missed * major} ns")
    judged, worst = check_windows_on_time(t, serial, ("clock_a", "clock_b"))
    t.true(len(judged) >= 20, f"only {len(judged)} window starts judged")
    t.note(f"{len(judged)} window starts judged, worst {worst} ns late")
