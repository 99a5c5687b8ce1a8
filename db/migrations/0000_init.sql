CREATE TABLE "case_types" (
	"key" text PRIMARY KEY NOT NULL,
	"label_da" text NOT NULL,
	"label_en" text NOT NULL,
	"default_complexity" smallint NOT NULL,
	"specialised" boolean DEFAULT false NOT NULL,
	CONSTRAINT "case_types_complexity" CHECK ("case_types"."default_complexity" between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "emotional_flags" (
	"key" text PRIMARY KEY NOT NULL,
	"label_da" text NOT NULL,
	"label_en" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_settings" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"weight_complexity_1" numeric DEFAULT 1 NOT NULL,
	"weight_complexity_2" numeric DEFAULT 1.5 NOT NULL,
	"weight_complexity_3" numeric DEFAULT 2 NOT NULL,
	"min_respondents" integer DEFAULT 5 NOT NULL,
	CONSTRAINT "organisation_settings_single_row" CHECK ("organisation_settings"."id" = 1),
	CONSTRAINT "organisation_settings_min_respondents" CHECK ("organisation_settings"."min_respondents" >= 5),
	CONSTRAINT "organisation_settings_weights_positive" CHECK ("organisation_settings"."weight_complexity_1" > 0 and "organisation_settings"."weight_complexity_2" > 0 and "organisation_settings"."weight_complexity_3" > 0)
);
--> statement-breakpoint
CREATE TABLE "unit_closure" (
	"ancestor_id" integer NOT NULL,
	"descendant_id" integer NOT NULL,
	"depth" integer NOT NULL,
	CONSTRAINT "unit_closure_ancestor_id_descendant_id_pk" PRIMARY KEY("ancestor_id","descendant_id"),
	CONSTRAINT "unit_closure_depth_nonneg" CHECK ("unit_closure"."depth" >= 0)
);
--> statement-breakpoint
CREATE TABLE "unit_settings" (
	"unit_id" integer PRIMARY KEY NOT NULL,
	"cases_per_fte_threshold" numeric,
	"weighted_load_threshold" numeric,
	"emotional_share_pct_threshold" numeric,
	"turnover_12m_pct_threshold" numeric,
	"case_holding_roles" text[],
	CONSTRAINT "unit_settings_positive" CHECK (coalesce("unit_settings"."cases_per_fte_threshold", 1) > 0 and coalesce("unit_settings"."weighted_load_threshold", 1) > 0
      and coalesce("unit_settings"."emotional_share_pct_threshold", 1) > 0 and coalesce("unit_settings"."turnover_12m_pct_threshold", 1) > 0)
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" integer,
	"kind" text NOT NULL,
	"district" text,
	"rollout_date" date,
	CONSTRAINT "units_code_unique" UNIQUE("code"),
	CONSTRAINT "units_kind_valid" CHECK ("units"."kind" in ('organisation','area','centre','department','cluster','team')),
	CONSTRAINT "units_not_own_parent" CHECK ("units"."parent_id" is null or "units"."parent_id" <> "units"."id")
);
--> statement-breakpoint
CREATE TABLE "wellbeing_dimensions" (
	"key" text PRIMARY KEY NOT NULL,
	"label_da" text NOT NULL,
	"label_en" text NOT NULL,
	"higher_is_better" boolean NOT NULL,
	"at_theme" text
);
--> statement-breakpoint
CREATE TABLE "competences" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"employee_id" text NOT NULL,
	"case_type" text NOT NULL,
	"valid_from" date,
	CONSTRAINT "competences_key" UNIQUE NULLS NOT DISTINCT("employee_id","case_type","valid_from")
);
--> statement-breakpoint
CREATE TABLE "employees" (
	"id" text PRIMARY KEY NOT NULL,
	"display_name" text,
	CONSTRAINT "employees_no_cpr" CHECK ("employees"."id" !~ '^[0-9]{6}-?[0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "employments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"employee_id" text NOT NULL,
	"unit_id" integer NOT NULL,
	"role" text NOT NULL,
	"is_manager" boolean NOT NULL,
	"fte" numeric(6, 4) NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"end_reason" text,
	CONSTRAINT "employments_key" UNIQUE("employee_id","unit_id","start_date"),
	CONSTRAINT "employments_role_valid" CHECK ("employments"."role" in ('caseworker','specialist','psychologist','health_visitor','administrative','manager','other')),
	CONSTRAINT "employments_fte_range" CHECK ("employments"."fte" > 0 and "employments"."fte" <= 1.5),
	CONSTRAINT "employments_end_after_start" CHECK ("employments"."end_date" is null or "employments"."end_date" >= "employments"."start_date"),
	CONSTRAINT "employments_end_reason_with_end" CHECK (("employments"."end_date" is null) = ("employments"."end_reason" is null)),
	CONSTRAINT "employments_end_reason_valid" CHECK ("employments"."end_reason" is null or "employments"."end_reason" in ('resignation','dismissal','retirement','fixed_term_end','internal_transfer','other'))
);
--> statement-breakpoint
CREATE TABLE "case_periods" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date,
	"unit_id" integer NOT NULL,
	"caseworker_id" text,
	"case_type" text NOT NULL,
	"complexity" smallint NOT NULL,
	"emotional_flags" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "case_periods_end_after_start" CHECK ("case_periods"."period_end" is null or "case_periods"."period_end" >= "case_periods"."period_start"),
	CONSTRAINT "case_periods_complexity" CHECK ("case_periods"."complexity" between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "survey_results" (
	"survey_round" text NOT NULL,
	"unit_id" integer NOT NULL,
	"dimension" text NOT NULL,
	"score" numeric NOT NULL,
	"respondents" integer NOT NULL,
	"invited" integer,
	CONSTRAINT "survey_results_survey_round_unit_id_dimension_pk" PRIMARY KEY("survey_round","unit_id","dimension"),
	CONSTRAINT "survey_results_score_range" CHECK ("survey_results"."score" >= 0 and "survey_results"."score" <= 100),
	CONSTRAINT "survey_results_respondents_nonneg" CHECK ("survey_results"."respondents" >= 0),
	CONSTRAINT "survey_results_invited" CHECK ("survey_results"."invited" is null or "survey_results"."invited" >= "survey_results"."respondents")
);
--> statement-breakpoint
CREATE TABLE "survey_rounds" (
	"key" text PRIMARY KEY NOT NULL,
	"closed_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"actor" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"unit_id" integer,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "committee_units" (
	"committee_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	CONSTRAINT "committee_units_key" UNIQUE("committee_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "committees" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'med' NOT NULL,
	CONSTRAINT "committees_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "import_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"actor" text,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"rows_total" integer DEFAULT 0 NOT NULL,
	"rows_changed" integer DEFAULT 0 NOT NULL,
	"outcome" text NOT NULL,
	"errors" jsonb,
	"warnings" jsonb,
	"affected_unit_ids" integer[],
	"affected_from" date,
	"affected_to" date,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"role" text NOT NULL,
	"unit_id" integer,
	"committee_id" integer,
	CONSTRAINT "user_roles_key" UNIQUE NULLS NOT DISTINCT("user_id","role","unit_id","committee_id"),
	CONSTRAINT "user_roles_role_valid" CHECK ("user_roles"."role" in ('admin','hr','director','med','manager')),
	CONSTRAINT "user_roles_med_has_committee" CHECK ("user_roles"."role" <> 'med' or "user_roles"."committee_id" is not null),
	CONSTRAINT "user_roles_manager_has_unit" CHECK ("user_roles"."role" <> 'manager' or "user_roles"."unit_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"external_issuer" text,
	"external_subject" text,
	"employee_id" text,
	"language" text DEFAULT 'da' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_external_identity" UNIQUE("external_issuer","external_subject")
);
--> statement-breakpoint
CREATE TABLE "action_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"focus_point_id" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"owner_user_id" integer,
	"owner_name" text,
	"due_date" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"cancel_reason" text,
	"done_on" date,
	"verified_by" integer,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_items_status_valid" CHECK ("action_items"."status" in ('planned','in_progress','done','verified','cancelled')),
	CONSTRAINT "action_items_cancel_reason" CHECK ("action_items"."status" <> 'cancelled' or coalesce("action_items"."cancel_reason", '') <> ''),
	CONSTRAINT "action_items_verified_fields" CHECK ("action_items"."status" <> 'verified' or "action_items"."verified_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "action_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"committee_id" integer,
	"title" text NOT NULL,
	"description" text,
	"source_kind" text NOT NULL,
	"at_reference" text,
	"at_reaction" text,
	"at_visit_date" date,
	"at_decision_date" date,
	"at_themes" text[],
	"deadline" date,
	"appeal_status" text DEFAULT 'none' NOT NULL,
	"apv_round" text,
	"survey_round" text,
	"status" text DEFAULT 'open' NOT NULL,
	"reported_back_on" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_plans_at_fields" CHECK ("action_plans"."source_kind" <> 'at_decision' or ("action_plans"."at_reaction" is not null and "action_plans"."at_decision_date" is not null)),
	CONSTRAINT "action_plans_decision_after_visit" CHECK ("action_plans"."at_visit_date" is null or "action_plans"."at_decision_date" is null or "action_plans"."at_decision_date" >= "action_plans"."at_visit_date")
);
--> statement-breakpoint
CREATE TABLE "committee_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"committee_id" integer NOT NULL,
	"review_date" date NOT NULL,
	"attendees" text,
	"decisions" text NOT NULL,
	"next_review_date" date,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "committee_reviews_next_after" CHECK ("committee_reviews"."next_review_date" is null or "committee_reviews"."next_review_date" > "committee_reviews"."review_date")
);
--> statement-breakpoint
CREATE TABLE "focus_points" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "item_evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"noted_on" date NOT NULL,
	"note" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"item_id" integer,
	"plan_id" integer,
	"message" text NOT NULL,
	"for_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	CONSTRAINT "notifications_once" UNIQUE NULLS NOT DISTINCT("user_id","kind","item_id")
);
--> statement-breakpoint
CREATE TABLE "hr_events" (
	"unit_id" integer NOT NULL,
	"population" text NOT NULL,
	"event_date" date NOT NULL,
	"employee_id" text NOT NULL,
	"kind" text NOT NULL,
	"internal_transfer" boolean DEFAULT false NOT NULL,
	"voluntary" boolean DEFAULT false NOT NULL,
	"end_reason" text,
	"from_unit_id" integer,
	"role" text,
	CONSTRAINT "hr_events_unit_id_population_kind_employee_id_event_date_pk" PRIMARY KEY("unit_id","population","kind","employee_id","event_date")
);
--> statement-breakpoint
CREATE TABLE "hr_headcount_steps" (
	"unit_id" integer NOT NULL,
	"population" text NOT NULL,
	"change_date" date NOT NULL,
	"delta" integer NOT NULL,
	CONSTRAINT "hr_headcount_steps_unit_id_population_change_date_pk" PRIMARY KEY("unit_id","population","change_date")
);
--> statement-breakpoint
CREATE TABLE "hr_unit_month" (
	"unit_id" integer NOT NULL,
	"month" date NOT NULL,
	"headcount_days" integer NOT NULL,
	"departures" integer NOT NULL,
	"internal_transfers_out" integer NOT NULL,
	"voluntary_departures" integer NOT NULL,
	"hires" integer NOT NULL,
	"manager_headcount_days" integer NOT NULL,
	"manager_departures" integer NOT NULL,
	"manager_hires" integer NOT NULL,
	CONSTRAINT "hr_unit_month_unit_id_month_pk" PRIMARY KEY("unit_id","month"),
	CONSTRAINT "hr_unit_month_first_day" CHECK (extract(day from "hr_unit_month"."month") = 1)
);
--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job" text NOT NULL,
	"job_id" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"error" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "load_caseworker_week" (
	"unit_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"employee_id" text NOT NULL,
	"open_cases" integer NOT NULL,
	"weighted_sum" numeric NOT NULL,
	"flagged_cases" integer NOT NULL,
	"specialised_cases" integer NOT NULL,
	"mismatched_cases" integer NOT NULL,
	CONSTRAINT "load_caseworker_week_unit_id_week_start_employee_id_pk" PRIMARY KEY("unit_id","week_start","employee_id")
);
--> statement-breakpoint
CREATE TABLE "load_unit_week" (
	"unit_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"open_cases" integer NOT NULL,
	"unassigned_cases" integer NOT NULL,
	"caseworker_fte" numeric NOT NULL,
	"weighted_sum" numeric NOT NULL,
	"flagged_cases" integer NOT NULL,
	"mismatched_cases" integer NOT NULL,
	"new_cases" integer NOT NULL,
	"closed_cases" integer NOT NULL,
	CONSTRAINT "load_unit_week_unit_id_week_start_pk" PRIMARY KEY("unit_id","week_start"),
	CONSTRAINT "load_unit_week_monday" CHECK (extract(isodow from "load_unit_week"."week_start") = 1)
);
--> statement-breakpoint
CREATE TABLE "recompute_requests" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"unit_ids" integer[],
	"from_date" date,
	"to_date" date,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "risk_signals" (
	"unit_id" integer NOT NULL,
	"as_of_week" date NOT NULL,
	"signal" text NOT NULL,
	"severity" integer NOT NULL,
	"evidence" jsonb NOT NULL,
	CONSTRAINT "risk_signals_unit_id_as_of_week_signal_pk" PRIMARY KEY("unit_id","as_of_week","signal")
);
--> statement-breakpoint
CREATE TABLE "unit_week_status" (
	"unit_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"over_cases_per_fte" boolean NOT NULL,
	"over_weighted_load" boolean NOT NULL,
	"over_emotional_share" boolean NOT NULL,
	"over_turnover" boolean NOT NULL,
	"weeks_over_of_last_6" integer NOT NULL,
	"status" text NOT NULL,
	CONSTRAINT "unit_week_status_unit_id_week_start_pk" PRIMARY KEY("unit_id","week_start")
);
--> statement-breakpoint
CREATE TABLE "wellbeing_unit_round" (
	"unit_id" integer NOT NULL,
	"survey_round" text NOT NULL,
	"dimension" text NOT NULL,
	"score" numeric,
	"respondents" integer NOT NULL,
	"invited" integer,
	"own" boolean NOT NULL,
	"hidden_reason" text,
	CONSTRAINT "wellbeing_unit_round_unit_id_survey_round_dimension_pk" PRIMARY KEY("unit_id","survey_round","dimension"),
	CONSTRAINT "wellbeing_hidden_has_no_score" CHECK ("wellbeing_unit_round"."hidden_reason" is null or "wellbeing_unit_round"."score" is null)
);
--> statement-breakpoint
ALTER TABLE "unit_closure" ADD CONSTRAINT "unit_closure_ancestor_id_units_id_fk" FOREIGN KEY ("ancestor_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_closure" ADD CONSTRAINT "unit_closure_descendant_id_units_id_fk" FOREIGN KEY ("descendant_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_settings" ADD CONSTRAINT "unit_settings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competences" ADD CONSTRAINT "competences_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competences" ADD CONSTRAINT "competences_case_type_case_types_key_fk" FOREIGN KEY ("case_type") REFERENCES "public"."case_types"("key") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employments" ADD CONSTRAINT "employments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_periods" ADD CONSTRAINT "case_periods_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_periods" ADD CONSTRAINT "case_periods_caseworker_id_employees_id_fk" FOREIGN KEY ("caseworker_id") REFERENCES "public"."employees"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_periods" ADD CONSTRAINT "case_periods_case_type_case_types_key_fk" FOREIGN KEY ("case_type") REFERENCES "public"."case_types"("key") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_results" ADD CONSTRAINT "survey_results_survey_round_survey_rounds_key_fk" FOREIGN KEY ("survey_round") REFERENCES "public"."survey_rounds"("key") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_results" ADD CONSTRAINT "survey_results_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_results" ADD CONSTRAINT "survey_results_dimension_wellbeing_dimensions_key_fk" FOREIGN KEY ("dimension") REFERENCES "public"."wellbeing_dimensions"("key") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_units" ADD CONSTRAINT "committee_units_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_units" ADD CONSTRAINT "committee_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_log" ADD CONSTRAINT "import_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_employee_id_employees_id_fk" FOREIGN KEY ("employee_id") REFERENCES "public"."employees"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_focus_point_id_focus_points_id_fk" FOREIGN KEY ("focus_point_id") REFERENCES "public"."focus_points"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_survey_round_survey_rounds_key_fk" FOREIGN KEY ("survey_round") REFERENCES "public"."survey_rounds"("key") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_reviews" ADD CONSTRAINT "committee_reviews_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_reviews" ADD CONSTRAINT "committee_reviews_committee_id_committees_id_fk" FOREIGN KEY ("committee_id") REFERENCES "public"."committees"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "committee_reviews" ADD CONSTRAINT "committee_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "focus_points" ADD CONSTRAINT "focus_points_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_evidence" ADD CONSTRAINT "item_evidence_item_id_action_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."action_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_evidence" ADD CONSTRAINT "item_evidence_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_item_id_action_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."action_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_plan_id_action_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_events" ADD CONSTRAINT "hr_events_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_events" ADD CONSTRAINT "hr_events_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_headcount_steps" ADD CONSTRAINT "hr_headcount_steps_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hr_unit_month" ADD CONSTRAINT "hr_unit_month_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "load_caseworker_week" ADD CONSTRAINT "load_caseworker_week_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "load_unit_week" ADD CONSTRAINT "load_unit_week_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_signals" ADD CONSTRAINT "risk_signals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_week_status" ADD CONSTRAINT "unit_week_status_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wellbeing_unit_round" ADD CONSTRAINT "wellbeing_unit_round_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "unit_closure_descendant_idx" ON "unit_closure" USING btree ("descendant_id","ancestor_id");--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "competences_employee_idx" ON "competences" USING btree ("employee_id");--> statement-breakpoint
CREATE INDEX "employments_unit_idx" ON "employments" USING btree ("unit_id","start_date");--> statement-breakpoint
CREATE INDEX "employments_employee_idx" ON "employments" USING btree ("employee_id","start_date");--> statement-breakpoint
CREATE INDEX "case_periods_case_idx" ON "case_periods" USING btree ("case_id","period_start");--> statement-breakpoint
CREATE INDEX "case_periods_unit_idx" ON "case_periods" USING btree ("unit_id","period_start");--> statement-breakpoint
CREATE INDEX "case_periods_caseworker_idx" ON "case_periods" USING btree ("caseworker_id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_unit_idx" ON "audit_log" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "import_log_at_idx" ON "import_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "user_roles_user_idx" ON "user_roles" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "action_items_focus_idx" ON "action_items" USING btree ("focus_point_id");--> statement-breakpoint
CREATE INDEX "action_items_owner_idx" ON "action_items" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "action_plans_unit_idx" ON "action_plans" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "committee_reviews_plan_idx" ON "committee_reviews" USING btree ("plan_id","review_date");--> statement-breakpoint
CREATE INDEX "focus_points_plan_idx" ON "focus_points" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "item_evidence_item_idx" ON "item_evidence" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "hr_events_unit_date_idx" ON "hr_events" USING btree ("unit_id","event_date");--> statement-breakpoint
CREATE INDEX "job_runs_job_idx" ON "job_runs" USING btree ("job","started_at");--> statement-breakpoint
CREATE INDEX "load_unit_week_week_idx" ON "load_unit_week" USING btree ("week_start");--> statement-breakpoint
CREATE INDEX "recompute_requests_status_idx" ON "recompute_requests" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "unit_week_status_week_idx" ON "unit_week_status" USING btree ("week_start");