// Entry of the parallel build's worker threads (piscina): TypeScript is loaded through tsx, as
// bin/kg.mjs does for the CLI, then every task goes to worker.ts.
import { register } from "tsx/esm/api";

register();
const tasks = import("./worker.ts");

export default async function run(task) {
  return (await tasks).run(task);
}
