import { lazy } from "react";
import type { Area } from "../../lib/areas";

// HR's organisation settings, loaded when first opened. Its path stays clear of the API's /organisation,
// which the distribution sends to the API.
const OrganisationPage = lazy(() => import("./pages/organisation"));

export const routes: Area["routes"] = [{ path: "/settings", element: <OrganisationPage /> }];
export const nav: Area["nav"] = [{ to: "/settings", label: "organisation.nav", roles: ["hr_admin"], order: 70 }];
