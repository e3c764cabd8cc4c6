/*
 * Shared memory areas. The deployment is the whole state: an area is mapped once at boot in each
 * of its users' shared windows and never unmapped, cleared or copied, so a restart of a user
 * (warm or cold: a cold one reloads only the private memory) leaves its bytes as they are.
 */
#include <core/shm.h>
#include <core/arch.h>
#include <core/boot_info.h>
#include <core/console.h>
#include <core/deployment.h>
#include <core/guest.h>
#include <public/shm.h>
#include <lib/string.h>

int shm_map(struct partition *p)
{
	uint32_t n = deployment_shared_area_count(&deployment);

	for (uint32_t a = 0; a < n; a++) {
		const struct shared_area_config *area = &deployment.shared_areas[a];
		const struct shared_area_user *u = deployment_area_user(area, p->name);
		const struct boot_module *m;

		if (!u)
			continue;
		if (!boot_ram_contains(area->base, area->size)) {
			kprintf("bulkhead: partition '%s': shared area '%s' [0x%x, +0x%x) is not in RAM; "
				"partition not started\n", p->name, area->name, area->base, area->size);
			return -1;
		}
		if ((m = boot_module_overlapping(area->base, area->size))) {
			kprintf("bulkhead: partition '%s': shared area '%s' overlaps boot module '%s'; "
				"partition not started\n", p->name, area->name, m->name);
			return -1;
		}
		arch_aspace_share(&p->mem.aspace, u->address - BH_SHM_WINDOW_BASE, area->base,
				  area->size, u->writable);
	}
	return 0;
}

bool shm_maps(const struct partition *p, uint32_t address)
{
	uint32_t n = deployment_shared_area_count(&deployment);

	for (uint32_t a = 0; a < n; a++) {
		const struct shared_area_config *area = &deployment.shared_areas[a];
		const struct shared_area_user *u = deployment_area_user(area, p->name);

		if (u && address - u->address < area->size)
			return true;
	}
	return false;
}

int32_t hc_shm_open(struct vcpu *v, uint32_t name_addr, uint32_t info_addr)
{
	const struct partition *p = v->partition;
	uint32_t n = deployment_shared_area_count(&deployment);
	char name[BH_SHM_NAME_MAX];
	struct bh_shm_info info;
	int32_t refused = copy_name_from_guest(p, name, name_addr, sizeof(name));

	if (refused)
		return refused;
	for (uint32_t a = 0; a < n; a++) {
		const struct shared_area_config *area = &deployment.shared_areas[a];
		const struct shared_area_user *u;

		if (strcmp(area->name, name) != 0)
			continue;
		/* an area the caller is not listed for is as unknown to it as one nobody has */
		if (!(u = deployment_area_user(area, p->name)))
			return BH_ENOENT;
		memset(&info, 0, sizeof(info));
		info.address = u->address;
		info.size = area->size;
		info.access = BH_SHM_READ | (u->writable ? BH_SHM_WRITE : 0);
		return copy_to_guest(p, info_addr, &info, sizeof(info));
	}
	return BH_ENOENT;
}
