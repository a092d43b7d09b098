import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { servesHttps } from "@/lib/config/public-url";
import { getDb } from "@/lib/db/client";
import { authenticate, authMessage } from "./authenticate";
import { clientAddress, trustedProxyHops } from "./client-address";

function forwardedFor(headers: Record<string, unknown> | undefined): string | undefined {
  const value = headers?.["x-forwarded-for"];
  return typeof value === "string" ? value : undefined;
}

export const authOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET,
  // With an https public URL: `__Secure-` prefixed, Secure cookies.
  useSecureCookies: servesHttps(),
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const ip = clientAddress(forwardedFor(req.headers), trustedProxyHops());
        const result = await authenticate(getDb(), credentials?.email, credentials?.password, ip);
        if (result.ok) return result.user;
        // next-auth passes a thrown message to the sign-in page as `error`.
        throw new Error(authMessage(result));
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
};
