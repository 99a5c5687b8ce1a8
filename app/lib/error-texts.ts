// What an error page says, by status, in Danish and English: what happened and what to do, never
// an internal detail. Shared by the root ErrorBoundary (whole page) and the routes' own
// (app/components/RouteErrorBoundary.tsx, inside the layout).
import type { Lang } from "../../domain/format";

const ERROR_TEXTS = {
  da: {
    403: ["Ingen adgang", "Du har ikke adgang til denne side eller enhed. Kontakt en administrator, hvis du mener, det er en fejl."],
    404: ["Siden findes ikke", "Adressen findes ikke, eller den er flyttet."],
    400: ["Ugyldig forespørgsel", "Forespørgslen kunne ikke forstås. Tjek de indtastede værdier."],
    413: ["Filen er for stor", "Filen overskrider den tilladte størrelse."],
    429: ["For mange forsøg", "Vent lidt, og prøv igen."],
    500: ["Der opstod en fejl", "Noget gik galt hos os. Prøv igen om lidt."],
    home: "Til forsiden",
  },
  en: {
    403: ["Access denied", "You do not have access to this page or unit. Contact an administrator if you think this is wrong."],
    404: ["Page not found", "The address does not exist or has moved."],
    400: ["Bad request", "The request could not be understood. Check the values you entered."],
    413: ["File too large", "The file exceeds the permitted size."],
    429: ["Too many attempts", "Please wait a moment and try again."],
    500: ["Something went wrong", "Something went wrong on our side. Please try again shortly."],
    home: "Go to the front page",
  },
};

type Known = 400 | 403 | 404 | 413 | 429 | 500;

/** The title and body for a status: a known one as is, another 5xx as 500, another 4xx as 400. */
export function errorTexts(lang: Lang, status: number): { title: string; body: string; home: string } {
  const t = ERROR_TEXTS[lang];
  const key = (status in t ? status : status >= 500 ? 500 : 400) as Known;
  const [title, body] = t[key];
  return { title, body, home: t.home };
}
