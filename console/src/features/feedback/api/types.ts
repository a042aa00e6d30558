/** A feedback form the caller still owes, as GET /me lists it. */
export type FeedbackForm = {
  cycle_id: string;
  cycle_name: string;
  deadline: string;
  time_zone: string;
  subject_id: string;
  subject_name: string;
  relationship: string;
  status: "pending" | "in_progress";
  /** The absolute URL of the rater form (/feedback/<token>): the token is its credential. */
  link: string;
};
