import { lazy } from "react";
import type { Area } from "../../lib/areas";

// Not /goals: the distribution sends that path to the API (its routes), so the pages have paths of their own.
const GoalsPage = lazy(() => import("./components/goals-page"));
const GoalPage = lazy(() => import("./components/goal-page"));
const TeamGoalsPage = lazy(() => import("./components/team-goals-page"));
const HrGoalsPage = lazy(() => import("./components/hr-goals-page"));

export const routes: Area["routes"] = [
  { path: "/my-goals", element: <GoalsPage /> },
  { path: "/my-goals/:goalId", element: <GoalPage /> },
  { path: "/team/goals", element: <TeamGoalsPage /> },
  { path: "/hr/goals", element: <HrGoalsPage /> },
];
export const nav: Area["nav"] = [
  { to: "/my-goals", label: "goals.nav", roles: ["employee", "manager", "hr_admin"], order: 15 },
  { to: "/team/goals", label: "goals.team.nav", roles: ["manager"], order: 21 },
  { to: "/hr/goals", label: "goals.hr.nav", roles: ["hr_admin"], order: 32 },
];
