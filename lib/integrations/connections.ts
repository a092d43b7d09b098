import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { BREVO_KINDS } from "@/lib/inbound/brevo-webhook-schema";
import { sealSecret } from "@/lib/webhooks/endpoint-secrets";
import { generateSigningSecret } from "@/lib/webhooks/sign-payload";

// Connections: the per-organization webhook URLs Cal.com, Varda and Brevo post to. Every query
// is scoped by organization id, so another organization's ids are "not found". Secrets are
// sealed (AES-256-GCM) before they are stored; generated ones are returned once, by create.

export const PROVIDERS = ["calcom", "varda", "brevo"] as const;
export type Provider = (typeof PROVIDERS)[number];
export const PROVIDER_NAMES: Record<Provider, string> = { calcom: "Cal.com", varda: "Varda", brevo: "Brevo" };

const name = z
  .string("must be a string")
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .optional();

export const createConnectionSchema = z.discriminatedUnion(
  "provider",
  [
    z.object({
      provider: z.literal("varda"),
      name,
      signing_secret: z
        .string({
          error: (issue) =>
            issue.input === undefined
              ? "is required: paste the signing secret Varda shows for the webhook"
              : "must be a string",
        })
        .trim()
        .min(1, "must not be empty")
        .max(500, "must be at most 500 characters"),
    }),
    z.object({ provider: z.literal("calcom"), name }),
    z.object({
      provider: z.literal("brevo"),
      name,
      auth: z.enum(["bearer", "basic"], "must be bearer or basic").default("bearer"),
    }),
  ],
  { error: (issue) => (issue.code === "invalid_union" ? `must be one of ${PROVIDERS.join(", ")}` : undefined) },
);

export type CreateConnectionInput = z.output<typeof createConnectionSchema>;

export type Credentials =
  { signing_secret: string } | { bearer_token: string } | { username: string; password: string } | null;

const randomToken = (bytes: number) => randomBytes(bytes).toString("base64url");

/** What we store and what the owner is shown once; Varda's secret is the owner's, so nothing is shown back. */
function newSecrets(input: CreateConnectionInput): {
  stored: { secretEncrypted?: string; basicUsername?: string; basicPasswordEncrypted?: string };
  credentials: Credentials;
} {
  switch (input.provider) {
    case "varda":
      return { stored: { secretEncrypted: sealSecret(input.signing_secret) }, credentials: null };
    case "calcom": {
      const signingSecret = generateSigningSecret();
      return { stored: { secretEncrypted: sealSecret(signingSecret) }, credentials: { signing_secret: signingSecret } };
    }
    case "brevo": {
      if (input.auth === "bearer") {
        const bearerToken = randomToken(32);
        return { stored: { secretEncrypted: sealSecret(bearerToken) }, credentials: { bearer_token: bearerToken } };
      }
      // base64url has no ":", which would split a basic-auth user-id from its password.
      const username = `empfio-${randomToken(9)}`;
      const password = randomToken(32);
      return {
        stored: { basicUsername: username, basicPasswordEncrypted: sealSecret(password) },
        credentials: { username, password },
      };
    }
  }
}

export async function createConnection(db: Db, organizationId: string, input: CreateConnectionInput) {
  const { stored, credentials } = newSecrets(input);
  const connection = await db.integrationConnection.create({
    data: { organizationId, provider: input.provider, name: input.name ?? PROVIDER_NAMES[input.provider], ...stored },
  });
  return { connection, credentials };
}

export function listConnections(db: Db, organizationId: string) {
  return db.integrationConnection.findMany({
    where: { organizationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
}

export async function deleteConnection(db: Db, organizationId: string, connectionId: string) {
  const { count } = isUuid(connectionId)
    ? await db.integrationConnection.deleteMany({ where: { id: connectionId, organizationId } })
    : { count: 0 };
  if (count === 0) throw notFound("Connection");
}

/** Where links to the app point: APP_URL, else NEXTAUTH_URL, else the origin the request came to. */
export function publicBaseUrl(req: Request): string {
  return (process.env.APP_URL || process.env.NEXTAUTH_URL || new URL(req.url).origin).replace(/\/+$/, "");
}

type ConnectionRow = {
  id: string;
  provider: string;
  name: string;
  basicUsername: string | null;
  lastReceivedAt: Date | null;
  createdAt: Date;
};

/** A connection as the API shows it: never a secret, only what to paste where. */
export function connectionJson(c: ConnectionRow, baseUrl: string) {
  const webhookUrl = `${baseUrl}/api/v1/webhooks/${c.provider}/${c.id}`;
  return {
    id: c.id,
    provider: c.provider as Provider,
    name: c.name,
    auth: c.provider !== "brevo" ? ("signature" as const) : c.basicUsername ? ("basic" as const) : ("bearer" as const),
    webhook_url: webhookUrl,
    webhook_urls:
      c.provider === "brevo"
        ? (Object.fromEntries(BREVO_KINDS.map((kind) => [kind.replace("-", "_"), `${webhookUrl}/${kind}`])) as Record<
            "meeting_booked" | "meeting_started" | "meeting_cancelled" | "call_finished",
            string
          >)
        : null,
    last_received_at: c.lastReceivedAt?.toISOString() ?? null,
    created_at: c.createdAt.toISOString(),
  };
}
