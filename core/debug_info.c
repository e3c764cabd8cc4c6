/*
 * The description of the kernel's objects that tools/gdb reads (include/core/debug_info.h): the
 * structs of core and the tables every file can see. Files describe their own statics.
 */
#include <core/debug_info.h>
#include <core/deployment.h>
#include <core/dispatch.h>
#include <core/health.h>
#include <core/partition.h>
#include <core/sched.h>
#include <core/trace.h>
#include <core/vcpu.h>
#include <public/shm.h>

extern const struct debug_entry __debug_entries_start[], __debug_entries_end[];

__attribute__((used)) const struct debug_info debug_info = {
	.magic = DEBUG_INFO_MAGIC,
	.version = DEBUG_INFO_VERSION,
	.entry_size = sizeof(struct debug_entry),
	.entries = __debug_entries_start,
	.entries_end = __debug_entries_end,
};

/* Per-CPU data: cpus[k] is CPU k (its plan in dispatch_plans[k]); the first dispatch_cpu_count
 * run a plan. */
DEBUG_ARRAY(cpus, cpus);
DEBUG_SYMBOL(dispatch_cpu_count, dispatch_cpu_count);
DEBUG_SIZE(cpu, struct cpu);
DEBUG_FIELD(cpu.index, struct cpu, index);
DEBUG_FIELD(cpu.online, struct cpu, online);
DEBUG_FIELD(cpu.current, struct cpu, current);
DEBUG_FIELD(cpu.slot_owner, struct cpu, slot_owner);
DEBUG_FIELD(cpu.slot, struct cpu, slot);
DEBUG_FIELD(cpu.decided_at, struct cpu, decided_at);
DEBUG_FIELD(cpu.timer_at, struct cpu, timer_at);
DEBUG_FIELD(cpu.timer_set, struct cpu, timer_set);
DEBUG_FIELD(cpu.kicks, struct cpu, kicks);

DEBUG_SIZE(vcpu, struct vcpu);
DEBUG_FIELD(vcpu.id, struct vcpu, id);
DEBUG_FIELD(vcpu.index, struct vcpu, index);
DEBUG_FIELD(vcpu.partition, struct vcpu, partition);
DEBUG_FIELD(vcpu.cpu, struct vcpu, cpu);
DEBUG_FIELD(vcpu.state, struct vcpu, state);
DEBUG_FIELD(vcpu.priority, struct vcpu, priority);
DEBUG_FIELD(vcpu.arch, struct vcpu, arch);
DEBUG_FIELD(vcpu.vint_pending, struct vcpu, vint.pending);
DEBUG_FIELD(vcpu.vint_mask, struct vcpu, vint.mask);
DEBUG_FIELD(vcpu.vint_enabled, struct vcpu, vint.enabled);
DEBUG_FIELD(vcpu.upcall_entry, struct vcpu, vint.upcall_entry);
DEBUG_FIELD(vcpu.upcall_stack, struct vcpu, vint.upcall_stack);
DEBUG_FIELD(vcpu.timer_expiry, struct vcpu, timer.expiry);
DEBUG_FIELD(vcpu.timer_period, struct vcpu, timer.period);
DEBUG_FIELD(vcpu.timer_missed, struct vcpu, timer.missed);
DEBUG_FIELD(vcpu.wait_timeout, struct vcpu, wait.timeout);
DEBUG_FIELD(vcpu.wait_channel, struct vcpu, wait.port);    /* channel index + 1, or 0 */
DEBUG_FIELD(vcpu.wait_buffer, struct vcpu, wait.buffer);
DEBUG_FIELD(vcpu.wait_size, struct vcpu, wait.size);
DEBUG_FIELD(vcpu.dispatched, struct vcpu, stats.dispatched);
DEBUG_FIELD(vcpu.consumed, struct vcpu, stats.consumed);
DEBUG_FIELD(vcpu.dispatched_at, struct vcpu, stats.dispatched_at);

