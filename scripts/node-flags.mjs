// The Node flags the project's own entry points start the kg CLI with (`npm run kg`, `npm run
// graph`, `npm start`), and the benchmark its measured runs: a build is measured as it is run.
//
// A larger young generation. A build keeps its graph to the end, so the old generation grows with
// the corpus, and each scavenge (minor collection) costs more as it grows: 2.4 ms at 850 MB with
// almost nothing surviving, most of it in V8 walking the old generation's pages. So the fewer
// scavenges, the better: with 64 MB semi-spaces (V8's default is 16 MB) `kg build` of 10k articles
// took 24.9–28.4 s (median 25.7) against 26.2–31.5 s (median 30.2) in five alternating runs each,
// of 50k 152–153 s against 159–196 s in two; of 1k no faster, with 95 MB more RSS (bench/NOTES.md,
// twelfth round). V8 reads the size only at start-up, so it is a flag of the command that starts Node.
export const CLI_NODE_FLAGS = ["--max-semi-space-size=64"];
