import { lazy } from "react";
import type { Area } from "../../lib/areas";

// Not /employees/...: the distribution sends that path to the API.
const DevelopmentPage = lazy(() => import("./components/development-page"));

export const routes: Area["routes"] = [{ path: "/my-development", element: <DevelopmentPage /> }];
export const nav: Area["nav"] = [
  { to: "/my-development", label: "development.nav", roles: ["employee", "manager", "hr_admin"], order: 16 },
];
