import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/api/authenticate-request";
import { AppError } from "@/lib/errors";
import { setUpTestDb } from "@/test/support/test-db";
import { acceptInvitation } from "./accept-invitation";
import { addMember } from "./add-member";
import { createInvitation } from "./create-invitation";
import { createOrganization } from "./create-organization";
import { describeInvitation, listPendingInvitations, revokeInvitation } from "./manage-invitations";
import { changeMemberRole, listMembers, removeMember } from "./manage-members";

// Invitations and membership changes against a real PostgreSQL: who may do what, the last
// owner's protection, single-use expiring links, and nothing written when a request is refused.
const ctx = setUpTestDb(4);
let n = 0;

async function salon() {
  n++;
  const { organization, user } = await createOrganization(ctx.db, {
    name: `Team Salon ${n}`,
    ownerEmail: `owner${n}@team.example`,
    ownerPassword: "owner-password-1",
    ownerName: "Olga Owner",
  });
  const owner: Actor = { kind: "user", userId: user.id, role: "owner" };
  return { organization, owner, ownerUserId: user.id };
}

async function memberOf(organizationId: string, email: string, role: "owner" | "admin" | "member") {
  const { user, membership } = await addMember(ctx.db, {
    organizationId,
    email,
    password: "password-123",
    role,
    name: email.split("@")[0],
  });
  return { actor: { kind: "user", userId: user.id, role } as Actor, membership, user };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const e = error as AppError;
  return { status: e.status, code: e.code, message: e.message };
}

const counts = async (organizationId: string) => ({
  invitations: await ctx.db.invitation.count({ where: { organizationId } }),
  members: await ctx.db.membership.count({ where: { organizationId } }),
  users: await ctx.db.user.count(),
});

