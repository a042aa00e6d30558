import { lazy } from "react";
import type { Area } from "../../lib/areas";

// HR's pages load when first opened: nobody else ever does.
const PeoplePage = lazy(() => import("../../pages/people"));
const PersonPage = lazy(() => import("../../pages/person"));

export const routes: Area["routes"] = [
  { path: "/people", element: <PeoplePage /> },
  { path: "/people/:employeeId", element: <PersonPage /> },
];
export const nav: Area["nav"] = [{ to: "/people", label: "people.nav", roles: ["hr_admin"], order: 30 }];
