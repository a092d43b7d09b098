-- An attempt's request body is its event's payload, stored once on the event instead of copied
-- into every attempt row (getDelivery shows it from the event). Rows written before keep theirs.
ALTER TABLE "webhook_delivery_attempts" ALTER COLUMN "request_body" DROP NOT NULL;
