import { lazy } from "react";
import type { Area } from "../../lib/areas";

// HR's list of cases, loaded when first opened. Its path stays clear of the API's /escalations, which the
// distribution sends to the API: the list is /cases, beside each case's own page (/cases/<id>).
const CasesPage = lazy(() => import("./pages/cases"));

export const routes: Area["routes"] = [{ path: "/cases", element: <CasesPage /> }];
export const nav: Area["nav"] = [{ to: "/cases", label: "casework.nav", roles: ["hr_admin"], order: 60, end: true }];
