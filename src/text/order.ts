// Array.prototype.sort allocates a work array and its state on every call, even for a list that is
// already in order, and the pipeline sorts small lists several times per sentence, most of them in
// order. The sort is stable, so leaving a list that is in order as it is changes nothing.

/** Sort `list` in place by `cmp` (stably), unless it is in that order already. */
export function sortInPlace<T>(list: T[], cmp: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i++) if (cmp(list[i - 1], list[i]) > 0) return list.sort(cmp);
  return list;
}
