// `--jobs` for `kg build`: how many worker threads the parallel build uses.
import { availableParallelism } from "node:os";

/** `--jobs` value → number of threads: a positive whole number, or "auto" for one per core; undefined when invalid. */
export function parseJobs(value: string | number | undefined): number | undefined {
  if (value === undefined) return 1;
  if (typeof value === "number") return Number.isInteger(value) && value >= 1 ? value : undefined;
  if (isAutoJobs(value)) return Math.max(1, availableParallelism());
  const v = value.trim();
  if (!/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 1 ? n : undefined;
}

/** Whether `--jobs` lets the tool choose ("auto"): then a small input is built on one thread. */
export function isAutoJobs(value: string | number | undefined): boolean {
  return typeof value === "string" && value.trim().toLowerCase() === "auto";
}
