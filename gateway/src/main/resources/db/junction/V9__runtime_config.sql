-- Settings changed at run time through /config/update (store_model_in_db), one JSON value per section, as
-- LiteLLM keeps them in its LiteLLM_Config table (param_name 'router_settings', ...).
CREATE TABLE junction_config (
    param_name VARCHAR(64) NOT NULL,
    param_value TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT pk_config_param_name PRIMARY KEY (param_name)
);
