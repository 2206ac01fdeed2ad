DROP INDEX "artists_name_trgm_idx";--> statement-breakpoint
DROP INDEX "tracks_search_idx";--> statement-breakpoint
DROP INDEX "tracks_title_trgm_idx";--> statement-breakpoint
CREATE INDEX "artists_name_trgm_idx" ON "artists" USING gin ("name" gin_trgm_ops) WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "tracks_search_idx" ON "tracks" USING gin ("search") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "tracks_title_trgm_idx" ON "tracks" USING gin ("title" gin_trgm_ops) WITH (fastupdate=false);