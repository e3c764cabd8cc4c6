"""docs/hypercalls.md stays true to the ABI, the runtime and what the kernel returns."""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from harness import test, boot, expect_status, ROOT

PAGE = os.path.join(ROOT, "docs", "hypercalls.md")
PUBLIC = os.path.join(ROOT, "include", "public")
RUNTIME_H = os.path.join(ROOT, "runtime", "include", "bulkhead.h")
SECTIONS = ("**C:**", "**Arguments:**", "**Result:**", "**Errors:**", "**Example:**")
ENTRY = re.compile(r"^## (\d+) (\w+) \(`(BH_HC_\w+)`\)$", re.M)
# Entries whose errors are exactly those the fuzzer meets: it reaches each of their checks, every
# one hundreds of times at least. Not here: calls without errors (met none, as they should),
# vint_enable and vint_return (the fuzzer is never in an upcall: tests/suites/test_abi2.py meets
# vint_return's frame errors), hm_read_log (it is no system partition),
# sampling_read (its EAGAIN comes only before the peer's first sample: a dozen calls).
# console_write's BH_EAGAIN needs a slow port (tests/suites/test_console.py, uart_model)
FUZZER_REACHES_EVERY_ERROR = ("get_time", "vcpu_up", "partition_status",
                              "partition_set_mode", "system_shutdown", "vint_set_upcall",
                              "vint_mask", "vint_doorbell", "vint_set_timer", "vint_set_info",
                              "vcpu_pause", "vcpu_resume", "vcpu_reset", "port_open",
                              "sampling_write", "queuing_send", "queuing_receive",
                              "memory_protect")


def read(path):
    with open(path) as f:
        return f.read()


def hypercalls():
    """{number: 'BH_HC_NAME'} from enum bh_hypercall, BH_HC_COUNT aside."""
    body = re.search(r"enum bh_hypercall \{(.*?)\n\};", read(os.path.join(PUBLIC, "hypercall.h")), re.S)
    return {int(n): name for name, n in re.findall(r"^\s*(BH_HC_\w+) = (\d+),", body.group(1), re.M)}


def error_codes():
    return dict(re.findall(r"^#define (BH_E\w+) +\((-\d+)\)", read(os.path.join(PUBLIC, "errno.h")), re.M))


def entries(page):
    """{number: (name, macro, text of the entry)}, in the page's order."""
    found = list(ENTRY.finditer(page))
    return {int(m.group(1)): (m.group(2), m.group(3),
                              page[m.end():found[i + 1].start() if i + 1 < len(found) else len(page)])
            for i, m in enumerate(found)}


def section(text, name):
    """The text of one **Name:** section of an entry, up to the next one."""
    start = text.index(name) + len(name)
    ends = [text.index(s, start) for s in SECTIONS if s in text[start:]]
    return text[start:min(ends) if ends else len(text)]


def documented_errors(text):
    """The codes the entry's list of errors gives, one `- \\`BH_E...\\`: when` item each."""
    return set(re.findall(r"^- `(BH_E\w+)`", section(text, "**Errors:**"), re.M))


@test("docs: hypercalls.md has an entry for every hypercall, with its sections and wrapper, and names only real codes", group="host")
def _(t):
    page = read(PAGE)
    calls, found = hypercalls(), entries(read(PAGE))
    t.true(len(calls) >= 28, f"only {len(calls)} hypercalls read from hypercall.h")
    t.equal(sorted(found), sorted(calls), "numbers with an entry")
    t.equal(list(found), sorted(found), "entries in the order of their numbers")
    runtime = read(RUNTIME_H)
    for number, (name, macro, text) in found.items():
        t.equal((macro, name), (calls[number], calls[number][len("BH_HC_"):].lower()),
                f"macro and name of entry {number}")
        for s in SECTIONS:
            t.contains(text, s, f"entry {number} {name}")
        for wrapper in re.findall(r"`[^`]*?\b(bh_\w+)\(", section(text, "**C:**")):
            t.true(re.search(rf"(\b{wrapper}\(|#define {wrapper}\()", runtime),
                   f"entry {number} {name} names {wrapper}, which bulkhead.h lacks")
        t.true(documented_errors(text) or section(text, "**Errors:**").strip() == "none.",
               f"entry {number} {name} lists no error and does not say 'none.'")
    codes = error_codes()
    t.true(len(codes) >= 10, f"only {len(codes)} codes read from errno.h")
    for code in sorted(set(re.findall(r"\bBH_E[A-Z0-9_]+\b", page))):
        t.true(code in codes, f"hypercalls.md names {code}, which include/public/errno.h lacks")
    # every other name of the ABI or the runtime too: a renamed constant must not live on here
    known = runtime + "".join(read(os.path.join(PUBLIC, f)) for f in os.listdir(PUBLIC) if f.endswith(".h"))
    for name in sorted(set(re.findall(r"\bBH_[A-Z0-9_]+\b", page))):
        t.true(re.search(rf"\b{name}\b", known),
               f"hypercalls.md names {name}, which neither include/public nor bulkhead.h has")


