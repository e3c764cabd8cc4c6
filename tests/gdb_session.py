"""A GDB batch session against a paused QEMU, for the tests of tools/gdb (the bh-* helpers).

QEMU starts with -S and its gdbstub on a free local port; gdb attaches with the helpers sourced,
runs the commands given, and QEMU is killed afterwards. Each command's output is kept apart, so
a test can read what one command printed.
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

from harness import ROOT, QEMU_CWD, TestFailure, build, out_dir, qemu_command

sys.path.insert(0, os.path.join(ROOT, "tools", "gdb"))
from attach import listening  # noqa: E402  (make gdb's own test of a listening gdbstub)

HELPERS = os.path.join(ROOT, "tools", "gdb", "bulkhead.py")
_MARK = "@@@bh-test@@@"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Session:
    def __init__(self, output, serial, sections, initrd, wall):
        self.output = output          # everything gdb printed, stdout and stderr together
        self.serial = serial          # what the kernel printed meanwhile
        self.sections = sections      # [(command, its output)]
        self.initrd = initrd          # the boot modules QEMU passed, comma-separated
        self.wall = wall

    def of(self, command, nth=0):
        """The output of the nth run of `command` (as it was given)."""
        found = [text for c, text in self.sections if c == command]
        if len(found) <= nth:
            raise TestFailure(f"gdb did not run {command!r} {nth + 1} times; output:\n"
                              f"{self.output[-3000:]}")
        return found[nth]


def run(commands, config="demo", timeout=20):
    """Boots `config` paused, attaches gdb with the helpers and runs `commands` in order."""
    build(config)
    port = _free_port()
    qemu_cmd = qemu_command(config, extra=["-S", "-gdb", f"tcp:127.0.0.1:{port}"])
    elf = os.path.join(out_dir(config), "bulkhead.elf")
    gdb_cmd = ["gdb", "-batch", "-nx", "-ex", "set pagination off", "-ex", "set width 0",
               "-ex", "set confirm off", "-ex", f"source {HELPERS}",
               "-ex", f"target remote 127.0.0.1:{port}"]
    for c in commands:
        gdb_cmd += ["-ex", f"echo \\n{_MARK} {c}\\n", "-ex", c]
    gdb_cmd += ["-ex", f"echo \\n{_MARK} end\\n", elf]

    start = time.monotonic()
    with tempfile.TemporaryFile() as serial_file:
        qemu = subprocess.Popen(qemu_cmd, cwd=QEMU_CWD, stdout=serial_file,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        try:
            while not listening(port):
                if qemu.poll() is not None:
                    raise TestFailure(f"QEMU exited with {qemu.returncode} before its gdbstub "
                                      "listened")
                if time.monotonic() - start > timeout:
                    raise TestFailure("QEMU's gdbstub never listened")
                time.sleep(0.02)
            left = max(1, timeout - (time.monotonic() - start))
            try:
                proc = subprocess.run(gdb_cmd, cwd=ROOT, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                      text=True, timeout=left)
            except subprocess.TimeoutExpired as e:
                partial = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
                raise TestFailure(f"gdb session timed out after {timeout} s; output:\n"
                                  f"{partial[-3000:]}") from None
        finally:
            qemu.kill()
            qemu.wait()
        serial_file.seek(0)
        serial = serial_file.read().decode("utf-8", "replace").replace("\r\n", "\n")
    output = proc.stdout
    sections = [(m.group(1), m.group(2)) for m in re.finditer(
        rf"^{_MARK} ([^\n]*)\n(.*?)(?=^{_MARK} )", output, re.M | re.S)]
    initrd = qemu_cmd[qemu_cmd.index("-initrd") + 1]
    return Session(output, serial, sections, initrd, time.monotonic() - start)


def parse_table(text):
    """Rows of the first table in `text` (as tools/gdb/bhgdb/table.py renders them) as dicts by
    header; the unnamed first column, when there is one, is under ""."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        names = re.findall(r"\S+(?: \S+)*", line)
        if len(names) < 3 or not re.match(r"^\s*(id|window|seq|cpu)\b", line):
            continue
        starts, at = [], 0
        for name in names:
            at = line.index(name, at)
            starts.append(at)
            at += len(name)
        columns = ([("", 0, starts[0])] if starts[0] > 0 else []) + [
            (name, s, starts[k + 1] if k + 1 < len(starts) else None)
            for k, (name, s) in enumerate(zip(names, starts))]
        rows = []
        for row in lines[i + 1:]:
            if not row.strip() or not re.match(r"^[* ]*\d", row):
                break
            rows.append({name: row[s:e].strip() for name, s, e in columns})
        return rows
    raise TestFailure(f"no table in:\n{text}")
