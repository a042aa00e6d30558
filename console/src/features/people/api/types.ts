/** One person of the organisation, as HR imported them (GET /employees, GET /employees/{id}/overview). */
export type Employee = {
  id: string;
  name: string;
  email: string;
  manager_id: string | null;
  department: string;
  job_class: string;
  locale: string;
  role: string | null;
  time_zone: string | null;
  active: boolean;
  manager_name?: string | null;
};

/** A page of the people list, sorted by name; `next` continues it (null after the last page). */
export type EmployeesPage = { employees: Employee[]; next: string | null };

export type RowStatus = "created" | "updated" | "unchanged" | "stale";

/** What an import did, or with `dry_run` would do: the counts and each row's outcome. */
export type ImportResult = {
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
  rows: { row: number; id: string; status: RowStatus }[];
  dry_run: boolean;
};

export type ChainLink = { id: string; name: string | null; active: boolean };

export type PersonRound = {
  cycle_id: string;
  cycle_name: string;
  kind: string;
  state: string;
  deadline: string;
  time_zone: string | null;
  raters: number;
  report_path: string | null;
};

/** GET /employees/{id}/overview: the person's page for HR. */
export type PersonOverview = {
  employee: Employee;
  managers: ChainLink[];
  reports: EmployeesPage;
  rounds: PersonRound[];
};
