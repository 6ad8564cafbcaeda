-- Where each version's copy lives: the store's kind (local or s3) and root URI, and the catalog it was
-- published to (none, trino, glue), so that analytics refuses a day no configured engine can reach
-- (409 naming where it is) instead of failing in the engine, and a lake can be moved version by
-- version. NULL: not recorded (written before this migration, or by a writer that does not say).
ALTER TABLE export_manifest
    ADD COLUMN store_kind text CHECK (store_kind IN ('local', 's3')),
    ADD COLUMN store_uri text,
    ADD COLUMN lake_catalog text CHECK (lake_catalog IN ('none', 'trino', 'glue'));

-- Copies written before: the local store reported its objects' storage class as LOCAL, S3 its own
-- classes; the root and the catalog were not kept (a local lake has no catalog).
UPDATE export_manifest SET store_kind = 'local', lake_catalog = 'none' WHERE storage_class = 'LOCAL';
UPDATE export_manifest SET store_kind = 's3'
    WHERE storage_class IS NOT NULL AND storage_class NOT IN ('LOCAL', 'MISSING');
