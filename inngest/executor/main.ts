// The embedded executor as its own process: `tsx inngest/executor/main.ts`.
import { readConfigFromEnv } from "./config";
import { startExecutor } from "./executor";

async function main(): Promise<void> {
  const config = readConfigFromEnv();
  const executor = await startExecutor(config);
  console.log(`executor listening on ${executor.url} (app ${config.appUrl})`);
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      executor.stop().then(
        () => process.exit(0),
        (error: Error) => {
          console.error(`executor stop failed: ${error.message}`);
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: Error) => {
  console.error(`executor failed to start: ${error.message}`);
  process.exit(1);
});
