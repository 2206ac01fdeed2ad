-- search_words follows the words of released tracks' titles (status 'ready', moderation
-- 'approved': trackView.ts `released()`), in the transaction of every catalog write.
-- Statement triggers with transition tables: a bulk insert costs one upsert per distinct
-- word, and a play (an UPDATE of play_count) finds no changed row and writes nothing.

-- Adds 1 per word in `came` and takes 1 per word in `gone`; rows reaching 0 go. Words are
-- upserted in order, so two concurrent writers lock shared words in the same order.
CREATE FUNCTION search_words_shift(came text[], gone text[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_words AS s (word, tracks)
    SELECT w, sum(d)::int FROM (SELECT unnest(came) AS w, 1 AS d UNION ALL SELECT unnest(gone), -1) AS x
    GROUP BY w HAVING sum(d) <> 0 ORDER BY w
  ON CONFLICT (word) DO UPDATE SET tracks = s.tracks + excluded.tracks;
  DELETE FROM search_words WHERE word = ANY (gone) AND tracks <= 0;
$$;
--> statement-breakpoint
CREATE FUNCTION search_words_track_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  came text[] := '{}';
  gone text[] := '{}';
BEGIN
  -- A row counts when it is released; an UPDATE counts only rows whose words or release changed.
  IF TG_OP = 'DELETE' THEN
    SELECT coalesce(array_agg(w), '{}') INTO gone FROM old_rows o, unnest(tsvector_to_array(o.search)) AS w
      WHERE o.status = 'ready' AND o.moderation = 'approved';
  ELSIF TG_OP = 'INSERT' THEN
    SELECT coalesce(array_agg(w), '{}') INTO came FROM new_rows n, unnest(tsvector_to_array(n.search)) AS w
      WHERE n.status = 'ready' AND n.moderation = 'approved';
  ELSE
    SELECT coalesce(array_agg(w), '{}') INTO gone FROM old_rows o, unnest(tsvector_to_array(o.search)) AS w
      WHERE o.status = 'ready' AND o.moderation = 'approved'
        AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id AND n.search = o.search AND n.status = 'ready' AND n.moderation = 'approved');
    SELECT coalesce(array_agg(w), '{}') INTO came FROM new_rows n, unnest(tsvector_to_array(n.search)) AS w
      WHERE n.status = 'ready' AND n.moderation = 'approved'
        AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id AND o.search = n.search AND o.status = 'ready' AND o.moderation = 'approved');
  END IF;
  IF cardinality(came) + cardinality(gone) > 0 THEN
    PERFORM search_words_shift(came, gone);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION search_words_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM search_words;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER tracks_search_words_insert AFTER INSERT ON tracks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_words_track_changes();
--> statement-breakpoint
CREATE TRIGGER tracks_search_words_update AFTER UPDATE ON tracks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_words_track_changes();
--> statement-breakpoint
CREATE TRIGGER tracks_search_words_delete AFTER DELETE ON tracks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION search_words_track_changes();
--> statement-breakpoint
CREATE TRIGGER tracks_search_words_truncate AFTER TRUNCATE ON tracks
  FOR EACH STATEMENT EXECUTE FUNCTION search_words_clear();
--> statement-breakpoint
INSERT INTO search_words (word, tracks)
  SELECT w, count(*)::int FROM tracks t, unnest(tsvector_to_array(t.search)) AS w
  WHERE t.status = 'ready' AND t.moderation = 'approved'
  GROUP BY w;
