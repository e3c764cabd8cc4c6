/*
 * core/vcpu.c on the host: the static vcpu pool. It never frees, so these tests share one pool and
 * run in the order listed in main(), each building on what the previous ones allocated.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <core/partition.h>
#include <core/vcpu.h>
#include "arch_vcpu_stub.h"

static struct partition first, second, third;

/* The dispatcher's half of a new vcpu (core/dispatch.c, tested in test_dispatch.c): the expiry
 * functions are only named by the new vcpu's deadlines. A new slot is DOWN, set directly: the
 * scheduler's bitmaps start empty (dispatch_add_partition). */
void vcpu_wait_timed_out(struct deadline *d, tick32_t now)
{
	(void)d;
	(void)now;
	fail_msg("a wait timed out in the vcpu pool's test");
}

void vint_timer_expired(struct deadline *d, tick32_t now)
{
	(void)d;
	(void)now;
	fail_msg("a virtual timer expired in the vcpu pool's test");
}

static void test_pool_starts_empty(void **state)
{
	(void)state;
	assert_int_equal(vcpu_pool_used(), 0);
	assert_null(vcpu_from_id(0));
}

static void test_allocation_fills_the_slot(void **state)
{
	struct vcpu *v;

	(void)state;
	memset(&arch_vcpu_calls, 0, sizeof(arch_vcpu_calls));
	v = alloc_vcpu(&first, 0);
	assert_non_null(v);
	assert_int_equal(v->id, 0);
	assert_int_equal(v->index, 0);
	assert_ptr_equal(v->partition, &first);
	assert_int_equal(v->state, VCPU_DOWN);
	assert_int_equal(v->priority, 0);
	assert_null(v->next_in_list);
	assert_ptr_equal(first.vcpu_list, v);
	assert_ptr_equal(first.vcpus[0], v);
	assert_int_equal(first.vcpu_count, 1);
	assert_int_equal(vcpu_pool_used(), 1);
	assert_ptr_equal(vcpu_from_id(0), v);
	assert_null(vcpu_from_id(1));
	/* the arch prepared the slot and gave it its starting registers, with no entry point yet */
	assert_int_equal(arch_vcpu_calls.alloc_struct, 1);
	assert_ptr_equal(arch_vcpu_calls.alloc_struct_vcpu, v);
	assert_int_equal(arch_vcpu_calls.initialize, 1);
	assert_ptr_equal(arch_vcpu_calls.initialize_vcpu, v);
	assert_int_equal(arch_vcpu_calls.initialize_entry, 0);
	assert_int_equal(arch_vcpu_calls.initialize_stack, 0);
	/* no timer and no timeout yet, each deadline with its expiry */
	assert_false(v->wait.timeout.armed);
	assert_false(v->wait.timeout.queued);
	assert_ptr_equal(v->wait.timeout.expire, vcpu_wait_timed_out);
	assert_false(v->timer.expiry.armed);
	assert_false(v->timer.expiry.queued);
	assert_ptr_equal(v->timer.expiry.expire, vint_timer_expired);
}

static void test_indices_are_dense(void **state)
{
	uint32_t used = vcpu_pool_used();

	(void)state;
	/* first has vcpu 0 only: 2 would leave a hole, 0 exists already */
	assert_null(alloc_vcpu(&first, 2));
	assert_null(alloc_vcpu(&first, 0));
	assert_int_equal(vcpu_pool_used(), used);
	assert_int_equal(first.vcpu_count, 1);
	assert_non_null(alloc_vcpu(&first, 1));
	assert_int_equal(first.vcpu_count, 2);
	assert_int_equal(vcpu_pool_used(), used + 1);
}

static void test_ids_are_dense_across_partitions(void **state)
{
	uint32_t base = vcpu_pool_used();
	struct vcpu *v[6];

	(void)state;
	/* two partitions interleaved: ids follow the order of allocation, whoever asks */
	v[0] = alloc_vcpu(&second, 0);
	v[1] = alloc_vcpu(&third, 0);
	v[2] = alloc_vcpu(&second, 1);
	v[3] = alloc_vcpu(&second, 2);
	v[4] = alloc_vcpu(&third, 1);
	v[5] = alloc_vcpu(&second, 3);
	for (uint32_t i = 0; i < 6; i++) {
		assert_non_null(v[i]);
		assert_int_equal(v[i]->id, base + i);
		assert_ptr_equal(vcpu_from_id(base + i), v[i]);
	}
	assert_int_equal(vcpu_pool_used(), base + 6);
	assert_int_equal(v[3]->index, 2);
	assert_int_equal(v[4]->index, 1);
	assert_ptr_equal(v[4]->partition, &third);
}

