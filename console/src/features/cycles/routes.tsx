import { lazy } from "react";
import type { Area } from "../../lib/areas";

// HR's pages load when first opened: most people never see them. (Not under /cycles: the distribution sends
// that path to the API.)
const OverviewPage = lazy(() => import("./pages/overview"));
const CyclesPage = lazy(() => import("./pages/cycles"));
const NewCyclePage = lazy(() => import("./pages/new-cycle"));
const CyclePage = lazy(() => import("./pages/cycle"));

export const routes: Area["routes"] = [
  { path: "/hr", element: <OverviewPage /> },
  { path: "/hr/cycles", element: <CyclesPage /> },
  { path: "/hr/cycles/new", element: <NewCyclePage /> },
  { path: "/hr/cycles/:cycleId", element: <CyclePage /> },
];
export const nav: Area["nav"] = [
  { to: "/hr", label: "cycles.nav.overview", roles: ["hr_admin"], order: 25, end: true },
  { to: "/hr/cycles", label: "cycles.nav.cycles", roles: ["hr_admin"], order: 40 },
];
