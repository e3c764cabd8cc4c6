"""make's targets as a new user meets them: `make help` names every target and option, `make all`
builds only the config's partitions, `make new-partition` writes a skeleton that boots, `make check`
and `make fuzz` end with a one-line summary."""
import glob
import os
import re
import subprocess
import sys
import tempfile

from harness import test, make, ROOT
from tree import copy_working_tree

MAKEFILES = [os.path.join(ROOT, "Makefile")] + sorted(glob.glob(os.path.join(ROOT, "mk", "*.mk")))
# a rule's first line: "name other: prerequisites", not a variable assignment
RULE = re.compile(r"^([A-Za-z0-9_./% -]+?)\s*::?(?![=:])")
OPTION = re.compile(r"^([A-Z][A-Z0-9_]*)\s*\?=", re.M)
BUILD_ONLY = {"FORCE"}   # a rule of the build's own, not a user's target


def targets_with_recipes(path):
    """Every named target (no pattern, no variable, no file) that has a recipe in `path`."""
    lines = open(path).read().split("\n")
    found = set()
    for i, line in enumerate(lines):
        m = RULE.match(line)
        if not m or line.startswith("\t"):
            continue
        j = i
        while lines[j].endswith("\\"):   # the prerequisites go on
            j += 1
        has_recipe = ";" in line.split(":", 1)[1] or (j + 1 < len(lines)
                                                       and lines[j + 1].startswith("\t"))
        for name in m.group(1).split():
            if has_recipe and not any(c in name for c in "%$/.") and name not in BUILD_ONLY:
                found.add(name)
    return found


@test("make help: names every target with a recipe in the Makefile and mk/*.mk, and every option",
      group="host")
def _(t):
    proc = make("help")
    listed = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"^  ([a-z][a-z0-9-]*)\s{2,}\S", line)
        if m:
            listed[m.group(1)] = line
        m = re.match(r"^  ([A-Z][A-Z0-9_]*)=\S*\s+\S", line)
        if m:
            listed[m.group(1)] = line
    targets = set()
    for path in MAKEFILES:
        targets |= targets_with_recipes(path)
    for must in ("run", "run-kernel", "check", "fuzz", "help", "new-partition", "trace", "unit"):
        t.true(must in targets, f"the parser missed the target {must}")
    missing = sorted(targets - set(listed))
    t.equal(missing, [], "targets with a recipe that make help does not list")
    options = set()
    for path in MAKEFILES:
        options |= set(OPTION.findall(open(path).read()))
    options |= {"PROJECT", "NAME", "V"}
    missing = sorted(options - set(listed))
    t.equal(missing, [], "options (?=) that make help does not list")
    t.note(f"{len(targets)} targets, {len(options)} options")


@test("make all CONFIG=demo on a fresh copy builds the demo's five partitions and no other; "
      "new-partition without PROJECT writes into the tree, run-kernel boots it", group="qemu")
