# Bulkhead: build, run, debug and test. `make help` lists every target and option.
#   make run [CONFIG=name] [CMDLINE="frames=20"]   boot the ISO in QEMU (quit: Ctrl-A X)
#   make PROJECT=dir run CONFIG=name               the same for a deployment of one's own project
#   make test                                      the whole suite
# Everything is built under build/ (a project's under <dir>/build/); nothing is written into the
# source tree.

CONFIG ?= demo
# A project of one's own, outside this tree (docs/projects.md): its deployments in
# <dir>/configs/, its partitions in <dir>/partitions/<name>/, everything built in <dir>/build/.
PROJECT ?=
CMDLINE ?=
QEMU_FLAGS ?=
ACCEL ?= tcg
# run and run-kernel count guest time in instructions under TCG (ICOUNT=0: the host's clock)
ICOUNT ?= 1
# QEMU's CPUs for run, run-kernel and debug: the deployment's `cpus` (configtool cpus) unless set
SMP ?=
GDB_PORT ?= 1234
# run, run-kernel and debug build with every core first
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

CROSS ?= $(if $(shell command -v i686-elf-gcc 2>/dev/null),i686-elf-,i686-linux-gnu-)
CC := $(CROSS)gcc
NM := $(CROSS)nm
HOSTCC ?= cc
NASM ?= nasm
QEMU ?= qemu-system-i386
PYTHON ?= python3

# V=1 shows every command; by default one short line per step; make -s shows none.
ifeq ($(V),1)
  Q :=
  say = @true
else ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
  Q := @
  say = @true
else
  Q := @
  say = @printf '  %-8s %s\n' $(1) $(2)
endif

ifneq ($(PROJECT),)
  ifneq ($(words $(PROJECT)),1)
    $(error PROJECT=$(PROJECT): make cannot build in a folder whose path has a space)
  endif
  override PROJECT := $(abspath $(PROJECT))
  ifeq ($(wildcard $(PROJECT)/.)$(filter new-partition,$(MAKECMDGOALS)),)
    $(error PROJECT=$(PROJECT): no such directory)
  endif
  BUILD := $(PROJECT)/build
else
  BUILD := build
endif
OBJ := $(BUILD)/obj
# A project's config of a name Bulkhead also has is the one built (docs/projects.md).
CONFIG_FILE := $(firstword $(wildcard $(if $(PROJECT),$(PROJECT)/configs/$(CONFIG).c) \
	configs/$(CONFIG).c tests/configs/$(CONFIG).c))
# The demo is the default and lands in build/ itself; other configs get a folder of their own.
OUT := $(if $(filter demo,$(CONFIG)),$(BUILD),$(BUILD)/config/$(CONFIG))

VERSION := $(shell git describe --always --dirty --tags 2>/dev/null || echo unknown)

WARNINGS := -Wall -Wextra -Werror
# -fno-tree-loop-distribute-patterns: GCC must not turn memcpy's own loop into a call to memcpy.
# Frame pointers in every file, the hot paths too, so that a panic's backtrace is whole; against
# their omission in the whole kernel they cost null hypercall +3 instructions, yield +6, partition
# switch +7, virtual timer +8, upcall return +6 (docs/bench.md, issue 16).
FREESTANDING := -m32 -march=i686 -ffreestanding -nostdlib -fno-pie -fno-stack-protector \
	-mno-sse -mno-mmx -mno-80387 -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-fno-tree-loop-distribute-patterns
# No padding before loops and jump targets: the kernel's paths run into it (lea, nop), e.g. in the
# exit step's loop (yield -4 instructions, partition switch -2, virtual timer -3, null hypercall -1).
KERNEL_CFLAGS := -std=gnu11 -O2 -g -falign-loops=1 -falign-jumps=1 -falign-labels=1 \
	$(FREESTANDING) $(WARNINGS) -Iinclude -Iinclude/arch/x86 -Iinclude/platform/pc -MMD -MP
# Partitions see the public ABI, the runtime and the shared library headers, nothing else.
PARTITION_CFLAGS := -std=gnu11 -O2 -g -m32 -march=i686 -ffreestanding -nostdlib -fno-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns \
	$(WARNINGS) -Iruntime/include -Iinclude/public -Iinclude/lib -MMD -MP
HOST_CFLAGS := -std=gnu11 -O1 -g $(WARNINGS) -Iinclude -Iinclude/arch/x86 -Iinclude/platform/pc

