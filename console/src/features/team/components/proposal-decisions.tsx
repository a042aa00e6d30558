import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useDecideProposals } from "../../rounds/api/decide-proposals";
import { decisionBody, type Choice } from "../../rounds/decisions";
import type { Round } from "../api/get-team";

type Props = { memberId: string; memberName: string; round: Round };

/** The peers a team member proposed in one round: approve or reject each, then save them all in one call. */
export function ProposalDecisions({ memberId, memberName, round }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const decide = useDecideProposals();
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [saved, setSaved] = useState<{ approved: number; rejected: number } | null>(null);
  const pending = round.proposals.filter((p) => p.status === "proposed");
  const body = decisionBody(choices);
  const decided = body.approve.length + body.reject.length;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (decided === 0) return;
    setSaved(null);
    decide.mutate(
      { cycleId: round.cycle_id, employeeId: memberId, ...body },
      {
        onSuccess: () => {
          setSaved({ approved: body.approve.length, rejected: body.reject.length });
          setChoices({});
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="decisions" aria-labelledby={`${id}-title`}>
      <h5 id={`${id}-title`}>{t("team.proposalsTitle", { cycle: round.cycle_name })}</h5>
      {pending.length === 0 ? (
        <p>{t("team.noPendingProposals")}</p>
      ) : (
        pending.map((proposal) => {
          const name = proposal.name ?? proposal.id;
          const choice = choices[proposal.id] ?? "later";
          return (
            <fieldset key={proposal.id} className="choice-row">
              <legend>{name}</legend>
              {(["approve", "reject", "later"] as const).map((option) => (
                <label key={option}>
                  <input
                    type="radio"
                    name={`${id}-${proposal.id}`}
                    value={option}
                    checked={choice === option}
                    onChange={() => setChoices((now) => ({ ...now, [proposal.id]: option }))}
                  />{" "}
                  {t(`team.choice.${option}`)}
                </label>
              ))}
            </fieldset>
          );
        })
      )}
      {pending.length > 0 && (
        <button type="submit" disabled={decided === 0 || decide.isPending}>
          {t("team.saveDecisions", { name: memberName })}
        </button>
      )}
      {decide.isError && <ErrorAlert error={decide.error} fieldLabels={{ approve: t("team.choice.approve") }} />}
      <p role="status">
        {saved ? t("team.decisionsSaved", { approved: saved.approved, rejected: saved.rejected }) : ""}
      </p>
    </form>
  );
}
