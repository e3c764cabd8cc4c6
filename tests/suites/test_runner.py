"""tests/run.py itself: its help describes every option, and its output may be cut short."""
import importlib.util
import os
import subprocess
import sys

from harness import test, ROOT

RUN_PY = os.path.join(ROOT, "tests", "run.py")


def runner_parser():
    spec = importlib.util.spec_from_file_location("run_py", RUN_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_parser()


def run_into_closed_pipe(args, buffered):
    """Runs tests/run.py with its stdout a pipe whose reader has gone before the first line:
    every write fails, as under `| head` once head has what it wants. Buffered (Python's default
    on a pipe), a short output fails only at the final flush; unbuffered (PYTHONUNBUFFERED),
    at the first print. Returns (status, stderr)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([sys.executable, RUN_PY, *args], cwd=ROOT, stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=60, env=env)
    finally:
        os.close(write_end)
    return proc.returncode, proc.stderr


@test("runner: tests/run.py --help describes what it runs, how a run ends and every option", group="host")
def _(t):
    proc = subprocess.run([sys.executable, RUN_PY, "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    t.equal((proc.returncode, proc.stderr), (0, ""), "exit status and stderr of --help")
    text = " ".join(proc.stdout.split())     # argparse wraps to the terminal's width
    for words in ("host unit tests", "QEMU", "GDB", "'N passed, N failed'", "exit status"):
        t.contains(text, words, "--help")
    for action in runner_parser()._actions:
        names = "/".join(action.option_strings)
        t.true(action.help and len(action.help) > 10, f"option {names} has no help text")
        for option in action.option_strings:
            t.contains(text, option, "--help")
        t.contains(text, " ".join(action.help.split()), f"--help, the help of {names}")


@test("runner: tests/run.py --list (or --help) into a reader that closed early prints no traceback", group="host")
def _(t):
    # the whole list overflows the output buffer mid-way; one name fails only at the final flush
    for args in (["--list"], ["--list", "-k", "runner: tests/run.py --help"], ["--help"]):
        for buffered in (True, False):
            status, stderr = run_into_closed_pipe(args, buffered)
            t.equal((status, stderr), (0, ""), f"exit status and stderr of run.py {' '.join(args)}"
                                               f" ({'buffered' if buffered else 'unbuffered'})")
