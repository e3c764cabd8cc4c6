"""The mutation runner itself (tools/mutate.py; make mutate runs the whole list, not make test):
every entry of tests/mutations.py applies and names real tests; an entry that does not apply
fails a run; a mutation its test catches is reported caught, and the working tree is left as it
was."""
import os
import subprocess
import sys
import tempfile

from harness import test, ROOT, BUILD

RUNNER = os.path.join(ROOT, "tools", "mutate.py")
# apart from make mutate's scratch copy, so that the two never share a build
SCRATCH = os.path.join(BUILD, "test-mutate")


def mutate(*args):
    return subprocess.run([sys.executable, RUNNER, *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def tree_state():
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


@test("mutate: every entry of tests/mutations.py applies once and names tests that exist",
      group="host")
def _(t):
    proc = mutate("--check")
    t.equal(proc.returncode, 0, f"tools/mutate.py --check:\n{proc.stdout}{proc.stderr}")
    count = int(t.search(proc.stdout, r"^(\d+) apply, 0 do not apply$",
                         "tools/mutate.py --check").group(1))
    t.true(count >= 30, f"only {count} mutations in the list")


@test("mutate: an entry that does not apply or does not build fails the run; a caught one is "
      "reported caught, and the working tree stays as it was", group="host")
def _(t):
    entry = ('{{"file": "tools/bench.py", "original": {!r}, "replacement": {!r}, '
             '"description": {!r}, "tests": ["tools: bench"]}},')
    listing = "MUTATIONS = [\n" + "\n".join(entry.format(*e) for e in (
        ("no such text in bench.py", "x", "self-test: absent text"),
        ("return ordered[max(0, -(-p * n // 100) - 1)]", "return ordered[max(0, p * n // 100 - 1)]",
         "self-test: floor percentiles"),
        ("FIGURES = (", "FIGURES = (", "self-test: a no-op"))) + "\n" + entry.format(
        "static int pad(", "static int pad(((", "self-test: no longer compiles").replace(
        '"tools/bench.py"', '"lib/format.c"') + "\n]\n"
    before = tree_state()
    with tempfile.TemporaryDirectory() as scratch_list:
        path = os.path.join(scratch_list, "mutations.py")
        with open(path, "w") as f:
            f.write(listing)
        proc = mutate("--list", path, "--scratch", SCRATCH)
    out = proc.stdout + proc.stderr
    t.true(proc.returncode != 0, f"the run passed:\n{out}")
    t.search(out, r"^does not apply +tools/bench.py: self-test: absent text \(the original text "
                  r"occurs 0 times", "the runner's output")
    t.search(out, r"^caught +tools/bench.py: self-test: floor percentiles \(failed: tools: bench",
             "the runner's output")
    t.search(out, r"^survived +tools/bench.py: self-test: a no-op ", "the runner's output")
    t.search(out, r"^does not build +lib/format.c: self-test: no longer compiles \(the build fails",
             "the runner's output")
    t.search(out, r"^1 caught, 1 survived, 2 do not apply or do not build$", "the runner's output")
    t.equal(tree_state(), before, "git status of the working tree after the run")
    with open(os.path.join(SCRATCH, "tools", "bench.py")) as a, \
            open(os.path.join(ROOT, "tools", "bench.py")) as b:
        t.equal(a.read(), b.read(), "the scratch copy's tools/bench.py after the run")
