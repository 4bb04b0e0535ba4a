/*
 * The native reference: runs the same workload on the host CPU and prints the checksum
 * and the time it took, as `checksum=<hex> seconds=<float>`.
 * Usage: native-bench SCALE [REPEAT [PHASES]] — the best of REPEAT runs is reported;
 * PHASES is a PHASE_* mask (default: all).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "workload.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s SCALE [REPEAT [PHASES]]\n", argv[0]);
    return 2;
  }
  unsigned scale = (unsigned)strtoul(argv[1], NULL, 0);
  int repeat = argc > 2 ? atoi(argv[2]) : 3;
  unsigned phases = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 0) : PHASE_ALL;
  if (scale == 0 || repeat < 1 || phases == 0 || phases > PHASE_ALL) {
    fprintf(stderr, "SCALE and REPEAT must be positive, PHASES a mask from 1 to %u\n", PHASE_ALL);
    return 2;
  }
  double best = 1e9;
  unsigned check = 0;
  for (int i = 0; i < repeat; i++) {
    double t0 = now();
    check = run_workload_phases(scale, phases);
    double t = now() - t0;
    if (t < best) best = t;
  }
  printf("checksum=%08x seconds=%.6f\n", check, best);
  return 0;
}
