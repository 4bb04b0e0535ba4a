/*
 * Entry point of the freestanding guest build. The runner (run.ts) loads the flat image
 * at GUEST_BASE, writes the scale at SCALE_ADDR and the phase mask at PHASES_ADDR (0 means
 * all phases), enters flat 32-bit protected mode with ESP set, and jumps here; the
 * checksum is left in EAX when the guest halts.
 */
#include "workload.h"

#define SCALE_ADDR 0x00090000u
#define PHASES_ADDR 0x00090004u

/* gcc may emit calls to these even with -ffreestanding (struct copies, loops it spots). */
void *memset(void *dst, int c, unsigned n) {
  unsigned char *d = dst;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}

void *memcpy(void *dst, const void *src, unsigned n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  while (n--) *d++ = *s++;
  return dst;
}

__attribute__((noreturn, section(".text.entry"))) void _start(void) {
  unsigned scale = *(volatile unsigned *)SCALE_ADDR;
  unsigned phases = *(volatile unsigned *)PHASES_ADDR;
  unsigned check = phases ? run_workload_phases(scale, phases) : run_workload(scale);
  for (;;) __asm__ volatile("hlt" : : "a"(check));
}
