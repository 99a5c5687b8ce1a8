// Every message the importer can give, as a key with parameters, rendered in Danish (the default)
// or English. Results carry the key and parameters so the page renders them in the user's language
// and the CLI in English.
export type Lang = "da" | "en";
export type MessageParams = Record<string, string | number>;

type Template = (p: MessageParams) => string;

const MESSAGES = {
  "file.empty": {
    da: () => "Filen er tom.",
    en: () => "The file is empty.",
  },
  "file.headerOnly": {
    da: () => "Filen har en overskriftsrække, men ingen datarækker.",
    en: () => "The file has a header row but no data rows.",
  },
  "file.tooLarge": {
    da: (p) => `Filen er for stor: ${p.size} bytes; grænsen er ${p.limit} bytes (IMPORT_MAX_BYTES).`,
    en: (p) => `The file is too large: ${p.size} bytes; the limit is ${p.limit} bytes (IMPORT_MAX_BYTES).`,
  },
  "file.tooManyRows": {
    da: (p) => `Filen har flere end ${p.limit} datarækker (IMPORT_MAX_ROWS). Del den op i flere filer.`,
    en: (p) => `The file has more than ${p.limit} data rows (IMPORT_MAX_ROWS). Split it into several files.`,
  },
  "file.binary": {
    da: () => "Filen er hverken en CSV-tekstfil eller en Excel-projektmappe (.xlsx). Gem den som CSV (UTF-8) eller .xlsx.",
    en: () => "The file is neither a CSV text file nor an Excel workbook (.xlsx). Save it as CSV (UTF-8) or .xlsx.",
  },
  "file.mixedEncoding": {
    da: (p) => `Filen blander tegnsæt: række ${p.utf8Lines} er UTF-8, række ${p.otherLines} er Windows-1252. Gem hele filen igen som CSV UTF-8.`,
    en: (p) => `The file mixes encodings: row ${p.utf8Lines} is UTF-8, row ${p.otherLines} is Windows-1252. Save the whole file again as CSV UTF-8.`,
  },
  "file.xls": {
    da: () => "Det gamle Excel-format (.xls) understøttes ikke. Gem filen som .xlsx eller som CSV (UTF-8).",
    en: () => "The old Excel format (.xls) is not supported. Save the file as .xlsx or as CSV (UTF-8).",
  },
  "file.zipNamedCsv": {
    da: () => "Filen hedder .csv, men er en Excel-projektmappe (zip). Omdøb den til .xlsx eller gem den som CSV.",
    en: () => "The file is named .csv but is an Excel workbook (zip). Rename it to .xlsx or save it as CSV.",
  },
  "file.notZip": {
    da: () => "Filen hedder .xlsx, men er ikke en Excel-projektmappe. Gem den igen fra Excel som .xlsx.",
    en: () => "The file is named .xlsx but is not an Excel workbook. Save it again from Excel as .xlsx.",
  },
  "file.extension": {
    da: (p) => `Filtypen "${p.extension}" understøttes ikke. Brug .csv eller .xlsx.`,
    en: (p) => `The file type "${p.extension}" is not supported. Use .csv or .xlsx.`,
  },
  "file.zipTooLarge": {
    da: (p) => `Excel-filen fylder ${p.size} bytes udpakket; grænsen er ${p.limit} bytes (XLSX_MAX_UNCOMPRESSED_BYTES). Filen er ikke pakket ud.`,
    en: (p) => `The Excel file unpacks to ${p.size} bytes; the limit is ${p.limit} bytes (XLSX_MAX_UNCOMPRESSED_BYTES). It was not unpacked.`,
  },
  "file.zipRatio": {
    da: (p) => `Excel-filens del ${p.entry} er pakket ${p.ratio} gange sammen; grænsen er ${p.limit} (XLSX_MAX_COMPRESSION_RATIO). Sådan ser en "zip-bombe" ud, så filen er ikke pakket ud.`,
    en: (p) => `The Excel file's part ${p.entry} is compressed ${p.ratio} times; the limit is ${p.limit} (XLSX_MAX_COMPRESSION_RATIO). That is what a zip bomb looks like, so the file was not unpacked.`,
  },
  "file.zipTooManyEntries": {
    da: (p) => `Excel-filen indeholder ${p.count} dele; grænsen er ${p.limit} (XLSX_MAX_ENTRIES). Filen er ikke pakket ud.`,
    en: (p) => `The Excel file holds ${p.count} parts; the limit is ${p.limit} (XLSX_MAX_ENTRIES). It was not unpacked.`,
  },
  "file.zipCorrupt": {
    da: (p) => `Excel-filen er beskadiget og kan ikke læses (${p.detail}).`,
    en: (p) => `The Excel file is damaged and cannot be read (${p.detail}).`,
  },
  "file.noSheet": {
    da: () => "Excel-filen har intet regneark med data.",
    en: () => "The Excel file has no worksheet with data.",
  },
  "file.cellsWithoutValue": {
    da: (p) => `Disse celler i arket "${p.sheet}" har ingen værdi, der kan læses: ${p.cells} (${p.count} i alt). Enten viser formlen en fejl (fx #I/T eller #DIVISION/0!), eller filen er gemt af et program, der ikke regner formler ud. Ret formlerne i Excel (eller slet kolonnen, hvis den ikke skal bruges), og gem filen igen.`,
    en: (p) => `These cells of sheet "${p.sheet}" hold no readable value: ${p.cells} (${p.count} in all). Either the formula shows an error (such as #N/A or #DIV/0!), or the file was saved by a program that does not calculate formulas. Fix the formulas in Excel (or delete the column if it is not needed) and save the file again.`,
  },
  "file.headerNotFirst": {
    da: (p) => `Overskriftsrækken skal være den første række, men den står i række ${p.row}. Slet rækkerne over den (fx en titel), og importér igen.`,
    en: (p) => `The header row must be the first row, but it is row ${p.row}. Delete the rows above it (a title, say) and import again.`,
  },
  "import.databaseRefused": {
    da: (p) => `Databasen afviste filen, og intet blev gemt: ${p.detail}`,
    en: (p) => `The database refused the file and nothing was saved: ${p.detail}`,
  },
  "header.missing": {
    da: (p) => `Den krævede kolonne "${p.column}" mangler i overskriftsrækken.`,
    en: (p) => `The required column "${p.column}" is missing from the header row.`,
  },
  "header.duplicate": {
    da: (p) => `Kolonnen "${p.column}" står to gange i overskriftsrækken.`,
    en: (p) => `The column "${p.column}" appears twice in the header row.`,
  },
  "warning.unknownColumns": {
    da: (p) => `Ukendte kolonner blev ignoreret: ${p.columns}.`,
    en: (p) => `Unknown columns were ignored: ${p.columns}.`,
  },
  "warning.sheetsSkipped": {
    da: (p) => `Arket "${p.sheet}" blev læst; tomme eller skjulte ark foran det blev sprunget over: ${p.skipped}.`,
    en: (p) => `Sheet "${p.sheet}" was read; empty or hidden sheets before it were passed over: ${p.skipped}.`,
  },
  "warning.windows1252": {
    da: () => "Filen var gemt som Windows-1252 (ANSI) og blev konverteret til UTF-8.",
    en: () => "The file was saved as Windows-1252 (ANSI) and was converted to UTF-8.",
  },
  "warning.hoursConverted": {
    da: (p) => `${p.count} rækker havde fte angivet som ugentlige timer; de er omregnet som timer/37.`,
    en: (p) => `${p.count} rows gave fte as weekly hours; they were converted as hours/37.`,
  },
  "row.fieldCount": {
    da: (p) => `Rækken har ${p.got} felter, men overskriften har ${p.expected}. Står der et komma i et tal uden anførselstegn?`,
    en: (p) => `The row has ${p.got} fields but the header has ${p.expected}. Is there an unquoted comma in a number?`,
  },
  "value.required": {
    da: () => "Feltet skal udfyldes.",
    en: () => "The field is required.",
  },
  "value.date": {
    da: () => "Ikke en dato. Brug ÅÅÅÅ-MM-DD, DD-MM-ÅÅÅÅ eller DD.MM.ÅÅÅÅ.",
    en: () => "Not a date. Use YYYY-MM-DD, DD-MM-YYYY or DD.MM.YYYY.",
  },
  "value.dateSerial": {
    da: () => "Et tal, ikke en dato: Excel gemmer datoer som tal, og cellen er ikke formateret som dato. Formatér kolonnen som Dato i Excel, og gem filen igen.",
    en: () => "A number, not a date: Excel stores dates as numbers and the cell is not formatted as a date. Format the column as Date in Excel and save the file again.",
  },
  "value.dateImpossible": {
    da: () => "Datoen findes ikke i kalenderen.",
    en: () => "The date does not exist in the calendar.",
  },
  "value.number": {
    da: () => "Ikke et tal.",
    en: () => "Not a number.",
  },
  "value.integer": {
    da: () => "Skal være et helt tal.",
    en: () => "Must be a whole number.",
  },
  "value.boolean": {
    da: () => "Skal være ja/nej, true/false, 1/0 eller x/tom.",
    en: () => "Must be ja/nej, true/false, 1/0 or x/empty.",
  },
  "value.enum": {
    da: (p) => `Ukendt værdi. Tilladt: ${p.allowed}.`,
    en: (p) => `Unknown value. Allowed: ${p.allowed}.`,
  },
  "value.cpr": {
    da: () => "Ligner et CPR-nummer. Brug HR-systemets pseudonyme medarbejder-id; CPR-numre må ikke importeres.",
    en: () => "Looks like a CPR number. Use the HR system's pseudonymous employee id; CPR numbers must not be imported.",
  },
  "value.fteRange": {
    da: () => "fte skal være større end 0 og højst 1,5 (eller ugentlige timer over 1,5, højst 55,5).",
    en: () => "fte must be above 0 and at most 1.5 (or weekly hours above 1.5, at most 55.5).",
  },
  "value.scoreRange": {
    da: () => "Scoren skal ligge mellem 0 og 100.",
    en: () => "The score must be between 0 and 100.",
  },
  "value.nonNegative": {
    da: () => "Må ikke være negativ.",
    en: () => "Must not be negative.",
  },
  "value.invitedBelowRespondents": {
    da: (p) => `Antal inviterede må ikke være mindre end antal besvarelser (${p.respondents}).`,
    en: (p) => `Invited must not be less than respondents (${p.respondents}).`,
  },
  "value.complexity": {
    da: () => "Kompleksitet skal være 1, 2 eller 3.",
    en: () => "Complexity must be 1, 2 or 3.",
  },
  "value.endBeforeStart": {
    da: (p) => `Slutdatoen ligger før startdatoen (${p.start}).`,
    en: (p) => `The end date is before the start date (${p.start}).`,
  },
  "value.endReasonRequired": {
    da: () => "end_reason skal udfyldes, når end_date er udfyldt.",
    en: () => "end_reason is required when end_date is set.",
  },
  "value.endReasonWithoutEnd": {
    da: () => "end_reason må kun udfyldes, når end_date er udfyldt.",
    en: () => "end_reason may only be set when end_date is set.",
  },
  "value.tooLong": {
    da: (p) => `Værdien er længere end ${p.max} tegn.`,
    en: (p) => `The value is longer than ${p.max} characters.`,
  },
  "ref.unit": {
    da: () => "Enheden findes ikke. Importér enhederne først.",
    en: () => "The unit does not exist. Import the units first.",
  },
  "ref.parent": {
    da: () => "Overordnet enhed findes hverken i filen eller i databasen.",
    en: () => "The parent unit exists neither in the file nor in the database.",
  },
  "ref.pseudonymised": {
    da: () => "Personen er pseudonymiseret efter databeskyttelsesreglerne og må ikke importeres igen. Fjern rækken fra filen.",
    en: () => "The person was pseudonymised under the data protection rules and must not be imported again. Remove the row from the file.",
  },
  "ref.employee": {
    da: () => "Medarbejderen findes ikke. Importér ansættelserne først.",
    en: () => "The employee does not exist. Import the employments first.",
  },
  "ref.caseType": {
    da: (p) => `Ukendt sagstype. Kendte: ${p.allowed}.`,
    en: (p) => `Unknown case type. Known: ${p.allowed}.`,
  },
  "ref.flag": {
    da: (p) => `Ukendt markering "${p.flag}". Kendte: ${p.allowed}.`,
    en: (p) => `Unknown flag "${p.flag}". Known: ${p.allowed}.`,
  },
  "ref.dimension": {
    da: (p) => `Ukendt dimension. Kendte: ${p.allowed}.`,
    en: (p) => `Unknown dimension. Known: ${p.allowed}.`,
  },
  "dup.key": {
    da: (p) => `Samme nøgle som række ${p.otherRow}.`,
    en: (p) => `Same key as row ${p.otherRow}.`,
  },
  "overlap.employmentFile": {
    da: (p) => `Ansættelsen overlapper en anden ansættelse af samme medarbejder i samme enhed (række ${p.otherRow}).`,
    en: (p) => `The employment overlaps another employment of the same employee in the same unit (row ${p.otherRow}).`,
  },
  "overlap.employmentDb": {
    da: (p) => `Ansættelsen overlapper en ansættelse af samme medarbejder i samme enhed, som allerede er i databasen (fra ${p.start}).`,
    en: (p) => `The employment overlaps an employment of the same employee in the same unit already in the database (from ${p.start}).`,
  },
  "overlap.case": {
    da: (p) => `Perioden overlapper en anden periode af samme sag (række ${p.otherRow}).`,
    en: (p) => `The period overlaps another period of the same case (row ${p.otherRow}).`,
  },
  "tree.cycle": {
    da: (p) => `Enhederne danner en ring: ${p.path}.`,
    en: (p) => `The units form a cycle: ${p.path}.`,
  },
  "tree.ownParent": {
    da: () => "En enhed kan ikke være sin egen overordnede.",
    en: () => "A unit cannot be its own parent.",
  },
  "survey.closedOnConflict": {
    da: (p) => `Runden har en anden lukkedato i række ${p.otherRow} (${p.other}).`,
    en: (p) => `The round has another closing date in row ${p.otherRow} (${p.other}).`,
  },
} satisfies Record<string, Record<Lang, Template>>;

export type MessageKey = keyof typeof MESSAGES;

export function renderMessage(key: MessageKey, params: MessageParams = {}, lang: Lang = "da"): string {
  return MESSAGES[key][lang](params);
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(MESSAGES, key);
}
