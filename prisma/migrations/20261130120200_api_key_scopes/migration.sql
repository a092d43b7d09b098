-- API keys get a scope and an optional expiry. Keys made before scopes acted as admins: they
-- keep "manage"; new keys are read-only unless created otherwise.
ALTER TABLE "api_keys" ADD COLUMN "scope" TEXT NOT NULL DEFAULT 'manage';
ALTER TABLE "api_keys" ALTER COLUMN "scope" SET DEFAULT 'read_only';
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_scope_check" CHECK ("scope" IN ('read_only', 'manage'));
ALTER TABLE "api_keys" ADD COLUMN "expires_at" TIMESTAMPTZ(3);
