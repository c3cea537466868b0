-- LiteLLM's allowed_cache_controls of a key: the response cache controls its requests may set, as a JSON array
-- of names; an empty array allows any.
ALTER TABLE junction_keys ADD COLUMN allowed_cache_controls TEXT DEFAULT '[]' NOT NULL;
