-- When a day was brought back into PostgreSQL from its lake copy; retention leaves such a day hot
-- for tokyoia.retention.reimport-keep-days before it may go again.
ALTER TABLE export_manifest ADD COLUMN reimported_at timestamptz;
