-- Models added through the model API (LiteLLM's /model/new with store_model_in_db). litellm_params and
-- model_info are JSON text; every string in litellm_params is encrypted as LiteLLM encrypts it.
CREATE TABLE junction_models (
    model_id VARCHAR(255) NOT NULL,
    model_name VARCHAR(1024) NOT NULL,
    litellm_params TEXT NOT NULL,
    model_info TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CONSTRAINT pk_model_id PRIMARY KEY (model_id)
);

-- The cluster's configuration version, so that a whole-cluster restart continues from it.
CREATE TABLE junction_config_versions (
    name VARCHAR(64) NOT NULL,
    version BIGINT NOT NULL,
    CONSTRAINT pk_config_version_name PRIMARY KEY (name)
);
