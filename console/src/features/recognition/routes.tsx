import { lazy } from "react";
import type { Area } from "../../lib/areas";

// Not /recognitions or /organisation: the distribution sends those paths to the API.
const RecognitionPage = lazy(() => import("./components/recognition-page"));
const HrRecognitionPage = lazy(() => import("./components/hr-recognition-page"));

export const routes: Area["routes"] = [
  { path: "/recognition", element: <RecognitionPage /> },
  { path: "/hr/recognition", element: <HrRecognitionPage /> },
];
export const nav: Area["nav"] = [
  { to: "/recognition", label: "recognition.nav", roles: ["employee", "manager", "hr_admin"], order: 17 },
  { to: "/hr/recognition", label: "recognition.hrNav", roles: ["hr_admin"], order: 45 },
];
