import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Day } from "../../../components/dates";
import { ErrorAlert } from "../../../components/error-alert";
import { useMe } from "../../people/api/get-me";
import { useCheckIns, useStartCheckIn } from "../api/check-ins";
import { CheckInList } from "./check-in-list";
import { CheckInView } from "./check-in-view";

/** An employee's check-ins with their manager (the page the missed-slot nudge links to): the next one's agenda,
 * their shared and private notes, the actions. */
export function MyCheckInsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useCheckIns();
  const start = useStartCheckIn();
  const [chosen, setChosen] = useState<string | null>(null);
  if (me.isPending || list.isPending) return <p role="status">{t("app.loading")}</p>;
  if (me.isError) return <ErrorAlert error={me.error} />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  const { pair, check_ins } = list.data;
  const current = chosen ?? check_ins.find((c) => c.state === "open")?.id ?? check_ins[0]?.id ?? null;
  const hasManager = me.data.employee.manager_id != null;
  return (
    <>
      <h1>{t("checkins.mine")}</h1>
      <p>{t("checkins.intro")}</p>
      {hasManager && (
        <p>
          {pair?.cadence
            ? t("checkins.cadenceWith", {
                name: me.data.employee.manager_name ?? "",
                cadence: t(`checkins.cadence.${pair.cadence}`),
              })
            : t("checkins.noCadence")}{" "}
          {pair?.next_due && (
            <>
              {t("checkins.nextDue")} <Day at={pair.next_due} />
            </>
          )}
        </p>
      )}
      {hasManager && !check_ins.some((c) => c.state === "open") && (
        <p>
          <button
            type="button"
            disabled={start.isPending}
            onClick={() => start.mutate(me.data.employee.id, { onSuccess: (made) => setChosen((made as { id: string }).id) })}
          >
            {t("checkins.start")}
          </button>
        </p>
      )}
      {start.isError && <ErrorAlert error={start.error} />}
      {check_ins.length === 0 ? (
        <p>{t("checkins.none")}</p>
      ) : (
        <CheckInList items={check_ins} current={current} onOpen={setChosen} />
      )}
      {current && <CheckInView key={current} id={current} me={me.data.employee.id} />}
    </>
  );
}

export default MyCheckInsPage;
