// Entry of the bundled worker (scripts/bundle.mjs): piscina calls the default export.
export { run as default } from "./worker";
