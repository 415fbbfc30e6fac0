-- The execution journal: the latest state of each recipient of each campaign run, one row per
-- (campaign, customer); recording a new state replaces the row (the latest entry wins).
-- Dialect-neutral: runs as-is on PostgreSQL and H2. ${prefix} is the store's table prefix.
CREATE TABLE ${prefix}journal (
    campaign_id     VARCHAR(1000) NOT NULL,
    customer_id     VARCHAR(256)  NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    idempotency_key VARCHAR(255)  NOT NULL,
    recorded_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    detail          VARCHAR(1000000) NOT NULL,
    CONSTRAINT ${prefix}journal_pk PRIMARY KEY (campaign_id, customer_id)
);
