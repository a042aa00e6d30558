import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Day } from "../../../components/dates";
import { ErrorAlert } from "../../../components/error-alert";
import { useMe } from "../../people/api/get-me";
import { useTeam } from "../../team/api/get-team";
import { CADENCES, type Cadence, type CheckInList, useSetCadence, useStartCheckIn, useTeamCheckIns } from "../api/check-ins";
import { CheckInView } from "./check-in-view";

function overdue(list: CheckInList | undefined): boolean {
  const due = list?.pair?.next_due;
  return due != null && new Date(due).getTime() < Date.now();
}

function Row({
  member,
  list,
  onOpen,
}: {
  member: { id: string; name: string };
  list: CheckInList | undefined;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const setCadence = useSetCadence(member.id);
  const start = useStartCheckIn();
  const pair = list?.pair;
  const open = list?.check_ins.find((c) => c.state === "open");
  const late = overdue(list);
  return (
    <tr>
      <th scope="row">{member.name}</th>
      <td>
        <select
          aria-label={t("checkins.cadenceOf", { name: member.name })}
          value={pair?.cadence ?? ""}
          onChange={(e) => setCadence.mutate(e.target.value as Cadence)}
        >
          <option value="" disabled>
            {t("checkins.choose")}
          </option>
          {CADENCES.map((c) => (
            <option key={c} value={c}>
              {t(`checkins.cadence.${c}`)}
            </option>
          ))}
        </select>
        {setCadence.isError && <ErrorAlert error={setCadence.error} />}
      </td>
      <td>{pair?.last_held_at ? <Day at={pair.last_held_at} /> : t("checkins.never")}</td>
      <td>
        {pair?.next_due ? <Day at={pair.next_due} /> : "—"}
        {late && <strong className="checkin-overdue"> {t("checkins.overdue")}</strong>}
      </td>
      <td>
        {open ? (
          <button type="button" onClick={() => onOpen(open.id)}>
            {t("checkins.openWith", { name: member.name })}
          </button>
        ) : (
          <button
            type="button"
            onClick={() => start.mutate(member.id, { onSuccess: (made) => onOpen((made as { id: string }).id) })}
          >
            {t("checkins.startWith", { name: member.name })}
          </button>
        )}
        {start.isError && <ErrorAlert error={start.error} />}
      </td>
    </tr>
  );
}

/** A manager's check-ins with each report: cadence, last and next, who is overdue; start or open one. */
export function TeamCheckInsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const team = useTeam();
  const members = team.data?.members ?? [];
  const lists = useTeamCheckIns(members.map((m) => m.id));
  const [chosen, setChosen] = useState<string | null>(null);
  if (team.isPending || me.isPending) return <p role="status">{t("app.loading")}</p>;
  if (team.isError) return <ErrorAlert error={team.error} />;
  if (me.isError) return <ErrorAlert error={me.error} />;
  const late = members.filter((_, n) => overdue(lists[n]?.data)).length;
  return (
    <>
      <h1>{t("checkins.team")}</h1>
      <p>{t("checkins.teamIntro")}</p>
      {members.length === 0 ? (
        <p>{t("checkins.noTeam")}</p>
      ) : (
        <>
          <p role="status">{late ? t("checkins.overdueCount", { count: late }) : t("checkins.noneOverdue")}</p>
          <div className="table-scroll" role="region" aria-label={t("checkins.teamTable")} tabIndex={0}>
            <table className="checkin-table">
              <caption>{t("checkins.teamTable")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("checkins.person")}</th>
                  <th scope="col">{t("checkins.cadenceHeading")}</th>
                  <th scope="col">{t("checkins.last")}</th>
                  <th scope="col">{t("checkins.next")}</th>
                  <th scope="col">{t("checkins.checkIn")}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((member, n) => (
                  <Row key={member.id} member={member} list={lists[n]?.data} onOpen={setChosen} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {chosen && <CheckInView key={chosen} id={chosen} me={me.data.employee.id} />}
    </>
  );
}

export default TeamCheckInsPage;
