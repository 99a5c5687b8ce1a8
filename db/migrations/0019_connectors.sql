CREATE TABLE "column_mappings" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"columns" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"values" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "column_mappings_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "connection_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"connection_id" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"full" boolean DEFAULT false NOT NULL,
	"actor" text,
	"outcome" text NOT NULL,
	"problem" jsonb,
	"import_ids" integer[],
	"rows_read" integer DEFAULT 0 NOT NULL,
	"rows_changed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "connection_runs_outcome_valid" CHECK ("connection_runs"."outcome" in ('accepted','unchanged','failed'))
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"scheduled" boolean DEFAULT true NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" jsonb,
	"last_success_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connections_name_unique" UNIQUE("name"),
	CONSTRAINT "connections_source_valid" CHECK ("connections"."source" in ('os2mo','opus','sd','file'))
);
--> statement-breakpoint
ALTER TABLE "employments" DROP CONSTRAINT "employments_end_reason_valid";--> statement-breakpoint
ALTER TABLE "import_log" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "column_mappings" ADD CONSTRAINT "column_mappings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connection_runs" ADD CONSTRAINT "connection_runs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connection_runs_connection_idx" ON "connection_runs" USING btree ("connection_id","started_at");--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_end_reason_valid" CHECK ("employments"."end_reason" is null or "employments"."end_reason" in ('resignation','dismissal','retirement','fixed_term_end','internal_transfer','other','unknown'));