static void test_list_is_linked_in_index_order(void **state)
{
	uint32_t index = 0;

	(void)state;
	for (struct vcpu *v = second.vcpu_list; v; v = v->next_in_list, index++) {
		assert_int_equal(v->index, index);
		assert_ptr_equal(v->partition, &second);
		assert_ptr_equal(second.vcpus[index], v);
	}
	assert_int_equal(index, 4);
	assert_int_equal(second.vcpu_count, 4);
	assert_ptr_equal(third.vcpu_list->next_in_list, third.vcpus[1]);
	assert_null(third.vcpus[1]->next_in_list);
}

static void test_partition_limit(void **state)
{
	uint32_t used = vcpu_pool_used();

	(void)state;
	assert_int_equal(second.vcpu_count, CONFIG_MAX_VCPUS_PER_PARTITION);
	assert_null(alloc_vcpu(&second, CONFIG_MAX_VCPUS_PER_PARTITION));
	assert_int_equal(vcpu_pool_used(), used);
	assert_int_equal(second.vcpu_count, CONFIG_MAX_VCPUS_PER_PARTITION);
}

static void test_existing_vcpus_are_never_allocated_again(void **state)
{
	/* a restart walks the partition's own list; asking the pool again must take nothing */
	uint32_t used = vcpu_pool_used();
	struct vcpu *before[CONFIG_MAX_VCPUS_PER_PARTITION];

	(void)state;
	memcpy(before, second.vcpus, sizeof(before));
	for (uint32_t i = 0; i < second.vcpu_count; i++)
		assert_null(alloc_vcpu(&second, i));
	assert_int_equal(vcpu_pool_used(), used);
	for (uint32_t i = 0; i < second.vcpu_count; i++) {
		assert_ptr_equal(second.vcpus[i], before[i]);
		assert_ptr_equal(vcpu_from_id(before[i]->id), before[i]);
	}
}

static void test_exhaustion(void **state)
{
	static struct partition more[CONFIG_MAX_VCPUS];
	struct partition late = { 0 };
	uint32_t k = 0;

	(void)state;
	/* fill the rest of the pool, one vcpu per partition */
	while (vcpu_pool_used() < CONFIG_MAX_VCPUS) {
		assert_true(k < CONFIG_MAX_VCPUS);
		assert_non_null(alloc_vcpu(&more[k++], 0));
	}
	assert_non_null(vcpu_from_id(CONFIG_MAX_VCPUS - 1));
	assert_int_equal(vcpu_from_id(CONFIG_MAX_VCPUS - 1)->id, CONFIG_MAX_VCPUS - 1);
	/* full: nothing more, for a new partition or one with room left */
	assert_null(alloc_vcpu(&late, 0));
	assert_null(alloc_vcpu(&third, 2));
	assert_int_equal(vcpu_pool_used(), CONFIG_MAX_VCPUS);
	assert_null(vcpu_from_id(CONFIG_MAX_VCPUS));
	assert_int_equal(late.vcpu_count, 0);
	assert_null(late.vcpu_list);
	assert_int_equal(third.vcpu_count, 2);
	assert_null(third.vcpus[1]->next_in_list);
}

static void test_state_names(void **state)
{
	(void)state;
	assert_string_equal(vcpu_state_name(VCPU_DOWN), "DOWN");
	assert_string_equal(vcpu_state_name(VCPU_RUNNABLE), "RUNNABLE");
	assert_string_equal(vcpu_state_name(VCPU_RUNNING), "RUNNING");
	assert_string_equal(vcpu_state_name(VCPU_BLOCKED), "BLOCKED");
	assert_string_equal(vcpu_state_name(VCPU_PAUSED), "PAUSED");
	assert_string_equal(vcpu_state_name(VCPU_HALTED), "HALTED");
	assert_string_equal(vcpu_state_name((enum vcpu_state)6), "?");
	assert_string_equal(vcpu_state_name((enum vcpu_state)-1), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_starts_empty),
		cmocka_unit_test(test_allocation_fills_the_slot),
		cmocka_unit_test(test_indices_are_dense),
		cmocka_unit_test(test_ids_are_dense_across_partitions),
		cmocka_unit_test(test_list_is_linked_in_index_order),
		cmocka_unit_test(test_partition_limit),
		cmocka_unit_test(test_existing_vcpus_are_never_allocated_again),
		cmocka_unit_test(test_exhaustion),
		cmocka_unit_test(test_state_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
