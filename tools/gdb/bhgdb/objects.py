"""The kernel's tables of its own objects: partitions[], the vcpu pool, the CPUs (each one's
`current`, slot and plan), found through the kernel's description of itself (description.py).
Where a CPU is not named, it is the one gdb has selected (selected_cpu.py).

Each accessor checks the counts against the arrays' sizes the description gives, so a stop
before the kernel filled them (or on corrupted memory) gets a sentence instead of garbage rows.
"""
from . import description, kernel, selected_cpu


def _counted(array_name, kind, count_name):
    n = description.variable(count_name)
    table = description.table(array_name, kind)
    if n > len(table):
        raise kernel.Unavailable(
            f"{count_name} is {n} but {array_name}[] holds {len(table)}: the kernel's data is not "
            "initialised (stopped before boot cleared it?) or is corrupted")
    return table[:n]


def partitions():
    """Struct("partition"), in id order; Unavailable before partition_init."""
    table = _counted("partitions", "partition", "partition_count")
    if not table:
        raise kernel.Unavailable("no partitions yet (the kernel has not run partition_init)")
    return table


def devices():
    """The deployment's devices (Struct("device")), in config order: none before device_init."""
    return _counted("devices", "device", "device_count")


def vcpus():
    """The allocated vcpus of the pool (Struct("vcpu")), by global id."""
    table = _counted("vcpu_pool", "vcpu", "pool_used")
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


def cpu(index=None):
    """Struct("cpu") of CPU `index`, the selected CPU's without one."""
    return description.table("cpus", "cpu")[selected_cpu.index() if index is None else index]


def cpu_count():
    """How many CPUs run a plan (dispatch_cpu_count): CPUs 0 .. n - 1; 0 before dispatch_start."""
    n = description.variable("dispatch_cpu_count")
    if n > description.get().length("cpus"):
        raise kernel.Unavailable(f"dispatch_cpu_count is {n} but cpus[] holds "
                                 f"{description.get().length('cpus')}: the kernel's data is not "
                                 "initialised or is corrupted")
    return n


def several_cpus():
    """Whether more than one CPU runs a plan: only then do the helpers name CPUs."""
    return cpu_count() > 1


def plan_cpus():
    """The indices of the CPUs that run a plan; CPU 0 alone before dispatch_start (whose plan
    then says it is not there yet)."""
    return range(max(1, cpu_count()))


def current(c=None):
    """The address of the vcpu a CPU runs (its `current`; the selected CPU's without one): 0
    while it idles or before dispatch."""
    return (c or cpu()).u("current")


def current_vcpu(c=None):
    """Struct("vcpu") of a CPU's `current`, or None."""
    address = current(c)
    return description.Struct("vcpu", address) if address else None


def is_current(v):
    """Whether v is `current` on the selected CPU."""
    return v.address == current()


def current_elsewhere(v):
    """The index of the CPU other than the selected one that v is `current` on, or None."""
    if v.u("cpu") == selected_cpu.index() or v.u("cpu") >= cpu_count():
        return None
    return v.u("cpu") if current(cpu(v.u("cpu"))) == v.address else None


def partition_of(v):
    return v.points_to("partition", "partition")


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
            name = p.string("name")
        except kernel.READ_ERRORS:
            continue   # a damaged entry must not hide the others
        if name == text:
            return p
        known.append(name)
    raise kernel.Unavailable(f"no partition called '{text}' (there are: {', '.join(known)})")


def partition_label(p):
    """"1 'control'"."""
    return f"{p.u('id')} '{p.string('name')}'"


def vcpu_label(v):
    """"vcpu 2 (control vcpu 1)"."""
    return f"vcpu {v.u('id')} ({partition_of(v).string('name')} vcpu {v.u('index')})"


def image_name(p):
    """The image a partition runs (its config's)."""
    return p.points_to("config", "partition_config").string("image")


