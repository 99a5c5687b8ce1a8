// One demo user per role. The password is shared and printed by `npm run demo`; it is demo data,
// never a default of the product (real users are created by an administrator).
import type { UserRole } from "../schema";

export interface DemoLogin {
  role: UserRole;
  email: string;
  /** The name shown in the product; the two managers are named after the employee they are. */
  displayName: string;
  password: string;
  description: string;
}

export const DEMO_PASSWORD = "Relationel-Velfaerd-2025";

export const DEMO_LOGINS: DemoLogin[] = [
  { role: "admin", email: "admin@demo.kommune.dk", displayName: "Karen Skov", password: DEMO_PASSWORD, description: "Administrator: brugere, import, jobs, audit" },
  { role: "hr", email: "hr@demo.kommune.dk", displayName: "Hanne Bech", password: DEMO_PASSWORD, description: "HR: personaleomsætning for hele organisationen" },
  { role: "director", email: "direktoer@demo.kommune.dk", displayName: "Niels Dalgaard", password: DEMO_PASSWORD, description: "Direktør: heatmap og risikoradar for alle teams" },
  { role: "med", email: "med@demo.kommune.dk", displayName: "Maria Lund", password: DEMO_PASSWORD, description: "MED-udvalget i Familiecentret: handleplaner og reviews" },
  { role: "manager", email: "teamleder.vest@demo.kommune.dk", displayName: "Teamleder, Team Hasle", password: DEMO_PASSWORD, description: "Teamleder, Team Hasle i Klynge Vest (AT-påbud)" },
  { role: "manager", email: "klyngeleder.nord@demo.kommune.dk", displayName: "Klyngeleder, Klynge Nord", password: DEMO_PASSWORD, description: "Klyngeleder, Klynge Nord (ser ikke Klynge Vest)" },
  { role: "manager", email: "klyngeleder.vest@demo.kommune.dk", displayName: "Klyngeleder, Klynge Vest", password: DEMO_PASSWORD, description: "Klyngeleder, Klynge Vest: underskriver AT-tilbagemeldingen for ledelsen" },
];
