// After an action that adds deliveries (a sample, a recovery) the log polls for a while even if
// nothing it shows is pending: a status filter may hide the new pending rows until they finish.
const WINDOW_MS = 20_000;
let until = 0;

export function expectNewDeliveries(): void {
  until = Date.now() + WINDOW_MS;
}

export function awaitingNewDeliveries(): boolean {
  return Date.now() < until;
}
