/**
 * The Inngest SDK copies the variables it knows out of `process.env` by enumerating all of it,
 * a few dozen times per request it serves and per event it sends (getProcessEnv). Enumerating
 * Node's `process.env` crosses into C++ for every variable, a large share of the serve route's
 * CPU. A plain object holding the same variables enumerates much faster, so each Node process
 * that loads the client swaps it in once. JavaScript reads and
 * writes behave as before and child processes inherit it. What changes, none of which this
 * app relies on: native code calling getenv() (and so assigning TZ) no longer sees variables set
 * after this point, values assigned later are no longer turned into strings, and variables that
 * process.loadEnvFile() loads later land in the old object.
 */
if (typeof process !== "undefined" && process.release?.name === "node" && process.env) {
  process.env = { ...process.env };
}
