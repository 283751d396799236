// What `npm start` and `npm test` need before they run, installed when missing. Plain Node, no
// dependencies: this runs before `npm ci`.
//   - node_modules: `npm ci` when it is missing or older than package-lock.json;
//   - Chromium (for the browser tests): Debian's package when /usr/bin/chromium is missing.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CHROMIUM = "/usr/bin/chromium";

export function say(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

/** Run a command in the repo with the terminal attached; returns the exit code. */
export function run(command, args, options = {}) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", ...options });
  if (r.error) {
    process.stderr.write(`[setup] could not run ${command}: ${r.error.message}\n`);
    return 127;
  }
  return r.status ?? (r.signal ? 128 : 1);
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Why node_modules needs `npm ci`, or undefined when it is up to date. */
export function dependenciesStale() {
  const lock = mtime(join(ROOT, "package-lock.json"));
  if (!existsSync(join(ROOT, "node_modules"))) return "node_modules is missing";
  // npm rewrites node_modules/.package-lock.json on every install: it dates the installed tree.
  const installed = mtime(join(ROOT, "node_modules", ".package-lock.json")) ?? mtime(join(ROOT, "node_modules"));
  if (lock !== undefined && installed !== undefined && installed < lock) return "node_modules is older than package-lock.json";
  return undefined;
}

export function installDependencies() {
  const why = dependenciesStale();
  if (!why) {
    say("node_modules is up to date");
    return 0;
  }
  say(`${why}: running npm ci`);
  const code = run("npm", ["ci"]);
  if (code !== 0) process.stderr.write(`[setup] npm ci failed (exit code ${code})\n`);
  return code;
}

export function installChromium() {
  if (existsSync(CHROMIUM)) {
    say(`Chromium found at ${CHROMIUM}`);
    return 0;
  }
  const hint = "install it yourself (Debian/Ubuntu: sudo apt-get install -y chromium) and run again";
  if (typeof process.getuid !== "function" || process.getuid() !== 0) {
    process.stderr.write(`[setup] ${CHROMIUM} is missing and this is not root, so it cannot be installed here: ${hint}\n`);
    return 1;
  }
  say(`${CHROMIUM} is missing: running apt-get update && apt-get install -y chromium`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  let code = run("apt-get", ["update"], { env });
  if (code === 0) code = run("apt-get", ["install", "-y", "chromium"], { env });
  if (code !== 0 || !existsSync(CHROMIUM)) {
    process.stderr.write(`[setup] installing Chromium failed (exit code ${code}): ${hint}\n`);
    return code || 1;
  }
  say(`Chromium installed at ${CHROMIUM}`);
  return 0;
}

/**
 * Everything at once; returns the first failing exit code (0 when all is ready).
 * `chromium: false` leaves the browser out (npm start does not need it).
 */
export function setup({ chromium = true } = {}) {
  const deps = installDependencies();
  if (deps !== 0) return deps;
  return chromium ? installChromium() : 0;
}

// `node scripts/setup.mjs` on its own.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = setup();
}
