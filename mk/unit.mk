# Host unit tests (cmocka) of the kernel's pure code: the very kernel sources, compiled for the host.
#   make unit         builds every tests/unit/test_<topic>.c twice (plain and -asan) and runs them
#   make unit-build   builds them only (tests/suites/test_unit.py runs each binary itself)
# glibc stands in for lib/string.c, so that file is never part of a host build.

UNIT_DIR := $(BUILD)/tests/unit
UNIT_CFLAGS := $(HOST_CFLAGS) -MMD -MP $(shell pkg-config --cflags cmocka)
UNIT_LIBS := $(shell pkg-config --libs cmocka)
UNIT_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all

# The kernel sources (and host stand-ins) each test links with.
unit_sources_format := lib/format.c
unit_sources_cmdline := core/cmdline.c
unit_sources_config_check := core/config_check.c platform/pc/kernel_devices.c lib/format.c
unit_sources_vcpu_pool := core/vcpu.c tests/unit/arch_vcpu_stub.c
unit_sources_sched := core/sched.c
unit_sources_deadline := core/deadline.c
# the firmware's CPU tables (platform/pc): ACPI and the MP table over byte buffers
unit_sources_cpu_tables := platform/pc/acpi.c platform/pc/mptable.c platform/pc/cpu_tables.c \
	lib/format.c
unit_sources_elf_loader := core/elf_loader.c lib/format.c
# include/platform/pc/hpet.h: inline only
unit_sources_hpet :=
unit_sources_strerror := runtime/strerror.c
# include/core/sampling.h: inline only
unit_sources_sampling :=
# the partition runtime's statistics: its headers after the system's (so that <errno.h> stays
# glibc's), and its BENCH line caught by wrapping printf
unit_sources_measure := runtime/measure.c
$(UNIT_DIR)/obj/%/runtime/measure.o $(UNIT_DIR)/obj/%/tests/unit/test_measure.o: \
	UNIT_CFLAGS += -idirafter runtime/include -idirafter include/public
unit_ldflags_measure := -Wl,--wrap=printf
# core's engine on a fake platform (tests/unit/fake_platform.h): a clock and timer the test moves
unit_sources_guest_time := core/guest_time.c tests/unit/fake_platform.c
# the dispatcher's engine whole: the plan, the deadline queue, virtual interrupts, the exit step
unit_sources_dispatch := core/dispatch.c core/deadline.c core/sched.c core/vint.c core/exit.c \
	core/config_check.c platform/pc/kernel_devices.c lib/format.c tests/unit/fake_platform.c

# the APEX layer's objects on a host stand-in of its core (tests/unit/apex_core_fake.h)
unit_sources_apex_objects := apex/buffer.c apex/blackboard.c apex/semaphore.c apex/event.c \
	apex/mutex.c tests/unit/apex_core_fake.c

UNIT_TESTS := $(patsubst tests/unit/test_%.c,%,$(wildcard tests/unit/test_*.c))
UNIT_BINS := $(foreach t,$(UNIT_TESTS),$(UNIT_DIR)/test_$(t) $(UNIT_DIR)/test_$(t)-asan)

$(UNIT_DIR)/obj/plain/%.o: %.c $(BUILD_RULES)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(UNIT_INCLUDE_FIRST) $(UNIT_CFLAGS) -c $< -o $@

$(UNIT_DIR)/obj/asan/%.o: %.c $(BUILD_RULES)
	@mkdir -p $(dir $@)
	$(HOSTCC) $(UNIT_INCLUDE_FIRST) $(UNIT_CFLAGS) $(UNIT_SANITIZE) -c $< -o $@

unit_objs = $(patsubst %.c,$(UNIT_DIR)/obj/$(2)/%.o,tests/unit/test_$(1).c $(unit_sources_$(1)))

# runtime/ code sees the runtime's and the ABI's headers, after the host's own (the runtime's <stdio.h> is a
# partition's, not the test's)
$(call unit_objs,strerror,plain) $(call unit_objs,strerror,asan): UNIT_CFLAGS += -idirafter runtime/include -idirafter include/public

# apex/ code sees what an APEX partition sees: ARINC653.h, the runtime's and the ABI's headers
# (after the system's, so that <string.h> stays glibc's)
$(call unit_objs,apex_objects,plain) $(call unit_objs,apex_objects,asan): \
	UNIT_CFLAGS += -Iapex/include -Iapex -idirafter runtime/include -idirafter include/public

# The tests on the fake platform see tests/unit/host/'s stand-ins for the arch's inline headers
# (MMIO, control registers) before the real ones.
UNIT_ON_FAKE_PLATFORM := guest_time dispatch vcpu_pool
$(foreach t,$(UNIT_ON_FAKE_PLATFORM),$(call unit_objs,$(t),plain) $(call unit_objs,$(t),asan)): \
	UNIT_INCLUDE_FIRST := -Itests/unit/host
# the kernel's %llu for uint64_t is right on i686; on the host uint64_t is unsigned long
$(UNIT_DIR)/obj/plain/core/dispatch.o $(UNIT_DIR)/obj/asan/core/dispatch.o: \
	UNIT_CFLAGS += -Wno-format

define unit_test_rules
$(UNIT_DIR)/test_$(1): $(call unit_objs,$(1),plain)
	$(HOSTCC) $$^ -o $$@ $(unit_ldflags_$(1)) $(UNIT_LIBS)

$(UNIT_DIR)/test_$(1)-asan: $(call unit_objs,$(1),asan)
	$(HOSTCC) $(UNIT_SANITIZE) $$^ -o $$@ $(unit_ldflags_$(1)) $(UNIT_LIBS)
endef
$(foreach t,$(UNIT_TESTS),$(eval $(call unit_test_rules,$(t))))

.PHONY: unit-build
unit-build: $(UNIT_BINS)

# Runs them all, then fails if any failed, naming it.
unit: unit-build
	@failed=""; for bin in $(UNIT_BINS); do $$bin || failed="$$failed $$bin"; done; \
	if [ -n "$$failed" ]; then echo "unit tests failed:$$failed"; exit 1; fi
