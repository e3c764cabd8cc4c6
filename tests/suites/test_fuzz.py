"""Host fuzzing: the ELF checks and the config validator replay every seed and regression input
and survive a short libFuzzer run under ASan and UBSan (mk/fuzz.mk, tests/fuzz/)."""
import os
import re
from harness import test, make, ROOT

# the directories mk/fuzz.mk gives each fuzzer, in the order fuzz-smoke runs them
INPUTS = {"elf": ["tests/fuzz/corpus/elf", "tests/elf-corpus", "tests/fuzz/regressions/elf"],
          "config": ["tests/fuzz/corpus/config", "tests/fuzz/regressions/config"]}


def file_count(directories):
    return sum(len(os.listdir(os.path.join(ROOT, d))) for d in directories
               if os.path.isdir(os.path.join(ROOT, d)))


@test("fuzz: make fuzz-smoke replays every seed and regression, then fuzzes each target briefly",
      group="host")
def _(t):
    proc = make("-j1", "fuzz-smoke", check=False)   # one fuzzer at a time: the cores are shared
    output = proc.stdout + proc.stderr
    t.true(proc.returncode == 0, f"make fuzz-smoke failed:\n{output[-3000:]}")
    want = [file_count(INPUTS[f]) for f in INPUTS]
    replayed = [int(n) for n in re.findall(r"Running (\d+) inputs 1 time\(s\) each", output)]
    t.equal(replayed, want, "input files replayed, per fuzzer")
    loaded = [int(n) for n in re.findall(r"INFO: seed corpus: files: (\d+)", output)]
    t.equal(loaded, want, "input files the fuzzing runs started from, per fuzzer")
    runs = [int(n) for n in re.findall(r"^stat::number_of_executed_units: (\d+)$", output, re.M)]
    t.equal(len(runs), 2, "fuzzing runs that printed their final stats")
    t.true(all(n > 1000 for n in runs), f"a fuzzer executed too few inputs: {runs}")
    t.note(f"input files {want}; inputs executed per fuzzing run {runs}")
