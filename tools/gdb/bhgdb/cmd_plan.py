"""bh-plan: the cyclic schedule, where the kernel is in it, and who runs; with several schedules,
every one and which runs."""
import gdb

from . import clock, description, kernel, objects, table
from .command import Subcommand


class Plan(Subcommand):
    """The major frame and its windows, the current window and the current vcpu; with several
schedules (docs/schedules.md), the one in force first, then which runs, which comes at the next
frame, and every schedule with its windows.

Usage: bh-plan

Times are shown in clock ticks and in ns/us, converted with the HPET period the kernel read at
boot, as the kernel converts them. The window marked * holds the kernel's last
scheduling decision; "now" is the clock at that decision (struct cpu's decided_at), not the
live HPET counter: between decisions the CPU runs on, so the true time may be later (up to the
next timer event). The dispatcher keeps these times as the clock's low 32 bits; they are shown
whole, extended from the current frame's start as the kernel does."""
    name = "plan"

    def run(self, arg):
        plan, windows = objects.plan()
        major = plan.u("major")
        epoch = plan.u("epoch")
        gdb.write(f"major frame: {major} ticks = {clock.ns_and_us(major)}; "
                  f"{clock.describe_period()}\n")
        gdb.write(f"epoch (frame 0 start): {epoch} ticks = {clock.ticks_to_ns(epoch)} ns\n")
        problems = []
        slot = objects.slot()
        current_window = kernel.attempt(lambda: self._window_of(plan, slot), problems,
                                        "the slot (cpus[0].slot)")
        rows = []
        for i, w in enumerate(windows):
            owner = w.u("partition")
            name = kernel.attempt(lambda: objects.partition_label(objects.partitions()[owner]),
                                  problems, f"the partition of window {i}", default=str(owner))
            offset, duration = w.u("offset"), w.u("duration")
            rows.append(["*" if i == current_window else "", i, name,
                         clock.ticks_to_ns(offset), f"{clock.ticks_to_ns(offset) / 1000:.3f}",
                         clock.ticks_to_ns(duration), f"{clock.ticks_to_ns(duration) / 1000:.3f}"])
        gdb.write(table.render(["", "window", "partition", "offset ns", "offset us",
                                "duration ns", "duration us"], rows))
        kernel.attempt(lambda: self._now(plan, slot, len(windows)), problems, "the current slot",
                       default=None)
        kernel.attempt(self._current, problems, "current", default=None)
        kernel.attempt(lambda: self._schedules(plan), problems, "the schedules", default=None)
        kernel.report_problems(problems)

    @staticmethod
    def _schedules(plan):
        every = objects.schedules()
        if len(every) < 2:
            return
        cpu = description.table("cpus", "cpu")[0]
        now, following = (objects.schedule_id(cpu.u(f)) for f in ("plan", "next_plan"))
        name = {i: n for i, n, _, _ in every}
        gdb.write(f"schedule in force: {now} '{name[now]}' since frame {plan.u('first_frame')} "
                  f"(epoch {plan.u('epoch')} ticks = {clock.ticks_to_ns(plan.u('epoch'))} ns); "
                  f"next frame: {following} '{name[following]}'"
                  f"{'' if following == now else ' (switch pending)'}\n")
        for i, n, p, windows in every:
            major = p.u("major")
            gdb.write(f"schedule {i} '{n}'{' (in force)' if i == now else ''}: major frame "
                      f"{major} ticks = {clock.ns_and_us(major)}\n")
            rows = []
            for k, w in enumerate(windows):
                owner = w.u("partition")
                label = objects.partition_label(objects.partitions()[owner])
                rows.append([k, label, clock.ticks_to_ns(w.u("offset")),
                             clock.ticks_to_ns(w.u("duration"))])
            gdb.write(table.render(["window", "partition", "offset ns", "duration ns"], rows))

    @staticmethod
    def _window_of(plan, slot):
        stretch = objects.slot_stretch(plan, slot)
        return -1 if stretch is None else stretch.s("window")

    @classmethod
    def _now(cls, plan, slot, count):
        window = cls._window_of(plan, slot)
        stretch = objects.slot_stretch(plan, slot)
        end = objects.full_ticks(slot.u("end"))
        now = objects.last_decision()
        if stretch is None:
            # the lead-in: an idle gap from dispatch_start to the epoch, the slot kept no start
            gdb.write(f"now: before frame 0, in the idle lead-in to plan window 0, until {end} ticks\n")
            gdb.write(f"clock at the last scheduling decision (decided_at): {now} ticks = "
                      f"{clock.ticks_to_ns(now)} ns, {clock.ns_and_us(end - now)} left\n")
            return
        start = slot.u("frame_start") + stretch.u("start")
        if 0 <= window < count:
            what = f"plan window {window}"
        else:
            following = stretch.u("next")
            what = (f"the idle gap before plan window {following}" if following < count
                    else "the idle gap at the end of the frame")
        gdb.write(f"now: frame {slot.u('frame')}, {what}, slot [{start}, {end}) ticks\n")
        gdb.write(f"clock at the last scheduling decision (decided_at): {now} ticks = "
                  f"{clock.ticks_to_ns(now)} ns, {clock.ns_and_us(now - start)} into the slot, "
                  f"{clock.ns_and_us(end - now)} left\n")

    @staticmethod
    def _current():
        v = objects.current_vcpu()
        if v is None:
            gdb.write("current vcpu: none (the CPU idles)\n")
        else:
            gdb.write(f"current vcpu: {objects.vcpu_label(v)}, {v.enum('state', 'vcpu_state')}\n")
