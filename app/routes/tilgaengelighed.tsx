// /tilgaengelighed: the accessibility statement (tilgængelighedserklæring) that the Danish web
// accessibility act requires, in the structure the Agency for Digital Government asks for:
// conformance status, known gaps, how the statement was made, feedback contact and enforcement.
// Public: it must be readable before signing in. Contact and date come from the environment.
import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { loader } from "./tilgaengelighed.server";
import { formatDate, useLang, useT } from "~/lib/i18n";
export { loader } from "./tilgaengelighed.server";
export { RouteErrorBoundary as ErrorBoundary } from "~/components/RouteErrorBoundary";

export const meta: MetaFunction = () => [{ title: "Tilgængelighedserklæring · Arbejdsmiljø og belastning" }];


const TEXTS = {
  da: {
    title: "Tilgængelighedserklæring",
    intro: (site: string) => `Kommunen er forpligtet til at gøre dette websted tilgængeligt i overensstemmelse med lov om tilgængelighed af offentlige organers websteder og mobilapplikationer. Denne tilgængelighedserklæring gælder for ${site} (Arbejdsmiljø og belastning).`,
    statusTitle: "Overensstemmelsesstatus",
    status: "Webstedet er delvist i overensstemmelse med WCAG 2.1 niveau AA på grund af de manglende overholdelser, der er anført nedenfor.",
    gapsTitle: "Utilgængeligt indhold",
    gapsIntro: "Indholdet nedenfor er ikke fuldt tilgængeligt:",
    gaps: [
      "Diagrammer (tendenser for belastning, omsætning og trivsel) er grafik, der tegnes i browseren. Alle tal i et diagram står også i en tabel ved siden af, og hvert diagram har en tekstbeskrivelse (WCAG 1.1.1).",
      "Dokumenter, der hentes som PDF (tilbagemelding til Arbejdstilsynet, mødereferat), er ikke mærket (tagged) PDF; indholdet findes også som Word-dokument og som webside (WCAG 1.3.1).",
      "En session udløber efter en periode uden aktivitet uden forudgående varsel; en formular, der er udfyldt men ikke sendt, skal da udfyldes igen (WCAG 2.2.1).",
    ],
    burdenTitle: "Uforholdsmæssig stor byrde",
    burden: "Der er ikke indhold, som kommunen undtager med henvisning til uforholdsmæssig stor byrde.",
    outsideTitle: "Indhold uden for lovgivningens anvendelsesområde",
    outside: "Filer, som brugerne selv vedhæfter som dokumentation (fx fotos og referater), er ikke omfattet af kommunens tilgængelighedsvurdering.",
    madeTitle: "Udarbejdelse af denne tilgængelighedserklæring",
    made: (date: string) => `Erklæringen blev udarbejdet og senest gennemgået ${date}. Vurderingen er en selvevaluering: hver side er for hver brugerrolle testet automatisk med axe-core mod WCAG 2.1 A og AA, ved 320 pixels bredde, og manuelt med tastatur og skærmlæser.`,
    feedbackTitle: "Feedback og kontaktoplysninger",
    feedback: "Oplever du problemer med tilgængeligheden, eller har du brug for indholdet i en anden form, så skriv til",
    enforcementTitle: "Håndhævelsesprocedure",
    enforcement: "Digitaliseringsstyrelsen er ansvarlig for håndhævelsen af lov om tilgængelighed af offentlige organers websteder og mobilapplikationer. Hvis du mener, at kommunen ikke lever op til loven, eller ikke har svaret tilfredsstillende på din henvendelse, kan du klage til Digitaliseringsstyrelsen via deres klageformular på was.digst.dk.",
  },
  en: {
    title: "Accessibility statement",
    intro: (site: string) => `The municipality is committed to making this website accessible in accordance with the Danish act on the accessibility of public sector bodies' websites and mobile applications. This accessibility statement applies to ${site} (Work environment and load).`,
    statusTitle: "Compliance status",
    status: "This website is partially compliant with WCAG 2.1 level AA, due to the non-compliances listed below.",
    gapsTitle: "Non-accessible content",
    gapsIntro: "The content below is not fully accessible:",
    gaps: [
      "Charts (trends of load, turnover and wellbeing) are graphics drawn in the browser. Every figure of a chart is also in a table beside it, and each chart has a text description (WCAG 1.1.1).",
      "Documents downloaded as PDF (report back to the Working Environment Authority, meeting summary) are not tagged PDF; the content is also available as a Word document and as a web page (WCAG 1.3.1).",
      "A session ends after a period without activity, without a warning; a form filled in but not sent must then be filled in again (WCAG 2.2.1).",
    ],
    burdenTitle: "Disproportionate burden",
    burden: "The municipality does not exempt any content as a disproportionate burden.",
    outsideTitle: "Content outside the scope of the legislation",
    outside: "Files that users attach as evidence themselves (e.g. photos and minutes) are not covered by the municipality's accessibility assessment.",
    madeTitle: "Preparation of this accessibility statement",
    made: (date: string) => `The statement was prepared and last reviewed on ${date}. The assessment is a self-assessment: every page was tested for every user role automatically with axe-core against WCAG 2.1 A and AA, at 320 pixels wide, and manually with keyboard and screen reader.`,
    feedbackTitle: "Feedback and contact information",
    feedback: "If you meet an accessibility problem, or need the content in another form, write to",
    enforcementTitle: "Enforcement procedure",
    enforcement: "The Agency for Digital Government (Digitaliseringsstyrelsen) is responsible for enforcing the Danish web accessibility act. If you believe the municipality does not comply with the act, or has not answered your enquiry satisfactorily, you can complain to the Agency through its complaint form at was.digst.dk.",
  },
};

export default function AccessibilityStatement() {
  const { contact, reviewed, site } = useLoaderData<typeof loader>();
  const lang = useLang();
  const t = useT(TEXTS);
  return (
    <article className="stack statement">
      <h1>{t.title}</h1>
      <p>{t.intro(site)}</p>
      <h2>{t.statusTitle}</h2>
      <p>{t.status}</p>
      <h2>{t.gapsTitle}</h2>
      <p>{t.gapsIntro}</p>
      <ul>{t.gaps.map((gap) => <li key={gap}>{gap}</li>)}</ul>
      <h3>{t.burdenTitle}</h3>
      <p>{t.burden}</p>
      <h3>{t.outsideTitle}</h3>
      <p>{t.outside}</p>
      <h2>{t.madeTitle}</h2>
      <p>{t.made(formatDate(lang, reviewed))}</p>
      <h2>{t.feedbackTitle}</h2>
      <p>{t.feedback} <a href={`mailto:${contact}`}>{contact}</a>.</p>
      <h2>{t.enforcementTitle}</h2>
      <p>{t.enforcement}</p>
    </article>
  );
}
