// The checking half of load-worker.ts, loaded apart so the worker can start scanning at once.
import { config as zodConfig } from "zod/mini";

// The page's CSP forbids eval: zod must not try to compile its checks.
zodConfig({ jitless: true });

export { graphTooLarge, MAX_GRAPH_BYTES_BROWSER, readGraphFile } from "../export/index";
