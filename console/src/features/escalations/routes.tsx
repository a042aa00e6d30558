import { lazy } from "react";
import type { Area } from "../../lib/areas";

const CasePage = lazy(() => import("../../pages/case"));

export const routes: Area["routes"] = [{ path: "/cases/:caseId", element: <CasePage /> }];
