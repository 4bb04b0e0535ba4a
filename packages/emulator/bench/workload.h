/* The benchmark workload shared by the guest and the native build. */
#ifndef NATIVE_KIT_BENCH_WORKLOAD_H
#define NATIVE_KIT_BENCH_WORKLOAD_H

/* Runs every kernel of the workload `scale` times and returns a checksum of the results. */
unsigned run_workload(unsigned scale);

#endif
