-- Sign-in throttles: one row per account and per client address, claimed atomically before the
-- password hash is checked (lib/auth/login-throttle.ts). login_attempts stays as the sign-in log.
CREATE TABLE "login_throttles" (
    "key" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "login_throttles_pkey" PRIMARY KEY ("key")
);
CREATE INDEX "login_throttles_updated_at_idx" ON "login_throttles"("updated_at");
