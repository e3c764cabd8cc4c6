#!/usr/bin/env python3
"""Runs the Bulkhead test suite: host unit tests, QEMU scenarios and GDB sessions.

Usage: tests/run.py [-k SUBSTRING] [-j JOBS] [--list]   (--help says more)
Prints one line per test (PASS/FAIL) and ends with 'N passed, N failed'.
"""
import argparse
import concurrent.futures
import glob
import importlib.util
import os
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402


def load_suites():
    for path in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "suites", "test_*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)


def run_one(entry):
    check = harness.Check(entry["name"])
    start = time.monotonic()
    try:
        entry["fn"](check)
        ok, message = True, ""
    except harness.TestFailure as e:
        ok, message = False, str(e)
    except Exception:  # a crash of the test itself is a failure too, with its traceback
        ok, message = False, traceback.format_exc()
    return entry, ok, message, check.notes, time.monotonic() - start


def jobs(text):
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"{n}: at least 1 test runs at a time")
    return n


def make_parser():
    parser = argparse.ArgumentParser(
        prog="tests/run.py",
        description="Runs Bulkhead's tests: the host unit tests (cmocka, tests/unit/), the QEMU "
                    "scenarios of tests/suites/ (each boots the real kernel with a deployment and "
                    "judges what the serial port printed) and the GDB sessions. It first builds "
                    "the demo, then runs the selected tests in parallel and prints, in the "
                    "order the tests are listed, one line per test: 'PASS name (secs)' or 'FAIL "
                    "name (secs)' with the reason below it; notes a test made (figures it "
                    "measured) follow, indented. The run ends with 'suite took N s' and "
                    "'N passed, N failed'; the exit status is 0 when none failed, else 1.",
        epilog="Examples: tests/run.py -k reliability; tests/run.py --list | head; make test "
               "runs them all.")
    parser.add_argument("-k", metavar="SUBSTRING", default="",
                        help="run (or list) only the tests whose name contains SUBSTRING, case "
                             "sensitive (default: all)")
    parser.add_argument("-j", metavar="JOBS", type=jobs, default=os.cpu_count() or 2,
                        help="run up to JOBS tests at once (default: the number of CPUs, "
                             f"{os.cpu_count() or 2} here); tests asking for the same boot share one")
    parser.add_argument("--list", action="store_true",
                        help="print the names of the selected tests, one a line, and run none")
    return parser


def main():
    args = make_parser().parse_args()

    load_suites()
    selected = [t for t in harness.TESTS if args.k in t["name"]]
    if args.list:
        for t in selected:
            print(t["name"])
        return 0

    # build the default config first so parallel tests do not race on shared objects
    try:
        harness.build("demo")
    except harness.TestFailure as e:
        print(f"FAIL build: {e}")
        print("0 passed, 1 failed")
        return 1

    passed = failed = 0
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as pool:
        for entry, ok, message, notes, secs in pool.map(run_one, selected):
            status = "PASS" if ok else "FAIL"
            print(f"{status} {entry['name']} ({secs:.1f} s)", flush=True)
            for note in notes:
                print(f"     {note}")
            if not ok:
                for line in message.rstrip().splitlines():
                    print(f"     {line}")
            passed += ok
            failed += not ok
    print(f"suite took {time.monotonic() - start:.0f} s")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    try:
        try:
            status = main()
        finally:
            # the last lines, or all of --help (argparse exits from inside main), may fail here
            sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (tests/run.py --list | head): stop quietly, as head expects; the
        # interpreter's own flush at exit would fail again, so stdout goes nowhere from here
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 0
    sys.exit(status)
