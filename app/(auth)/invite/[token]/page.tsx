import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitation } from "@/components/team/accept-invitation";
import { Card } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { describeInvitation, INVITATION_PROBLEMS } from "@/lib/organizations/manage-invitations";
import { AuthScreen } from "@/components/auth/auth-screen";

// The token is in the URL: never send it on to another site as a Referer.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer", robots: { index: false } };

const TITLES = { used: "Invitation already used", revoked: "Invitation withdrawn", expired: "Invitation expired" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, user] = await Promise.all([describeInvitation(getDb(), token), getSessionUser()]);
  const link = "font-medium text-brand-700 underline dark:text-brand-100";
  let title: string;
  let body: React.ReactNode;
  if (!invitation) {
    title = "Invitation not found";
    body = <p>This invitation link is not valid. Check that you copied all of it, or ask for a new one.</p>;
  } else if (invitation.state === "used" && user?.id === invitation.accountUserId) {
    // The invitee, already signed in, opened their link again: send them in, not to sign-in.
    title = "Invitation already used";
    body = (
      <p>
        You joined {invitation.organization.name} with this link.{" "}
        <Link href={`/${invitation.organization.slug}`} className={link}>
          Go to {invitation.organization.name}
        </Link>
      </p>
    );
  } else if (invitation.state !== "valid") {
    title = TITLES[invitation.state];
    body = (
      <p>
        {INVITATION_PROBLEMS[invitation.state]}{" "}
        {invitation.state === "used" ? (
          <Link href="/login" className={link}>
            Sign in
          </Link>
        ) : null}
      </p>
    );
  } else {
    const role = invitation.role;
    title = `Join ${invitation.organization.name}`;
    const intro = (
      <p className="mb-4">
        {invitation.invitedBy ?? "An admin"} invited <strong>{invitation.email}</strong> to{" "}
        {invitation.organization.name} as {role === "admin" || role === "owner" ? "an" : "a"} <strong>{role}</strong>.
      </p>
    );
    if (!invitation.accountUserId) {
      body = (
        <>
          {intro}
          <AcceptInvitation token={token} email={invitation.email} slug={invitation.organization.slug} newAccount />
        </>
      );
    } else if (user?.id === invitation.accountUserId) {
      body = (
        <>
          {intro}
          <AcceptInvitation
            token={token}
            email={invitation.email}
            slug={invitation.organization.slug}
            newAccount={false}
          />
        </>
      );
    } else if (user) {
      body = (
        <>
          {intro}
          <p>
            You are signed in as {user.email}.{" "}
            <Link href="/logout" className={link}>
              Sign out
            </Link>
            , then sign in as {invitation.email} and open this link again.
          </p>
        </>
      );
    } else {
      body = (
        <>
          {intro}
          <p>
            You already have an Empfio account as {invitation.email}.{" "}
            <Link href={`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} className={link}>
              Sign in to join
            </Link>
            .
          </p>
        </>
      );
    }
  }
  return (
    <AuthScreen title={title}>
      <Card className="p-6 text-sm text-zinc-700 dark:text-zinc-300">{body}</Card>
    </AuthScreen>
  );
}
