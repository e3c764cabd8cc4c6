#!/usr/bin/env python3
"""Mutation runner: puts one realistic bug at a time into a scratch copy of the tree, builds it,
runs the tests expected to catch it, and says whether they did.

Usage: tools/mutate.py [-k SUBSTRING] [--check] [--list FILE] [--scratch DIR]
  -k      only the mutations whose file or description contains SUBSTRING (make mutate M=...)
  --check only checks the list: each original text occurs exactly once in its file and each
          test substring selects a test (no build, no QEMU; a second or two)
  --list  another mutation list (default tests/mutations.py)

The working tree is never written: the scratch copy (build/mutate/tree) is synchronised from
it (tracked and untracked, not ignored, files; unsaved edits included), its build folder is kept
between runs so each mutation rebuilds only what it touched, and each mutated file is restored
there as soon as its tests end, Ctrl-C included. A mutation is caught when the build fails or any
selected test fails; a survivor, or an entry that does not apply, fails the run.
"""
import argparse
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_LIST = os.path.join(ROOT, "tests", "mutations.py")
DEFAULT_SCRATCH = os.path.join(ROOT, "build", "mutate", "tree")
# each selection's tests run in parallel as in make test; a build uses every core
JOBS = str(os.cpu_count() or 2)


def load(path):
    spec = importlib.util.spec_from_file_location("bulkhead_mutations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MUTATIONS


def source_files(root):
    """The tree as git sees it: tracked and untracked files, ignored ones (build/) left out."""
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=root, capture_output=True, check=True).stdout
    return [f for f in out.decode().split("\0") if f and os.path.isfile(os.path.join(root, f))]


def sync(root, scratch):
    """Makes scratch hold exactly the working tree's files (and its own build/). A file whose
    content is unchanged keeps its time stamp, so make rebuilds only what changed."""
    files = source_files(root)
    wanted = set(files)
    for f in files:
        src, dst = os.path.join(root, f), os.path.join(scratch, f)
        with open(src, "rb") as a:
            data = a.read()
        try:
            with open(dst, "rb") as b:
                if b.read() == data:
                    continue
        except FileNotFoundError:
            os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)
        # stamped now, not with the source's time: a mutated object a killed run left behind is
        # then older than its source, and make rebuilds it
        os.utime(dst)
    for dirpath, dirnames, filenames in os.walk(scratch):
        rel = os.path.relpath(dirpath, scratch)
        if rel == ".":
            dirnames[:] = [d for d in dirnames if d != "build"]
        for name in filenames:
            f = os.path.normpath(os.path.join(rel, name))
            if f not in wanted:
                os.remove(os.path.join(dirpath, name))


def applies(root, m):
    """Why the mutation cannot be applied to the working tree's file, or None."""
    path = os.path.join(root, m["file"])
    if not os.path.isfile(path):
        return f"no file {m['file']}"
    count = open(path, encoding="utf-8").read().count(m["original"])
    if count != 1:
        return f"the original text occurs {count} times in {m['file']}, not once"
    return None


def test_names(root):
    out = subprocess.run([sys.executable, os.path.join(root, "tests", "run.py"), "--list"],
                         cwd=root, capture_output=True, text=True, check=True).stdout
    return out.splitlines()


def unselected(m, names):
    """The test substrings of a mutation that select no test."""
    return [k for k in m["tests"] if not any(k in n for n in names)]


def build(scratch):
    return subprocess.run(["make", "-s", f"-j{JOBS}", "all"], cwd=scratch, capture_output=True,
                          text=True).returncode == 0


def first_failure(scratch, selections):
    """The first failing test of the selections (tests/run.py -k each), or None."""
    for k in selections:
        proc = subprocess.run([sys.executable, "tests/run.py", "-k", k, "-j", JOBS], cwd=scratch,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            failed = [line[5:].split(" (")[0] for line in proc.stdout.splitlines()
                      if line.startswith("FAIL ")]
            return failed[0] if failed else k
    return None


def run_tests(scratch, m):
    """(outcome, how): 'caught' when a selected test fails; a mutation that does not build tests
    nothing, and is an outcome of its own."""
    if not build(scratch):
        return "does not build", "the build fails: the mutation must compile to mean a bug"
    failed = first_failure(scratch, m["tests"])
    if failed:
        return "caught", f"failed: {failed}"
    return "survived", "every selected test passed"


def mutate_one(scratch, m):
    path = os.path.join(scratch, m["file"])
    with open(path, encoding="utf-8") as f:
        original = f.read()
    try:
        with open(path, "w", encoding="utf-8") as f:
            f.write(original.replace(m["original"], m["replacement"], 1))
        return run_tests(scratch, m)
    finally:
        # written back, so newer than the mutated objects: the next build remakes them
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)


def label(m):
    return f"{m['file']}: {m['description']}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-k", default="", help="only mutations whose file or description has this")
    parser.add_argument("--check", action="store_true", help="check the list only")
    parser.add_argument("--list", default=DEFAULT_LIST, help="the mutation list")
    parser.add_argument("--scratch", default=DEFAULT_SCRATCH, help="the scratch copy")
    args = parser.parse_args()

    mutations = [m for m in load(args.list) if args.k in m["file"] or args.k in m["description"]]
    if not mutations:
        print(f"no mutation matches {args.k!r}")
        return 1
    names = test_names(ROOT)
    caught = survived = broken = 0
    start = time.monotonic()
    if not args.check:
        os.makedirs(args.scratch, exist_ok=True)
        sync(ROOT, args.scratch)
        # the selected tests must pass on the tree as it is, or a failure says nothing
        selections = sorted({k for m in mutations for k in m["tests"]})
        failed = "the build fails" if not build(args.scratch) else \
            first_failure(args.scratch, selections)
        if failed:
            print(f"the tree itself fails before any mutation ({failed}): fix that first")
            return 1
    for m in mutations:
        why = applies(ROOT, m)
        missing = unselected(m, names)
        if why or missing:
            broken += 1
            reason = why or f"no test named like {', '.join(map(repr, missing))}"
            print(f"does not apply  {label(m)} ({reason})", flush=True)
            continue
        if args.check:
            continue
        t0 = time.monotonic()
        outcome, how = mutate_one(args.scratch, m)
        caught += outcome == "caught"
        survived += outcome == "survived"
        broken += outcome == "does not build"
        print(f"{outcome:<15} {label(m)} ({how}; {time.monotonic() - t0:.0f} s)", flush=True)
    if args.check:
        print(f"{len(mutations) - broken} apply, {broken} do not apply")
        return 1 if broken else 0
    tail = f", {broken} do not apply or do not build" if broken else ""
    print(f"mutation run took {time.monotonic() - start:.0f} s")
    print(f"{caught} caught, {survived} survived{tail}")
    return 1 if survived or broken else 0


def interrupted(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    # a terminal closed or a CI timeout: the scratch file is restored all the same (finally)
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        # the working tree was never touched, and the scratch file was restored on the way out
        print("\ninterrupted")
        sys.exit(130)
