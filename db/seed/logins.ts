// One demo user per role. The password is shared and printed by `npm run demo`; it is demo data,
// never a default of the product (real users are created by an administrator).
import type { UserRole } from "../schema";

export interface DemoLogin {
  role: UserRole;
  email: string;
  password: string;
  description: string;
}

export const DEMO_PASSWORD = "Relationel-Velfaerd-2025";

export const DEMO_LOGINS: DemoLogin[] = [
  { role: "admin", email: "admin@demo.kommune.dk", password: DEMO_PASSWORD, description: "Administrator: brugere, import, jobs, audit" },
  { role: "hr", email: "hr@demo.kommune.dk", password: DEMO_PASSWORD, description: "HR: personaleomsætning for hele organisationen" },
  { role: "director", email: "direktoer@demo.kommune.dk", password: DEMO_PASSWORD, description: "Direktør: heatmap og risikoradar for alle teams" },
  { role: "med", email: "med@demo.kommune.dk", password: DEMO_PASSWORD, description: "MED-udvalget i Familiecentret: handleplaner og reviews" },
  { role: "manager", email: "teamleder.vest@demo.kommune.dk", password: DEMO_PASSWORD, description: "Teamleder, Team Hasle i Klynge Vest (AT-påbud)" },
  { role: "manager", email: "klyngeleder.nord@demo.kommune.dk", password: DEMO_PASSWORD, description: "Klyngeleder, Klynge Nord (ser ikke Klynge Vest)" },
];
