import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ProblemDetail } from "../../../lib/api-client";

/** Every problem the dry run found, with its row and field: a table that wraps on a phone. */
export function ImportProblems({ file, problems }: { file: string; problems: ProblemDetail[] }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="alert">
      <h3 id={`${id}-title`}>{t("people.import.problemsTitle", { file, count: problems.length })}</h3>
      <p>{t("people.import.problemsHint")}</p>
      <table className="rows-table" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{t("people.import.row")}</th>
            <th scope="col">{t("people.import.field")}</th>
            <th scope="col">{t("people.import.problem")}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, i) => (
            <tr key={i}>
              <td>{problem.row ?? t("people.import.wholeFile")}</td>
              <td>{problem.field ? t(`people.fields.${problem.field}`, { defaultValue: problem.field }) : ""}</td>
              <td>{problem.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
