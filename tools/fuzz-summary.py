#!/usr/bin/env python3
"""make fuzz's last line (mk/fuzz.mk): 'fuzz: N targets, N executions, N crashes', from the logs
libFuzzer wrote (-print_final_stats=1). Fails if a fuzzer crashed or left no statistics.

  tools/fuzz-summary.py LOG...
"""
import re
import sys

EXECUTIONS = re.compile(r"^stat::number_of_executed_units: (\d+)", re.M)
# libFuzzer's words for each input it keeps as a crash, leak, timeout or out-of-memory
ARTIFACT = re.compile(r"^artifact_prefix='[^']*'; Test unit written to (\S+)", re.M)


def plural(n, word):
    return f"{n} {word}{'' if n == 1 else 's'}"


def main(logs):
    executions, crashes, silent = 0, [], []
    for log in logs:
        try:
            with open(log, errors="replace") as f:
                text = f.read()
        except OSError:
            text = ""
        runs = EXECUTIONS.findall(text)
        if not runs:
            silent.append(log)
        executions += sum(int(n) for n in runs)
        crashes += ARTIFACT.findall(text)
    line = (f"fuzz: {plural(len(logs), 'target')}, {plural(executions, 'execution')}, "
            f"{plural(len(crashes), 'crash').replace('crashs', 'crashes')}")
    print(line)
    for path in crashes:
        print(f"fuzz: crash input: {path}")
    for log in silent:
        print(f"fuzz: {log}: the fuzzer left no statistics (did it build and run?)")
    return 1 if crashes or silent or not logs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
