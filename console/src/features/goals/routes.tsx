import { lazy } from "react";
import type { Area } from "../../lib/areas";

// Not /goals: the distribution sends that path to the API (its routes), so the page has a path of its own.
const GoalsPage = lazy(() => import("./components/goals-page"));

export const routes: Area["routes"] = [{ path: "/my-goals", element: <GoalsPage /> }];
export const nav: Area["nav"] = [
  { to: "/my-goals", label: "goals.nav", roles: ["employee", "manager", "hr_admin"], order: 15 },
];
