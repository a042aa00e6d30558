import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { useAnalytics } from "../api/recognition";

/** HR: the values recognised by department this quarter, and a department's people not recognised yet. */
export function HrRecognitionPage() {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState("");
  const [department, setDepartment] = useState("");
  const found = useAnalytics(department);
  function submit(event: FormEvent) {
    event.preventDefault();
    setDepartment(typed.trim());
  }
  const data = found.data;
  return (
    <>
      <h1>{t("recognition.hrTitle")}</h1>
      <p>{t("recognition.hrIntro")}</p>
      {found.isPending && <p role="status">{t("app.loading")}</p>}
      {found.isError && <ErrorAlert error={found.error} />}
      {data && (
        <section aria-labelledby={`${id}-values`} className="card">
          <h2 id={`${id}-values`}>{t("recognition.byDepartment", { quarter: data.quarter })}</h2>
          {data.departments.length === 0 && <p>{t("recognition.noFigures")}</p>}
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("recognition.department")}</th>
                  <th scope="col">{t("recognition.people")}</th>
                  <th scope="col">{t("recognition.values")}</th>
                </tr>
              </thead>
              <tbody>
                {data.departments.map((d) => (
                  <tr key={d.department}>
                    <th scope="row">{d.department}</th>
                    {d.hidden ? (
                      <td colSpan={2}>{t("recognition.hidden", { threshold: data.threshold })}</td>
                    ) : (
                      <>
                        <td>{d.people}</td>
                        <td>{d.values.map((v) => `${v.name}: ${v.count}`).join(", ")}</td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <section aria-labelledby={`${id}-never`} className="card">
        <h2 id={`${id}-never`}>{t("recognition.never")}</h2>
        <p>{t("recognition.neverIntro")}</p>
        <form onSubmit={submit} className="rec-department">
          <label htmlFor={`${id}-department`}>{t("recognition.department")}</label>
          <input id={`${id}-department`} value={typed} onChange={(e) => setTyped(e.target.value)} />
          <button type="submit">{t("recognition.show")}</button>
        </form>
        {data?.never_recognised && (
          <ul className="list">
            {data.never_recognised.people.length === 0 && <li>{t("recognition.everyone")}</li>}
            {data.never_recognised.people.map((p) => (
              <li key={p.id} className="item">
                {p.manager_name ? t("recognition.withManager", { name: p.name, manager: p.manager_name }) : p.name}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export default HrRecognitionPage;
