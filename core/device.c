/*
 * Devices given to partitions. An interrupt of a given line costs the window it lands in the
 * mask, the acknowledgement and the raise below, never the partition's work: the line stays
 * masked until the owner says (irq_done) that it has served the device, so however fast the
 * device interrupts, the kernel takes it at most once per irq_done, and a line that arrives
 * outside the owner's windows waits in its vcpu's pending lines for the next one.
 */
#include <core/device.h>
#include <core/arch.h>
#include <core/platform.h>
#include <core/partition.h>
#include <core/vint.h>
#include <core/trace.h>
#include <core/debug_info.h>

struct device devices[CONFIG_MAX_DEVICES];
uint32_t device_count;
/* what bh-partitions shows of them (tools/gdb/bhgdb/cmd_partitions.py) */
DEBUG_ARRAY(devices, devices);
DEBUG_SYMBOL(device_count, device_count);
DEBUG_SIZE(device, struct device);
DEBUG_FIELD(device.config, struct device, config);
DEBUG_FIELD(device.vcpu, struct device, vcpu);
DEBUG_FIELD(device.line, struct device, line);
DEBUG_FIELD(device.interrupts, struct device, interrupts);
DEBUG_SIZE(device_config, struct device_config);
DEBUG_FIELD(device_config.name, struct device_config, name);
DEBUG_FIELD(device_config.partition, struct device_config, partition);
DEBUG_FIELD_ARRAY(device_config.io, struct device_config, io);
DEBUG_FIELD(device_config.irq, struct device_config, irq);
DEBUG_FIELD(device_config.vint_line, struct device_config, vint_line);
DEBUG_FIELD(device_config.vcpu, struct device_config, vcpu);
DEBUG_SIZE(io_range, struct io_range);
DEBUG_FIELD(io_range.first, struct io_range, first);
DEBUG_FIELD(io_range.count, struct io_range, count);

void device_init(void)
{
	device_count = deployment_device_count(&deployment);
	for (uint32_t i = 0; i < device_count; i++) {
		const struct device_config *c = &deployment.devices[i];
		struct partition *p = &partitions[deployment_find_partition(&deployment, c->partition)];

		devices[i].config = c;
		for (uint32_t k = 0; k < CONFIG_MAX_IO_RANGES && c->io[k].count; k++)
			arch_aspace_open_ports(&p->mem.aspace, c->io[k].first, c->io[k].count);
		if (c->irq) {
			devices[i].vcpu = p->vcpus[c->vcpu];
			devices[i].line = c->irq - 1;
		}
	}
}

void core_device_interrupt(uint32_t line)
{
	for (uint32_t i = 0; i < device_count; i++) {
		struct device *d = &devices[i];

		if (d->vcpu && d->line == line) {
			platform_irq_mask(line);
			d->interrupts++;
			vint_raise(d->vcpu, d->config->vint_line);
			trace_vcpu(TRACE_DEVICE_IRQ, d->vcpu, line | d->config->vint_line << 8);
			return;
		}
	}
}

int32_t hc_irq_done(struct vcpu *v, uint32_t line)
{
	if (line < BH_VINT_DEVICE_FIRST || line > BH_VINT_DEVICE_LAST)
		return BH_EINVAL;
	for (uint32_t i = 0; i < device_count; i++) {
		struct device *d = &devices[i];

		if (d->vcpu && d->vcpu->partition == v->partition && d->config->vint_line == line) {
			platform_irq_unmask(d->line);
			return 0;
		}
	}
	return BH_EPERM;
}
