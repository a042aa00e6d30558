import { lazy } from "react";
import type { Area } from "../../lib/areas";

// Managers' pages load when first opened: most people never see them.
const TeamPage = lazy(() => import("../../pages/team"));

export const routes: Area["routes"] = [{ path: "/team", element: <TeamPage /> }];
export const nav: Area["nav"] = [{ to: "/team", label: "app.team", roles: ["manager", "hr_admin"], order: 20, end: true }];
