import { getDb } from "@/lib/db/client";
import { healthReport } from "@/lib/health/health-report";

export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  const { status, body } = await healthReport(getDb(), req.headers.get("authorization"));
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
