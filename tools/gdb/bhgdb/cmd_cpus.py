"""bh-cpus: one row per CPU that runs a plan: what it runs, where it is in its plan, its timer."""
import gdb

from . import kernel, objects, selected_cpu, table
from .command import Subcommand


class Cpus(Subcommand):
    """One row per CPU that runs a plan (cpus[0 .. dispatch_cpu_count - 1]).

Usage: bh-cpus

cpu        the kernel's index of the CPU (the deployment's CPU numbers); * marks the one gdb
           has selected, whose registers gdb shows and whose `current` the other helpers use
thread     gdb's thread of that CPU (QEMU's gdbstub shows CPU n as thread n + 1): `thread N`
           selects it
online     whether its dispatcher runs (the boot CPU starts the others' at dispatch_start)
current    the vcpu it runs (or the kernel runs on behalf of), or idle
slot       where it is in its plan: one of its windows (numbered as the deployment and the
           kernel's boot lines number them, and bh-plan) and the window's partition, or a gap;
           slot end: when the slot ends
plan       the schedule in force on it, "-> N" when another starts at the next frame
timer      what its one-shot timer was last set for (struct cpu's timer_at): "set" until it
           fires, "fired" once its interrupt came (the CPU sets the next at its next decision)
kicks      the kicks it took: other CPUs asking it for work (core/cpu_mail.c)
Times are clock ticks, extended to the whole clock from the CPU's frame as the kernel does."""
    name = "cpus"

    def run(self, arg):
        n = objects.cpu_count()
        if not n:
            raise kernel.Unavailable("no CPU runs a plan yet (the kernel has not run "
                                     "dispatch_start)")
        selected = selected_cpu.index()
        problems, rows = [], []
        for k in range(n):
            rows.append(self._row(k, selected, problems))
        gdb.write(table.render(["", "cpu", "thread", "online", "current", "slot", "slot end",
                                "plan", "timer", "kicks"], rows))
        if selected < n:
            gdb.write(f"* the CPU gdb has selected (thread {selected_cpu.thread_of(selected)})\n")
        else:
            gdb.write(f"gdb has selected cpu {selected} (thread "
                      f"{selected_cpu.thread_of(selected)}), which runs no plan\n")
        kernel.report_problems(problems)

    @classmethod
    def _row(cls, k, selected, problems):
        c = objects.cpu(k)

        def get(what, read):
            return kernel.attempt(read, problems, f"cpu {k} {what}")

        return ["*" if k == selected else "", k, selected_cpu.thread_of(k),
                get("online", lambda: "yes" if c.u("online") else "no"),
                get("current", lambda: cls._current(c)),
                get("slot", lambda: cls._slot(k, c)),
                get("slot end", lambda: objects.full_ticks(c.part("slot", "sched_slot").u("end"),
                                                           k)),
                get("plan", lambda: cls._plan(k, c)),
                get("timer", lambda: f"{objects.full_ticks(c.u('timer_at'), k)} "
                                     f"({'set' if c.u('timer_set') else 'fired'})"),
                get("kicks", lambda: c.u("kicks"))]

    @staticmethod
    def _current(c):
        v = objects.current_vcpu(c)
        if v is None:
            return "idle"
        return f"{objects.vcpu_label(v)}, {v.enum('state', 'vcpu_state')}"

    @staticmethod
    def _slot(k, c):
        plan, windows = objects.plan(k)
        stretch = objects.slot_stretch(plan, c.part("slot", "sched_slot"))
        if stretch is None:
            return (f"lead-in to window {objects.window_number(windows, 0)}" if windows
                    else "lead-in to frame 0")
        window = stretch.s("window")
        if 0 <= window < len(windows):
            owner = (objects.partition_label(c.points_to("slot_owner", "partition"))
                     if c.u("slot_owner") else "no partition")
            return f"window {objects.window_number(windows, window)}: {owner}"
        following = stretch.u("next")
        return (f"gap before window {objects.window_number(windows, following)}"
                if following < len(windows) else "gap at the end of the frame")

    @staticmethod
    def _plan(k, c):
        names = {i: n for i, n, _, _ in objects.schedules(k)}
        now, following = (objects.schedule_id(c.u(f)) for f in ("plan", "next_plan"))
        text = f"{now} '{names[now]}'"
        return text if following == now else f"{text} -> {following} '{names[following]}'"
