// `--jobs` for `kg build`: how many worker threads the parallel build uses.
import { availableParallelism } from "node:os";

/** `--jobs` value → number of threads: a positive whole number, or "auto" for one per core; undefined when invalid. */
export function parseJobs(value: string | number | undefined): number | undefined {
  if (value === undefined) return 1;
  if (typeof value === "number") return Number.isInteger(value) && value >= 1 ? value : undefined;
  const v = value.trim().toLowerCase();
  if (v === "auto") return Math.max(1, availableParallelism());
  if (!/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 1 ? n : undefined;
}
