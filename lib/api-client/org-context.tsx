"use client";

import { createContext, useContext } from "react";

// The organization slug of the current dashboard page; every API call sends it.
const OrgContext = createContext<string | null>(null);

export const OrgProvider = OrgContext.Provider;

export function useOrg(): string {
  const org = useContext(OrgContext);
  if (!org) throw new Error("useOrg must be used inside <Providers org=…>");
  return org;
}