@test("docs: every example of hypercalls.md compiles against the runtime", group="host")
def _(t):
    cc = shutil.which("i686-elf-gcc") or shutil.which("i686-linux-gnu-gcc")
    t.true(cc, "no i686 cross compiler (i686-elf-gcc or i686-linux-gnu-gcc)")
    flags = ["-std=gnu11", "-m32", "-ffreestanding", "-fsyntax-only", "-Wall", "-Wextra", "-Werror",
             "-Wno-unused-function", "-I" + os.path.join(ROOT, "runtime", "include"),
             "-I" + PUBLIC, "-I" + os.path.join(ROOT, "include", "lib")]
    found = entries(read(PAGE))
    with tempfile.TemporaryDirectory() as tmp:
        for number, (name, _, text) in found.items():
            code = re.search(r"```c\n(.*?)```", section(text, "**Example:**"), re.S)
            t.true(code, f"entry {number} {name} has no C example")
            source = os.path.join(tmp, f"{name}.c")
            with open(source, "w") as f:
                f.write(f"#include <bulkhead.h>\n#line 1 \"hypercalls.md entry {number} {name}\"\n")
                f.write(code.group(1))
            proc = subprocess.run([cc, *flags, source], capture_output=True, text=True)
            t.true(proc.returncode == 0, f"the example of entry {number} {name} does not compile:\n"
                                         f"{proc.stderr[-2000:]}")


@test("docs: hypercalls.md lists every error the hypercall fuzzer met, for each number")
def _(t):
    # the very boot of the reliability suite's fuzzer test (harness.boot shares it): no extra run
    r = boot(config="hc_fuzz", timeout=240)
    expect_status(t, r, "shutdown")
    calls, found = hypercalls(), entries(read(PAGE))
    met = {}
    for number, results in re.findall(r"^\[hc_fuzz\] nr (\d+) \S+, \d+ calls:(.*)$", r.serial, re.M):
        met.setdefault(int(number), set()).update(
            "BH_" + result for result, _ in re.findall(r" (\w+)=(\d+)", results) if result != "ok")
    t.true(set(calls) <= set(met), f"the fuzzer reported no results for {sorted(set(calls) - set(met))}")
    for number, errors in sorted(met.items()):
        if number not in calls:
            # the fuzzer's bucket of unknown numbers
            t.equal(errors, {"BH_ENOSYS"}, f"results of unknown number {number}")
            continue
        t.true(number in found, f"hypercall {number} ({calls[number]}) has no entry in hypercalls.md")
        name, _, text = found[number]
        documented = documented_errors(text)
        t.true(errors <= documented, f"{number} {name}: the fuzzer met {sorted(errors - documented)}, "
                                     f"which its entry does not list ({sorted(documented)})")
        if name in FUZZER_REACHES_EVERY_ERROR:
            t.equal(sorted(documented), sorted(errors), f"{number} {name}: errors listed, against met")
    t.note(f"{len(met)} numbers compared, {len(FUZZER_REACHES_EVERY_ERROR)} of them exactly")


@test("docs: the README's and docs/gdb.md's boot and GDB samples are what a real run of this tree prints",
      group="gdb")
def _(t):
    sys.path.insert(0, os.path.join(ROOT, "tools"))
    import doc_samples
    count = len(list(doc_samples.samples()))
    t.true(count >= 20, f"only {count} marked samples in the README and docs/gdb.md")
    problems = doc_samples.check()
    t.equal(problems, [], "samples that differ from a real run (tools/doc_samples.py show "
                          "prints what to paste)")
    t.note(f"{count} samples checked")
