-- Inbound security state shared by every instance on the database. Dialect-neutral (PostgreSQL
-- and H2).

-- Send caps: one counter per scope, key and window. scope is destination_per_day (scope_key: the
-- SHA-256 of the E.164 number, window_no: the UTC epoch day), country_per_hour (the region code,
-- the epoch hour) or campaign (the campaign id, window_no 0). Counted only by JdbcSendCaps with
-- conditional UPDATEs (used < cap), so racing instances never exceed a cap.
CREATE TABLE ${prefix}send_caps (
    scope     VARCHAR(32)   NOT NULL,
    scope_key VARCHAR(1000) NOT NULL,
    window_no BIGINT        NOT NULL,
    used      BIGINT        NOT NULL,
    CONSTRAINT ${prefix}send_caps_pk PRIMARY KEY (scope, scope_key, window_no)
);
CREATE INDEX ${prefix}send_caps_window ON ${prefix}send_caps (scope, window_no);

-- The current listener token of each named listener (a capability URL's secret part), so that a
-- rotation holds for every instance at once.
CREATE TABLE ${prefix}listener_tokens (
    name       VARCHAR(200) NOT NULL,
    token      VARCHAR(200) NOT NULL,
    rotated_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT ${prefix}listener_tokens_pk PRIMARY KEY (name)
);
