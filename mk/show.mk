# make show [CONFIG=name]: the deployment as the kernel will run it, after the build's checks:
# the memory map, the schedule and each partition's share of the CPU, the port graph, the
# health-monitor table and the checks that passed (tools/configtool.c, show).
.PHONY: show
show: $(CONFIGTOOL) $(PARTITION_ELFS)
	@$(CONFIGTOOL) show $(BUILD)/partitions $(PARTITION_DIRS)
