"""The kernel's tables of its own objects: partitions[], the vcpu pool, `current` and the plan.

Each accessor checks the counts against the arrays' sizes from the debug info, so a stop before
the kernel filled them (or on corrupted memory) gets a sentence instead of garbage rows.
"""
from . import kernel


def _counted(array, count, count_name, array_name):
    n = int(count)
    capacity = kernel.array_length(array)
    if n > capacity:
        raise kernel.Unavailable(
            f"{count_name} is {n} but {array_name}[] holds {capacity}: the kernel's data is not "
            "initialised (stopped before boot cleared it?) or is corrupted")
    return [array[i] for i in range(n)]


def partitions():
    """struct partition values, in id order; Unavailable before partition_init."""
    table = _counted(kernel.global_var("partitions"), kernel.global_var("partition_count"),
                     "partition_count", "partitions")
    if not table:
        raise kernel.Unavailable("no partitions yet (the kernel has not run partition_init)")
    return table


def vcpus():
    """The allocated vcpus of the pool (struct vcpu values), by global id."""
    pool = kernel.static_var("vcpu_pool", "core/vcpu.c")
    table = _counted(pool, kernel.static_var("pool_used", "core/vcpu.c"), "pool_used",
                     "vcpu_pool")
    if not table:
        raise kernel.Unavailable("no vcpus allocated yet (pool_used is 0: the kernel has not run "
                                 "partition_init)")
    return table


def vcpu(vcpu_id):
    table = vcpus()
    if not 0 <= vcpu_id < len(table):
        raise kernel.Unavailable(f"no vcpu {vcpu_id}: the pool has {len(table)} allocated "
                                 f"(ids 0..{len(table) - 1})")
    return table[vcpu_id]


def current():
    """The `current` pointer (struct vcpu *): NULL while the CPU idles or before dispatch."""
    return kernel.global_var("current")


def is_current(v):
    return kernel.address_of(v) == int(current())


def partition(selector):
    """The partition with this id (an int or a string of digits) or name."""
    table = partitions()
    text = str(selector).strip()
    if text.isdigit():
        index = int(text)
        if index < len(table):
            return table[index]
        raise kernel.Unavailable(f"no partition {index}: there are {len(table)} "
                                 f"(ids 0..{len(table) - 1})")
    known = []
    for p in table:
        try:
            name = kernel.c_string(p["name"])
        except kernel.READ_ERRORS:
            continue   # a damaged entry must not hide the others
        if name == text:
            return p
        known.append(name)
    raise kernel.Unavailable(f"no partition called '{text}' (there are: {', '.join(known)})")


def partition_label(p):
    """"1 'control'"."""
    return f"{int(p['id'])} '{kernel.c_string(p['name'])}'"


def vcpu_label(v):
    """"vcpu 2 (control vcpu 1)"."""
    return (f"vcpu {int(v['id'])} ({kernel.c_string(v['partition']['name'])} vcpu "
            f"{int(v['index'])})")


def plan():
    """dispatch_plan and its windows (struct sched_window values); Unavailable before
    dispatch_start."""
    p = kernel.global_var("dispatch_plan")
    windows = _counted(p["windows"], p["count"], "dispatch_plan.count", "dispatch_plan.windows")
    if not windows:
        raise kernel.Unavailable("no schedule yet (the kernel has not run dispatch_start)")
    return p, windows


def slot():
    return kernel.global_var("dispatch_slot")


def slot_stretch(plan, s):
    """The struct sched_stretch the slot is, or None for the gap before frame 0 (whose window
    is none and which leads to window 0), as sched_slot_window says of the window."""
    k = int(s["stretch"])
    if k >= int(plan["stretch_count"]):
        return None
    return plan["stretches"][k]


def full_ticks(low):
    """A dispatcher time (the clock's low 32 bits, core/tick32.h) as the whole clock: the one
    nearest the current frame's start, as the kernel extends it (tick32_extend)."""
    near = int(slot()["frame_start"])
    delta = (int(low) - near) & 0xffffffff
    return near + (delta - (1 << 32) if delta >= 1 << 31 else delta)


# TICK32_HORIZON (include/core/tick32.h): the step of a struct tick32_deadline
TICK32_HORIZON = 1 << 30


def deadline_ticks(d):
    """A struct tick32_deadline as the whole clock, or None when it is not armed."""
    if not int(d["armed"]):
        return None
    return full_ticks(d["at"]) + int(d["steps"]) * TICK32_HORIZON


def last_decision():
    """The clock, in ticks, at the last scheduling decision (last_now)."""
    return full_ticks(kernel.static_var("last_now", "core/dispatch.c"))
