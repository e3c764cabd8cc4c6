"""Bulkhead's GDB helpers: register the bulkhead/bh-* commands and the $bh_* functions."""
from . import cmd_hmlog, cmd_partitions, cmd_plan, cmd_symbols, cmd_vcpu, cmd_vcpus, command
from . import functions


def register():
    command.Bulkhead()
    for cls in (cmd_partitions.Partitions, cmd_vcpus.Vcpus, cmd_vcpu.Vcpu, cmd_plan.Plan,
                cmd_hmlog.HmLog, cmd_symbols.Symbols):
        cls()
    functions.VcpuFunction()
    functions.CurrentVcpuFunction()
    functions.PartitionFunction()
