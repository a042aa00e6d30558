import { describe, expect, it } from "vitest";
import { endOfDay, formatDay, formatDeadline } from "./dates";

describe("deadlines", () => {
  const deadline = "2027-03-31T21:59:00+00:00"; // 23:59 in Copenhagen (summer time)

  it("are shown in the deadline's own time zone, naming it, in English", () => {
    const text = formatDeadline(deadline, "en", "Europe/Copenhagen");
    expect(text).toContain("31 March 2027");
    expect(text).toContain("23:59");
    expect(text).toContain("Central European Summer Time");
  });

  it("are shown in Danish words for a Danish reader", () => {
    const text = formatDeadline(deadline, "da", "Europe/Copenhagen");
    expect(text).toContain("31. marts 2027");
    expect(text).toContain("23.59");
    expect(text.toLowerCase()).toContain("centraleuropæisk sommertid");
  });

  it("move with the zone: the same moment in New York is that afternoon", () => {
    const text = formatDeadline(deadline, "en", "America/New_York");
    expect(text).toContain("17:59");
    expect(text).toContain("Eastern Daylight Time");
  });

  it("still name a zone (the reader's) when the API gives none or an unknown one", () => {
    for (const zone of [undefined, "Not/AZone"]) {
      const text = formatDeadline(deadline, "en", zone);
      expect(text).toMatch(/2027/);
      expect(text).toMatch(/Time|GMT|UTC/);
    }
  });

  it("leave text that is not a date as it is", () => {
    expect(formatDeadline("soon", "en")).toBe("soon");
  });
});

describe("days", () => {
  it("read as a day in the reader's language", () => {
    expect(formatDay("2027-01-31T12:00:00+00:00", "en", "UTC")).toBe("31 January 2027");
    expect(formatDay("2027-01-31T12:00:00+00:00", "da", "UTC")).toBe("31. januar 2027");
  });

  it("from a date input become the end of that day with the reader's offset", () => {
    const moment = endOfDay("2027-01-31");
    expect(moment).toMatch(/^2027-01-31T23:59:00[+-]\d\d:\d\d$/);
    const back = new Date(moment);
    expect([back.getFullYear(), back.getMonth(), back.getDate(), back.getHours()]).toEqual([2027, 0, 31, 23]);
  });
});
