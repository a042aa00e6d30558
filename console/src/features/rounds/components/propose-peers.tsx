import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Deadline } from "../../../components/dates";
import { ErrorAlert } from "../../../components/error-alert";
import { useProposePeers } from "../api/propose-peers";
import type { Nomination } from "../api/types";
import { peersCounted, peersToPropose } from "../peers";

type Props = { nomination: Nomination; employeeId: string };

/** One cycle in which the person proposes peers: who rates them now, what they proposed, and whom to add. */
export function ProposePeers({ nomination, employeeId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const propose = useProposePeers();
  const [ticked, setTicked] = useState<string[]>([]);
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState(0);
  const { min, max } = nomination.peers;
  const counted = peersCounted(nomination);
  const room = Math.max(0, max - counted);

  function toggle(candidate: string, on: boolean) {
    setTicked((now) => (on ? [...now, candidate] : now.filter((c) => c !== candidate)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const peers = peersToPropose(ticked, typed);
    setSent(0);
    if (peers.length === 0) return setProblem(t("rounds.chooseSomeone"));
    if (peers.length > room) return setProblem(t("rounds.tooMany", { count: room, max }));
    setProblem(null);
    propose.mutate(
      { cycleId: nomination.cycle_id, employeeId, peers },
      {
        onSuccess: () => {
          setTicked([]);
          setTyped("");
          setSent(peers.length);
        },
      },
    );
  }

  return (
    <article className="block" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{nomination.cycle_name}</h3>
      <p>
        {t("rounds.proposeBy")} <Deadline at={nomination.deadline} />
      </p>
      <p>{t("rounds.peerLimits", { min, max, count: counted })}</p>

      <h4>{t("rounds.yourRaters")}</h4>
      {nomination.raters.length === 0 ? (
        <p>{t("rounds.noRaters")}</p>
      ) : (
        <ul className="people">
          {nomination.raters.map((rater) => (
            <li key={`${rater.id}/${rater.relationship}`}>
              {rater.name ?? rater.id}{" "}
              <span className="muted">
                ({t(`relationship.${rater.relationship}`, { defaultValue: rater.relationship })})
              </span>
            </li>
          ))}
        </ul>
      )}

      <h4>{t("rounds.yourProposals")}</h4>
      {nomination.proposals.length === 0 ? (
        <p>{t("rounds.noProposals")}</p>
      ) : (
        <ul className="people">
          {nomination.proposals.map((proposal) => (
            <li key={proposal.id}>
              {proposal.name ?? proposal.id}{" "}
              <span className={`badge badge-${proposal.status}`}>{t(`rounds.proposal.${proposal.status}`)}</span>
            </li>
          ))}
        </ul>
      )}

      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t("rounds.candidates")}</legend>
          {nomination.candidates.length === 0 ? (
            <p>{t("rounds.noCandidates")}</p>
          ) : (
            <ul className="choices">
              {nomination.candidates.map((candidate) => (
                <li key={candidate.id}>
                  <label>
                    <input
                      type="checkbox"
                      checked={ticked.includes(candidate.id)}
                      onChange={(e) => toggle(candidate.id, e.target.checked)}
                    />
                    <span>
                      {candidate.name}
                      {candidate.department && <span className="muted"> · {candidate.department}</span>}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-typed`}>{t("rounds.typeIds")}</label>
          <input
            id={`${id}-typed`}
            type="text"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            aria-describedby={`${id}-typed-hint`}
            autoComplete="off"
          />
          <p id={`${id}-typed-hint`} className="hint">
            {t("rounds.typeIdsHint")}
          </p>
        </div>
        <button type="submit" className="primary" disabled={propose.isPending}>
          {t("rounds.propose")}
        </button>
        {problem && (
          <p role="alert" className="alert">
            {problem}
          </p>
        )}
        {propose.isError && <ErrorAlert error={propose.error} fieldLabels={{ peers: t("rounds.peersField") }} />}
        <p role="status">{sent > 0 ? t("rounds.proposed", { count: sent }) : ""}</p>
      </form>
    </article>
  );
}
