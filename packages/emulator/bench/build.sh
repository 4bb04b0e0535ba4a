#!/usr/bin/env bash
# Builds the benchmark guest (flat binary at 0x100000, freestanding) and the native
# reference program from the same workload.c. Idempotent; commit the outputs:
#   guest.bin      — loaded by run.ts into the emulator
#   native-bench   — the host reference (static, so it runs without i386 shared libs)
# Needs: gcc with -m32 (Debian: gcc-multilib) and binutils.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p build
FLAGS=(-m32 -O2 -fno-pic -fno-stack-protector -fno-asynchronous-unwind-tables -Wall -Wextra -Werror)
gcc "${FLAGS[@]}" -ffreestanding -nostdlib -static -fno-builtin \
  -T guest.ld -Wl,--build-id=none -Wl,--no-warn-rwx-segments -o build/guest.elf guest-entry.c workload.c
objcopy -O binary build/guest.elf guest.bin
gcc "${FLAGS[@]}" -static -o native-bench native-main.c workload.c
echo "guest.bin: $(stat -c %s guest.bin) bytes; native-bench built"
