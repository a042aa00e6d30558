import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { Deadline } from "../components/dates";
import { ErrorAlert } from "../components/error-alert";
import { NotFoundMessage } from "../components/not-found-message";
import { usePerson } from "../features/people/api/get-person";
import type { PersonOverview } from "../features/people/api/types";
import { PeopleList } from "../features/people/components/people-list";
import { EraseButton } from "../features/privacy/components/erase-button";
import { ExportButton } from "../features/privacy/components/export-button";
import { paramsOf, NO_SEARCH } from "../features/people/search";
import { ApiError } from "../lib/api-client";
import { languages, type Language } from "../lib/i18n";

/** One person for HR: their details, the managers above them, their direct reports and their rounds. */
export function PersonPage() {
  const { t } = useTranslation();
  const { employeeId = "" } = useParams();
  const person = usePerson(employeeId);

  if (person.isPending) return <p role="status">{t("people.person.loading")}</p>;
  if (person.isError) {
    if (person.error instanceof ApiError && person.error.isNotFound) {
      return <NotFoundMessage title={t("people.person.notFound")} text={t("people.person.notFoundText")} />;
    }
    return <ErrorAlert error={person.error} />;
  }
  return <Person overview={person.data} />;
}

function Person({ overview }: { overview: PersonOverview }) {
  const { t } = useTranslation();
  const id = useId();
  const { employee, managers, reports, rounds } = overview;
  const facts: [string, string][] = [
    [t("people.fields.id"), employee.id],
    [t("people.fields.email"), employee.email],
    [t("people.fields.department"), employee.department],
    [t("people.fields.job_class"), t(`jobClass.${employee.job_class}`, { defaultValue: employee.job_class })],
    [t("people.fields.locale"), languages[employee.locale as Language] ?? employee.locale],
    [t("people.fields.time_zone"), employee.time_zone ?? t("people.person.noTimeZone")],
    [t("people.fields.role"), employee.role ?? t("people.person.noRole")],
    [t("people.person.status"), employee.active ? t("people.person.active") : t("people.person.left")],
  ];
  return (
    <>
      <p className="no-print">
        <Link to="/people">{t("people.person.back")}</Link>
      </p>
      <h1>{employee.name}</h1>

      <section aria-labelledby={`${id}-details`}>
        <h2 id={`${id}-details`}>{t("people.person.details")}</h2>
        <dl className="facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby={`${id}-managers`}>
        <h2 id={`${id}-managers`}>{t("people.person.managers")}</h2>
        {managers.length === 0 ? (
          <p>{t("people.person.topOfOrganisation", { name: employee.name })}</p>
        ) : (
          <>
            <p className="hint">{t("people.person.managersHint")}</p>
            <ol className="people">
              {managers.map((manager) => (
                <li key={manager.id}>
                  {manager.name ? (
                    <Link to={`/people/${encodeURIComponent(manager.id)}`}>{manager.name}</Link>
                  ) : (
                    t("people.person.unknownManager", { id: manager.id })
                  )}
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      <section aria-labelledby={`${id}-reports`}>
        <h2 id={`${id}-reports`}>{t("people.person.reports")}</h2>
        {reports.employees.length === 0 ? (
          <p>{t("people.person.noReports", { name: employee.name })}</p>
        ) : (
          <>
            <PeopleList people={reports.employees} />
            {reports.next && (
              <Link to={`/people?${paramsOf({ ...NO_SEARCH, manager: employee.id })}`}>
                {t("people.person.allReports", { name: employee.name })}
              </Link>
            )}
          </>
        )}
      </section>

      <section aria-labelledby={`${id}-rounds`}>
        <h2 id={`${id}-rounds`}>{t("people.person.rounds")}</h2>
        {rounds.length === 0 ? (
          <p>{t("people.person.noRounds", { name: employee.name })}</p>
        ) : (
          <ul className="items">
            {rounds.map((round) => (
              <li key={round.cycle_id} className="item">
                <p className="item-title">{round.cycle_name}</p>
                <dl className="facts">
                  <div>
                    <dt>{t("people.person.state")}</dt>
                    <dd>{t(`cycleState.${round.state}`, { defaultValue: round.state })}</dd>
                  </div>
                  <div>
                    <dt>{t("people.person.deadline")}</dt>
                    <dd>
                      <Deadline at={round.deadline} zone={round.time_zone} />
                    </dd>
                  </div>
                  <div>
                    <dt>{t("people.person.raters")}</dt>
                    <dd>{round.raters}</dd>
                  </div>
                </dl>
                {round.report_path ? (
                  <Link to={round.report_path}>
                    {t("people.person.readReport", { name: employee.name, cycle: round.cycle_name })}
                  </Link>
                ) : (
                  <p className="muted">{t("people.person.noReport")}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby={`${id}-audit`}>
        <h2 id={`${id}-audit`}>{t("audit.title")}</h2>
        <ul className="items">
          <li>
            <Link to={`/hr/audit?person=${encodeURIComponent(employee.id)}`}>
              {t("audit.whoRead", { name: employee.name })}
            </Link>
          </li>
          <li>
            <Link to={`/hr/audit?reader=${encodeURIComponent(employee.id)}`}>
              {t("audit.whatRead", { name: employee.name })}
            </Link>
          </li>
        </ul>
      </section>
      <section aria-labelledby={`${id}-records`}>
        <h2 id={`${id}-records`}>{t("privacy.title")}</h2>
        <ExportButton employeeId={employee.id} name={employee.name} />
        {!employee.active && <EraseButton employeeId={employee.id} name={employee.name} />}
      </section>
    </>
  );
}

export default PersonPage;
