/**
 * Modules that must stay on the server import "server-only", which throws unless resolved under
 * the "react-server" export condition, as Next.js resolves server code. Our own Node processes
 * (the scripts, the executor, the Playwright runner that seeds the e2e database) resolve it the
 * same way; package.json's scripts pass the flag to the tsx CLI, vitest aliases the module.
 */
export const SERVER_CONDITION = "--conditions=react-server";

/** Node arguments for running one of our TypeScript files as a child process. */
export const TSX_NODE_ARGS = [SERVER_CONDITION, "--import", "tsx"] as const;
