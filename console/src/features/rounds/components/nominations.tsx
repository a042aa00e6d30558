import { useTranslation } from "react-i18next";
import type { Nomination } from "../api/types";
import { ProposePeers } from "./propose-peers";

/** The cycles in which the person may propose their own peers, one form each. */
export function Nominations({ nominations, employeeId }: { nominations: Nomination[]; employeeId: string }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="nominations-title" className="card">
      <h2 id="nominations-title">{t("rounds.title")}</h2>
      {nominations.length === 0 ? (
        <p>{t("rounds.none")}</p>
      ) : (
        nominations.map((nomination) => (
          <ProposePeers key={nomination.cycle_id} nomination={nomination} employeeId={employeeId} />
        ))
      )}
    </section>
  );
}
