// Array.prototype.sort allocates a work array and its state on every call, even for a list that is
// already in order, and the pipeline sorts small lists several times per sentence, most of them in
// order. The sort is stable, so leaving a list that is in order as it is changes nothing.

/** Sort `list` in place by `cmp` (stably), unless it is in that order already. */
export function sortInPlace<T>(list: T[], cmp: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i++) if (cmp(list[i - 1], list[i]) > 0) return list.sort(cmp);
  return list;
}

/**
 * `list` sorted by `cmp` (stably), of the items that compare equal only the last one met. A list
 * already strictly in order (the usual case: items are met in the order they are sorted by) is
 * returned as it is, without a copy.
 */
export function sortedUnique<T>(list: T[], cmp: (a: T, b: T) => number): T[] {
  let i = 1;
  while (i < list.length && cmp(list[i - 1], list[i]) < 0) i++;
  if (i >= list.length) return list;
  list.sort(cmp);
  const out: T[] = [];
  for (const x of list) {
    if (out.length > 0 && cmp(out[out.length - 1], x) === 0) out[out.length - 1] = x;
    else out.push(x);
  }
  return out;
}
