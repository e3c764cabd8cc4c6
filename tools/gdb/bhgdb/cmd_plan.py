"""bh-plan: the cyclic schedule, where the kernel is in it, and who runs; with several CPUs,
each CPU's windows and where each is; with several schedules, every one and which runs."""
import gdb

from . import clock, kernel, objects, table
from .command import Subcommand


class Plan(Subcommand):
    """The major frame and its windows, the current window and the current vcpu; with several
CPUs, each CPU's windows, where each CPU is and what it runs; with several schedules
(docs/schedules.md), the one in force first, then which runs, which comes at the next frame, and
every schedule with its windows.

Usage: bh-plan

Times are shown in clock ticks and in ns/us, converted with the HPET period the kernel read at
boot, as the kernel converts them. The window marked * holds the kernel's last
scheduling decision (on each CPU, with several: windows are numbered as the deployment and the
kernel's boot lines number them);
"now" is the clock at that decision (struct cpu's decided_at), not the
live HPET counter: between decisions the CPU runs on, so the true time may be later (up to the
next timer event). The dispatcher keeps these times as the clock's low 32 bits; they are shown
whole, extended from the current frame's start as the kernel does. The same whichever CPU gdb
has selected."""
    name = "plan"

    def run(self, arg):
        cpus = objects.plan_cpus()
        several = len(cpus) > 1
        plans = {k: objects.plan(k) for k in cpus}
        plan = plans[0][0]
        major = plan.u("major")
        epoch = plan.u("epoch")
        gdb.write(f"major frame: {major} ticks = {clock.ns_and_us(major)}; "
                  f"{clock.describe_period()}\n")
        gdb.write(f"epoch (frame 0 start): {epoch} ticks = {clock.ticks_to_ns(epoch)} ns\n")
        problems = []
        rows = []
        for k in cpus:
            plan, windows = plans[k]
            slot = objects.slot(k)
            current_window = kernel.attempt(lambda: self._window_of(plan, slot), problems,
                                            f"the slot (cpus[{k}].slot)")
            for i, w in enumerate(windows):
                rows.append(["*" if i == current_window else ""] + ([k] if several else []) +
                            self._window_row(w, problems))
        gdb.write(table.render([""] + (["cpu"] if several else []) +
                               ["window", "partition", "offset ns", "offset us", "duration ns",
                                "duration us"], rows))
        for k in cpus:
            plan, windows = plans[k]
            prefix = f"cpu {k} " if several else ""
            kernel.attempt(lambda: self._now(plan, objects.slot(k), windows, k, prefix),
                           problems, f"the current slot{' of cpu ' + str(k) if several else ''}",
                           default=None)
            kernel.attempt(lambda: self._current(k, prefix), problems, "current", default=None)
        kernel.attempt(lambda: self._schedules(cpus), problems, "the schedules", default=None)
        kernel.report_problems(problems)

    @staticmethod
    def _window_row(w, problems):
        i = w.u("config_index")
        owner = w.u("partition")
        name = kernel.attempt(lambda: objects.partition_label(objects.partitions()[owner]),
                              problems, f"the partition of window {i}", default=str(owner))
        offset, duration = w.u("offset"), w.u("duration")
        return [i, name, clock.ticks_to_ns(offset), f"{clock.ticks_to_ns(offset) / 1000:.3f}",
                clock.ticks_to_ns(duration), f"{clock.ticks_to_ns(duration) / 1000:.3f}"]

    @staticmethod
    def _schedules(cpus):
        several = len(cpus) > 1
        every = {k: objects.schedules(k) for k in cpus}
        if len(every[0]) < 2:
            return
        name = {i: n for i, n, _, _ in every[0]}
        for k in cpus:
            cpu = objects.cpu(k)
            plan = objects.plan(k)[0]
            now, following = (objects.schedule_id(cpu.u(f)) for f in ("plan", "next_plan"))
            gdb.write(f"{'cpu %d: ' % k if several else ''}schedule in force: {now} "
                      f"'{name[now]}' since frame {plan.u('first_frame')} "
                      f"(epoch {plan.u('epoch')} ticks = {clock.ticks_to_ns(plan.u('epoch'))} ns); "
                      f"next frame: {following} '{name[following]}'"
                      f"{'' if following == now else ' (switch pending)'}\n")
        in_force = objects.schedule_id(objects.cpu(0).u("plan"))
        for i, n, p, _ in every[0]:
            major = p.u("major")
            gdb.write(f"schedule {i} '{n}'{' (in force)' if i == in_force else ''}: major frame "
                      f"{major} ticks = {clock.ns_and_us(major)}\n")
            rows = []
            for k in cpus:
                for w in every[k][i][3]:
                    owner = w.u("partition")
                    label = objects.partition_label(objects.partitions()[owner])
                    rows.append(([k] if several else []) +
                                [w.u("config_index"), label, clock.ticks_to_ns(w.u("offset")),
                                 clock.ticks_to_ns(w.u("duration"))])
            gdb.write(table.render((["cpu"] if several else []) +
                                   ["window", "partition", "offset ns", "duration ns"], rows))

    @staticmethod
    def _window_of(plan, slot):
        stretch = objects.slot_stretch(plan, slot)
        return -1 if stretch is None else stretch.s("window")

    @classmethod
    def _now(cls, plan, slot, windows, k, prefix):
        count = len(windows)
        window = cls._window_of(plan, slot)
        stretch = objects.slot_stretch(plan, slot)
        end = objects.full_ticks(slot.u("end"), k)
        now = objects.last_decision(k)
        if stretch is None:
            # the lead-in: an idle gap from dispatch_start to the epoch, the slot kept no start
            first = (f"plan window {objects.window_number(windows, 0)}" if windows
                     else "frame 0")
            gdb.write(f"{prefix}now: before frame 0, in the idle lead-in to {first}, until "
                      f"{end} ticks\n")
            gdb.write(f"{prefix}clock at the last scheduling decision (decided_at): {now} ticks = "
                      f"{clock.ticks_to_ns(now)} ns, {clock.ns_and_us(end - now)} left\n")
            return
        start = slot.u("frame_start") + stretch.u("start")
        if 0 <= window < count:
            what = f"plan window {objects.window_number(windows, window)}"
        else:
            following = stretch.u("next")
            what = (f"the idle gap before plan window {objects.window_number(windows, following)}"
                    if following < count else "the idle gap at the end of the frame")
        gdb.write(f"{prefix}now: frame {slot.u('frame')}, {what}, slot [{start}, {end}) ticks\n")
        gdb.write(f"{prefix}clock at the last scheduling decision (decided_at): {now} ticks = "
                  f"{clock.ticks_to_ns(now)} ns, {clock.ns_and_us(now - start)} into the slot, "
                  f"{clock.ns_and_us(end - now)} left\n")

    @staticmethod
    def _current(k, prefix):
        v = objects.current_vcpu(objects.cpu(k))
        if v is None:
            gdb.write(f"{prefix}current vcpu: none (the CPU idles)\n")
        else:
            gdb.write(f"{prefix}current vcpu: {objects.vcpu_label(v)}, "
                      f"{v.enum('state', 'vcpu_state')}\n")
