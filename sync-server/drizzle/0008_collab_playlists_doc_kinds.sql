CREATE TABLE "collab_playlist_members" (
	"playlist_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	CONSTRAINT "collab_playlist_members_playlist_id_user_id_pk" PRIMARY KEY("playlist_id","user_id"),
	CONSTRAINT "collab_playlist_members_role_chk" CHECK ("collab_playlist_members"."role" in ('owner', 'editor', 'viewer'))
);
--> statement-breakpoint
CREATE TABLE "collab_playlists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "doc_snapshots" DROP CONSTRAINT "doc_snapshots_doc_id_studio_projects_id_fk";
--> statement-breakpoint
ALTER TABLE "doc_updates" DROP CONSTRAINT "doc_updates_doc_id_studio_projects_id_fk";
--> statement-breakpoint
ALTER TABLE "doc_snapshots" ALTER COLUMN "doc_id" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "doc_updates" ALTER COLUMN "doc_id" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "collab_playlist_members" ADD CONSTRAINT "collab_playlist_members_playlist_id_collab_playlists_id_fk" FOREIGN KEY ("playlist_id") REFERENCES "public"."collab_playlists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collab_playlist_members" ADD CONSTRAINT "collab_playlist_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "collab_playlists" ADD CONSTRAINT "collab_playlists_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "collab_playlist_members_user_idx" ON "collab_playlist_members" USING btree ("user_id");