describe("invitations", () => {
  it("an invitee without an account sets a name and password and lands in the organization with the role; the link then is used up", async () => {
    const { organization, owner } = await salon();
    const { invitation, token } = await createInvitation(ctx.db, organization, owner, {
      email: "dev@team.example",
      role: "admin",
    });
    const stored = await ctx.db.invitation.findUniqueOrThrow({ where: { id: invitation.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await describeInvitation(ctx.db, token)).toMatchObject({
      state: "valid",
      email: "dev@team.example",
      role: "admin",
      accountUserId: null,
    });
    expect((await listPendingInvitations(ctx.db, organization.id)).map((i) => i.email)).toEqual(["dev@team.example"]);

    const accepted = await acceptInvitation(ctx.db, { token, name: "Dana Dev", password: "dana-password-1" }, null);
    expect(accepted).toMatchObject({
      email: "dev@team.example",
      role: "admin",
      newAccount: true,
      organization: { slug: organization.slug },
    });
    const members = await listMembers(ctx.db, organization.id);
    expect(members.map((m) => [m.user.name, m.role])).toEqual([
      ["Olga Owner", "owner"],
      ["Dana Dev", "admin"],
    ]);
    expect(await listPendingInvitations(ctx.db, organization.id)).toEqual([]);

    const before = await counts(organization.id);
    expect(await refusal(acceptInvitation(ctx.db, { token, name: "Again", password: "another-pass-1" }, null))).toEqual(
      {
        status: 410,
        code: "gone",
        message: "This invitation link has already been used. Sign in to reach the organization.",
      },
    );
    expect((await describeInvitation(ctx.db, token))?.state).toBe("used");
    expect(await counts(organization.id)).toEqual(before);
  });

  it("an invitee who already has an account joins once signed in as it, and only then", async () => {
    const { organization, owner } = await salon();
    const other = await salon();
    const existing = await memberOf(other.organization.id, "already@team.example", "member");
    const { token } = await createInvitation(ctx.db, organization, owner, {
      email: "already@team.example",
      role: "member",
    });
    expect((await describeInvitation(ctx.db, token))?.accountUserId).toBe(existing.user.id);

    const before = await counts(organization.id);
    expect(
      await refusal(acceptInvitation(ctx.db, { token, name: "Hijack", password: "hijack-pass-1" }, null)),
    ).toMatchObject({
      status: 401,
      message:
        "You already have an Empfio account as already@team.example: sign in with it, then open this link again.",
    });
    expect(await refusal(acceptInvitation(ctx.db, { token }, other.ownerUserId))).toMatchObject({ status: 401 });
    expect(await counts(organization.id)).toEqual(before);

    const accepted = await acceptInvitation(ctx.db, { token }, existing.user.id);
    expect(accepted).toMatchObject({ newAccount: false, role: "member" });
    const user = await ctx.db.user.findUniqueOrThrow({ where: { id: existing.user.id } });
    expect(user.name).toBe("already");
    expect((await listMembers(ctx.db, organization.id)).map((m) => m.user.email)).toContain("already@team.example");
  });

  it("refuses an existing member, a role above the inviter's own, and writes nothing", async () => {
    const { organization, owner } = await salon();
    const admin = await memberOf(organization.id, `admin${n}@team.example`, "admin");
    const before = await counts(organization.id);
    expect(
      await refusal(createInvitation(ctx.db, organization, owner, { email: `admin${n}@team.example`, role: "member" })),
    ).toEqual({
      status: 409,
      code: "conflict",
      message: `admin${n}@team.example is already a member of ${organization.name}.`,
    });
    expect(
      await refusal(createInvitation(ctx.db, organization, admin.actor, { email: "boss@team.example", role: "owner" })),
    ).toEqual({
      status: 403,
      code: "forbidden",
      message: "As an admin you can invite admins and members, not owners.",
    });
    const apiKey: Actor = { kind: "api_key", apiKeyId: "k", role: "admin" };
    expect(
      await refusal(createInvitation(ctx.db, organization, apiKey, { email: "boss@team.example", role: "owner" })),
    ).toMatchObject({ status: 403 });
    expect(await counts(organization.id)).toEqual(before);
    // An admin may invite at their own level.
    await createInvitation(ctx.db, organization, admin.actor, { email: "peer@team.example", role: "admin" });
  });

  it("an expired or revoked link is refused with its reason and adds nobody; a new invitation replaces the pending one", async () => {
    const { organization, owner } = await salon();
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    const expired = await createInvitation(
      ctx.db,
      organization,
      owner,
      { email: "late@team.example", role: "member" },
      eightDaysAgo,
    );
    expect((await describeInvitation(ctx.db, expired.token))?.state).toBe("expired");
    const before = await counts(organization.id);
    expect(
      await refusal(
        acceptInvitation(ctx.db, { token: expired.token, name: "Late", password: "late-password-1" }, null),
      ),
    ).toEqual({
      status: 410,
      code: "gone",
      message: "This invitation link has expired (links last 7 days). Ask an owner or admin for a new one.",
    });
    expect(await counts(organization.id)).toEqual(before);
    expect(await ctx.db.user.findUnique({ where: { email: "late@team.example" } })).toBeNull();

    const first = await createInvitation(ctx.db, organization, owner, { email: "twice@team.example", role: "member" });
    const second = await createInvitation(ctx.db, organization, owner, { email: "twice@team.example", role: "admin" });
    expect((await describeInvitation(ctx.db, first.token))?.state).toBe("revoked");
    await revokeInvitation(ctx.db, organization.id, second.invitation.id);
    expect(
      await refusal(acceptInvitation(ctx.db, { token: second.token, name: "T", password: "twice-password" }, null)),
    ).toMatchObject({
      status: 410,
      message: "This invitation was withdrawn. Ask an owner or admin of the organization for a new one.",
    });
    expect(await refusal(acceptInvitation(ctx.db, { token: "x".repeat(43) }, null))).toMatchObject({ status: 404 });
    const elsewhere = await salon();
    expect(await refusal(revokeInvitation(ctx.db, elsewhere.organization.id, first.invitation.id))).toMatchObject({
      status: 404,
    });
  });

  it("a new invitee must give a name and a password", async () => {
    const { organization, owner } = await salon();
    const { token } = await createInvitation(ctx.db, organization, owner, {
      email: "quiet@team.example",
      role: "member",
    });
    const e = await refusal(acceptInvitation(ctx.db, { token }, null));
    expect(e).toMatchObject({
      status: 422,
      message: "name: enter your name; password: choose a password of at least 8 characters",
    });
    expect((await describeInvitation(ctx.db, token))?.state).toBe("valid");
  });

  it("two people racing with one link: exactly one joins", async () => {
    const { organization, owner } = await salon();
    const { token } = await createInvitation(ctx.db, organization, owner, {
      email: "race@team.example",
      role: "member",
    });
    const results = await Promise.allSettled([
      acceptInvitation(ctx.db, { token, name: "A", password: "race-password-1" }, null),
      acceptInvitation(ctx.db, { token, name: "B", password: "race-password-2" }, null),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await ctx.db.membership.count({ where: { organizationId: organization.id } })).toBe(2);
  });
});

describe("members", () => {
  it("owners change roles; nobody demotes or removes the last owner; a member can leave; others cannot remove", async () => {
    const { organization, owner, ownerUserId } = await salon();
    const ownerMembership = await ctx.db.membership.findFirstOrThrow({
      where: { organizationId: organization.id, userId: ownerUserId },
    });
    const admin = await memberOf(organization.id, `a${n}@team.example`, "admin");
    const member = await memberOf(organization.id, `m${n}@team.example`, "member");

    expect(await refusal(changeMemberRole(ctx.db, organization.id, owner, ownerMembership.id, "admin"))).toEqual({
      status: 409,
      code: "conflict",
      message: `owner${n}@team.example is the last owner: make someone else an owner first.`,
    });
    expect(await refusal(removeMember(ctx.db, organization.id, owner, ownerMembership.id))).toMatchObject({
      status: 409,
      message: "You are the last owner: make someone else an owner before you leave.",
    });
    expect(
      await refusal(changeMemberRole(ctx.db, organization.id, admin.actor, member.membership.id, "admin")),
    ).toMatchObject({ status: 403 });
    expect(await refusal(removeMember(ctx.db, organization.id, admin.actor, member.membership.id))).toMatchObject({
      status: 403,
      message: "Only an owner can remove members.",
    });

    expect((await changeMemberRole(ctx.db, organization.id, owner, admin.membership.id, "owner")).role).toBe("owner");
    expect((await changeMemberRole(ctx.db, organization.id, owner, ownerMembership.id, "member")).role).toBe("member");
    await removeMember(ctx.db, organization.id, member.actor, member.membership.id);
    expect((await listMembers(ctx.db, organization.id)).map((m) => [m.user.email, m.role])).toEqual([
      [`owner${n}@team.example`, "member"],
      [`a${n}@team.example`, "owner"],
    ]);
    const elsewhere = await salon();
    expect(
      await refusal(removeMember(ctx.db, elsewhere.organization.id, elsewhere.owner, admin.membership.id)),
    ).toMatchObject({ status: 404 });
  });

  it("two owners demoting each other at once leave one owner", async () => {
    const { organization, owner, ownerUserId } = await salon();
    const second = await memberOf(organization.id, `o${n}@team.example`, "owner");
    const first = await ctx.db.membership.findFirstOrThrow({
      where: { organizationId: organization.id, userId: ownerUserId },
    });
    const results = await Promise.allSettled([
      changeMemberRole(ctx.db, organization.id, owner, second.membership.id, "member"),
      changeMemberRole(ctx.db, organization.id, second.actor, first.id, "member"),
    ]);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(1);
    expect(await ctx.db.membership.count({ where: { organizationId: organization.id, role: "owner" } })).toBe(1);
  });
});
