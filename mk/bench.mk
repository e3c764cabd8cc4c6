# Benchmark: what Bulkhead's paths cost, measured from ring 3 (docs/bench.md).
#   make bench [SAMPLES=n] [ACCEL=kvm] [KERNEL_OPTIONS=...]  build CONFIG=bench, run it, print the table and
#                                            write build/bench.json
#   make bench-compare BASE=<rev> [SAMPLES=n] the same for BASE (in a temporary git worktree)
#                                            and for this tree, with the ratios
# The benchmark partitions (partitions/bench_*) take their sample count at build time.
# tools/bench.py builds them once per count under build/bench/samples-<n>/, so a run with another
# count never rebuilds, nor races with, the images in build/partitions/.

SAMPLES ?= 1000
# kernel options for the benchmark run, e.g. KERNEL_OPTIONS=trace_classes=all (tracing on)
KERNEL_OPTIONS ?=
# a sample longer than this (TSC ticks) was cut by the end of its partition's window: dropped
BENCH_DROP_ABOVE ?= 50000

$(OBJ)/partitions/bench_%.o: PARTITION_CFLAGS += -DBENCH_SAMPLES=$(SAMPLES) \
	-DBENCH_DROP_ABOVE=$(BENCH_DROP_ABOVE)

BENCH_IMAGES := $(notdir $(wildcard partitions/bench_*))
BENCH_TREE := $(BUILD)/bench/samples-$(SAMPLES)

.PHONY: bench bench-compare bench-images

# The benchmark images for SAMPLES, in a build tree of their own.
bench-images:
	@$(MAKE) --no-print-directory BUILD=$(BENCH_TREE) SAMPLES=$(SAMPLES) \
		$(BENCH_IMAGES:%=$(BENCH_TREE)/partitions/%.elf)

bench: deps
	$(PYTHON) tools/bench.py --samples $(SAMPLES) --accel $(ACCEL) \
		--kernel-options "$(KERNEL_OPTIONS)"

bench-compare: deps
	$(if $(BASE),,$(error bench-compare needs BASE=<git revision>))
	$(PYTHON) tools/bench.py --samples $(SAMPLES) --accel $(ACCEL) --compare $(BASE) \
		--kernel-options "$(KERNEL_OPTIONS)"
