#!/usr/bin/env python3
"""The README's sample outputs, checked against (or printed from) a real run of this tree.

A sample is a fenced block right after a marker line in README.md:
  <!-- sample: boot demo iso -->   the serial output of booting CONFIG demo (mode iso or kernel);
                                   the block's lines must appear in this order, "..." skipping any
                                   lines; the banner's revision is any word
  <!-- sample: gdb demo -->        a GDB session: each "(gdb) COMMAND" line is run, in order, in
                                   one session (tests/gdb_session.py), and the lines after it must
                                   be what the command printed
Times (a number with ns, us, ms or ticks, after t=, tsc or epoch, and any decimal number of four
digits or more: clock ticks, table columns) are examples: they move with the length of what was printed
before them (the banner's revision, "-dirty" while editing); so is the kernel's command line.
Text, small counts and addresses must match.
  <!-- sample: gdb gdb_doorbell setup="break after_doorbell; continue" -->
                                   the same after setup commands, whose output is not shown
The block is fenced (```) or indented by four spaces.
Usage: tools/doc_samples.py check | show | update   (show prints what a real run gives; update
rewrites the gdb samples with it)
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
import harness  # noqa: E402
import gdb_session  # noqa: E402

DOCUMENTS = ("README.md", "docs/gdb.md")
# the marker, then a fenced block or an indented one (four spaces)
MARKER = re.compile(r"^<!-- sample: (boot|gdb) (\w+)(?: (iso|kernel))?(?: setup=\"([^\"]*)\")? -->\n"
                    r"(?:```\n(.*?)^```$|((?:    [^\n]*\n|\n(?=    ))+))", re.M | re.S)
REVISION = re.compile(r"^Bulkhead \S+:")
# Times shift with the length of everything printed before them (the banner's revision, "-dirty"
# while editing): a sample keeps its text, counts and addresses exact, its times (in ns, us, ms or
# clock ticks) as examples.
TIME_UNIT = re.compile(r"(?:t=|tsc |epoch )\d+(?:\.\d+)?|\d+(?:\.\d+)? (?:ns|us|ms|ticks)\b")


# what the run was given: the tests boot the demo's ISO with and without CMDLINE
COMMAND_LINE = re.compile(r"^bulkhead: command line:.*")


# clock readings in ticks and tables (a decimal number of four digits or more, not part of a hex
# word): they move with the same lengths
CLOCK = re.compile(r"(?<![0-9A-Fa-fx])\d{4,}(?![0-9A-Fa-f])")


def normal(line):
    line = COMMAND_LINE.sub("bulkhead: command line: ARGS", line.rstrip()).replace(ROOT, "<tree>")
    return CLOCK.sub("#", TIME_UNIT.sub("TIME", REVISION.sub("Bulkhead REV:", line)))


class Sample:
    def __init__(self, doc, m):
        self.doc, self.kind, self.config = doc, m.group(1), m.group(2)
        self.mode = m.group(3) or "kernel"
        self.setup = [c.strip() for c in (m.group(4) or "").split(";") if c.strip()]
        self.indented = m.group(5) is None
        body = m.group(5) if m.group(5) is not None else m.group(6)
        self.span = m.span(5) if m.group(5) is not None else m.span(6)
        self.lines = [line[4:] if self.indented else line for line in body.splitlines()]


def samples(doc=None):
    for name in (doc,) if doc else DOCUMENTS:
        with open(os.path.join(ROOT, name)) as f:
            text = f.read()
        for m in MARKER.finditer(text):
            yield Sample(name, m)


def same(want, got):
    return normal(want) == normal(got)


def check_boot(config, mode, lines):
    """The problems of a boot sample: its lines in order in the serial output."""
    serial = harness.boot(config=config, mode=mode, timeout=90).lines
    at, problems = 0, []
    for want in lines:
        if want.strip() == "...":
            continue
        while at < len(serial) and not same(want, serial[at]):
            at += 1
        if at == len(serial):
            problems.append(f"not in the serial output (or not in this order): {want!r}")
            break
        at += 1
    return problems


def gdb_commands(lines):
    """[(command, [expected lines])] of a session sample."""
    steps = []
    for line in lines:
        if line.startswith("(gdb) "):
            steps.append((line[len("(gdb) "):], []))
        elif steps:
            steps[-1][1].append(line)
    return steps


def run_gdb(config, setup, steps):
    """What each step's command printed, after the setup commands (whose output is not kept)."""
    commands = setup + [command for command, _ in steps]
    session = gdb_session.run(commands, config=config, timeout=60)
    return [session.of(command, nth=commands[:len(setup) + i].count(command))
            for i, (command, _) in enumerate(steps)]


def check_gdb(config, setup, lines):
    steps, problems = gdb_commands(lines), []
    for (command, want), got in zip(steps, run_gdb(config, setup, steps)):
        got_lines = [line for line in got.splitlines() if line.strip()]
        if [normal(w) for w in want] != [normal(g) for g in got_lines]:
            problems.append(f"(gdb) {command}: the sample says\n  " + "\n  ".join(want) +
                            "\nbut gdb printed\n  " + "\n  ".join(got_lines))
    return problems


def check():
    problems = []
    for s in samples():
        found = check_boot(s.config, s.mode, s.lines) if s.kind == "boot" else \
            check_gdb(s.config, s.setup, s.lines)
        problems += [f"{s.doc}: {s.kind} sample of {s.config}: {p}" for p in found]
    return problems


def real_gdb(s):
    """A gdb sample's lines as a real run prints them."""
    out = []
    steps = gdb_commands(s.lines)
    for (command, _), got in zip(steps, run_gdb(s.config, s.setup, steps)):
        out.append(f"(gdb) {command}")
        out += [line.rstrip().replace(ROOT, "<tree>") for line in got.splitlines() if line.strip()]
    return out


def show():
    for s in samples():
        print(f"--- {s.doc}: {s.kind} {s.config} {s.mode}")
        if s.kind == "boot":
            print("\n".join(harness.boot(config=s.config, mode=s.mode, timeout=90).lines))
        else:
            print("\n".join(real_gdb(s)))


def update():
    """Rewrites each document's gdb samples from a real run (boot samples, which elide, stay)."""
    for doc in DOCUMENTS:
        path = os.path.join(ROOT, doc)
        for s in reversed(list(samples(doc))):
            if s.kind != "gdb":
                continue
            lines = real_gdb(s)
            body = "".join(("    " + line if line else "") + "\n" for line in lines) if s.indented \
                else "".join(line + "\n" for line in lines)
            with open(path) as f:
                text = f.read()
            with open(path, "w") as f:
                f.write(text[:s.span[0]] + body + text[s.span[1]:])


def main():
    if sys.argv[1:] == ["check"]:
        problems = check()
        for p in problems:
            print(p)
        print(f"doc samples: {len(list(samples()))} checked, {len(problems)} problems")
        return 1 if problems else 0
    if sys.argv[1:] == ["show"]:
        show()
        return 0
    if sys.argv[1:] == ["update"]:
        update()
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