KERNEL_C := $(wildcard boot/*.c arch/x86/*.c platform/pc/*.c core/*.c) lib/format.c lib/string.c
KERNEL_ASM := $(wildcard boot/*.asm arch/x86/*.asm)
KERNEL_OBJS := $(KERNEL_C:%.c=$(OBJ)/kernel/%.o) $(KERNEL_ASM:%.asm=$(OBJ)/kernel/%.o)

RUNTIME_C := $(wildcard runtime/*.c) lib/format.c lib/string.c
RUNTIME_OBJS := $(RUNTIME_C:%.c=$(OBJ)/runtime/%.o)
RUNTIME_CRT0 := $(OBJ)/runtime/runtime/crt0.o
RUNTIME_LIB := $(BUILD)/runtime/libbulkhead.a

# Example partitions live in partitions/, test-only ones in tests/partitions/; names are unique.
# A project's own partitions come first, and one of a name Bulkhead also has hides Bulkhead's:
# a project builds what it wrote, and can still use every other partition of this tree.
PROJECT_PARTITION_DIRS := $(if $(PROJECT),$(patsubst %/,%,$(wildcard $(PROJECT)/partitions/*/)))
PARTITION_DIRS := $(PROJECT_PARTITION_DIRS) $(filter-out \
	$(addprefix %/,$(notdir $(PROJECT_PARTITION_DIRS))), \
	$(patsubst %/,%,$(wildcard partitions/*/ tests/partitions/*/)))
ALL_PARTITION_ELFS := $(foreach d,$(PARTITION_DIRS),$(BUILD)/partitions/$(notdir $(d)).elf)
# The config's own images (CONFIG_IMAGES, from its configtool: see images.mk below) are what
# all, run and run-kernel build; `make partitions` builds every one.
PARTITION_ELFS = $(CONFIG_IMAGES:%=$(BUILD)/partitions/%.elf)

CONFIGTOOL := $(OUT)/configtool
KERNEL_ELF := $(OUT)/bulkhead.elf
ISO := $(OUT)/bulkhead.iso
IMAGES_FIT := $(OUT)/images-fit

# The config's images, for make to know which partitions to build: written by its configtool
# and read back (make remakes an included file first, then starts again with it). Goals that
# build no config's images do without, so that they neither need a valid config nor build one.
$(OUT)/images.mk: $(CONFIGTOOL)
	@echo "CONFIG_IMAGES := $$($(CONFIGTOOL) images)" > $@.tmp && mv $@.tmp $@
NO_IMAGES_GOALS := clean help deps new-partition test unit% check cppcheck clang-tidy fuzz% \
	bench% mutate partitions trace-engine %.elf %.o