DEBUG_SIZE(deadline, struct deadline);
DEBUG_FIELD(deadline.armed, struct deadline, armed);
DEBUG_FIELD(deadline.at, struct deadline, at);
DEBUG_FIELD(deadline.steps, struct deadline, steps);
DEBUG_NUMBER(deadline_horizon, DEADLINE_HORIZON);

DEBUG_ARRAY(partitions, partitions);
DEBUG_SYMBOL(partition_count, partition_count);
DEBUG_SIZE(partition, struct partition);
DEBUG_FIELD(partition.id, struct partition, id);
DEBUG_FIELD(partition.name, struct partition, name);
DEBUG_FIELD(partition.config, struct partition, config);
DEBUG_FIELD(partition.mem_base, struct partition, mem.base);
DEBUG_FIELD(partition.mem_size, struct partition, mem.size);
DEBUG_FIELD(partition.page_directory, struct partition, mem.aspace.page_directory);
DEBUG_FIELD(partition.vcpu_count, struct partition, vcpu_count);
DEBUG_FIELD(partition.mode, struct partition, life.mode);
DEBUG_FIELD(partition.stopped_for_good, struct partition, life.stopped_for_good);
DEBUG_FIELD(partition.reloading, struct partition, life.reloading);
DEBUG_FIELD(partition.reload_offset, struct partition, life.reload_offset);
DEBUG_FIELD(partition.windows_entered, struct partition, stats.windows_entered);
DEBUG_FIELD(partition.faults, struct partition, stats.faults);
DEBUG_FIELD(partition.restarts, struct partition, stats.restarts);

DEBUG_SYMBOL(deployment, deployment);
DEBUG_SIZE(deployment, struct deployment);
DEBUG_FIELD_ARRAY(deployment.partitions, struct deployment, partitions);
DEBUG_SIZE(partition_config, struct partition_config);
DEBUG_FIELD(partition_config.name, struct partition_config, name);
DEBUG_FIELD(partition_config.image, struct partition_config, image);
DEBUG_FIELD_ARRAY(deployment.shared_areas, struct deployment, shared_areas);
DEBUG_FIELD_ARRAY(deployment.schedules, struct deployment, schedules);
DEBUG_SIZE(shared_area_config, struct shared_area_config);
DEBUG_FIELD(shared_area_config.name, struct shared_area_config, name);
DEBUG_FIELD(shared_area_config.base, struct shared_area_config, base);
DEBUG_FIELD(shared_area_config.size, struct shared_area_config, size);
DEBUG_FIELD_ARRAY(shared_area_config.users, struct shared_area_config, users);
DEBUG_NUMBER(shm_window_base, BH_SHM_WINDOW_BASE);
DEBUG_SIZE(shared_area_user, struct shared_area_user);
DEBUG_FIELD(shared_area_user.partition, struct shared_area_user, partition);
DEBUG_FIELD(shared_area_user.address, struct shared_area_user, address);
DEBUG_FIELD(shared_area_user.writable, struct shared_area_user, writable);
DEBUG_SIZE(channel_config, struct channel_config);
DEBUG_FIELD(channel_config.name, struct channel_config, name);
DEBUG_FIELD(channel_config.kind, struct channel_config, kind);
DEBUG_FIELD(channel_config.depth, struct channel_config, depth);
DEBUG_FIELD(channel_config.refresh_ns, struct channel_config, refresh_ns);

