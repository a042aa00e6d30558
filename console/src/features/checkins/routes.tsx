import { lazy } from "react";
import type { Area } from "../../lib/areas";

// Not /check-ins: the distribution sends that path to the API (its routes), so the pages have paths of their own.
const MyCheckIns = lazy(() => import("./components/my-check-ins-page"));
const TeamCheckIns = lazy(() => import("./components/team-check-ins-page"));
const HrCheckIns = lazy(() => import("./components/hr-check-ins-page"));

export const routes: Area["routes"] = [
  { path: "/my-check-ins", element: <MyCheckIns /> },
  { path: "/team/check-ins", element: <TeamCheckIns /> },
  { path: "/hr/check-ins", element: <HrCheckIns /> },
];
export const nav: Area["nav"] = [
  { to: "/my-check-ins", label: "checkins.nav", roles: ["employee", "manager", "hr_admin"], order: 16 },
  { to: "/team/check-ins", label: "checkins.navTeam", roles: ["manager"], order: 21 },
  { to: "/hr/check-ins", label: "checkins.navHr", roles: ["hr_admin"], order: 31 },
];
