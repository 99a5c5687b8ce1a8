// Danish by default, English selectable. Each route keeps its own texts beside it ({ da, en }),
// so features never fight over one dictionary file. The formatters are domain/format.ts's (one
// home, shared with mails and documents); this module adds the hooks that read the page's language.
import { useRouteLoaderData } from "@remix-run/react";
import type { Lang, Texts } from "../../domain/format";

export {
  LANGS, formatDate, formatDateTime, formatInt, formatIsoWeek, formatLimit, formatNumber, formatSurveyRound,
  type Lang, type Texts,
} from "../../domain/format";

export function useLang(): Lang {
  const data = useRouteLoaderData("root") as { lang?: Lang } | undefined;
  return data?.lang ?? "da";
}

export function useT<T>(texts: Texts<T>): T {
  return texts[useLang()];
}
