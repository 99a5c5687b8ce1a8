// Employment roles (DATA-CONTRACT `role`) as people read them, shared by every page that lists staff.
import type { Lang } from "./i18n";

const ROLE_LABELS: Record<Lang, Record<string, string>> = {
  da: { caseworker: "Sagsbehandler", specialist: "Specialist", psychologist: "Psykolog", health_visitor: "Sundhedsplejerske", administrative: "Administrativ", manager: "Leder", other: "Andet" },
  en: { caseworker: "Caseworker", specialist: "Specialist", psychologist: "Psychologist", health_visitor: "Health visitor", administrative: "Administrative", manager: "Manager", other: "Other" },
};

export function roleLabel(lang: Lang, role: string | null | undefined): string {
  if (!role) return "–";
  return ROLE_LABELS[lang][role] ?? role;
}
