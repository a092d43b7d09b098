import { z } from "zod";
import { emailSchema, passwordSchema } from "./schemas";

/** The one-time setup page's form and route: the first organization and its owner. */
export const setupSchema = z.object({
  organization_name: z
    .string()
    .trim()
    .min(1, "enter the organization's name")
    .max(100, "name must be at most 100 characters"),
  name: z.string().trim().min(1, "enter your name").max(100, "name must be at most 100 characters"),
  email: emailSchema,
  password: passwordSchema,
  /** From the setup link the start command prints (lib/organizations/setup-token.ts). */
  token: z.string().default(""),
});

export type SetupInput = z.input<typeof setupSchema>;
