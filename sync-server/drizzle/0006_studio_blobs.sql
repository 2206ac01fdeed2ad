CREATE TABLE "project_blobs" (
	"project_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "project_blobs_project_id_sha256_pk" PRIMARY KEY("project_id","sha256"),
	CONSTRAINT "project_blobs_sha256_chk" CHECK ("project_blobs"."sha256" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "project_blobs_size_chk" CHECK ("project_blobs"."size_bytes" > 0)
);
--> statement-breakpoint
ALTER TABLE "project_blobs" ADD CONSTRAINT "project_blobs_project_id_studio_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."studio_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_blobs" ADD CONSTRAINT "project_blobs_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_blobs_sha256_idx" ON "project_blobs" USING btree ("sha256");