# Reliability tools (docs/reliability.md).
#   make CONFIG=hc_fuzz HC_FUZZ_SEED=0x1234 run-kernel      the hypercall fuzzer with another seed
#   make CONFIG=insn_fuzz INSN_FUZZ_SEED=0x1234 run-kernel  the instruction fuzzer likewise
# A fuzzer's seed is a compile-time constant (a partition sees no command line); setting it
# rebuilds that fuzzer, and so does going back to the default (the value is kept in a stamp file).

define fuzz_seed
$(OBJ)/tests/partitions/$(1)/main.o: PARTITION_CFLAGS += $$(if $$($(2)),-D$(2)=$$($(2)))
$(OBJ)/tests/partitions/$(1)/main.o: $(OBJ)/$(1).seed
$(OBJ)/$(1).seed: FORCE
	@mkdir -p $$(dir $$@)
	@echo '$$($(2))' | cmp -s - $$@ || echo '$$($(2))' > $$@
endef
$(eval $(call fuzz_seed,hc_fuzz,HC_FUZZ_SEED))
$(eval $(call fuzz_seed,insn_fuzz,INSN_FUZZ_SEED))
