# Host fuzzing (libFuzzer, ASan, UBSan) of the code that reads what the kernel cannot trust:
# partition images (fuzz_elf) and deployments (fuzz_config), built from the kernel's own sources.
#   make fuzz [FUZZ_SECONDS=60]   runs each fuzzer for that long; new inputs stay in build/fuzz/;
#                                 ends with "fuzz: N targets, N executions, N crashes"
#   make fuzz-smoke               replays every seed and regression input, then fuzzes briefly
# A crash lands in build/fuzz/crashes/<fuzzer>/; once fixed, keep the input in
# tests/fuzz/regressions/<fuzzer>/ so fuzz-smoke replays it from then on.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10
FUZZERS := elf config
FUZZ_OUT := $(BUILD)/fuzz
FUZZ_CFLAGS := -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	$(WARNINGS) -Iinclude -Iinclude/arch/x86 -Iinclude/platform/pc
# not lib/string.c: on the host the C library (under ASan's eye) provides those functions
FUZZ_KERNEL_SOURCES := lib/format.c core/elf_loader.c core/config_check.c platform/pc/kernel_devices.c

# committed seeds (the ELF fuzzer also starts from the malformed image corpus) and regressions;
# tests/fuzz/corpus/elf/sensor.elf is build/partitions/sensor.elf, stripped; the config seeds are
# written by tests/fuzz/make_config_seeds.py
fuzz_inputs = tests/fuzz/corpus/$(1) $(if $(filter elf,$(1)),tests/elf-corpus) \
	$(wildcard tests/fuzz/regressions/$(1))

.PHONY: fuzz fuzz-smoke fuzz-build

fuzz-build: $(FUZZERS:%=$(FUZZ_OUT)/fuzz_%)

$(FUZZ_OUT)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_KERNEL_SOURCES)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $^ -o $@

# Each fuzzer's output is also kept in build/fuzz/fuzz_<name>.log, for make fuzz's summary.
define fuzz_rules
.PHONY: fuzz-$(1) fuzz-smoke-$(1)
fuzz-$(1): $(FUZZ_OUT)/fuzz_$(1)
	@mkdir -p $(FUZZ_OUT)/corpus/$(1) $(FUZZ_OUT)/crashes/$(1)
	@rm -f $(FUZZ_OUT)/fuzz_$(1).log $(FUZZ_OUT)/fuzz_$(1).status
	{ $(FUZZ_OUT)/fuzz_$(1) -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_OUT)/crashes/$(1)/ \
		$(FUZZ_OUT)/corpus/$(1) $(call fuzz_inputs,$(1)); \
		echo $$$$? > $(FUZZ_OUT)/fuzz_$(1).status; } 2>&1 | tee $(FUZZ_OUT)/fuzz_$(1).log
	@exit $$$$(cat $(FUZZ_OUT)/fuzz_$(1).status)

# the replay names files, not directories: libFuzzer adds to the first directory it is given
fuzz-smoke-$(1): $(FUZZ_OUT)/fuzz_$(1)
	$(FUZZ_OUT)/fuzz_$(1) $(wildcard $(addsuffix /*,$(call fuzz_inputs,$(1))))
	@rm -rf $(FUZZ_OUT)/smoke/$(1) && mkdir -p $(FUZZ_OUT)/smoke/$(1)/corpus
	$(FUZZ_OUT)/fuzz_$(1) -max_total_time=$(FUZZ_SMOKE_SECONDS) -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_OUT)/smoke/$(1)/ \
		$(FUZZ_OUT)/smoke/$(1)/corpus $(call fuzz_inputs,$(1))
endef
$(foreach f,$(FUZZERS),$(eval $(call fuzz_rules,$(f))))

# Every fuzzer runs, even after another crashed; then the summary, which fails on any crash.
fuzz:
	@rm -f $(FUZZERS:%=$(FUZZ_OUT)/fuzz_%.log)
	-@$(MAKE) --no-print-directory -k $(FUZZERS:%=fuzz-%)
	@$(PYTHON) tools/fuzz-summary.py $(FUZZERS:%=$(FUZZ_OUT)/fuzz_%.log)
fuzz-smoke: $(FUZZERS:%=fuzz-smoke-%)
