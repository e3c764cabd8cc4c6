#!/usr/bin/env python3
"""make verify: boots a deployment under -icount as the tests do (tests/harness.py boot), with the
schedule trace on COM2, and applies the project's standard judgement (tools/judge.py judge_run):
a pass/fail row per partition and one for the run, then 'verify: N passed, N failed'; the exit
status is 1 when anything failed.

    tools/verify.py CONFIG [--frames N] [--expect-hm NAME,...] [--tolerance-ns NS]
                    [--timeout S] [--options 'KERNEL OPTIONS'] [--built]
"""
import argparse
import importlib.util
import os
import re
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# the trace classes the judgement reads: windows (0x01), ports (0x08), health (0x10)
TRACE_CLASSES = "0x19"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("config")
    ap.add_argument("--frames", type=int, help="major frames to run (default: the deployment's "
                    "run_frames)")
    ap.add_argument("--expect-hm", default="", help="partitions whose health-monitor events are "
                    "expected, comma- or space-separated")
    ap.add_argument("--tolerance-ns", type=int, default=None,
                    help="how late a window may start (default 10000)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds before the run is "
                    "stopped and fails")
    ap.add_argument("--options", default="", help="more kernel command-line options")
    ap.add_argument("--built", action="store_true", help="the config is built: do not run make")
    args = ap.parse_args(argv)
    harness = load("bulkhead_harness", "tests/harness.py")
    judge = harness.judge
    if args.built:
        harness.assume_built(args.config)
    source = next((p for p in (os.path.join(ROOT, "configs", args.config + ".c"),
                               os.path.join(ROOT, "tests", "configs", args.config + ".c"))
                   if os.path.exists(p)), None)
    out = harness.out_dir(args.config)
    log_path, trace_path = os.path.join(out, "verify.log"), os.path.join(out, "verify-trace.bin")
    os.makedirs(out, exist_ok=True)
    # a file of this run's own: runs of one config side by side (the tests) never share one
    fd, stream = tempfile.mkstemp(prefix="verify-", suffix=".bin", dir=out)
    os.close(fd)
    cmdline = harness.run_cmdline(args.config, " ".join(filter(None, [
        f"frames={args.frames}" if args.frames is not None else "",
        f"trace_classes={TRACE_CLASSES} trace_partitions=all", args.options])))
    frames = (judge.plural(args.frames, "frame") if args.frames is not None
              else "its own frame count")
    print(f"verify: booting {args.config} for {frames} under -icount", flush=True)
    try:
        result = harness.boot(args.config, cmdline=cmdline, timeout=args.timeout,
                              extra=("-serial", f"file:{stream}"))
        trace = judge.tracefile.read_trace(stream)
    except harness.TestFailure as e:
        print(f"verify: {e}")
        return 1
    except ValueError:
        trace = None     # no stream, or not its start: judge_run says so
    finally:
        os.replace(stream, trace_path)
    with open(log_path, "w") as f:
        f.write(result.serial)
    # the frames the plan had: as asked, or as the kernel's summary counts them
    frames_run = args.frames
    ended = re.search(r"^bulkhead: summary after (\d+) major frames?", result.serial, re.M)
    if frames_run is None and ended:
        frames_run = int(ended.group(1))
    expect = {n for n in args.expect_hm.replace(",", " ").split()}
    tolerance = args.tolerance_ns if args.tolerance_ns is not None else judge.TOLERANCE_NS
    rows = judge.judge_run(result.status, trace, expect, tolerance, frames_run,
                           source)
    print(f"verify: console in {os.path.relpath(log_path, ROOT)}, trace in "
          f"{os.path.relpath(trace_path, ROOT)}; tolerance {tolerance / 1000:.3f} us")
    if result.status != "shutdown":
        print(f"verify: last lines of the console:\n{result.tail(8)}")
    failed = judge.table(rows, sys.stdout)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
