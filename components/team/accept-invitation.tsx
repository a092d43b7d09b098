"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { fetchJson } from "@/lib/api-client/fetch-json";
import { newAccountSchema } from "@/lib/organizations/team-schemas";

type Values = { name: string; password: string };

/** Accepts an invitation: someone new sets a name and password first; then into the organization. */
export function AcceptInvitation({
  token,
  email,
  slug,
  newAccount,
}: {
  token: string;
  email: string;
  slug: string;
  newAccount: boolean;
}) {
  const router = useRouter();
  const form = useForm<Values>({
    resolver: newAccount ? zodResolver(newAccountSchema) : undefined,
    defaultValues: { name: "", password: "" },
    mode: "onTouched",
  });
  const { errors, isSubmitting } = form.formState;

  async function submit(values: Values) {
    try {
      await fetchJson(slug, "/invitations/accept", {
        method: "POST",
        body: newAccount ? { token, ...values } : { token },
      });
      if (newAccount) {
        const result = await signIn("credentials", { email, password: values.password, redirect: false });
        if (!result || result.error) {
          router.replace(`/login?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
          return;
        }
      }
      router.replace(`/${slug}`);
      router.refresh();
    } catch (e) {
      form.setError("root", { message: e instanceof Error ? e.message : "Joining did not work." });
    }
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="space-y-4">
      {newAccount ? (
        <>
          <Field id="accept-email" label="Email">
            <Input id="accept-email" value={email} readOnly autoComplete="username" />
          </Field>
          <Field id="accept-name" label="Your name" error={errors.name?.message}>
            <Input
              id="accept-name"
              autoComplete="name"
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={describedBy("accept-name", !!errors.name)}
              {...form.register("name")}
            />
          </Field>
          <Field
            id="accept-password"
            label="Choose a password"
            hint="At least 8 characters."
            error={errors.password?.message}
          >
            <Input
              id="accept-password"
              type="password"
              autoComplete="new-password"
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={describedBy("accept-password", !!errors.password, true)}
              {...form.register("password")}
            />
          </Field>
        </>
      ) : null}
      <FormError message={errors.root?.message} />
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Joining…" : newAccount ? "Create account and join" : "Join"}
      </Button>
    </form>
  );
}
