/* The benchmark workload shared by the guest and the native build. */
#ifndef NATIVE_KIT_BENCH_WORKLOAD_H
#define NATIVE_KIT_BENCH_WORKLOAD_H

/* Phases of the workload, as bits of the `phases` mask. */
#define PHASE_LOOPS 1u /* integer add/mul/shift/divide loops */
#define PHASE_CRC 2u   /* bitwise CRC-32 over 64 KiB */
#define PHASE_SORT 4u  /* quicksort of 16384 integers */
#define PHASE_SIEVE 8u /* sieve of Eratosthenes to 131072 */
#define PHASE_ALL 15u

/* Runs every phase of the workload `scale` times and returns a checksum of the results. */
unsigned run_workload(unsigned scale);

/* Runs the phases selected by `phases` (PHASE_* bits) `scale` times each. */
unsigned run_workload_phases(unsigned scale, unsigned phases);

#endif
