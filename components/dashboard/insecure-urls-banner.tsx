import { TriangleAlert } from "lucide-react";

export function InsecureUrlsBanner() {
  return (
    <div
      role="status"
      className="flex items-center gap-2 bg-amber-100 px-4 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      <TriangleAlert aria-hidden className="size-4 shrink-0" />
      Development mode: webhook URLs may use http:// and private addresses (WEBHOOK_ALLOW_INSECURE_URLS=1). Never enable
      this in production.
    </div>
  );
}
