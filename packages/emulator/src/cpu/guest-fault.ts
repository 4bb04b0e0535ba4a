/**
 * How a guest exception leaves the middle of an instruction: the CPU records the vector
 * and error code on itself and throws this one preallocated sentinel, which `Cpu.run`
 * catches to roll back EIP and deliver the exception. Nothing is allocated per fault.
 */

/** The sentinel thrown for every guest exception raised while executing an instruction. */
export const GUEST_FAULT: { readonly guestFault: true } = Object.freeze({ guestFault: true });

/** True when `e` is the {@link GUEST_FAULT} sentinel rather than a host error. */
export function isGuestFault(e: unknown): boolean {
  return e === GUEST_FAULT;
}
