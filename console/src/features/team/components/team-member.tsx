import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { Deadline } from "../../../components/dates";
import { causeWords } from "../../escalations/words";
import type { TeamMember } from "../api/get-team";
import { FlagUnacceptable } from "./flag-unacceptable";
import { ProposalDecisions } from "./proposal-decisions";

// Proposals can be decided until the cycle launches.
const DECIDING = new Set(["draft", "nominating"]);

/** One direct report: their rounds, proposals waiting for a decision, the cases about them and the flag. */
export function TeamMemberCard({ member }: { member: TeamMember }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <article className="card" aria-labelledby={`${id}-name`}>
      <h3 id={`${id}-name`}>{member.name}</h3>
      <p className="muted">
        {[member.department, member.job_class && t(`jobClass.${member.job_class}`, { defaultValue: member.job_class })]
          .filter(Boolean)
          .join(" · ")}
      </p>

      <h4>{t("team.rounds")}</h4>
      {member.rounds.length === 0 ? (
        <p>{t("team.noRounds", { name: member.name })}</p>
      ) : (
        <ul className="items">
          {member.rounds.map((round) => (
            <li key={round.cycle_id} className="item">
              <p className="item-title">{round.cycle_name}</p>
              <dl className="facts">
                <div>
                  <dt>{t("team.state")}</dt>
                  <dd>{t(`cycleState.${round.state}`, { defaultValue: round.state })}</dd>
                </div>
                <div>
                  <dt>{t("feedback.deadline")}</dt>
                  <dd>
                    <Deadline at={round.deadline} />
                  </dd>
                </div>
                <div>
                  <dt>{t("team.raters", { count: round.raters.length })}</dt>
                  <dd>
                    {round.raters.length === 0
                      ? t("team.noRaters")
                      : round.raters
                          .map(
                            (r) =>
                              `${r.name ?? r.id} (${t(`relationship.${r.relationship}`, { defaultValue: r.relationship })})`,
                          )
                          .join(", ")}
                  </dd>
                </div>
                {round.proposals.some((p) => p.status !== "proposed") && (
                  <div>
                    <dt>{t("team.decided")}</dt>
                    <dd>
                      {round.proposals
                        .filter((p) => p.status !== "proposed")
                        .map((p) => `${p.name ?? p.id} (${t(`rounds.proposal.${p.status}`)})`)
                        .join(", ")}
                    </dd>
                  </div>
                )}
              </dl>
              {round.report_path && (
                <Link to={round.report_path}>
                  {t("team.readReport", { name: member.name, cycle: round.cycle_name })}
                </Link>
              )}
              {/* Kept once all are decided, so that the manager's confirmation stays on the screen. */}
              {DECIDING.has(round.state) && round.proposals.length > 0 && (
                <ProposalDecisions memberId={member.id} memberName={member.name} round={round} />
              )}
            </li>
          ))}
        </ul>
      )}

      <h4>{t("team.casesAbout", { name: member.name })}</h4>
      {member.cases.length === 0 ? (
        <p>{t("team.noCasesAbout")}</p>
      ) : (
        <ul className="people">
          {member.cases.map((found) => (
            <li key={found.id}>
              <Link to={`/cases/${encodeURIComponent(found.id)}`}>{causeWords(t, found.cause)}</Link>{" "}
              <span className="muted">
                {t(`caseState.${found.state}`, { defaultValue: found.state })}
                {found.due && (
                  <>
                    {" · "}
                    {t("cases.due")} <Deadline at={found.due} />
                  </>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}

      <FlagUnacceptable memberId={member.id} memberName={member.name} />
    </article>
  );
}