ifneq ($(filter-out $(NO_IMAGES_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(OUT)/images.mk
endif

# -nodefaults: no network card, VGA or floppy, whose firmware (the NIC's option ROM above all)
# took about 55 ms of every boot; each target names its serial ports.
# The CPU every QEMU run gets (tools/qemu-cpu, read by the tests and the benchmarks too): the
# default qemu32 plus no-execute, SMEP, SMAP and UMIP, which the kernel uses when CPUID has them.
# A named model keeps every other feature, and so every figure, the same on any QEMU version;
# `-cpu max` also works under TCG but its features follow the QEMU release. enforce: a QEMU that
# cannot give a feature refuses to start rather than hiding it.
QEMU_CPU := $(shell cat tools/qemu-cpu)
QEMU_BASE := $(QEMU) -m 128M -no-reboot -nodefaults -device isa-debug-exit,iobase=0xf4,iosize=0x04
QEMU_TCG_CPU := -cpu $(QEMU_CPU)
# The ISO's machine has a display adapter, as a PC has: GRUB's multiboot loader asks its BIOS for
# the VBE information it hands the kernel, and without one printed "error: Can't get controller
# info" before every boot. (-kernel boots need no GRUB, and stay without.)
ISO_DISPLAY := -device VGA
# Under TCG on the host's clock, the emulated serial port takes about 1 ms a line, so the
# partitions' windows run 10 to 20 ms late and health-monitor lines find no time to print
# (core/health.c); counting instructions, the demo keeps its plan as the tests see it.
ICOUNT_FLAGS := -icount shift=0,sleep=off
RUN_CLOCK := $(if $(filter 1,$(ICOUNT)),$(ICOUNT_FLAGS))
ifeq ($(ACCEL),kvm)
  ifeq ($(shell test -r /dev/kvm -a -w /dev/kvm && echo yes),yes)
    QEMU_BASE += -accel kvm -cpu host
    RUN_CLOCK :=
  else
    $(warning ACCEL=kvm: /dev/kvm is not usable here; falling back to TCG)
    QEMU_BASE += $(QEMU_TCG_CPU)
  endif
else
  QEMU_BASE += $(QEMU_TCG_CPU)
endif

.PHONY: all iso run run-kernel debug gdb test unit check clean deps partitions images bench \
	help new-partition FORCE
.DEFAULT_GOAL := all

all: $(KERNEL_ELF) $(ISO)
iso: $(ISO)
partitions: $(ALL_PARTITION_ELFS)
# What run-kernel and debug boot; the empty recipe keeps make from listing each file up to date.
images: $(KERNEL_ELF) $(PARTITION_ELFS) $(IMAGES_FIT)
	@:

deps:
	@tools/deps.sh

ifeq ($(CONFIG_FILE),)
$(error CONFIG=$(CONFIG): no configs/$(CONFIG).c or tests/configs/$(CONFIG).c; the configs are: $(basename $(notdir $(wildcard configs/*.c))); tests/configs: $(basename $(notdir $(wildcard tests/configs/*.c))))
endif

# Every object depends on the build's own files too: a flag changed there rebuilds what it
# compiles (a build left from other flags once gave wrong figures, not an error).
BUILD_RULES := Makefile $(wildcard mk/*.mk)

# --- kernel ---------------------------------------------------------------------------------

$(OBJ)/kernel/%.o: %.c $(BUILD_RULES)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(OBJ)/kernel/core/main.o: KERNEL_CFLAGS += -DBULKHEAD_VERSION='"$(VERSION)"'
# The banner names the revision: rebuild it when `git describe` changes.
$(OBJ)/kernel/core/main.o: $(OBJ)/version
$(OBJ)/version: FORCE
	@mkdir -p $(dir $@)
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' > $@

$(OBJ)/kernel/%.o: %.asm $(BUILD_RULES)
	@mkdir -p $(dir $@)
	$(call say,NASM,$<)
	$(Q)$(NASM) -f elf32 -g -F dwarf $< -o $@

$(OUT)/config.o: $(CONFIG_FILE) $(CONFIGTOOL) $(BUILD_RULES)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

# The build refuses a config the kernel would refuse, with the same message, and one whose image
# is no partition directory; what an earlier build of it left is removed, so nothing stale boots.
$(CONFIGTOOL): tools/configtool.c $(CONFIG_FILE) core/config_check.c platform/pc/kernel_devices.c \
	core/elf_loader.c lib/format.c
	@mkdir -p $(dir $@)
	$(call say,CHECK,$(CONFIG_FILE))
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -DCONFIG_SOURCE='"$(CONFIG_FILE)"' $^ -o $@.tmp
	@$@.tmp check $(PARTITION_DIRS) || { rm -f $@.tmp $@ $(KERNEL_ELF) $(ISO); exit 1; }
	@mv $@.tmp $@

# Once built, each image must fit its partition's memory below the stack and its guard page.
$(IMAGES_FIT): $(CONFIGTOOL) $(PARTITION_ELFS)
	$(call say,FIT,$(CONFIG_FILE))
	$(Q)$(CONFIGTOOL) fit $(BUILD)/partitions || { rm -f $@ $(ISO); exit 1; }
	@touch $@

# Two links: the second embeds the symbol names of the first for panic backtraces. The table
# sits in the last segment, so no other address moves between the two.
$(KERNEL_ELF): $(KERNEL_OBJS) $(OUT)/config.o linker.ld tools/ksyms.sh
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)tools/ksyms.sh $(NM) > $(OUT)/ksyms0.c
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $(OUT)/ksyms0.c -o $(OUT)/ksyms0.o
	$(Q)$(CC) -m32 -nostdlib -static -no-pie -T linker.ld -Wl,--build-id=none -o $@.pass1 \
		$(KERNEL_OBJS) $(OUT)/config.o $(OUT)/ksyms0.o -lgcc
	$(Q)tools/ksyms.sh $(NM) $@.pass1 > $(OUT)/ksyms.c
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $(OUT)/ksyms.c -o $(OUT)/ksyms.o
	$(Q)$(CC) -m32 -nostdlib -static -no-pie -T linker.ld -Wl,--build-id=none -o $@ \
		$(KERNEL_OBJS) $(OUT)/config.o $(OUT)/ksyms.o -lgcc

# --- partitions -----------------------------------------------------------------------------

$(OBJ)/runtime/%.o: %.c $(BUILD_RULES)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(PARTITION_CFLAGS) -Iinclude -c $< -o $@

$(OBJ)/runtime/%.o: %.asm $(BUILD_RULES)
	@mkdir -p $(dir $@)
	$(call say,NASM,$<)
	$(Q)$(NASM) -f elf32 -g -F dwarf $< -o $@

# Partitions may print floating point (%f): the kernel's copy of the formatter has no FPU code.
$(OBJ)/runtime/lib/format.o: PARTITION_CFLAGS += -DFORMAT_FLOAT

$(RUNTIME_LIB): $(RUNTIME_OBJS)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@
	$(Q)$(CROSS)ar rcs $@ $^

$(OBJ)/partitions/%.o: partitions/%.c $(BUILD_RULES)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(PARTITION_CFLAGS) -c $< -o $@

$(OBJ)/tests/partitions/%.o: tests/partitions/%.c $(BUILD_RULES)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(PARTITION_CFLAGS) -c $< -o $@

ifneq ($(PROJECT),)
$(OBJ)/project/partitions/%.o: $(PROJECT)/partitions/%.c $(BUILD_RULES)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(PARTITION_CFLAGS) -c $< -o $@
endif

# An image's sources: those of the partition directory of its name (a project's first).
partition_dir = $(firstword $(filter %/$(1),$(PARTITION_DIRS)))
partition_objs = $(patsubst %.c,$(OBJ)/%.o,$(patsubst $(PROJECT)/%,project/%,\
	$(wildcard $(call partition_dir,$(1))/*.c)))
# Partitions are C: there is no C++ cross compiler, and crt0 runs no constructors. An image
# whose folder has C++ sources fails, naming them, rather than link without them.
partition_cxx = $(wildcard $(addprefix $(call partition_dir,$(1))/*.,cpp cc cxx C c++))

.SECONDEXPANSION:
# A layer the partition uses (mk/apex.mk) links between its objects and the runtime.
$(BUILD)/partitions/%.elf: $$(call partition_objs,$$*) $$(call partition_layer_libs,$$*) \
		$(RUNTIME_CRT0) $(RUNTIME_LIB) runtime/partition.ld
	$(if $(call partition_cxx,$*),$(error $(call partition_cxx,$*): C++ sources are not built))
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) -m32 -nostdlib -static -no-pie -T runtime/partition.ld -Wl,--build-id=none -o $@ \
		$(call partition_layer_flags,$*) $(RUNTIME_CRT0) $(call partition_objs,$*) \
		$(call partition_layer_libs,$*) $(RUNTIME_LIB) -lgcc

# --- boot image -----------------------------------------------------------------------------

# Rewritten only when its content changes, so CMDLINE changes rebuild the ISO and nothing else.
$(OUT)/grub.cfg: $(CONFIGTOOL) FORCE
	@$(CONFIGTOOL) grub-cfg $(CMDLINE) > $@.tmp
	@cmp -s $@.tmp $@ 2>/dev/null && rm -f $@.tmp || mv $@.tmp $@

$(ISO): $(KERNEL_ELF) $(OUT)/grub.cfg $(PARTITION_ELFS) $(IMAGES_FIT)
	$(call say,ISO,$@)
	$(Q)rm -rf $(OUT)/iso
	$(Q)mkdir -p $(OUT)/iso/boot/grub
	$(Q)cp $(KERNEL_ELF) $(OUT)/iso/boot/bulkhead.elf
	$(Q)cp $(OUT)/grub.cfg $(OUT)/iso/boot/grub/grub.cfg
	$(Q)for image in $(CONFIG_IMAGES); do cp $(BUILD)/partitions/$$image.elf $(OUT)/iso/boot/ || exit 1; done
	$(Q)grub-mkrescue -o $@ $(OUT)/iso 2> $(OUT)/grub-mkrescue.log || { cat $(OUT)/grub-mkrescue.log; exit 1; }

FORCE:

# Objects reached only through pattern rules are not scratch files: keep them for incremental builds.
.SECONDARY:

# --- run and debug --------------------------------------------------------------------------

# QEMU's -initrd list, for the recipe's shell to compute: run-kernel and debug build configtool
# in the same recipe, after make has expanded it (a $(shell) here ran before, on a fresh tree found
# no configtool, and booted no partition).
INITRD = $$($(CONFIGTOOL) initrd $(BUILD)/partitions)
# What the guest reads names no folder of this machine: under -kernel, QEMU puts the kernel's
# path before its command line and each module's path in the module's string, and the kernel
# prints the one and scans the others, so a longer path cost instructions and moved every figure
# with the checkout's place. QEMU runs in the build folder, with the paths below it.
KERNEL_IN_BUILD := $(patsubst $(BUILD)/%,%,$(KERNEL_ELF))
INITRD_IN_BUILD = $$($(abspath $(CONFIGTOOL)) initrd partitions)
RUN_QEMU := $(abspath tools/run-qemu.sh)
# The deployment's devices that QEMU emulates (its devices[].qemu_device), each on a pty: QEMU
# prints "char device redirected to /dev/pts/N (label NAME)"; connect with e.g. `screen /dev/pts/N`.
QEMU_DEVICES = $$($(abspath $(CONFIGTOOL)) qemu-devices pty)
# As many CPUs as the deployment needs (struct deployment's cpus), or SMP's.
QEMU_SMP = -smp $(if $(SMP),$(SMP),$$($(abspath $(CONFIGTOOL)) cpus))
# CMDLINE, and the pacer for a deployment on several CPUs unless CMDLINE sets one (configtool
# cmdline; the ISO's grub.cfg gets the same)
RUN_CMDLINE = $$($(abspath $(CONFIGTOOL)) cmdline $(CMDLINE))

run: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@echo "bulkhead: booting $(ISO) (quit with Ctrl-A X)"
	@tools/run-qemu.sh $(QEMU_BASE) $(QEMU_SMP) $(RUN_CLOCK) -nographic -serial mon:stdio -boot d \
		$(ISO_DISPLAY) -cdrom $(ISO) $(QEMU_DEVICES) $(QEMU_FLAGS)

run-kernel: deps
	@$(MAKE) --no-print-directory -j$(JOBS) images
	@echo "bulkhead: booting $(KERNEL_ELF) with -kernel (quit with Ctrl-A X)"
	@cd $(BUILD) && $(RUN_QEMU) $(QEMU_BASE) $(QEMU_SMP) $(RUN_CLOCK) -nographic -serial mon:stdio \
		-kernel $(KERNEL_IN_BUILD) -append "$(RUN_CMDLINE)" -initrd "$(INITRD_IN_BUILD)" \
		$(QEMU_DEVICES) $(QEMU_FLAGS)

debug: deps
	@$(MAKE) --no-print-directory -j$(JOBS) images
	@echo "bulkhead: QEMU is paused with its gdbstub on 127.0.0.1:$(GDB_PORT)"
	@echo "bulkhead: attach from another terminal with:  make gdb CONFIG=$(CONFIG) GDB_PORT=$(GDB_PORT)"
	@cd $(BUILD) && $(RUN_QEMU) $(QEMU_BASE) $(QEMU_SMP) -nographic -serial mon:stdio \
		-kernel $(KERNEL_IN_BUILD) -append "$(RUN_CMDLINE)" -initrd "$(INITRD_IN_BUILD)" -S \
		-gdb tcp:127.0.0.1:$(GDB_PORT) $(QEMU_DEVICES) $(QEMU_FLAGS)

gdb: $(KERNEL_ELF)
	@$(PYTHON) tools/gdb/attach.py $(KERNEL_ELF) $(GDB_PORT)

# --- tests ----------------------------------------------------------------------------------

test: deps
	@$(PYTHON) tests/run.py

clean:
	rm -rf $(BUILD)

# --- a new partition and the help -----------------------------------------------------------

# A partition that prints and yields, and a deployment that runs it alone: in the project if
# PROJECT is given, else in this tree's partitions/ and configs/ (tools/new-partition.sh).
NAME ?=
new-partition:
	@tools/new-partition.sh '$(NAME)' '$(if $(PROJECT),$(PROJECT),.)'

# One line per target and per option; tests/suites/test_project.py checks that every target of
# the Makefile and mk/*.mk, and every option (?=), is here.
define HELP
Targets (make [OPTION=value ...] TARGET):
  all             the kernel, the config's partitions and its ISO (the default target)
  iso             the config's ISO only
  images          the kernel and the config's partitions, what run-kernel and debug boot
  partitions      every partition of this tree (and of PROJECT), not only the config's
  run             boot the config's ISO in QEMU on this terminal (quit: Ctrl-A X)
  run-kernel      boot the kernel with QEMU -kernel, partitions as -initrd (no GRUB)
  debug           as run-kernel, paused, with QEMU's gdbstub on GDB_PORT (docs/gdb.md)
  gdb             attach GDB and the partition-aware helpers to a running make debug
  new-partition   write a partition NAME (prints and yields) and a deployment NAME running it
  test            the whole suite (tests/run.py; python3 tests/run.py --help for a part)
  unit            the host unit tests (cmocka), plain and with ASan/UBSan
  unit-build      build the host unit tests only
  check           cppcheck and clang-tidy over the kernel, runtime, partitions, configs, PROJECT
  cppcheck        cppcheck only (the same files)
  clang-tidy      clang-tidy only (the same files)
  fuzz            run every host fuzzer FUZZ_SECONDS (fuzz-elf, fuzz-config: one of them)
  fuzz-smoke      replay every seed and regression input, then fuzz each briefly
  fuzz-build      build the fuzzers only
  bench           build and run the benchmark, print the table, write build/bench.json
  bench-compare   the benchmark for BASE and for this tree, with the ratios
  bench-images    the benchmark partitions for SAMPLES (tools/bench.py builds them)
  show            the resolved deployment: memory map, CPU shares, port graph, health monitor
  verify          boot the config and judge it as the tests do: windows, drift, HM, ports
  trace           boot the config for FRAMES frames and draw its schedule trace (docs/trace.md)
  trace-engine    install the trace reader the Perfetto export is tested with (npm)
  mutate          mutation testing of the suite (tests/mutations.py), minutes
  deps            check that the tools the build needs are installed
  clean           remove build/ (PROJECT's build/ with PROJECT)
  help            this list
Options:
  CONFIG=name          the deployment: PROJECT/configs/, configs/ or tests/configs/<name>.c (demo)
  PROJECT=dir          a project outside this tree: dir/configs/, dir/partitions/, dir/build/
  NAME=name            new-partition: the partition's and its deployment's name
  CMDLINE="..."        kernel options for run, run-kernel, debug and the ISO (e.g. frames=20)
  QEMU_FLAGS="..."     more QEMU arguments for run, run-kernel, debug, trace (paths from build/)
  ACCEL=tcg|kvm        the accelerator for run, run-kernel and bench (tcg)
  ICOUNT=1|0           run and run-kernel count guest time in instructions (1) or host time (0)
  SMP=n                QEMU's CPUs for run, run-kernel and debug (the deployment's cpus)
  GDB_PORT=n           the gdbstub's TCP port for debug and gdb (1234)
  JOBS=n               parallel jobs for run, run-kernel and debug's builds (every core)
  V=1                  show every command; make -s shows none
  CROSS=prefix         the cross compiler's prefix (i686-elf- if installed, else i686-linux-gnu-)
  HOSTCC=cc            the host compiler for configtool and the unit tests (cc)
  NASM=nasm            the assembler (nasm)
  QEMU=path            the emulator (qemu-system-i386)
  PYTHON=path          the Python that runs the tools and tests (python3)
  SAMPLES=n            bench: samples per metric (1000)
  KERNEL_OPTIONS="..." bench: kernel options for the benchmark run (e.g. trace_classes=all)
  BENCH_DROP_ABOVE=n   bench: a sample above this many TSC ticks is dropped (50000)
  BASE=rev             bench-compare: the git revision to compare with
  FRAMES=n             trace: major frames to trace (5)
  FORMAT=svg|perfetto  trace: an SVG timeline or the Trace Event Format (svg)
  TRACE_ARGS="..."     trace: options for tools/trace.py (--frame, --window, --from-us, ...)
  TRACE_OPTIONS="..."  trace: kernel options (trace_classes=all)
  FUZZ_CC=clang        fuzz: the compiler with libFuzzer (clang)
  FUZZ_SECONDS=n       fuzz: seconds per fuzzer (60)
  FUZZ_SMOKE_SECONDS=n fuzz-smoke: seconds per fuzzer after the replay (10)
  M=text               mutate: only the mutations whose file or description has text
  EXPECT_HM="p q"      verify: partitions whose health-monitor events are expected
  TOLERANCE_NS=n       verify: how late a window may start (10000)
  VERIFY_OPTIONS="..." verify: more options for tools/verify.py
  VERIFY_TIMEOUT=n     verify: seconds before the boot is called hung
  HC_FUZZ_SEED=n       CONFIG=hc_fuzz: the hypercall fuzzer's seed (docs/reliability.md)
  INSN_FUZZ_SEED=n     CONFIG=insn_fuzz: the instruction fuzzer's seed
endef
export HELP
help:
	@echo "$$HELP"

# Each subsystem's extra targets (unit tests, benchmarks, fuzzing, trace) live in mk/.
include $(wildcard mk/*.mk)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
