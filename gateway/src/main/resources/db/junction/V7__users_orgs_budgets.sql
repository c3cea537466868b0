-- Users and their team memberships, organisations and theirs, budgets and end users (issue 17). Runs unchanged on
-- PostgreSQL 15 and on H2 2.x in PostgreSQL mode. Times are epoch milliseconds; lists, maps and metadata are JSON
-- text. Constraint names are matched by Sql to tell which field a duplicate is about. spend_write_id is the id
-- of the last spend write applied to a row (see V2_1): the cluster repeats a write it could not confirm.

-- A budget (LiteLLM's LiteLLM_BudgetTable): limits that end users and organisations reference by budget_id.
CREATE TABLE junction_budgets (
    budget_id VARCHAR(255) NOT NULL,
    max_budget DOUBLE PRECISION,
    soft_budget DOUBLE PRECISION,
    max_parallel_requests INTEGER,
    tpm_limit BIGINT,
    rpm_limit BIGINT,
    model_max_budget TEXT NOT NULL,
    budget_duration VARCHAR(64),
    budget_reset_at BIGINT,
    created_by TEXT,
    updated_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT junction_budgets_pk_budget_id PRIMARY KEY (budget_id)
);

CREATE TABLE junction_users (
    user_id VARCHAR(255) NOT NULL,
    user_email VARCHAR(255),
    -- The e-mail in lower case: LiteLLM refuses a second user with the same e-mail in any case.
    email_key VARCHAR(255),
    user_alias TEXT,
    user_role VARCHAR(64) NOT NULL,
    models TEXT NOT NULL,
    max_budget DOUBLE PRECISION,
    budget_duration VARCHAR(64),
    budget_reset_at BIGINT,
    rpm_limit BIGINT,
    tpm_limit BIGINT,
    max_parallel_requests INTEGER,
    metadata TEXT NOT NULL,
    spend DOUBLE PRECISION DEFAULT 0 NOT NULL,
    spend_write_id VARCHAR(64),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT junction_users_pk_user_id PRIMARY KEY (user_id),
    CONSTRAINT junction_users_uq_user_email UNIQUE (email_key)
);

CREATE INDEX junction_users_created ON junction_users (created_at);

-- A user's membership of a team (LiteLLM's members_with_roles and LiteLLM_TeamMembership in one row).
CREATE TABLE junction_team_members (
    team_id VARCHAR(255) NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    user_email VARCHAR(255),
    role VARCHAR(16) NOT NULL,
    max_budget_in_team DOUBLE PRECISION,
    spend DOUBLE PRECISION DEFAULT 0 NOT NULL,
    spend_write_id VARCHAR(64),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT junction_team_members_pk PRIMARY KEY (team_id, user_id)
);

CREATE INDEX junction_team_members_user ON junction_team_members (user_id);

CREATE TABLE junction_organizations (
    organization_id VARCHAR(255) NOT NULL,
    organization_alias TEXT,
    budget_id VARCHAR(255) NOT NULL,
    models TEXT NOT NULL,
    metadata TEXT NOT NULL,
    spend DOUBLE PRECISION DEFAULT 0 NOT NULL,
    spend_write_id VARCHAR(64),
    budget_reset_at BIGINT,
    created_by TEXT,
    updated_by TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT junction_organizations_pk_organization_id PRIMARY KEY (organization_id)
);

CREATE TABLE junction_org_members (
    organization_id VARCHAR(255) NOT NULL,
    user_id VARCHAR(255) NOT NULL,
    user_role VARCHAR(64) NOT NULL,
    spend DOUBLE PRECISION DEFAULT 0 NOT NULL,
    budget_id VARCHAR(255),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT junction_org_members_pk PRIMARY KEY (organization_id, user_id)
);

CREATE INDEX junction_org_members_user ON junction_org_members (user_id);

-- LiteLLM's end users (customers): the request's "user" field.
CREATE TABLE junction_end_users (
    user_id VARCHAR(255) NOT NULL,
    alias TEXT,
    blocked BOOLEAN DEFAULT FALSE NOT NULL,
    spend DOUBLE PRECISION DEFAULT 0 NOT NULL,
    spend_write_id VARCHAR(64),
    allowed_model_region VARCHAR(16),
    default_model TEXT,
    budget_id VARCHAR(255),
    budget_reset_at BIGINT,
    metadata TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT junction_end_users_pk_user_id PRIMARY KEY (user_id)
);

CREATE INDEX junction_end_users_budget ON junction_end_users (budget_id);

ALTER TABLE junction_teams ADD COLUMN organization_id VARCHAR(255);
CREATE INDEX junction_teams_organization ON junction_teams (organization_id);
-- junction_keys.user_id stays TEXT without an index: stores made before the admin API held ids to 255 characters
-- may hold longer ones, which a PostgreSQL index refuses past about 2,700 bytes. Keys are looked up by user on
-- admin routes only.
