// The explorer's display numbers computed in slices (src/app/display.ts): parallel-edge curvature,
// the same indexes as @sigma/edge-curve's indexParallelEdgesIndex, and sizes in place.
import Graph from "graphology";
import { describe, expect, it } from "vitest";
import { curvatureFor, displaySteps, MAX_NODE, MIN_NODE } from "../src/app/display";
import { runAll } from "../src/app/tasks";

describe("displaySteps", () => {
  it("bends parallel edges apart as @sigma/edge-curve indexes them", () => {
    const g = new Graph({ type: "directed", multi: true });
    for (const n of ["a", "b", "c", "d", "e"]) g.addNode(n);
    const add = (k: string, s: string, t: string) => g.addDirectedEdgeWithKey(k, s, t, { weight: 1 });
    add("ab", "a", "b");
    add("ac1", "a", "c");
    add("ac2", "a", "c");
    add("bc", "b", "c");
    add("cb", "c", "b");
    add("de1", "d", "e");
    add("de2", "d", "e");
    add("ed", "e", "d");
    runAll(displaySteps(g, "degree"));
    const c = (e: string) => g.getEdgeAttribute(e, "curvature");
    expect(c("ab")).toBe(0);
    // One direction only: spread around the straight line.
    expect(c("ac1")).toBe(curvatureFor(-0.5, 0.5));
    expect(c("ac2")).toBe(curvatureFor(0.5, 0.5));
    expect(c("ac1")).toBe(-c("ac2"));
    // Both directions: each side bends away (their direction flips the bend).
    expect(c("bc")).toBe(curvatureFor(1, 1));
    expect(c("cb")).toBe(curvatureFor(1, 1));
    expect([c("de1"), c("de2"), c("ed")]).toEqual([curvatureFor(1, 2), curvatureFor(2, 2), curvatureFor(1, 1)]);
    g.forEachNode((_n, a) => {
      expect(a.size).toBeGreaterThanOrEqual(MIN_NODE);
      expect(a.size).toBeLessThanOrEqual(MAX_NODE);
    });
    g.forEachEdge((_e, a) => expect(a.size).toBeCloseTo(1.6));
  });
});
