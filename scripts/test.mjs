// `npm test`: install what the tests need (dependencies, Chromium), type-check, run every test.
// Extra arguments go to vitest: `npm test -- tests/export.test.ts`. Exits with the first failing code.
import { run, setup } from "./setup.mjs";

const say = (message) => process.stdout.write(`[test] ${message}\n`);

const code = setup({ chromium: true });
if (code !== 0) {
  process.stderr.write("[test] setup failed: see above\n");
  process.exit(code);
}

const steps = [
  ["npx", ["tsc", "--noEmit", "-p", "."], "type check"],
  ["npx", ["vitest", "run", ...process.argv.slice(2)], "tests"],
];
for (const [command, args, what] of steps) {
  say(`${what}: ${command} ${args.join(" ")}`);
  const status = run(command, args);
  if (status !== 0) {
    process.stderr.write(`[test] ${what} failed (exit code ${status})\n`);
    process.exit(status);
  }
}
say("all passed");
