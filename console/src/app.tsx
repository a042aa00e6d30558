import { QueryClientProvider } from "@tanstack/react-query";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { Layout } from "./components/layout";
import { RequireSession } from "./components/session";
import { areaRoutes } from "./lib/areas";
import { queryClient } from "./lib/query-client";
import { CallbackPage } from "./pages/callback";
import { HomePage } from "./pages/home";
import { NotFoundPage } from "./pages/not-found";
import { ReportPage } from "./pages/report";

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
      // Each area's pages (src/features/<area>/routes.tsx), loaded when first opened.
      ...areaRoutes,
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
