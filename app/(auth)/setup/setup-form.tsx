"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { FormError } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { setupSchema, type SetupInput } from "@/lib/organizations/setup-schema";

const FIELDS = [
  { name: "organization_name", label: "Organization name", autoComplete: "organization", type: "text" },
  { name: "name", label: "Your name", autoComplete: "name", type: "text" },
  { name: "email", label: "Email", autoComplete: "username", type: "email" },
  {
    name: "password",
    label: "Password",
    autoComplete: "new-password",
    type: "password",
    hint: "At least 8 characters.",
  },
] as const;

/** The first owner: creates the organization and account, signs in and opens the organization. */
export function SetupForm({ token }: { token: string }) {
  const router = useRouter();
  const form = useForm<SetupInput>({
    resolver: zodResolver(setupSchema),
    defaultValues: { organization_name: "", name: "", email: "", password: "", token },
    mode: "onTouched",
  });
  const { errors, isSubmitting } = form.formState;

  async function submit(values: SetupInput) {
    const res = await fetch("/api/setup", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(values),
    }).catch(() => null);
    const json = (await res?.json().catch(() => null)) as {
      organization?: { slug: string };
      error?: { message?: string };
    } | null;
    if (!res?.ok || !json?.organization) {
      form.setError("root", { message: json?.error?.message ?? "Setup did not work. Try again." });
      return;
    }
    const slug = json.organization.slug;
    const result = await signIn("credentials", { email: values.email, password: values.password, redirect: false });
    router.replace(result && !result.error ? `/${slug}` : `/login?callbackUrl=${encodeURIComponent(`/${slug}`)}`);
    router.refresh();
  }

  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="space-y-4">
      {FIELDS.map((field) => {
        const id = `setup-${field.name}`;
        const error = errors[field.name]?.message;
        const hint = "hint" in field ? field.hint : undefined;
        return (
          <Field key={field.name} id={id} label={field.label} hint={hint} error={error}>
            <Input
              id={id}
              type={field.type}
              autoComplete={field.autoComplete}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(id, !!error, !!hint)}
              {...form.register(field.name)}
            />
          </Field>
        );
      })}
      <FormError message={errors.root?.message} />
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Setting up…" : "Create organization and sign in"}
      </Button>
    </form>
  );
}
