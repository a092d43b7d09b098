/**
 * Node flags for the production app server (`npm start`). After a burst of slow requests V8
 * pretenures allocation sites and keeps allocating requests' short-lived objects in the old
 * generation, whose collections then stall requests; docs/benchmarks.md has the figures.
 */
export const V8_SERVER_FLAGS = ["--no-allocation-site-pretenuring"];
