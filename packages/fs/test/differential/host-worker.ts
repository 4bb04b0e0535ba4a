/**
 * Child process for the unprivileged half of the differential test: started by the test as
 * an unprivileged uid (via `fork` with `uid`/`gid`), it runs each sequence it is sent on the
 * host file system and sends the outcomes back.
 */

import { hostDriver } from "./host-driver.js";
import { runOps, type Op } from "./ops.js";

process.umask(0o022);
process.on("message", (message: { base: string; ops: Op[] }) => {
  const outcomes = runOps(hostDriver(message.base), message.ops);
  process.send?.({ outcomes, uid: process.getuid?.() });
});
process.send?.({ ready: true, uid: process.getuid?.() });
