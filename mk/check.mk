# make check: cppcheck and clang-tidy over the kernel, the runtime, the shared library, the
# example partitions (partitions/), the deployments (configs/) and, with PROJECT, the project's
# partitions and configs; then one line, "check: N files, N warnings". Every finding fails it;
# findings that are intended carry an inline suppression with its reason. make cppcheck and
# make clang-tidy run one of them. The findings are also kept in build/check/.
# (tests/ is not analysed: its partitions and configs are wrong on purpose.)

CHECK_KERNEL := $(wildcard boot/*.c arch/x86/*.c platform/pc/*.c core/*.c lib/*.c runtime/*.c)
CHECK_PARTITIONS := $(wildcard partitions/*/*.c) \
	$(if $(PROJECT),$(wildcard $(PROJECT)/partitions/*/*.c))
CHECK_CONFIGS := $(wildcard configs/*.c) $(if $(PROJECT),$(wildcard $(PROJECT)/configs/*.c))
CHECK_FILES := $(CHECK_KERNEL) $(CHECK_PARTITIONS) $(CHECK_CONFIGS)
CHECK_INCLUDES := -Iinclude -Iinclude/arch/x86 -Iinclude/platform/pc -Iinclude/lib -Iinclude/public \
	-Iruntime/include -Iapex/include
# what the build gives the benchmark partitions (mk/bench.mk)
CHECK_DEFINES := -DBENCH_SAMPLES=$(SAMPLES) -DBENCH_DROP_ABOVE=$(BENCH_DROP_ABOVE)
CHECK_OUT := $(BUILD)/check
CHECK_RUN = $(PYTHON) tools/check.py run $(1) $(CHECK_OUT) --
# The analyser cannot see a hypercall write through its pointer argument (inline assembly,
# runtime/include/bulkhead.h): in partition code, a struct the kernel fills (bh_partition_status,
# a port's info) reads as garbage to these checks. The kernel's own code keeps them.
TIDY_PARTITION_CHECKS := -clang-analyzer-core.uninitialized.*,$\
	-clang-analyzer-core.UndefinedBinaryOperatorResult
# every file under Bulkhead's rules (.clang-tidy), a project's too
TIDY := clang-tidy -quiet --config-file=.clang-tidy
TIDY_FLAGS := --target=i686-unknown-none-elf -ffreestanding -std=gnu11 $(CHECK_INCLUDES) \
	$(CHECK_DEFINES)

.PHONY: check cppcheck clang-tidy
check:
	@rm -f $(CHECK_OUT)/*.count
	-@$(MAKE) --no-print-directory -k cppcheck clang-tidy
	@$(PYTHON) tools/check.py summary $(CHECK_OUT) $(words $(CHECK_FILES))

# unusedStructMember: on-disk and hardware layouts (ELF headers, multiboot) name fields we skip.
cppcheck:
	$(call say,CPPCHECK,sources)
	$(Q)$(call CHECK_RUN,cppcheck) cppcheck -q --error-exitcode=1 --inline-suppr \
		--enable=warning,style,performance,portability --std=c11 --platform=unix32 \
		$(CHECK_INCLUDES) $(CHECK_DEFINES) --suppress=missingIncludeSystem \
		--suppress=unusedStructMember \
		--template='{file}:{line}:{column}: {severity}: {message} [{id}]' $(CHECK_FILES)

clang-tidy:
	$(call say,TIDY,sources)
	$(Q)status=0; \
	$(call CHECK_RUN,clang-tidy) $(TIDY) $(CHECK_KERNEL) $(CHECK_CONFIGS) -- $(TIDY_FLAGS) || \
		status=1; \
	$(call CHECK_RUN,clang-tidy-partitions) $(TIDY) --checks=$(TIDY_PARTITION_CHECKS) \
		$(CHECK_PARTITIONS) -- $(TIDY_FLAGS) || status=1; \
	exit $$status
