import { useTranslation } from "react-i18next";
import { Deadline } from "../../../components/dates";
import type { Cycle } from "../api/types";
import { Rate } from "./rate";

/** Where a cycle stands: its state, kind, deadline (with its time zone), subjects and response rate. */
export function CycleFacts({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const launched = cycle.launched_at !== null;
  return (
    <dl className="facts">
      <div>
        <dt>{t("cycles.state")}</dt>
        <dd>{t(`cycleState.${cycle.state}`, { defaultValue: cycle.state })}</dd>
      </div>
      <div>
        <dt>{t("cycles.kind")}</dt>
        <dd>{t(`cycles.kinds.${cycle.kind}`)}</dd>
      </div>
      <div>
        <dt>{t("cycles.deadline")}</dt>
        <dd>
          <Deadline at={cycle.deadline} zone={cycle.time_zone} />
        </dd>
      </div>
      <div>
        <dt>{t("cycles.subjects")}</dt>
        <dd>{cycle.subjects}</dd>
      </div>
      <div>
        <dt>{t("cycles.responseRate")}</dt>
        <dd>
          {launched ? (
            <Rate
              rate={cycle.progress.response_rate}
              submitted={cycle.progress.submitted}
              asked={cycle.progress.assignments}
            />
          ) : (
            t("cycles.notLaunched")
          )}
        </dd>
      </div>
    </dl>
  );
}
