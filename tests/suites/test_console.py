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
