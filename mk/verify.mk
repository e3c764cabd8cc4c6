# make verify: a deployment judged as the project judges its own (tools/verify.py, tools/judge.py)
#   make verify [CONFIG=name] [FRAMES=n] [EXPECT_HM="p q"] [TOLERANCE_NS=n] [VERIFY_OPTIONS=...]
# boots the config under -icount with the schedule trace on COM2 and prints a pass/fail row per
# partition: every window started within TOLERANCE_NS (10 us) of the plan, no drift, every window
# of the run entered, no health-monitor event unless the partition is named in EXPECT_HM, no
# message on a queuing channel left unreceived; and for the run: a clean shutdown (exit 33), a
# complete trace. Ends with 'verify: N passed, N failed' and fails when anything failed.
# FRAMES defaults to the deployment's run_frames (trace.mk's default of 5 is not taken here).
# Console in verify.log, trace in verify-trace.bin, in the config's build folder.

EXPECT_HM ?=
TOLERANCE_NS ?=
VERIFY_OPTIONS ?=
VERIFY_TIMEOUT ?= 120
VERIFY_FRAMES := $(if $(filter command line environment,$(origin FRAMES)),$(FRAMES))

.PHONY: verify
verify: deps
	@$(MAKE) --no-print-directory -j$(JOBS) images
	@$(PYTHON) tools/verify.py $(CONFIG) --built $(if $(VERIFY_FRAMES),--frames $(VERIFY_FRAMES)) \
		--expect-hm "$(EXPECT_HM)" $(if $(TOLERANCE_NS),--tolerance-ns $(TOLERANCE_NS)) \
		--timeout $(VERIFY_TIMEOUT) --options "$(VERIFY_OPTIONS)"
