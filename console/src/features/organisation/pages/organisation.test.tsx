import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeApi, manager, renderSignedIn } from "../../../test/render";
import type { OrgSettings } from "../api/types";
import { OrganisationPage } from "./organisation";

const hr = { ...manager, employeeId: "e021", name: "Camilla Bech", groups: ["employee", "hr_admin"] };

const SETTINGS: OrgSettings = {
  time_zone: "Europe/Copenhagen",
  escalation: { others_overall_max: 2, competency_max: 1.5, acknowledge_days: 5, plan_days: 10, review_days: [30, 60, 90], hr_lead: "e021" },
  hr_admins: ["e021"],
  values: [{ id: "customer-first", name: "Customer first", description: "" }],
  anonymity_threshold: 3,
  rating_scale: ["Unacceptable", "Below expectations", "Meets expectations", "Exceeds expectations", "Outstanding"],
  retention_months: 36,
  names: { e021: "Camilla Bech" },
};

describe("the organisation page", () => {
  it("reads the settings once and names the HR lead and administrators", async () => {
    const { calls } = fakeApi({ "GET /organisation": SETTINGS });
    renderSignedIn(<OrganisationPage />, { profile: hr });
    expect(await screen.findByRole("heading", { level: 1, name: "Organisation" })).toBeTruthy();
    expect((screen.getByLabelText("The organisation's time zone") as HTMLInputElement).value).toBe("Europe/Copenhagen");
    const admins = screen.getByRole("list", { name: "HR administrators" });
    expect(admins.textContent).toContain("Camilla Bech (e021)");
    expect(calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /organisation"]);
  });

  it("adds a value with an id made from its name and saves the whole settings", async () => {
    const { calls } = fakeApi({
      "GET /organisation": SETTINGS,
      "PUT /organisation": (body: unknown) => [200, { ...SETTINGS, ...(body as object), names: SETTINGS.names }],
    });
    const user = userEvent.setup();
    renderSignedIn(<OrganisationPage />, { profile: hr });
    await user.click(await screen.findByRole("button", { name: "Add a value" }));
    const added = screen.getByRole("group", { name: "Value 2: new value" });
    await user.type(within(added).getByLabelText("Name"), "Mod & ærlighed");
    expect((within(screen.getByRole("group", { name: "Value 2: Mod & ærlighed" })).getByLabelText("Id") as HTMLInputElement).value).toBe(
      "mod-aerlighed",
    );
    await user.clear(screen.getByLabelText("Fewest raters a group needs to be shown"));
    await user.type(screen.getByLabelText("Fewest raters a group needs to be shown"), "4");
    const scale = screen.getByLabelText("The scale's points, one a line, lowest first");
    await user.clear(scale);
    await user.type(scale, "Not yet{Enter}Partly{Enter}Fully{Enter}Beyond");
    const months = screen.getByLabelText("Months records are kept once no longer needed");
    expect((months as HTMLInputElement).value).toBe("36");
    await user.clear(months);
    await user.type(months, "24");
    await user.click(screen.getByRole("button", { name: "Save the settings" }));
    expect(await screen.findByText("Saved.")).toBeTruthy();
    const put = calls.find((c) => c.method === "PUT");
    expect(put?.body).toEqual({
      time_zone: "Europe/Copenhagen",
      escalation: SETTINGS.escalation,
      hr_admins: ["e021"],
      values: [
        { id: "customer-first", name: "Customer first", description: "" },
        { id: "mod-aerlighed", name: "Mod & ærlighed", description: "" },
      ],
      anonymity_threshold: 4,
      rating_scale: ["Not yet", "Partly", "Fully", "Beyond"],
      retention_months: 24,
    });
    // Saved, the value's id is kept as it is.
    expect((within(screen.getByRole("group", { name: "Value 2: Mod & ærlighed" })).getByLabelText("Id") as HTMLInputElement).readOnly).toBe(true);
  });

  it("shows each problem the API names at its field, and saves nothing", async () => {
    fakeApi({
      "GET /organisation": SETTINGS,
      "PUT /organisation": () => [
        400,
        {
          error: {
            code: "invalid_input",
            message: "2 problem(s) in the settings; nothing was changed",
            details: [
              { field: "time_zone", message: "'Mars/Base' is not a time zone (e.g. Europe/Copenhagen)" },
              { field: "values[1].name", message: "is required: up to 80 characters" },
            ],
          },
        },
      ],
    });
    const user = userEvent.setup();
    renderSignedIn(<OrganisationPage />, { profile: hr });
    const zone = await screen.findByLabelText("The organisation's time zone");
    await user.clear(zone);
    await user.type(zone, "Mars/Base");
    await user.clear(screen.getByLabelText("Name"));
    await user.click(screen.getByRole("button", { name: "Save the settings" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Nothing was saved: 2 problems.");
    expect(zone.getAttribute("aria-invalid")).toBe("true");
    expect(zone.getAttribute("aria-describedby")).toContain("time-zone-problems");
    expect(document.getElementById("time-zone-problems")?.textContent).toContain("'Mars/Base' is not a time zone");
    expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBe("true");
  });

  it("looks up the name of an HR administrator HR adds, by their id", async () => {
    const { calls } = fakeApi({
      "GET /organisation": SETTINGS,
      "GET /employees/e030": { id: "e030", name: "Ruth Ellis", active: true },
    });
    const user = userEvent.setup();
    renderSignedIn(<OrganisationPage />, { profile: hr });
    await user.type(await screen.findByLabelText("Add an HR administrator (employee id)"), "e030");
    await user.click(screen.getByRole("button", { name: "Add" }));
    const admins = screen.getByRole("list", { name: "HR administrators" });
    expect(await within(admins).findByText("Ruth Ellis (e030)")).toBeTruthy();
    expect(within(admins).getByRole("button", { name: "Remove Camilla Bech as HR administrator" })).toBeTruthy();
    expect(calls.map((c) => c.path)).toEqual(["/organisation", "/employees/e030"]);
  });

  it("looks up a typed HR lead once HR stops typing, not at every keystroke", async () => {
    const { calls } = fakeApi({
      "GET /organisation": { ...SETTINGS, escalation: { ...SETTINGS.escalation, hr_lead: null } },
      "GET /employees/e030": { id: "e030", name: "Ruth Ellis", active: true },
    });
    const user = userEvent.setup();
    renderSignedIn(<OrganisationPage />, { profile: hr });
    await user.type(await screen.findByLabelText("HR lead (employee id)"), "e030");
    expect(await screen.findByText("Ruth Ellis (e030)")).toBeTruthy();
    expect(calls.map((c) => c.path)).toEqual(["/organisation", "/employees/e030"]);
  });
});
