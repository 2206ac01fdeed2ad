CREATE TABLE "project_blob_orphans" (
	"sha256" text PRIMARY KEY NOT NULL,
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "project_blob_orphans_sha256_chk" CHECK ("project_blob_orphans"."sha256" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE INDEX "project_blob_orphans_since_idx" ON "project_blob_orphans" USING btree ("since");