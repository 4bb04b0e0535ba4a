/*
 * The native reference: runs the same workload on the host CPU and prints the checksum
 * and the time it took, as `checksum=<hex> seconds=<float>`.
 * Usage: native-bench SCALE [REPEAT] — the best of REPEAT runs is reported.
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
    fprintf(stderr, "usage: %s SCALE [REPEAT]\n", argv[0]);
    return 2;
  }
  unsigned scale = (unsigned)strtoul(argv[1], NULL, 0);
  int repeat = argc > 2 ? atoi(argv[2]) : 3;
  if (scale == 0 || repeat < 1) {
    fprintf(stderr, "SCALE and REPEAT must be positive\n");
    return 2;
  }
  double best = 1e9;
  unsigned check = 0;
  for (int i = 0; i < repeat; i++) {
    double t0 = now();
    check = run_workload(scale);
    double t = now() - t0;
    if (t < best) best = t;
  }
  printf("checksum=%08x seconds=%.6f\n", check, best);
  return 0;
}
