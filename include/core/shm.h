/* Shared memory areas (public/shm.h): mapped at boot for their users, found by name. */
#ifndef CORE_SHM_H
#define CORE_SHM_H

#include <stdbool.h>
#include <stdint.h>
#include <core/partition.h>

/*
 * Maps every shared area the deployment lists p for into p's shared window, with its access.
 * -1, with a console line, if an area is not in the RAM the boot loader reported or holds a boot
 * module (what config_validate cannot know): then p must not start.
 */
int shm_map(struct partition *p);

/* address lies in a shared area the deployment maps for p. */
bool shm_maps(const struct partition *p, uint32_t address);

int32_t hc_shm_open(struct vcpu *v, uint32_t name_addr, uint32_t info_addr);

#endif
