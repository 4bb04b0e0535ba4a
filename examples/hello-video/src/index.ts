/**
 * The hello-video example kernel.
 *
 * @packageDocumentation
 */

// hello-video.ts
export { HelloVideo, bootHelloVideo } from "./hello-video.js";
