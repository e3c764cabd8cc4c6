# Bulkhead: build, run, debug and test.
#   make run [CONFIG=name] [CMDLINE="frames=20"]   boot the ISO in QEMU (quit: Ctrl-A X)
#   make test                                      the whole suite
# Everything is built under build/; nothing is written into the source tree.

CONFIG ?= demo
CMDLINE ?=
QEMU_FLAGS ?=
ACCEL ?= tcg
# run and run-kernel count guest time in instructions under TCG (ICOUNT=0: the host's clock)
ICOUNT ?= 1
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

BUILD := build
OBJ := $(BUILD)/obj
CONFIG_FILE := $(firstword $(wildcard configs/$(CONFIG).c tests/configs/$(CONFIG).c))
# The demo is the default and lands in build/ itself; other configs get a folder of their own.
OUT := $(if $(filter demo,$(CONFIG)),$(BUILD),$(BUILD)/config/$(CONFIG))

VERSION := $(shell git describe --always --dirty --tags 2>/dev/null || echo unknown)

WARNINGS := -Wall -Wextra -Werror
# -fno-tree-loop-distribute-patterns: GCC must not turn memcpy's own loop into a call to memcpy.
FREESTANDING := -m32 -march=i686 -ffreestanding -nostdlib -fno-pie -fno-stack-protector \
	-mno-sse -mno-mmx -mno-80387 -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
	-fno-tree-loop-distribute-patterns
KERNEL_CFLAGS := -std=gnu11 -O2 -g $(FREESTANDING) $(WARNINGS) -Iinclude -Iinclude/arch/x86 -MMD -MP
# Partitions see the public ABI, the runtime and the shared library headers, nothing else.
PARTITION_CFLAGS := -std=gnu11 -O2 -g -m32 -march=i686 -ffreestanding -nostdlib -fno-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-tree-loop-distribute-patterns \
	$(WARNINGS) -Iruntime/include -Iinclude/public -Iinclude/lib -MMD -MP
HOST_CFLAGS := -std=gnu11 -O1 -g $(WARNINGS) -Iinclude -Iinclude/arch/x86

