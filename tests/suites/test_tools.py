"""Host tests of the tools' own arithmetic: the benchmark's nearest-rank percentiles."""
import importlib.util
import os

from harness import test, ROOT

spec = importlib.util.spec_from_file_location("bulkhead_bench", os.path.join(ROOT, "tools", "bench.py"))
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


@test("tools: bench: nearest-rank median and p99 against hand-computed values", group="host")
def _(t):
    # nearest rank: the p-th percentile of n sorted values is the ceil(p * n / 100)-th of them
    cases = [
        ([7], 7, 7),                                  # one sample is every percentile
        ([9, 4], 4, 9),                               # ceil(1.0) = 1st; ceil(1.98) = 2nd
        ([3, 1, 2], 2, 3),                            # ceil(1.5) = 2nd; ceil(2.97) = 3rd
        ([40, 10, 30, 20], 20, 40),                   # ceil(2.0) = 2nd, not an average
        (list(range(10, 0, -1)), 5, 10),              # ceil(5.0) = 5th; ceil(9.9) = 10th
        (list(range(1, 101)), 50, 99),                # exactly 50th and 99th of 100
        (list(range(1, 102)), 51, 100),               # ceil(50.5) = 51st; ceil(99.99) = 100th
        (list(range(1, 201)), 100, 198),              # 100th and 198th of 200
        ([5] * 99 + [1000], 5, 5),                    # one outlier in 100 stays above p99
        ([5] * 98 + [1000, 1000], 5, 1000),           # two reach it
    ]
    for values, median, p99 in cases:
        got = bench.stats(values)
        want = {"samples": len(values), "min": min(values), "median": median, "p99": p99,
                "max": max(values)}
        t.equal(got, want, f"stats of {values if len(values) <= 10 else f'{len(values)} values'}")
