import { buildOpenApi } from "@/lib/api/openapi";

// Public: the API's shape is documentation, not data.
export function GET() {
  return Response.json(buildOpenApi());
}
