/*
 * The CPU-bound benchmark workload: integer arithmetic loops, bitwise CRC-32, an
 * in-place quicksort and a sieve. Compiled twice from this one file: freestanding for
 * the emulated guest (guest-entry.c) and as a normal host program (native-main.c), so
 * both run the same machine code paths and must produce the same checksum.
 *
 * No library calls: the freestanding build links nothing.
 */
#include "workload.h"

#define BUF_SIZE 65536u
#define SORT_N 16384u
#define SIEVE_N 131072u

static unsigned char crc_buf[BUF_SIZE];
static unsigned sort_buf[SORT_N];
static unsigned char sieve[SIEVE_N];

/* A linear congruential generator: fills buffers with reproducible pseudo-random data. */
static unsigned lcg(unsigned *state) {
  *state = *state * 1103515245u + 12345u;
  return *state;
}

/* Mixed add/mul/shift/divide work in a tight loop. */
static unsigned integer_loops(unsigned rounds) {
  unsigned acc = 0x12345678u;
  for (unsigned r = 0; r < rounds; r++) {
    for (unsigned i = 1; i < 4096; i++) {
      acc += i * i ^ (acc >> 3);
      acc = (acc << 5) | (acc >> 27);
      if (i % 7 == 0) acc ^= acc / i;
    }
  }
  return acc;
}

/* Bitwise reflected CRC-32 (polynomial 0xEDB88320) over the buffer. */
static unsigned crc32(const unsigned char *p, unsigned n) {
  unsigned crc = 0xffffffffu;
  for (unsigned i = 0; i < n; i++) {
    crc ^= p[i];
    for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

static void quicksort(unsigned *a, int lo, int hi) {
  while (lo < hi) {
    unsigned pivot = a[lo + (hi - lo) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        unsigned t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    /* Recurse into the smaller half so the stack stays shallow. */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
}

static unsigned sort_round(unsigned seed) {
  unsigned s = seed;
  for (unsigned i = 0; i < SORT_N; i++) sort_buf[i] = lcg(&s);
  quicksort(sort_buf, 0, (int)SORT_N - 1);
  unsigned sum = 0;
  for (unsigned i = 0; i < SORT_N; i++) {
    if (i > 0 && sort_buf[i - 1] > sort_buf[i]) return 0xbad50b7u; /* not sorted */
    sum = sum * 31u + sort_buf[i];
  }
  return sum;
}

static unsigned sieve_round(void) {
  unsigned count = 0;
  for (unsigned i = 0; i < SIEVE_N; i++) sieve[i] = 1;
  for (unsigned i = 2; i < SIEVE_N; i++) {
    if (!sieve[i]) continue;
    count++;
    for (unsigned j = i * 2; j < SIEVE_N; j += i) sieve[j] = 0;
  }
  return count;
}

unsigned run_workload_phases(unsigned scale, unsigned phases) {
  unsigned check = 0;
  if (phases & PHASE_LOOPS) check = integer_loops(scale * 64u);
  if (phases & PHASE_CRC) {
    unsigned s = 1;
    for (unsigned i = 0; i < BUF_SIZE; i++) crc_buf[i] = (unsigned char)(lcg(&s) >> 16);
    for (unsigned r = 0; r < scale; r++) check ^= crc32(crc_buf, BUF_SIZE) + r;
  }
  if (phases & PHASE_SORT) {
    for (unsigned r = 0; r < scale; r++) check = check * 33u + sort_round(r + 1);
  }
  if (phases & PHASE_SIEVE) {
    for (unsigned r = 0; r < scale; r++) check += sieve_round();
  }
  return check;
}

unsigned run_workload(unsigned scale) {
  return run_workload_phases(scale, PHASE_ALL);
}
