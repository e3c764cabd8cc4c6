"""Clock ticks to time, the way the kernel converts them (arch/x86/hpet.c).

The tick period is the HPET's, read by hpet_init into `period_fs`; nothing assumes QEMU's 10 ns.
"""
from . import kernel, objects

FS_PER_NS = 1000000


def _period():
    period_fs = int(kernel.static_var("period_fs", "platform/pc/hpet.c"))
    ns_per_tick = int(kernel.static_var("ns_per_tick", "platform/pc/hpet.c"))
    if period_fs == 0:
        raise kernel.Unavailable("the clock is not set up yet (the kernel has not run hpet_init)")
    return period_fs, ns_per_tick


def ticks_to_ns(ticks):
    period_fs, ns_per_tick = _period()
    if ns_per_tick:
        return ticks * ns_per_tick
    return ticks * period_fs // FS_PER_NS


def describe_period():
    period_fs, _ = _period()
    return f"HPET period {period_fs} fs = {period_fs / FS_PER_NS:g} ns per tick"


def ns_and_us(ticks):
    """"2000000 ns (2000.000 us)" for a span of ticks."""
    ns = ticks_to_ns(ticks)
    return f"{ns} ns ({ns / 1000:.3f} us)"


# The HPET's main counter (include/arch/x86/hpet.h HPET_BASE + HPET_COUNTER): the PC's HPET at
# 0xfed00000, which the kernel maps 1:1; reading it has no side effect.
HPET_COUNTER = 0xfed00000 + 0x0f0


def now_ticks():
    """(the clock now, in ticks, "live") read from the HPET counter, or, where gdb cannot read
    it, (the clock at the last scheduling decision, "at the last scheduling decision")."""
    try:
        low = kernel.read_u32(HPET_COUNTER)
        high = kernel.read_u32(HPET_COUNTER + 4)
        if low or high:
            return high << 32 | low, "now"
    except kernel.READ_ERRORS:
        pass
    return objects.last_decision(), "at the last scheduling decision"
