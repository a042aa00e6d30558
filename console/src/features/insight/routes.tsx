import { lazy } from "react";
import type { Area } from "../../lib/areas";

// HR's reports and analytics, loaded when first opened. Console paths stay clear of the API's (/cycles*),
// which the distribution sends to the API: a cycle's page is /reports/<cycle>, beside its reports'.
const ReportsIndexPage = lazy(() => import("./pages/reports-index"));
const CycleReportsPage = lazy(() => import("./pages/cycle-reports"));

export const routes: Area["routes"] = [
  { path: "/reports", element: <ReportsIndexPage /> },
  { path: "/reports/:cycleId", element: <CycleReportsPage /> },
];
export const nav: Area["nav"] = [{ to: "/reports", label: "insight.nav", roles: ["hr_admin"], order: 50, end: true }];
