export type Rater = { id: string; name: string | null; relationship: string; source?: string };
export type ProposalStatus = "proposed" | "approved" | "rejected";
export type Proposal = { id: string; name: string | null; status: ProposalStatus };

/** A cycle in which the caller, as a subject, may propose peers (GET /me "nominations"). */
export type Nomination = {
  cycle_id: string;
  cycle_name: string;
  deadline: string;
  raters: Rater[];
  proposals: Proposal[];
  peers: { min: number; max: number };
  candidates: { id: string; name: string; department: string | null }[];
};

/** What the proposal routes answer: the subject's raters and proposals after the change. */
export type RatersView = {
  raters: Rater[];
  proposals: Proposal[];
};
