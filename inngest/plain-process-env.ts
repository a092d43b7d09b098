/**
 * The Inngest SDK copies the variables it knows out of `process.env` by enumerating all of it,
 * a few dozen times per request it serves and per event it sends (getProcessEnv). Enumerating
 * Node's `process.env` crosses into C++ for every variable, which made this about a sixth of
 * the serve route's CPU (bench:delivery). A plain object holding the same variables enumerates
 * ~8× faster, so each Node process that loads the client swaps it in once. JavaScript reads and
 * writes behave as before and child processes inherit it; only native code calling getenv()
 * stops seeing variables set after this point, and nothing here does that.
 */
if (typeof process !== "undefined" && process.release?.name === "node" && process.env) {
  process.env = { ...process.env };
}
