// The demo organisation, shaped like the seeds (shared/seeds): one municipality, the area
// "Børn, Familier og Fællesskaber" with Familiecentret (Døgnafdelingen, compensatory benefits and
// ten district clusters), Ungecentret and a third centre; districts get relational welfare in the
// five half-yearly waves of the roll-out plan (2 / 9 / 10 / 13 / 13 districts, spring 2023 to spring 2025).
import type { EmploymentRole, UnitKind } from "../schema";

export type Scale = "full" | "small";

/** What kind of work a team does; it drives staffing, case mix and pressure. */
export type TeamProfile = "district" | "doegn" | "ydelse" | "unge" | "special";

export interface DemoUnit {
  code: string;
  name: string;
  parentCode: string | null;
  kind: UnitKind;
  district: string | null;
  rolloutDate: string | null;
  /** Set for teams only. */
  profile: TeamProfile | null;
}

/** The roll-out waves of relational welfare (figure 1 of the June 2023 note). */
export const ROLLOUT_WAVES: { start: string; label: string; districts: string[] }[] = [
  { start: "2023-02-01", label: "Forår 2023", districts: ["Søndervang", "Ellehøj"] },
  {
    start: "2023-08-01",
    label: "Efterår 2023",
    districts: ["Bakkegård", "Bavnehøj", "Åby", "Tilst", "Sødal", "Gammelgaard", "Engdal", "Skjoldhøj", "Sabro-Korsvej"],
  },
  {
    start: "2024-02-01",
    label: "Forår 2024",
    districts: ["Ellevang", "Risskov", "Vejlby", "Lystrup", "Elev", "Hjortshøj", "Skæring", "Beder", "Malling", "Solbjerg"],
  },
  {
    start: "2024-08-01",
    label: "Efterår 2024",
    districts: [
      "Mårslet", "Tranbjerg", "Holme", "Rundhøj", "Kragelund", "Viby", "Rosenvang", "Frederiksbjerg", "Samsøgade",
      "Katrinebjerg", "Vestergård", "Hasle", "Møllevang",
    ],
  },
  {
    start: "2025-02-01",
    label: "Forår 2025",
    districts: [
      "Skovvangen", "Næshøj", "Lisbjerg", "Vorrevang", "Strandskov", "Egebjerg", "Harlev", "Ormslev", "Elsted", "Skåde",
      "Kolt-Hasselager", "Tovshøj", "Mundelstrup",
    ],
  },
];

export function rolloutDateOf(district: string): string {
  const wave = ROLLOUT_WAVES.find((w) => w.districts.includes(district));
  if (!wave) throw new Error(`Unknown district ${district}`);
  return wave.start;
}

/** The cluster that received AT's notice about unclear and conflicting demands on 10 April 2025. */
export const AT_CLUSTER_CODE = "FC-KL03";
export const DOEGN_CODE = "FC-DOGN";
/** The cluster whose leader is the second demo manager (for permission tests). */
export const OTHER_CLUSTER_CODE = "FC-KL05";

const CLUSTERS: { code: string; name: string; districts: string[]; small: boolean }[] = [
  { code: "FC-KL01", name: "Klynge Syd", districts: ["Søndervang", "Ellehøj", "Tilst"], small: false },
  { code: "FC-KL02", name: "Klynge Sydvest", districts: ["Åby", "Bavnehøj", "Bakkegård"], small: false },
  // Rolled out in autumn 2024 and hit by AT's notice half a year later.
  { code: "FC-KL03", name: "Klynge Vest", districts: ["Hasle", "Møllevang", "Rundhøj"], small: true },
  { code: "FC-KL04", name: "Klynge Nordvest", districts: ["Engdal", "Skjoldhøj", "Sabro-Korsvej"], small: false },
  { code: "FC-KL05", name: "Klynge Nord", districts: ["Ellevang", "Risskov", "Vejlby"], small: true },
  { code: "FC-KL06", name: "Klynge Nordøst", districts: ["Lystrup", "Elev", "Hjortshøj"], small: false },
  { code: "FC-KL07", name: "Klynge Sydøst", districts: ["Beder", "Malling", "Solbjerg"], small: false },
  { code: "FC-KL08", name: "Klynge Sydbyen", districts: ["Mårslet", "Tranbjerg", "Holme"], small: false },
  { code: "FC-KL09", name: "Klynge Midtbyen", districts: ["Skovvangen", "Næshøj", "Lisbjerg"], small: false },
  { code: "FC-KL10", name: "Klynge Øst", districts: ["Vorrevang", "Strandskov", "Egebjerg"], small: false },
];

function unit(
  code: string, name: string, parentCode: string | null, kind: UnitKind, profile: TeamProfile | null = null,
  district: string | null = null,
): DemoUnit {
  return { code, name, parentCode, kind, district, rolloutDate: district ? rolloutDateOf(district) : null, profile };
}

