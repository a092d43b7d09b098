-- Endpoint controls (docs/endpoint-controls.md).
-- custom_headers: header name -> value sealed with ENCRYPTION_KEY (lib/crypto/secret-box.ts).
-- rate_limit_per_second: requests per second at most, null for no limit.
-- filter: conditions on the envelope (lib/webhooks/payload-filter.ts), null to send every event.
ALTER TABLE "webhook_endpoints" ADD COLUMN "custom_headers" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "webhook_endpoints" ADD COLUMN "rate_limit_per_second" INTEGER;
ALTER TABLE "webhook_endpoints" ADD COLUMN "filter" JSONB;
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_rate_limit_per_second_check"
  CHECK ("rate_limit_per_second" IS NULL OR "rate_limit_per_second" BETWEEN 1 AND 1000);

-- The earliest moment the next request to a rate-limited endpoint may leave. Runs reserve their
-- send slots here as they claim, so a new run never bursts past the limit.
ALTER TABLE "webhook_endpoint_lanes" ADD COLUMN "next_send_at" TIMESTAMPTZ(3);

-- The payload filter as the emit applies it, in the statement that creates the deliveries. It
-- mirrors matchesFilter in lib/webhooks/payload-filter.ts (payload-filter.integration.test.ts
-- checks that the two agree on a table of cases); filters are validated before they are stored.
CREATE FUNCTION "webhook_filter_matches"(f JSONB, doc JSONB) RETURNS BOOLEAN
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  k TEXT;
  cond JSONB;
  alt JSONB;
  v JSONB;
  op TEXT;
  arg JSONB;
  ok BOOLEAN;
BEGIN
  FOR k, cond IN SELECT * FROM jsonb_each(f) LOOP
    IF k = '$or' THEN
      ok := false;
      FOR alt IN SELECT * FROM jsonb_array_elements(cond) LOOP
        IF "webhook_filter_matches"(alt, doc) THEN ok := true; EXIT; END IF;
      END LOOP;
      IF NOT ok THEN RETURN false; END IF;
      CONTINUE;
    END IF;
    v := doc #> string_to_array(k, '.');
    IF jsonb_typeof(cond) <> 'object' THEN cond := jsonb_build_object('$eq', cond); END IF;
    FOR op, arg IN SELECT * FROM jsonb_each(cond) LOOP
      ok := CASE op
        WHEN '$eq' THEN v IS NOT NULL AND v = arg
        WHEN '$ne' THEN v IS NULL OR v <> arg
        WHEN '$in' THEN v IS NOT NULL AND EXISTS (SELECT 1 FROM jsonb_array_elements(arg) a WHERE a = v)
        WHEN '$nin' THEN v IS NULL OR NOT EXISTS (SELECT 1 FROM jsonb_array_elements(arg) a WHERE a = v)
        WHEN '$exists' THEN (v IS NOT NULL) = (arg = 'true'::jsonb)
        ELSE v IS NOT NULL AND jsonb_typeof(v) = jsonb_typeof(arg) AND CASE
          WHEN jsonb_typeof(arg) = 'number' THEN CASE op
            WHEN '$gt' THEN (v #>> '{}')::numeric > (arg #>> '{}')::numeric
            WHEN '$gte' THEN (v #>> '{}')::numeric >= (arg #>> '{}')::numeric
            WHEN '$lt' THEN (v #>> '{}')::numeric < (arg #>> '{}')::numeric
            WHEN '$lte' THEN (v #>> '{}')::numeric <= (arg #>> '{}')::numeric
            ELSE false END
          WHEN jsonb_typeof(arg) = 'string' THEN CASE op
            WHEN '$gt' THEN (v #>> '{}') COLLATE "C" > (arg #>> '{}') COLLATE "C"
            WHEN '$gte' THEN (v #>> '{}') COLLATE "C" >= (arg #>> '{}') COLLATE "C"
            WHEN '$lt' THEN (v #>> '{}') COLLATE "C" < (arg #>> '{}') COLLATE "C"
            WHEN '$lte' THEN (v #>> '{}') COLLATE "C" <= (arg #>> '{}') COLLATE "C"
            ELSE false END
          ELSE false END
      END;
      IF NOT coalesce(ok, false) THEN RETURN false; END IF;
    END LOOP;
  END LOOP;
  RETURN true;
END $$;
