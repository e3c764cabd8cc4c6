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

struct device devices[CONFIG_MAX_DEVICES];
uint32_t device_count;

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