/** Parents before children, so the list is also a valid import order. */
export function buildOrganisation(scale: Scale): DemoUnit[] {
  const small = scale === "small";
  const units: DemoUnit[] = [
    unit("KOM", "Demo Kommune", null, "organisation"),
    unit("BFF", "Børn, Familier og Fællesskaber", "KOM", "area"),
    unit("FC", "Familiecentret", "BFF", "centre"),
    unit(DOEGN_CODE, "Døgnafdelingen", "FC", "department"),
    unit("FC-DOGN-ANB", "Døgn – Anbringelse", DOEGN_CODE, "team", "doegn"),
  ];
  if (!small) {
    units.push(
      unit("FC-DOGN-UND", "Døgn – Undersøgelse", DOEGN_CODE, "team", "doegn"),
      unit("FC-DOGN-IND", "Døgn – Screening og indstilling", DOEGN_CODE, "team", "doegn"),
      unit("FC-YDL", "Kompenserende ydelser", "FC", "department"),
      unit("FC-YDL-TAB", "Team Tabt arbejdsfortjeneste og merudgifter", "FC-YDL", "team", "ydelse"),
      unit("FC-YDL-KOR", "Team Kørsel og aflastning", "FC-YDL", "team", "ydelse"),
    );
  }
  for (const cluster of CLUSTERS) {
    if (small && !cluster.small) continue;
    units.push(unit(cluster.code, cluster.name, "FC", "cluster"));
    const districts = small ? cluster.districts.slice(0, 2) : cluster.districts;
    districts.forEach((district, i) => {
      units.push(unit(`${cluster.code}-T${i + 1}`, `Team ${district}`, cluster.code, "team", "district", district));
    });
  }
  units.push(
    unit("UC", "Ungecentret", "BFF", "centre"),
    unit("UC-URV", "Ungecenter Rådgivning og Visitation", "UC", "department"),
    unit("UC-URV-NORD", "URV Team Nord", "UC-URV", "team", "unge"),
  );
  if (!small) {
    units.push(
      unit("UC-URV-SYD", "URV Team Syd", "UC-URV", "team", "unge"),
      unit("UC-URV-EFT", "URV Team Efterværn 18+", "UC-URV", "team", "unge"),
      unit("SC", "Center for Specialindsatser", "BFF", "centre"),
      unit("SC-HAND", "Team Handicap og aflastning", "SC", "team", "special"),
      unit("SC-FAM", "Team Familiebehandling", "SC", "team", "special"),
    );
  }
  return units;
}

export interface SlotPlan {
  role: EmploymentRole;
  fte: number;
}

const MANAGER: SlotPlan = { role: "manager", fte: 1 };

/** Positions of a team by profile; the manager first. */
export const TEAM_SLOTS: Record<TeamProfile, SlotPlan[]> = {
  district: [
    MANAGER,
    { role: "caseworker", fte: 1 }, { role: "caseworker", fte: 1 }, { role: "caseworker", fte: 1 },
    { role: "caseworker", fte: 0.8 }, { role: "specialist", fte: 1 },
    { role: "psychologist", fte: 1 }, { role: "health_visitor", fte: 0.6 },
  ],
  doegn: [
    MANAGER,
    { role: "caseworker", fte: 1 }, { role: "caseworker", fte: 1 }, { role: "caseworker", fte: 1 },
    { role: "caseworker", fte: 1 }, { role: "caseworker", fte: 0.8 }, { role: "specialist", fte: 1 },
    { role: "administrative", fte: 0.8 },
  ],
  ydelse: [
    MANAGER,
    { role: "caseworker", fte: 1 }, { role: "caseworker", fte: 1 }, { role: "caseworker", fte: 1 },
    { role: "caseworker", fte: 0.8 }, { role: "specialist", fte: 1 }, { role: "administrative", fte: 1 },
  ],
  unge: [
    MANAGER,
    { role: "caseworker", fte: 1 }, { role: "caseworker", fte: 1 }, { role: "caseworker", fte: 1 },
    { role: "caseworker", fte: 0.8 }, { role: "specialist", fte: 1 }, { role: "psychologist", fte: 1 },
  ],
  // Small on purpose: their survey groups fall under the 5-respondent minimum.
  special: [MANAGER, { role: "specialist", fte: 1 }, { role: "specialist", fte: 0.8 }, { role: "psychologist", fte: 1 }],
};

export function isCaseHolding(role: EmploymentRole): boolean {
  return role === "caseworker" || role === "specialist";
}

/** Open cases a team carries per nominal case-holding FTE (fully staffed) on a given day. */
export function demandPerFte(team: DemoUnit, day: string): number {
  const in2024OrLater = day >= "2024-01-01";
  const afterNotice = day >= "2025-09-01";
  switch (team.profile) {
    case "doegn":
      // Placement cases pile up from 2024; the action plan eases it only a little after autumn 2025.
      return afterNotice ? 28 : in2024OrLater ? 29.5 : 23;
    case "ydelse":
      // Lost-earnings claims rise sharply with school absence (the 2025 overspend).
      return day >= "2024-06-01" ? 24 : 20;
    case "unge":
      return 14;
    case "special":
      return 11;
    case "district":
    default:
      if (team.parentCode === AT_CLUSTER_CODE) return afterNotice ? 21 : in2024OrLater ? 26 : 18;
      return 11 + (team.rolloutDate && day >= team.rolloutDate ? 1.5 : 0);
  }
}
