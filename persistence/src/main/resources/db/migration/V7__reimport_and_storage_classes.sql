-- When a day was brought back into PostgreSQL from its lake copy; retention leaves such a day hot
-- for tokyoia.retention.reimport-keep-days before it may go again.
ALTER TABLE export_manifest ADD COLUMN reimported_at timestamptz;

-- Storage classes and restores from the archive: when the storage class was last read from the
-- store, and a restore's request, tier and the time its restored copy stays readable.
ALTER TABLE export_manifest ADD COLUMN storage_checked_at timestamptz;
ALTER TABLE export_manifest ADD COLUMN restore_requested_at timestamptz;
ALTER TABLE export_manifest ADD COLUMN restore_tier text;
ALTER TABLE export_manifest ADD COLUMN restored_until timestamptz;
