/*
 * The hypercall fuzzer (tests/partitions/hc_fuzz) with a tenth of its calls, for its two fuzzing
 * vcpus on two CPUs at once (tests/configs/smp_hc_fuzz.c): the same draws, a shorter run.
 */
#define HC_FUZZ_CALLS 100000u
#include "../hc_fuzz/main.c"
