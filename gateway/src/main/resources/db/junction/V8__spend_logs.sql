-- One row per call (LiteLLM's LiteLLM_SpendLogs), written in batches off the request path (issue 17). Times are
-- epoch milliseconds. A client may send the same x-litellm-call-id twice, so request_id is indexed, not unique.
CREATE TABLE junction_spend_logs (
    request_id VARCHAR(255) NOT NULL,
    call_type VARCHAR(64) NOT NULL,
    api_key VARCHAR(255),
    key_alias VARCHAR(255),
    user_id VARCHAR(255),
    team_id VARCHAR(255),
    organization_id VARCHAR(255),
    end_user VARCHAR(255),
    -- Grouped by in the spend reports: bounded, so that no group or index meets a huge value; longer ones are cut.
    model VARCHAR(1024),
    model_group VARCHAR(1024),
    model_id VARCHAR(1024),
    api_base TEXT,
    custom_llm_provider VARCHAR(64),
    prompt_tokens BIGINT NOT NULL,
    completion_tokens BIGINT NOT NULL,
    total_tokens BIGINT NOT NULL,
    spend DOUBLE PRECISION NOT NULL,
    start_time BIGINT NOT NULL,
    end_time BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    cache_hit BOOLEAN DEFAULT FALSE NOT NULL
);

CREATE INDEX junction_spend_logs_start ON junction_spend_logs (start_time);
CREATE INDEX junction_spend_logs_request ON junction_spend_logs (request_id);
CREATE INDEX junction_spend_logs_key ON junction_spend_logs (api_key, start_time);
CREATE INDEX junction_spend_logs_user ON junction_spend_logs (user_id, start_time);
