/**
 * Node flags for the production app server (`npm start`). V8 pretenures an allocation site once
 * most of its objects outlive a young-generation GC, as a burst of slow requests makes them do,
 * and keeps doing so after the burst: later requests' short-lived objects then land in the old
 * generation, which the server then collected every ~3 s, each time stalling requests for up to
 * ~100 ms on two busy cores. Without pretenuring (bench:inbound, paced 200 req/s after its
 * bursts): about one such collection per 10 s, the server's CPU per agent event 1.8–2.0 →
 * 1.6–1.7 ms, and the paced p99's median over this session's runs 59 → 20 ms.
 */
export const V8_SERVER_FLAGS = ["--no-allocation-site-pretenuring"];
