import { QueryClientProvider } from "@tanstack/react-query";
import { lazy } from "react";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { Layout } from "./components/layout";
import { RequireSession } from "./components/session";
import { queryClient } from "./lib/query-client";
import { CallbackPage } from "./pages/callback";
import { HomePage } from "./pages/home";
import { NotFoundPage } from "./pages/not-found";
import { ReportPage } from "./pages/report";

// Managers' pages load when first opened: most people never see them.
const TeamPage = lazy(() => import("./pages/team"));
const CasePage = lazy(() => import("./pages/case"));

const router = createBrowserRouter([
  { path: "/callback", element: <CallbackPage /> },
  {
    element: (
      <RequireSession>
        <Layout />
      </RequireSession>
    ),
    children: [
      { path: "/", element: <HomePage /> },
      { path: "/reports/:cycleId/:employeeId", element: <ReportPage /> },
      { path: "/team", element: <TeamPage /> },
      { path: "/cases/:caseId", element: <CasePage /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
