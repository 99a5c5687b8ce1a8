-- The APV revision reminder (issue 17): a sixth kind of mail, so the outbox's kind check widens.
ALTER TABLE "mail_outbox" DROP CONSTRAINT "mail_outbox_kind_valid";--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_kind_valid" CHECK ("mail_outbox"."kind" in ('due_soon','overdue','escalated','manager_digest','med_digest','apv_revision'));
