#!/usr/bin/env python3
"""Runs the Bulkhead test suite: host unit tests, QEMU scenarios and GDB sessions.

Usage: tests/run.py [-k SUBSTRING] [-j JOBS] [--list]
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("-k", default="", help="run only tests whose name contains this")
    parser.add_argument("-j", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()

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
    sys.exit(main())
