-- A blob whose last project link goes (a project deleted: the links cascade; an asset
-- unlinked) becomes a candidate of the project blob collector (services/studio/projectBlobGc.ts),
-- its grace period starting now. A statement trigger with a transition table: deleting a
-- project with thousands of assets is one insert.
CREATE FUNCTION project_blob_orphans_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO project_blob_orphans AS o (sha256, since)
    SELECT DISTINCT g.sha256, now() FROM gone g
    WHERE NOT EXISTS (SELECT 1 FROM project_blobs p WHERE p.sha256 = g.sha256)
    ORDER BY g.sha256
  ON CONFLICT (sha256) DO UPDATE SET since = excluded.since;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER project_blob_orphans_on_delete AFTER DELETE ON project_blobs
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION project_blob_orphans_track();
