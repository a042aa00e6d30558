import { lazy } from "react";
import type { Area } from "../../lib/areas";

// Not /reviews or /review-cycles: the distribution sends those paths to the API.
const MyReviewsPage = lazy(() => import("./pages/my-reviews"));
const ReviewPage = lazy(() => import("./pages/review"));
const HrReviewsPage = lazy(() => import("./pages/hr-reviews"));

export const routes: Area["routes"] = [
  { path: "/my-reviews", element: <MyReviewsPage /> },
  { path: "/my-reviews/:reviewId", element: <ReviewPage /> },
  { path: "/hr/reviews", element: <HrReviewsPage /> },
];
export const nav: Area["nav"] = [
  { to: "/my-reviews", label: "reviews.nav", roles: ["employee", "manager", "hr_admin"], order: 17 },
  { to: "/hr/reviews", label: "reviews.hr.nav", roles: ["hr_admin"], order: 42 },
];
