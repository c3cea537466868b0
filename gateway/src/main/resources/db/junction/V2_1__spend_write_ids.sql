-- The id of the last spend write applied to each row. The cluster writes spend under an id it keeps until the
-- write is confirmed; a write repeated because its member died before confirming it carries the same id and is
-- skipped, so no spend is counted twice.
ALTER TABLE junction_keys ADD COLUMN spend_write_id VARCHAR(64);
ALTER TABLE junction_teams ADD COLUMN spend_write_id VARCHAR(64);
