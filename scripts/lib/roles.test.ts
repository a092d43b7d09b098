import { describe, expect, it } from "vitest";
import { parseRoles } from "./roles";

describe("parseRoles", () => {
  it("runs every tier by default, the executor only without an Inngest server", () => {
    expect([...parseRoles(undefined, false)]).toEqual(["web", "ingest", "worker", "executor"]);
    expect([...parseRoles("", true)]).toEqual(["web", "ingest", "worker"]);
  });

  it("runs no ingest tier in development by default: next dev serves the inbound webhooks", () => {
    expect([...parseRoles(undefined, false, "dev")]).toEqual(["web", "worker", "executor"]);
    expect([...parseRoles("ingest,worker", false, "dev")]).toEqual(["ingest", "worker"]);
  });

  it("takes EMPFIO_ROLES as given and names what it does not know", () => {
    expect([...parseRoles(" worker , Executor", false)]).toEqual(["worker", "executor"]);
    expect([...parseRoles("ingest", true)]).toEqual(["ingest"]);
    expect(() => parseRoles("web,scheduler", false)).toThrow(/unknown role\(s\) scheduler/);
  });
});
