"""Clock ticks to time, the way the kernel converts them (its clock driver).

The tick period and the counter's address come from the kernel's description (clock_period_fs,
read from the timer at boot, and clock_counter); nothing assumes QEMU's 10 ns.
"""
from . import description, kernel, objects

FS_PER_NS = 1000000


def _period():
    period_fs = description.variable("clock_period_fs")
    ns_per_tick = description.variable("clock_ns_per_tick")
    if period_fs == 0:
        raise kernel.Unavailable("the clock is not set up yet (the kernel has not read its "
                                 "period: hpet_init)")
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


def now_ticks():
    """(the clock now, in ticks, "now") read from the clock's counter (mapped 1:1; reading it
    has no side effect), or, where gdb cannot read it, (the clock at the last scheduling
    decision, "at the last scheduling decision")."""
    counter = description.get().number("clock_counter")
    try:
        low = kernel.read_u32(counter)
        high = kernel.read_u32(counter + 4)
        if low or high:
            return high << 32 | low, "now"
    except kernel.READ_ERRORS:
        pass
    return objects.last_decision(), "at the last scheduling decision"
