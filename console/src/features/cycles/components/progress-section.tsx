import { useTranslation } from "react-i18next";
import type { Cycle, DepartmentProgress } from "../api/types";
import { openForms } from "../events";
import { Rate } from "./rate";

/** A launched cycle's progress: the forms overall, then the response rate of each department's subjects. */
export function ProgressSection({ cycle, departments }: { cycle: Cycle; departments: DepartmentProgress[] }) {
  const { t } = useTranslation();
  const p = cycle.progress;
  return (
    <section aria-labelledby="progress-title" className="card">
      <h2 id="progress-title">{t("cycles.progress")}</h2>
      <dl className="facts">
        <div>
          <dt>{t("cycles.responseRate")}</dt>
          <dd>
            <Rate rate={p.response_rate} submitted={p.submitted} asked={p.assignments} />
          </dd>
        </div>
        <div>
          <dt>{t("cycles.counts.open")}</dt>
          <dd>{openForms(p)}</dd>
        </div>
        <div>
          <dt>{t("cycles.counts.in_progress")}</dt>
          <dd>{p.in_progress}</dd>
        </div>
        <div>
          <dt>{t("cycles.counts.declined")}</dt>
          <dd>{p.declined}</dd>
        </div>
        <div>
          <dt>{t("cycles.counts.undeliverable")}</dt>
          <dd>{p.undeliverable}</dd>
        </div>
      </dl>
      <h3>{t("cycles.byDepartment")}</h3>
      {departments.length === 0 ? (
        <p>{t("cycles.noDepartments")}</p>
      ) : (
        <ul className="items">
          {departments.map((d) => (
            <li key={d.department} className="item">
              <p className="item-title">{d.department}</p>
              <p>
                <Rate rate={d.response_rate} submitted={d.submitted} asked={d.assignments} />
              </p>
              <p className="muted">
                {t("cycles.departmentCounts", {
                  in_progress: d.in_progress,
                  not_started: d.not_started,
                  declined: d.declined,
                })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
