# The schedule trace (docs/trace.md):
#   make trace [CONFIG=name] [FRAMES=n] [FORMAT=svg|perfetto] [TRACE_ARGS="--frame 2 --window 1"]
#              [TRACE_OPTIONS=...]
# boots the config under QEMU with -icount, the console on stdout into trace.log and the trace
# stream on COM2 into trace.bin, then decodes it: a summary per window on stdout, and the
# timeline in trace.svg (FORMAT=svg; over 200 frames, per-window lateness across frames) or the
# Trace Event Format in trace.json (FORMAT=perfetto: ui.perfetto.dev, chrome://tracing). All in
# the config's build folder, as its kernel: build/ for the demo, build/config/<name>/ otherwise.
# TRACE_ARGS go to tools/trace.py (--frame, --window, --from-us, --to-us, --timeline).
# TRACE_OPTIONS are kernel options: by default every event class, of the partitions the
# deployment selects (all if it selects none); TRACE_OPTIONS= traces as the deployment says.

FRAMES ?= 5
FORMAT ?= svg
TRACE_ARGS ?=
TRACE_OPTIONS ?= trace_classes=all
TRACE_BIN := $(OUT)/trace.bin
TRACE_LOG := $(OUT)/trace.log
TRACE_OUT := $(OUT)/trace.$(if $(filter perfetto,$(FORMAT)),json,svg)

.PHONY: trace
trace: deps $(KERNEL_ELF) $(PARTITION_ELFS)
	@case "$(FORMAT)" in svg|perfetto) ;; *) \
		echo "bulkhead: FORMAT=$(FORMAT): the trace is written as svg or perfetto"; exit 1;; esac
	@rm -f $(TRACE_BIN) $(TRACE_OUT)
	@echo "bulkhead: tracing $(CONFIG) for $(FRAMES) frame$(if $(filter 1,$(FRAMES)),,s); console in $(TRACE_LOG)"
	@tools/run-qemu.sh $(QEMU_BASE) $(QEMU_SMP) -display none -monitor none -icount shift=0,sleep=off \
		-serial stdio -serial file:$(TRACE_BIN) -kernel $(KERNEL_ELF) -initrd "$(INITRD)" \
		-append "$$($(abspath $(CONFIGTOOL)) cmdline frames=$(FRAMES) $(TRACE_OPTIONS))" \
		$(QEMU_FLAGS) > $(TRACE_LOG)
	@grep "^bulkhead: trace:" $(TRACE_LOG) || { tail -5 $(TRACE_LOG); \
		echo "bulkhead: the kernel traced nothing (trace_classes/trace_partitions?)"; exit 1; }
	$(PYTHON) tools/trace.py $(TRACE_BIN) --format $(FORMAT) -o $(TRACE_OUT) $(TRACE_ARGS)

# Chrome DevTools' trace engine (npm, pinned in tests/trace-engine/package-lock.json) with the
# script that reads an export with it; the tests check the Perfetto export with it too.
TRACE_ENGINE := $(BUILD)/trace-engine
.PHONY: trace-engine
trace-engine: $(TRACE_ENGINE)/read.mjs
$(TRACE_ENGINE)/read.mjs: tests/trace-engine/read.mjs tests/trace-engine/package.json \
		tests/trace-engine/package-lock.json
	@mkdir -p $(TRACE_ENGINE)
	@cp tests/trace-engine/package.json tests/trace-engine/package-lock.json $(TRACE_ENGINE)/
	@cd $(TRACE_ENGINE) && npm ci --no-audit --no-fund --loglevel=error > npm.log 2>&1 || \
		{ cat npm.log; echo "bulkhead: npm could not install the trace engine"; exit 1; }
	@cp tests/trace-engine/read.mjs $@
