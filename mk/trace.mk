# The schedule trace (docs/trace.md):
#   make trace [CONFIG=name] [FRAMES=n] [TRACE_ARGS="--frame 2 --window 1"] [TRACE_OPTIONS=...]
# boots the config under QEMU with -icount, the console on stdout into build/trace.log and the
# trace stream on COM2 into build/trace.bin, then decodes it: a summary per window on stdout and
# the timeline in build/trace.svg. TRACE_ARGS go to tools/trace.py (--frame, --window, --from-us,
# --to-us). TRACE_OPTIONS are kernel options: by default every event class, of the partitions the
# deployment selects (all if it selects none); TRACE_OPTIONS= traces as the deployment says.

FRAMES ?= 5
TRACE_ARGS ?=
TRACE_OPTIONS ?= trace_classes=all
TRACE_BIN := $(BUILD)/trace.bin
TRACE_LOG := $(BUILD)/trace.log
TRACE_SVG := $(BUILD)/trace.svg

.PHONY: trace
trace: deps $(KERNEL_ELF) $(PARTITION_ELFS)
	@rm -f $(TRACE_BIN) $(TRACE_SVG)
	@echo "bulkhead: tracing $(CONFIG) for $(FRAMES) frames; console in $(TRACE_LOG)"
	@tools/run-qemu.sh $(QEMU_BASE) -display none -monitor none -icount shift=0,sleep=off \
		-serial stdio -serial file:$(TRACE_BIN) -kernel $(KERNEL_ELF) -initrd "$(INITRD)" \
		-append "frames=$(FRAMES) $(TRACE_OPTIONS)" $(QEMU_FLAGS) > $(TRACE_LOG)
	@grep "^bulkhead: trace:" $(TRACE_LOG) || { tail -5 $(TRACE_LOG); \
		echo "bulkhead: the kernel traced nothing (trace_classes/trace_partitions?)"; exit 1; }
	$(PYTHON) tools/trace.py $(TRACE_BIN) -o $(TRACE_SVG) $(TRACE_ARGS)
