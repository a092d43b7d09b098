"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { InviteInput, Role } from "@/lib/organizations/team-schemas";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { Invitation, Member } from "./types";

export function useMembers() {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.members(org),
    queryFn: async () => (await fetchJson<{ data: Member[] }>(org, "/members")).data,
  });
}

export function useInvitations(enabled: boolean) {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.invitations(org),
    queryFn: async () => (await fetchJson<{ data: Invitation[] }>(org, "/invitations")).data,
    enabled,
  });
}

export function useInvite() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) =>
      fetchJson<{ invitation: Invitation; link: string; emailed: boolean }>(org, "/invitations", {
        method: "POST",
        body: input,
      }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.invitations(org) }),
  });
}

export function useRevokeInvitation() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<void>(org, `/invitations/${id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.invitations(org) }),
  });
}

export function useChangeRole() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) =>
      fetchJson<{ member: Member }>(org, `/members/${id}`, { method: "PATCH", body: { role } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: [org] }),
  });
}

export function useRemoveMember() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<void>(org, `/members/${id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.members(org) }),
  });
}
