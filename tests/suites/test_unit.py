"""Host unit tests: the kernel's pure code under cmocka (tests/unit/, built by mk/unit.mk).

Every cmocka case is a harness test of its own, and passes when it passed in both builds of its
binary: plain, and with AddressSanitizer and UBSan. One more test per binary checks that both
builds exit 0 having run every case the source lists (a sanitizer report at exit, or a crash,
fails there).
"""
import glob
import os
import re
import subprocess
import threading

from harness import test, make, BUILD, ROOT, TestFailure

UNIT_BUILD = os.path.join(BUILD, "tests", "unit")
VARIANTS = ("", "-asan")

_build_lock = threading.Lock()
_build_output = None            # None: not built yet; "": built; else why it failed
_run_locks = {}
_runs = {}


def _build():
    global _build_output
    with _build_lock:
        if _build_output is None:
            proc = make("-j2", "unit-build", check=False)
            _build_output = "" if proc.returncode == 0 else proc.stdout[-2000:] + proc.stderr[-3000:]
    if _build_output:
        raise TestFailure(f"make unit-build failed:\n{_build_output}")


class Run:
    """One run of a test binary: its exit status, and each case's outcome with what it printed."""

    def __init__(self, binary):
        self.binary = binary
        proc = subprocess.run([os.path.join(UNIT_BUILD, binary)], cwd=ROOT,
                              env={**os.environ, "CMOCKA_MESSAGE_OUTPUT": "stdout"},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
        self.returncode = proc.returncode
        self.output = proc.stdout.decode("utf-8", "replace")
        self.cases = {}          # name -> (outcome, message lines)
        self._parse()

    def _parse(self):
        # cmocka flushes after each line, so errors (stderr) sit between RUN and the outcome
        current, lines = None, []
        for line in self.output.splitlines():
            if re.match(r"^\[=+\] \d+ test\(s\) run\.", line):
                current = None
                break       # what follows is the summary, which repeats names
            m = re.match(r"^\[ RUN +\] (\w+)$", line)
            if m:
                current, lines = m.group(1), []
                continue
            m = re.match(r"^\[ *(OK|FAILED|ERROR|SKIPPED) *\] (\w+)$", line)
            if m and m.group(2) == current:
                self.cases[current] = (m.group(1), lines)
                current = None
                continue
            if current:
                lines.append(line)
        if current:
            # the process died inside this case (a sanitizer report, a signal): all it printed
            self.cases[current] = ("CRASHED", lines + [f"(exit status {self.returncode})"])

    def failures(self):
        return [name for name, (outcome, _) in self.cases.items() if outcome != "OK"]


def _run(binary):
    _build()
    with _build_lock:
        lock = _run_locks.setdefault(binary, threading.Lock())
    with lock:
        if binary not in _runs:
            _runs[binary] = Run(binary)
    return _runs[binary]


def _register(topic, cases):
    for case in cases:
        @test(f"unit: {topic}: {case}", group="host")
        def _(t, topic=topic, case=case):
            problems = []
            for variant in VARIANTS:
                run = _run(f"test_{topic}{variant}")
                outcome, lines = run.cases.get(case, ("DID NOT RUN", []))
                if outcome != "OK":
                    detail = "\n".join(lines[-30:])
                    problems.append(f"{run.binary}: {case} {outcome}\n{detail}")
            if problems:
                t.fail("\n".join(problems))

    @test(f"unit: {topic}: plain and -asan builds exit 0 after running all {len(cases)} cases",
          group="host")
    def _(t, topic=topic, cases=cases):
        for variant in VARIANTS:
            run = _run(f"test_{topic}{variant}")
            missing = [c for c in cases if c not in run.cases]
            if run.returncode != 0 or missing:
                t.fail(f"{run.binary} exited {run.returncode}; failed: "
                       f"{', '.join(run.failures()) or 'none'}; never ran: "
                       f"{', '.join(missing) or 'none'}\n{run.output[-3000:]}")


# The cases come from each source's list, so registering them needs no build.
for source in sorted(glob.glob(os.path.join(ROOT, "tests", "unit", "test_*.c"))):
    with open(source) as f:
        _register(os.path.basename(source)[len("test_"):-len(".c")],
                  re.findall(r"cmocka_unit_test\((\w+)\)", f.read()))
