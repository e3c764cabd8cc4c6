#!/usr/bin/env python3
"""make check's runner (mk/check.mk): each analyser's findings, counted, then one summary line.

  tools/check.py run NAME LOG_DIR -- COMMAND...   runs COMMAND, shows its output, writes the
                                                  number of findings in LOG_DIR/NAME.count; fails
                                                  if there is any, or if COMMAND failed
  tools/check.py summary LOG_DIR FILES            'check: FILES files, N warnings' from the
                                                  counts; fails if any, or if a count is missing
"""
import glob
import os
import re
import subprocess
import sys

# One finding per line, as both tools write them (cppcheck with mk/check.mk's --template):
# file:line:column: severity: message
FINDING = re.compile(r"^.+?:\d+:\d+: (error|warning|style|performance|portability|information): ",
                     re.M)
EXPECTED = ("cppcheck", "clang-tidy")
# clang-tidy's counts of what it did not show
CHATTER = re.compile(r"^(\d+ warnings? (and \d+ errors? )?generated\.|Suppressed \d+ warnings|"
                     r"Use -header-filter=|Use -system-headers )")


def run(name, log_dir, command):
    os.makedirs(log_dir, exist_ok=True)
    count_file = os.path.join(log_dir, name + ".count")
    if os.path.exists(count_file):
        os.unlink(count_file)
    try:
        proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as e:
        print(f"{name}: cannot run {command[0]}: {e.strerror}", file=sys.stderr)
        return 1
    # cppcheck writes its findings on stderr, clang-tidy on stdout and its chatter on stderr
    output = proc.stdout + "".join(line for line in proc.stderr.splitlines(keepends=True)
                                   if not CHATTER.match(line))
    sys.stdout.write(output)
    findings = len(FINDING.findall(output))
    with open(count_file, "w") as f:
        f.write(f"{findings}\n")
    if proc.returncode != 0 and findings == 0:
        print(f"{name}: {command[0]} failed (exit {proc.returncode}) without a finding",
              file=sys.stderr)
        return 1
    return 1 if findings else 0


def summary(log_dir, files):
    counts = {os.path.basename(p)[:-len(".count")]: int(open(p).read())
              for p in glob.glob(os.path.join(log_dir, "*.count"))}
    missing = [n for n in EXPECTED if not any(k == n or k.startswith(n + "-") for k in counts)]
    total = sum(counts.values())
    line = f"check: {files} files, {total} warning{'' if total == 1 else 's'}"
    if missing:
        line += f" ({' and '.join(missing)} did not finish)"
    print(line)
    return 1 if total or missing else 0


def main(argv):
    if len(argv) >= 5 and argv[0] == "run" and argv[3] == "--":
        return run(argv[1], argv[2], argv[4:])
    if len(argv) == 3 and argv[0] == "summary":
        return summary(argv[1], int(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
