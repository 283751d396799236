// The `kg` command line (run by bin/kg.mjs through tsx):
//   kg build <files or folders...> [--out graph] [--lexicon FILE] [--strict] [--quiet] [--jobs N|auto]
//            [--formats json,gexf,graphml,csv]
//   kg stats <graph file>
//   kg show <graph file> <name>
// Exit codes: 0 done; 1 nothing could be built (or --strict with skips or warnings), or no node
// matches; 2 a bad input file (graph or lexicon) or bad usage.
import { Command, CommanderError } from "commander";
import { buildCommand } from "./build";
import { findNodes, listNodes, showNode, statsReport } from "./describe";
import { displayPath } from "./files";
import { BadInputError, loadGraph } from "./load";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;

function program(setCode: (code: number) => void): Command {
  const kg = new Command("kg")
    .description("Build a knowledge graph (actors, proposals, relations with evidence) from news articles.")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => process.stdout.write(s),
      writeErr: (s) => process.stderr.write(s),
    })
    .showHelpAfterError("(run kg --help for usage)");

  kg.command("build")
    .description("read articles (.txt .md .markdown .html .htm; folders recursively) and write graph.json, graph.gexf, graph.graphml, nodes.csv, edges.csv")
    .argument("<inputs...>", "article files or folders")
    .option("-o, --out <dir>", "output folder", "graph")
    .option("--lexicon <file>", "extra actors, JSON: { \"actors\": [{ \"id\", \"type\", \"label\", \"label_en\", \"names\": [...] }] }")
    .option("--strict", "exit with 1 when any file is skipped or any warning is given")
    .option("-q, --quiet", "no progress bar, counts only in the summary")
    .option("-j, --jobs <n>", "threads for the per-article work, this one included (a number, or auto: one per core, one thread below 16 MB of input); the graph is the same", "1")
    .option("--formats <list>", "the files to write, comma-separated: json, gexf, graphml, csv (nodes.csv and edges.csv); all by default")
    .action(async (inputs: string[], opts: { out: string; lexicon?: string; strict?: boolean; quiet?: boolean; jobs?: string; formats?: string }) => {
      setCode(await buildCommand(inputs, opts));
    });

  kg.command("stats")
    .description("counts by node type and relation, top nodes by degree, articles")
    .argument("<graph>", "graph.json (or .gexf, .graphml, or a build's output folder)")
    .option("--top <n>", "how many top nodes", "10")
    .action(async (file: string, opts: { top: string }) => {
      const graph = await loadGraph(file);
      const top = Math.max(0, Number.parseInt(opts.top, 10) || 10);
      process.stdout.write(statsReport(graph, displayPath(file), top));
      setCode(EXIT_OK);
    });

  kg.command("show")
    .description("one node (found by name, alias or key, diacritics optional) with its relations and quotes")
    .argument("<graph>", "graph.json (or .gexf, .graphml, or a build's output folder)")
    .argument("<name...>", "e.g. moskva, lavrov, \"thu phan hoi\"")
    .action(async (file: string, nameWords: string[]) => {
      const graph = await loadGraph(file);
      const name = nameWords.join(" ");
      const keys = findNodes(graph, name);
      if (keys.length === 0) {
        process.stderr.write(`kg show: no node matches '${name}' in ${displayPath(file)}\n`);
        setCode(EXIT_FAILED);
      } else if (keys.length === 1) {
        process.stdout.write(showNode(graph, keys[0]));
        setCode(EXIT_OK);
      } else {
        process.stdout.write(`${keys.length} nodes match '${name}':\n${listNodes(graph, keys)}`);
        setCode(EXIT_OK);
      }
    });
  return kg;
}

export async function main(argv: string[]): Promise<number> {
  let code = EXIT_OK;
  try {
    await program((c) => (code = c)).parseAsync(argv, { from: "user" });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return e.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
    }
    if (e instanceof BadInputError) {
      process.stderr.write(`${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`kg: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT_FAILED;
  }
}
