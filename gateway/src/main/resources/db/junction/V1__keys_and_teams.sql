-- Virtual keys and teams (issue 5). Runs unchanged on PostgreSQL 15 and on H2 2.x in PostgreSQL mode.
-- Times are epoch milliseconds; models, aliases and metadata are JSON text.
-- Constraint names are matched by JdbcKeyStore to tell which field a duplicate is about.

CREATE TABLE junction_teams (
    team_id VARCHAR(255) NOT NULL,
    team_alias TEXT,
    models TEXT NOT NULL,
    model_aliases TEXT NOT NULL,
    max_budget DOUBLE PRECISION,
    budget_duration VARCHAR(64),
    budget_reset_at BIGINT,
    rpm_limit BIGINT,
    tpm_limit BIGINT,
    max_parallel_requests INTEGER,
    metadata TEXT NOT NULL,
    spend DOUBLE PRECISION DEFAULT 0 NOT NULL,
    blocked BOOLEAN DEFAULT FALSE NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT junction_teams_pk_team_id PRIMARY KEY (team_id)
);

CREATE TABLE junction_keys (
    token VARCHAR(255) NOT NULL,
    key_name TEXT,
    key_alias VARCHAR(255),
    models TEXT NOT NULL,
    expires BIGINT,
    max_budget DOUBLE PRECISION,
    budget_duration VARCHAR(64),
    budget_reset_at BIGINT,
    rpm_limit BIGINT,
    tpm_limit BIGINT,
    max_parallel_requests INTEGER,
    metadata TEXT NOT NULL,
    aliases TEXT NOT NULL,
    team_id VARCHAR(255),
    user_id TEXT,
    spend DOUBLE PRECISION DEFAULT 0 NOT NULL,
    blocked BOOLEAN DEFAULT FALSE NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT junction_keys_pk_token PRIMARY KEY (token),
    -- Several NULL aliases are allowed on both databases (NULLs are distinct).
    CONSTRAINT junction_keys_uq_key_alias UNIQUE (key_alias)
);

CREATE INDEX junction_keys_team_created ON junction_keys (team_id, created_at);
CREATE INDEX junction_keys_created ON junction_keys (created_at);
