"""Bulkhead's GDB helpers: register the bulkhead/bh-* commands, the $bh_* functions, and the stop
handler that loads the running partition's symbols."""
from . import (cmd_break, cmd_cpus, cmd_hmlog, cmd_mem, cmd_next, cmd_partitions, cmd_plan,
               cmd_ports, cmd_symbols, cmd_trace, cmd_vcpu, cmd_vcpus, command, follow, functions)


def register():
    command.Bulkhead()
    for cls in (cmd_partitions.Partitions, cmd_vcpus.Vcpus, cmd_vcpu.Vcpu, cmd_cpus.Cpus,
                cmd_plan.Plan, cmd_hmlog.HmLog, cmd_ports.Ports, cmd_trace.Trace, cmd_mem.Mem,
                cmd_symbols.Symbols, cmd_break.Break, cmd_next.Next):
        cls()
    functions.VcpuFunction()
    functions.CurrentVcpuFunction()
    functions.PartitionFunction()
    functions.InPartitionFunction()
    follow.connect()
