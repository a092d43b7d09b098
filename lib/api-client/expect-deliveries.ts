// Samples and recoveries create deliveries asynchronously (fan-out runs after the request), so
// for a short while after one the delivery log polls even if nothing it shows is pending yet.
const WINDOW_MS = 20_000;
let until = 0;

export function expectNewDeliveries(): void {
  until = Date.now() + WINDOW_MS;
}

export function awaitingNewDeliveries(): boolean {
  return Date.now() < until;
}
