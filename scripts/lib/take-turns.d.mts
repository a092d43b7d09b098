export type Turns = {
  enter(): Promise<() => void> | null;
  readonly inside: number;
  readonly waiting: number;
};
export function takeTurns(limits: { concurrency: number; queueLimit: number }): Turns;
