/**
 * The hello-vga example kernel.
 *
 * @packageDocumentation
 */

// hello-vga.ts
export { HelloVga, bootHelloVga, VGA_TEXT, HELLO_ATTRIBUTE, HELLO_TEXT } from "./hello-vga.js";
