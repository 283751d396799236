// Articles reach the build stage in any order (a parallel build adds them as workers finish), so
// "the last one met" is decided by place in the corpus, not by the order of the calls.

/** For each key, the value met last in corpus order: the one with the highest place. */
export class LatestByPlace<V> {
  private byKey = new Map<string, { place: number; value: V }>();

  set(key: string, place: number, value: V): void {
    const had = this.byKey.get(key);
    if (had === undefined) this.byKey.set(key, { place, value });
    else if (place >= had.place) {
      had.place = place;
      had.value = value;
    }
  }

  get(key: string): V | undefined {
    return this.byKey.get(key)?.value;
  }

  forEach(f: (value: V, key: string) => void): void {
    this.byKey.forEach(({ value }, key) => f(value, key));
  }
}
