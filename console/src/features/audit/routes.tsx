import { lazy } from "react";
import type { Area } from "../../lib/areas";

// HR's audit log, reached from a person's page. Not under /organisation, which the distribution sends to the API.
const AuditPage = lazy(() => import("./pages/audit"));

export const routes: Area["routes"] = [{ path: "/hr/audit", element: <AuditPage /> }];
export const nav: Area["nav"] = [];
