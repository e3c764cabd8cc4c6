/*
 * The partition's memory above its image, which the layer hands out and never takes back (its
 * objects are never deleted): from the bottom up, the layer's own stacks and tables, then
 * apex_alloc's objects; from the top down (below vcpu 0's stack and its guard page), the
 * processes' stacks, each with a guard page below it, within the deployment's apex.stack_bytes.
 */
#include "core.h"

static uint32_t low, high;              /* [low, high): not yet handed out */
static uint32_t stack_floor;            /* the process stacks' part starts here */

void apex_memory_init(uint32_t start, uint32_t end)
{
	low = start;
	high = stack_floor = end;
}

void apex_memory_reserve(uint32_t stack_bytes)
{
	stack_floor = high - low > stack_bytes ? high - stack_bytes : low;
}

void *apex_alloc(uint32_t bytes)
{
	uint32_t at = (low + 15) & ~15u;

	if (at < low || bytes > stack_floor - at || at > stack_floor)
		return NULL;
	low = at + bytes;
	return (void *)(uintptr_t)at;
}

uint8_t *apex_pages(uint32_t bytes)
{
	uint32_t at = (low + BH_PAGE_SIZE - 1) & ~(BH_PAGE_SIZE - 1);

	if (at < low || at > stack_floor || bytes + BH_PAGE_SIZE > stack_floor - at)
		return NULL;
	if (bh_stack_guard((void *)(uintptr_t)at) < 0)
		return NULL;
	low = at + BH_PAGE_SIZE + bytes;
	return (uint8_t *)(uintptr_t)(at + BH_PAGE_SIZE);
}

uint8_t *apex_stack_alloc(uint32_t bytes)
{
	if (bytes + BH_PAGE_SIZE < bytes || bytes + BH_PAGE_SIZE > high - stack_floor)
		return NULL;
	high -= bytes + BH_PAGE_SIZE;
	if (bh_stack_guard((void *)(uintptr_t)high) < 0) {
		high += bytes + BH_PAGE_SIZE;
		return NULL;
	}
	return (uint8_t *)(uintptr_t)(high + BH_PAGE_SIZE);
}
