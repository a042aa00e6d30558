/** One of the caller's own released reports, as GET /me lists it. */
export type ReleasedReport = {
  cycle_id: string;
  cycle_name: string;
  released_at: string;
  /** The console's report page: /reports/<cycle_id>/<employee_id>. */
  path: string;
};
