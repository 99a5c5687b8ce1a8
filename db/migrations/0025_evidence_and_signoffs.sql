CREATE TABLE "evidence_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"focus_point_id" integer,
	"item_id" integer,
	"file_name" text NOT NULL,
	"kind" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evidence_files_one_target" CHECK (("evidence_files"."focus_point_id" is null) <> ("evidence_files"."item_id" is null)),
	CONSTRAINT "evidence_files_kind_valid" CHECK ("evidence_files"."kind" in ('pdf','png','jpeg','webp','docx','xlsx','pptx')),
	CONSTRAINT "evidence_files_size" CHECK ("evidence_files"."size_bytes" > 0 and "evidence_files"."size_bytes" = octet_length("evidence_files"."content"))
);
--> statement-breakpoint
CREATE TABLE "report_signoffs" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"kind" text NOT NULL,
	"user_id" integer,
	"signer_name" text NOT NULL,
	"report_hash" text NOT NULL,
	"on_date" date,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_signoffs_kind_valid" CHECK ("report_signoffs"."kind" in ('management','safety_rep','employees_informed','sent_to_at')),
	CONSTRAINT "report_signoffs_date" CHECK ("report_signoffs"."kind" not in ('sent_to_at','employees_informed') or "report_signoffs"."on_date" is not null)
);
--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_focus_point_id_focus_points_id_fk" FOREIGN KEY ("focus_point_id") REFERENCES "public"."focus_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_item_id_action_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."action_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_files" ADD CONSTRAINT "evidence_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_signoffs" ADD CONSTRAINT "report_signoffs_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_signoffs" ADD CONSTRAINT "report_signoffs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_files_plan_idx" ON "evidence_files" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "report_signoffs_plan_idx" ON "report_signoffs" USING btree ("plan_id","signed_at");