import { postAgentEvent } from "@/lib/inbound/post-agent-event";

export function POST(req: Request) {
  return postAgentEvent(req);
}
