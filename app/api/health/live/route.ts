export const dynamic = "force-dynamic";

// Liveness for load balancers and process supervisors: answers without touching the database,
// so a database outage does not get healthy app instances restarted (/api/health reports that).
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
