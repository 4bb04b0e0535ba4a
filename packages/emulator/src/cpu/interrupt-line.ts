/**
 * The CPU's INTR pin as the interrupt controller drives it.
 *
 * The CPU polls {@link InterruptLine.hasInterrupt} at instruction-block boundaries while
 * EFLAGS.IF is set (and no interrupt shadow is active), and calls
 * {@link InterruptLine.acknowledge} (the INTA cycle) to learn the vector to deliver.
 */
export interface InterruptLine {
  /** True while a maskable interrupt is being requested. */
  hasInterrupt(): boolean;
  /** The INTA cycle: returns the vector (0..255) of the interrupt being serviced. */
  acknowledge(): number;
}