def _(t):
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}

    def run(*args):
        proc = subprocess.run(["make", *args], cwd=copy, env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=300)
        t.true(proc.returncode == 0, f"make {' '.join(args)} failed:\n"
                                     f"{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
        return proc.stdout.replace("\r\n", "\n")

    with tempfile.TemporaryDirectory(prefix="bulkhead-copy-") as tmp:
        copy = copy_working_tree(os.path.join(tmp, "bulkhead"))
        run("-s", "-j2", "all", "CONFIG=demo")
        built = sorted(os.listdir(os.path.join(copy, "build", "partitions")))
        objects = sorted(os.listdir(os.path.join(copy, "build", "obj", "partitions")))
        t.true(not os.path.exists(os.path.join(copy, "build", "obj", "tests")),
               "objects of tests/partitions/ were built")
        t.true(os.path.isfile(os.path.join(copy, "build", "bulkhead.iso")), "the ISO")
        out = run("new-partition", "NAME=hello")
        t.contains(out, "wrote ./partitions/hello/main.c and ./configs/hello.c")
        t.contains(out, "make run CONFIG=hello")
        serial = run("run-kernel", "CONFIG=hello", "CMDLINE=frames=2")
    demo = ["control.elf", "faulty.elf", "heartbeat.elf", "logger.elf", "sensor.elf"]
    t.equal(built, demo, "the images build/partitions/ has")
    t.equal(objects, [e[:-4] for e in demo], "the partitions compiled")
    t.search(serial, r"^\[hello\] hello from partition hello$")
    t.search(serial, r"^\[hello\] window 2 at t=\d+ ns$")
    t.search(serial, r"^bulkhead: partition 0 'hello': mode NORMAL, windows 2, faults 0")


@test("make check: analyses partitions/, configs/ and PROJECT's files; ends with its summary line",
      group="host")
def _(t):
    with tempfile.TemporaryDirectory(prefix="bulkhead-project-") as project:
        partition = os.path.join(project, "partitions", "oob", "main.c")
        config = os.path.join(project, "configs", "oob.c")
        os.makedirs(os.path.dirname(partition))
        os.makedirs(os.path.dirname(config))
        with open(partition, "w") as f:
            f.write("#include <bulkhead.h>\n\nint main(void)\n{\n\tint a[2] = { 1, 2 };\n\n"
                    "\tif (a[0] == a[0])\n\t\treturn a[2];\n\treturn 0;\n}\n")
        with open(config, "w") as f:
            f.write("#include <core/deployment.h>\n\nint same(int x);\nint same(int x)\n{\n"
                    "\treturn x == x;\n}\n")
        # not the kernel's sources (CHECK_KERNEL=): tests/suites/test_static.py analyses them,
        # with partitions/ and configs/, and that takes half a minute
        proc = make("check", f"PROJECT={project}", "CHECK_KERNEL=", check=False)
    t.true(proc.returncode != 0, "make check must fail on the project's findings")
    # each tool, on each of the project's files
    t.search(proc.stdout, rf"^{re.escape(partition)}:8:\d+: error: .*\[arrayIndexOutOfBounds\]$")
    t.search(proc.stdout, rf"^{re.escape(config)}:6:\d+: style: .*\[duplicateExpression\]$")
    for path, line in ((partition, 7), (config, 6)):
        t.search(proc.stdout, rf"^{re.escape(path)}:{line}:\d+: error: .*\[misc-redundant-expression")
    files = sum(len(glob.glob(os.path.join(ROOT, d))) for d in ("partitions/*/*.c", "configs/*.c"))
    m = t.search(proc.stdout, r"^check: (\d+) files, (\d+) warnings?$")
    t.equal(int(m.group(1)), files + 2, "files the summary counts (the tree's, the project's two)")
    findings = re.findall(r"^\S+:\d+:\d+: (?:error|warning|style|performance|portability): ",
                          proc.stdout, re.M)
    t.equal(int(m.group(2)), len(findings), "warnings the summary counts")
    t.true(proc.stdout.rstrip().endswith(m.group(0)), "the summary is make check's last line:\n"
           + proc.stdout[-500:])
    clean = make("check", "CHECK_KERNEL=", check=False)
    t.true(clean.returncode == 0, f"make check of partitions/ and configs/:\n{clean.stdout[-2000:]}")
    t.search(clean.stdout, rf"^check: {files} files, 0 warnings$")


@test("make fuzz: ends with 'fuzz: N targets, N executions, N crashes'; a crash fails it",
      group="host")
def _(t):
    proc = make("-j1", "fuzz", "FUZZ_SECONDS=1", check=False)
    output = proc.stdout + proc.stderr
    t.true(proc.returncode == 0, f"make fuzz failed:\n{output[-3000:]}")
    runs = [int(n) for n in re.findall(r"^stat::number_of_executed_units: (\d+)$", output, re.M)]
    m = t.search(proc.stdout, r"^fuzz: (\d+) targets, (\d+) executions, 0 crashes$")
    t.equal(int(m.group(1)), 2, "targets")
    t.equal(int(m.group(2)), sum(runs), "executions: the sum of the fuzzers' final stats")
    t.true(proc.stdout.rstrip().endswith(m.group(0)), "the summary is the last line")
    # a log as libFuzzer writes it after a crash: the summary counts it and fails
    with tempfile.TemporaryDirectory() as tmp:
        crashed, quiet = os.path.join(tmp, "fuzz_elf.log"), os.path.join(tmp, "fuzz_config.log")
        with open(crashed, "w") as f:
            f.write("==1==ERROR: AddressSanitizer: heap-buffer-overflow\n"
                    "artifact_prefix='build/fuzz/crashes/elf/'; Test unit written to "
                    "build/fuzz/crashes/elf/crash-0a1b\nstat::number_of_executed_units: 1234\n")
        with open(quiet, "w") as f:
            f.write("stat::number_of_executed_units: 10\n")
        summary = subprocess.run([sys.executable, os.path.join(ROOT, "tools/fuzz-summary.py"),
                                  crashed, quiet], capture_output=True, text=True)
    t.true(summary.returncode != 0, "a crash must fail the summary")
    t.contains(summary.stdout, "fuzz: 2 targets, 1244 executions, 1 crash\n")
    t.contains(summary.stdout, "fuzz: crash input: build/fuzz/crashes/elf/crash-0a1b")
