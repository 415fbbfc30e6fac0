-- db-scheduler's table (com.github.kagkarlsson:db-scheduler 16.x), in the store's schema and with
-- its prefix, for DbScheduler: one row per due job execution, picked by exactly one instance.
-- Dialect-neutral (H2 reads BYTEA as VARBINARY).
CREATE TABLE ${prefix}scheduled_tasks (
    task_name            VARCHAR(100)  NOT NULL,
    task_instance        VARCHAR(250)  NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    picked               BOOLEAN       NOT NULL,
    picked_by            VARCHAR(100),
    last_success         TIMESTAMP(6) WITH TIME ZONE,
    last_failure         TIMESTAMP(6) WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP(6) WITH TIME ZONE,
    version              BIGINT        NOT NULL,
    priority             SMALLINT,
    CONSTRAINT ${prefix}scheduled_tasks_pk PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX ${prefix}scheduled_tasks_execution_time ON ${prefix}scheduled_tasks (execution_time);
CREATE INDEX ${prefix}scheduled_tasks_last_heartbeat ON ${prefix}scheduled_tasks (last_heartbeat);
CREATE INDEX ${prefix}scheduled_tasks_priority ON ${prefix}scheduled_tasks (priority, execution_time);
