-- A proven copy can be damaged later: bytes flipped or cut off in the store, the object deleted, or
-- replaced by an older object. Deep verify and retention's check record what they found here, so the
-- analytics router refuses the day by name instead of answering from bytes nobody can vouch for, and
-- the day is announced once. A check that finds the copy whole again (after an object-version
-- restore) clears it; a re-export writes a new version, which starts undamaged.
ALTER TABLE export_manifest ADD COLUMN damage text;
ALTER TABLE export_manifest ADD COLUMN damage_found_at timestamptz;