def _plan_windows(p, what):
    windows = p.items("windows", "sched_window")
    n = p.u("count")
    if n > len(windows):
        raise kernel.Unavailable(f"{what}.count is {n} but {what}.windows[] holds "
                                 f"{len(windows)}: the kernel's data is not initialised (stopped "
                                 "before boot cleared it?) or is corrupted")
    # a prepared plan has a major frame, and may have no windows on its CPU
    if not n and not p.u("major"):
        raise kernel.Unavailable("no schedule yet (the kernel has not run dispatch_start)")
    return windows[:n]


def window_number(windows, i):
    """The number of a CPU's window i: its index in the schedule's windows (the deployment's
    order, as the kernel's boot lines number them), which on one CPU is i."""
    return windows[i].u("config_index")


def plan(index=0):
    """(the plan in force on CPU `index`, cpus[index].plan, its windows as
    Struct("sched_window")); Unavailable before dispatch_start."""
    address = cpu(index).u("plan")
    if not address:
        raise kernel.Unavailable("no schedule yet (the kernel has not run dispatch_start)")
    p = description.Struct("sched_plan", address)
    return p, _plan_windows(p, f"cpus[{index}].plan")


def _schedule_row():
    """How many plans a CPU's row of dispatch_plans[] holds (CONFIG_MAX_SCHEDULES): the table's
    size over its rows (its LENGTH, the CPUs) and a plan's size."""
    d = description.get()
    return d.symbol("dispatch_plans")[1] // d.length("dispatch_plans") // d.size("sched_plan")


def schedules(index=0):
    """[(id, name, Struct("sched_plan"), windows)] of every schedule of the deployment, as CPU
    `index` runs it (its row of dispatch_plans[]; names from deployment.schedules[], "default"
    for the one-schedule form)."""
    n = description.variable("dispatch_plan_count")
    row = _schedule_row()
    if n > row:
        raise kernel.Unavailable(f"dispatch_plan_count is {n} but a CPU's row of "
                                 f"dispatch_plans[] holds {row}: the kernel's data is not "
                                 "initialised (stopped before boot cleared it?) or is corrupted")
    plans = description.table("dispatch_plans", "sched_plan")[index * row:index * row + n]
    if not plans:
        raise kernel.Unavailable("no schedule yet (the kernel has not run dispatch_start)")
    configs = description.single("deployment", "deployment").items("schedules", "schedule_config")
    named = configs[0].u("name") != 0
    return [(i, configs[i].string("name") if named else "default", p,
             _plan_windows(p, f"dispatch_plans[{index}][{i}]")) for i, p in enumerate(plans)]


def schedule_id(address):
    """The id of the plan at `address` (an element of any CPU's row of dispatch_plans[])."""
    first = description.table("dispatch_plans", "sched_plan")[0].address
    return (address - first) // description.get().size("sched_plan") % _schedule_row()


def slot(index=0):
    """The slot CPU `index` is in (struct cpu's)."""
    return cpu(index).part("slot", "sched_slot")


def slot_stretch(plan, s):
    """The Struct("sched_stretch") the slot is, or None for the gap before frame 0 (whose
    window is none and which leads to window 0), as sched_slot_window says of the window."""
    k = s.u("stretch")
    if k >= plan.u("stretch_count"):
        return None
    return plan.items("stretches", "sched_stretch")[k]


def full_ticks(low, index=0):
    """A dispatcher time (the clock's low 32 bits, core/tick32.h) as the whole clock: the one
    nearest CPU `index`'s current frame's start, as the kernel extends it (tick32_extend). Every
    CPU's frames start together, so any CPU that runs a plan (CPU 0 always does) will do."""
    near = slot(index).u("frame_start")
    delta = (int(low) - near) & 0xffffffff
    return near + (delta - (1 << 32) if delta >= 1 << 31 else delta)


def deadline_ticks(d):
    """A Struct("deadline") as the whole clock, or None when it is not armed."""
    if not d.u("armed"):
        return None
    return full_ticks(d.u("at")) + d.u("steps") * description.get().number("deadline_horizon")


def last_decision(index=0):
    """The clock, in ticks, at CPU `index`'s last scheduling decision (struct cpu's decided_at)."""
    return full_ticks(cpu(index).u("decided_at"), index)