KERNEL_C := $(wildcard boot/*.c arch/x86/*.c core/*.c) lib/format.c lib/string.c
KERNEL_ASM := $(wildcard boot/*.asm arch/x86/*.asm)
KERNEL_OBJS := $(KERNEL_C:%.c=$(OBJ)/kernel/%.o) $(KERNEL_ASM:%.asm=$(OBJ)/kernel/%.o)

RUNTIME_C := $(wildcard runtime/*.c) lib/format.c lib/string.c
RUNTIME_OBJS := $(RUNTIME_C:%.c=$(OBJ)/runtime/%.o)
RUNTIME_CRT0 := $(OBJ)/runtime/runtime/crt0.o
RUNTIME_LIB := $(BUILD)/runtime/libbulkhead.a

# Example partitions live in partitions/, test-only ones in tests/partitions/; names are unique.
PARTITION_DIRS := $(patsubst %/,%,$(wildcard partitions/*/ tests/partitions/*/))
PARTITION_ELFS := $(foreach d,$(PARTITION_DIRS),$(BUILD)/partitions/$(notdir $(d)).elf)

CONFIGTOOL := $(OUT)/configtool
KERNEL_ELF := $(OUT)/bulkhead.elf
ISO := $(OUT)/bulkhead.iso

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

.PHONY: all iso run run-kernel debug gdb test unit check clean deps partitions images bench FORCE
.DEFAULT_GOAL := all

all: $(KERNEL_ELF) $(ISO)
iso: $(ISO)
partitions: $(PARTITION_ELFS)
# What run-kernel and debug boot; the empty recipe keeps make from listing each file up to date.
images: $(KERNEL_ELF) $(PARTITION_ELFS) $(IMAGES_FIT)
	@:

deps:
	@tools/deps.sh

ifeq ($(CONFIG_FILE),)
$(error CONFIG=$(CONFIG): no configs/$(CONFIG).c or tests/configs/$(CONFIG).c; the configs are: $(basename $(notdir $(wildcard configs/*.c))); tests/configs: $(basename $(notdir $(wildcard tests/configs/*.c))))
endif

# --- kernel ---------------------------------------------------------------------------------

$(OBJ)/kernel/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

$(OBJ)/kernel/core/main.o: KERNEL_CFLAGS += -DBULKHEAD_VERSION='"$(VERSION)"'
# The hypercall, switch and upcall paths pay for every frame-pointer prologue and for the register
# it takes; a panic backtrace skips these files' frames (the walk stops at a frame it cannot trust).
# Nor do they align loops and jump targets: the padding is executed where a path falls into one.
HOT_PATH_OBJS := core/hypercall core/dispatch core/sched core/vint arch/x86/arch_vcpu arch/x86/hpet
$(HOT_PATH_OBJS:%=$(OBJ)/kernel/%.o): KERNEL_CFLAGS += -fomit-frame-pointer -falign-loops=1 \
	-falign-jumps=1 -falign-labels=1
# The banner names the revision: rebuild it when `git describe` changes.
$(OBJ)/kernel/core/main.o: $(OBJ)/version
$(OBJ)/version: FORCE
	@mkdir -p $(dir $@)
	@echo '$(VERSION)' | cmp -s - $@ || echo '$(VERSION)' > $@

$(OBJ)/kernel/%.o: %.asm
	@mkdir -p $(dir $@)
	$(call say,NASM,$<)
	$(Q)$(NASM) -f elf32 -g -F dwarf $< -o $@

$(OUT)/config.o: $(CONFIG_FILE) $(CONFIGTOOL)
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c $< -o $@

# The build refuses a config the kernel would refuse, with the same message, and one whose image
# is no partition directory; what an earlier build of it left is removed, so nothing stale boots.
$(CONFIGTOOL): tools/configtool.c $(CONFIG_FILE) core/config_check.c core/elf_loader.c lib/format.c
	@mkdir -p $(dir $@)
	$(call say,CHECK,$(CONFIG_FILE))
	$(Q)$(HOSTCC) $(HOST_CFLAGS) -DCONFIG_SOURCE='"$(CONFIG_FILE)"' $^ -o $@.tmp
	@$@.tmp check $(PARTITION_DIRS) || { rm -f $@.tmp $@ $(KERNEL_ELF) $(ISO); exit 1; }
	@mv $@.tmp $@

# Once built, each image must fit its partition's memory below the stack and its guard page.
IMAGES_FIT := $(OUT)/images-fit
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

$(OBJ)/runtime/%.o: %.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(PARTITION_CFLAGS) -Iinclude -c $< -o $@

$(OBJ)/runtime/%.o: %.asm
	@mkdir -p $(dir $@)
	$(call say,NASM,$<)
	$(Q)$(NASM) -f elf32 -g -F dwarf $< -o $@

$(RUNTIME_LIB): $(RUNTIME_OBJS)
	@mkdir -p $(dir $@)
	$(call say,AR,$@)
	$(Q)rm -f $@
	$(Q)$(CROSS)ar rcs $@ $^

$(OBJ)/partitions/%.o: partitions/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(PARTITION_CFLAGS) -c $< -o $@

$(OBJ)/tests/partitions/%.o: tests/partitions/%.c
	@mkdir -p $(dir $@)
	$(call say,CC,$<)
	$(Q)$(CC) $(PARTITION_CFLAGS) -c $< -o $@

partition_objs = $(patsubst %.c,$(OBJ)/%.o,$(wildcard partitions/$(1)/*.c tests/partitions/$(1)/*.c))

.SECONDEXPANSION:
$(BUILD)/partitions/%.elf: $$(call partition_objs,$$*) $(RUNTIME_CRT0) $(RUNTIME_LIB) runtime/partition.ld
	@mkdir -p $(dir $@)
	$(call say,LD,$@)
	$(Q)$(CC) -m32 -nostdlib -static -no-pie -T runtime/partition.ld -Wl,--build-id=none -o $@ \
		$(RUNTIME_CRT0) $(call partition_objs,$*) $(RUNTIME_LIB) -lgcc

# --- boot image -----------------------------------------------------------------------------

IMAGES = $(shell $(CONFIGTOOL) images)

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
	$(Q)for image in $(IMAGES); do cp $(BUILD)/partitions/$$image.elf $(OUT)/iso/boot/ || exit 1; done
	$(Q)grub-mkrescue -o $@ $(OUT)/iso 2> $(OUT)/grub-mkrescue.log || { cat $(OUT)/grub-mkrescue.log; exit 1; }

FORCE:

# Objects reached only through pattern rules are not scratch files: keep them for incremental builds.
.SECONDARY:

# --- run and debug --------------------------------------------------------------------------

# QEMU's -initrd list, for the recipe's shell to compute: run-kernel and debug build configtool
# in the same recipe, after make has expanded it (a $(shell) here ran before, on a fresh tree found
# no configtool, and booted no partition).
INITRD = $$($(CONFIGTOOL) initrd $(BUILD)/partitions)

run: deps
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@echo "bulkhead: booting $(ISO) (quit with Ctrl-A X)"
	@tools/run-qemu.sh $(QEMU_BASE) $(RUN_CLOCK) -nographic -serial mon:stdio -boot d \
		$(ISO_DISPLAY) -cdrom $(ISO) $(QEMU_FLAGS)

run-kernel: deps
	@$(MAKE) --no-print-directory -j$(JOBS) images
	@echo "bulkhead: booting $(KERNEL_ELF) with -kernel (quit with Ctrl-A X)"
	@tools/run-qemu.sh $(QEMU_BASE) $(RUN_CLOCK) -nographic -serial mon:stdio \
		-kernel $(KERNEL_ELF) -append "$(CMDLINE)" -initrd "$(INITRD)" $(QEMU_FLAGS)

debug: deps
	@$(MAKE) --no-print-directory -j$(JOBS) images
	@echo "bulkhead: QEMU is paused with its gdbstub on 127.0.0.1:$(GDB_PORT)"
	@echo "bulkhead: attach from another terminal with:  make gdb CONFIG=$(CONFIG) GDB_PORT=$(GDB_PORT)"
	@tools/run-qemu.sh $(QEMU_BASE) -nographic -serial mon:stdio -kernel $(KERNEL_ELF) \
		-append "$(CMDLINE)" -initrd "$(INITRD)" -S -gdb tcp:127.0.0.1:$(GDB_PORT) \
		$(QEMU_FLAGS)

gdb: $(KERNEL_ELF)
	@$(PYTHON) tools/gdb/attach.py $(KERNEL_ELF) $(GDB_PORT)

# --- tests ----------------------------------------------------------------------------------

test: deps
	@$(PYTHON) tests/run.py

clean:
	rm -rf $(BUILD)

# Each subsystem's extra targets (unit tests, benchmarks, fuzzing, trace) live in mk/.
include $(wildcard mk/*.mk)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
