-- The runtime's state beside the journal: the campaign ledger, processed inbound ids, campaign
-- claims (leases) and the embedded scheduler's jobs. Dialect-neutral (PostgreSQL and H2).

-- One row per campaign + channel; metric days as a comma-separated list, attributes as
-- URL-encoded name=value pairs joined by '&' (both written and read only by JdbcCampaignLedger).
CREATE TABLE ${prefix}campaign_ledger (
    record_key       VARCHAR(1300) NOT NULL,
    campaign_id      VARCHAR(1000) NOT NULL,
    channel          VARCHAR(256)  NOT NULL,
    send_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP(6) WITH TIME ZONE,
    metric_days_done VARCHAR(1000) NOT NULL,
    attributes       VARCHAR(1000000) NOT NULL,
    CONSTRAINT ${prefix}campaign_ledger_pk PRIMARY KEY (record_key)
);

-- Inbound ids already handled, kept until they expire.
CREATE TABLE ${prefix}processed_ids (
    namespace  VARCHAR(200)  NOT NULL,
    id         VARCHAR(1000) NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}processed_ids_pk PRIMARY KEY (namespace, id)
);
CREATE INDEX ${prefix}processed_ids_expiry ON ${prefix}processed_ids (expires_at);

-- A lease per claimed key: one instance executes a campaign at a time.
CREATE TABLE ${prefix}campaign_claims (
    claim_key  VARCHAR(1300) NOT NULL,
    owner      VARCHAR(256)  NOT NULL,
    expires_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}campaign_claims_pk PRIMARY KEY (claim_key)
);

-- The jobs of an embedded ClockScheduler kept in the database (one process at a time).
CREATE TABLE ${prefix}jobs (
    job_key     VARCHAR(200)  NOT NULL,
    next_run_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    daily_at    VARCHAR(20),
    zone        VARCHAR(100),
    state       VARCHAR(16)   NOT NULL,
    runs        INTEGER       NOT NULL,
    failures    INTEGER       NOT NULL,
    last_error  VARCHAR(4000) NOT NULL,
    CONSTRAINT ${prefix}jobs_pk PRIMARY KEY (job_key)
);
CREATE INDEX ${prefix}jobs_due ON ${prefix}jobs (state, next_run_at);
