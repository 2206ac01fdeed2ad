CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"name" text NOT NULL,
	"platform" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "offline_licences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"track_id" uuid NOT NULL,
	"quality" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"offline_until" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	CONSTRAINT "offline_licences_quality_chk" CHECK ("offline_licences"."quality" in ('low', 'normal', 'high', 'lossless')),
	CONSTRAINT "offline_licences_reason_chk" CHECK ("offline_licences"."revoked_reason" is null or "offline_licences"."revoked_reason" in ('device_removed', 'entitlement_ended', 'track_unavailable', 'released'))
);
--> statement-breakpoint
CREATE TABLE "covers" (
	"id" text PRIMARY KEY NOT NULL,
	"uploaded_by" uuid,
	"content_type" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"size_bytes" bigint NOT NULL,
	"thumb_300" text NOT NULL,
	"thumb_600" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "covers_id_chk" CHECK ("covers"."id" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "moderation_decisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"track_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "moderation_decisions_decision_chk" CHECK ("moderation_decisions"."decision" in ('approved', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "albums" ADD COLUMN "cover_id" text;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "moderation_reason" text;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "bpm" real;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "musical_key" text;--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "cover_id" text;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_licences" ADD CONSTRAINT "offline_licences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_licences" ADD CONSTRAINT "offline_licences_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_licences" ADD CONSTRAINT "offline_licences_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "covers" ADD CONSTRAINT "covers_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_track_id_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "devices_active_client_key" ON "devices" USING btree ("user_id","client_id") WHERE "devices"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "devices_user_idx" ON "devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "offline_licences_device_idx" ON "offline_licences" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "offline_licences_user_track_idx" ON "offline_licences" USING btree ("user_id","track_id");--> statement-breakpoint
CREATE INDEX "moderation_decisions_track_idx" ON "moderation_decisions" USING btree ("track_id","created_at");