DEBUG_SYMBOL(hm_log, hm_log);
DEBUG_SIZE(hm_log, struct hm_log);
DEBUG_FIELD(hm_log.total, struct hm_log, total);
DEBUG_FIELD(hm_log.held, struct hm_log, held);
DEBUG_FIELD(hm_log.head, struct hm_log, head);
DEBUG_FIELD_ARRAY(hm_log.order, struct hm_log, order);
DEBUG_FIELD_ARRAY(hm_log.records, struct hm_log, records);
DEBUG_SIZE(hm_record, struct bh_hm_record);
DEBUG_FIELD(hm_record.sequence, struct bh_hm_record, sequence);
DEBUG_FIELD(hm_record.time_ns, struct bh_hm_record, time_ns);
DEBUG_FIELD(hm_record.partition, struct bh_hm_record, partition);
DEBUG_FIELD(hm_record.vcpu, struct bh_hm_record, vcpu);
DEBUG_FIELD(hm_record.event, struct bh_hm_record, event);
DEBUG_FIELD(hm_record.eip, struct bh_hm_record, eip);
DEBUG_FIELD(hm_record.address, struct bh_hm_record, address);
DEBUG_FIELD(hm_record.code, struct bh_hm_record, code);
DEBUG_FIELD(hm_record.action, struct bh_hm_record, action);

DEBUG_ARRAY(dispatch_plans, dispatch_plans);     /* a row of CONFIG_MAX_SCHEDULES per CPU */
DEBUG_SYMBOL(dispatch_plan_count, dispatch_plan_count);
DEBUG_FIELD(cpu.plan, struct cpu, plan);
DEBUG_FIELD(cpu.next_plan, struct cpu, next_plan);
DEBUG_SIZE(schedule_config, struct schedule_config);
DEBUG_FIELD(schedule_config.name, struct schedule_config, name);
DEBUG_SIZE(sched_plan, struct sched_plan);
DEBUG_FIELD(sched_plan.epoch, struct sched_plan, epoch);
DEBUG_FIELD(sched_plan.first_frame, struct sched_plan, first_frame);
DEBUG_FIELD(sched_plan.major, struct sched_plan, major);
DEBUG_FIELD(sched_plan.count, struct sched_plan, count);
DEBUG_FIELD_ARRAY(sched_plan.windows, struct sched_plan, windows);
DEBUG_FIELD(sched_plan.stretch_count, struct sched_plan, stretch_count);
DEBUG_FIELD_ARRAY(sched_plan.stretches, struct sched_plan, stretches);
DEBUG_SIZE(sched_window, struct sched_window);
DEBUG_FIELD(sched_window.partition, struct sched_window, partition);
DEBUG_FIELD(sched_window.offset, struct sched_window, offset);
DEBUG_FIELD(sched_window.duration, struct sched_window, duration);
DEBUG_FIELD(sched_window.config_index, struct sched_window, config_index);
DEBUG_SIZE(sched_stretch, struct sched_stretch);
DEBUG_FIELD(sched_stretch.window, struct sched_stretch, window);
DEBUG_FIELD(sched_stretch.next, struct sched_stretch, next);
DEBUG_FIELD(sched_stretch.start, struct sched_stretch, start);
DEBUG_SIZE(sched_slot, struct sched_slot);
DEBUG_FIELD(sched_slot.frame, struct sched_slot, frame);
DEBUG_FIELD(sched_slot.frame_start, struct sched_slot, frame_start);
DEBUG_FIELD(sched_slot.end, struct sched_slot, end);
DEBUG_FIELD(sched_slot.stretch, struct sched_slot, stretch);

DEBUG_ARRAY(trace_ring, trace_ring);
DEBUG_SIZE(trace_record, struct trace_record);
DEBUG_FIELD(trace_record.type, struct trace_record, type);
DEBUG_FIELD(trace_record.partition, struct trace_record, partition);
DEBUG_FIELD(trace_record.vcpu, struct trace_record, vcpu);
DEBUG_FIELD(trace_record.arg, struct trace_record, arg);
DEBUG_FIELD(trace_record.time, struct trace_record, time);
DEBUG_NUMBER(trace_none, TRACE_NONE);
DEBUG_SYMBOL(trace_state, trace_state);
DEBUG_SIZE(trace_state, struct trace_state);
DEBUG_FIELD(trace_state.head, struct trace_state, head);
DEBUG_FIELD(trace_state.lost, struct trace_state, lost);
DEBUG_FIELD(trace_state.period_fs, struct trace_state, period_fs);
