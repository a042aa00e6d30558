import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ProblemDetail } from "../../../lib/api-client";
import type { OrgForm } from "../form";
import { describedBy, FieldProblems } from "./field-problems";
import { PersonName } from "./person-name";
import { TextField } from "./text-field";

type Props = { form: OrgForm; change: (patch: Partial<OrgForm>) => void; details: ProblemDetail[]; known: Record<string, string> };

/** The HR lead (told of every case and of a cycle closed by its deadline) and the HR administrators. */
export function HrPeople({ form, change, details, known }: Props) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState("");
  const add = () => {
    const id = adding.trim();
    if (id && !form.hrAdmins.includes(id)) change({ hrAdmins: [...form.hrAdmins, id] });
    setAdding("");
  };
  return (
    <fieldset>
      <legend>{t("organisation.hr.title")}</legend>
      <TextField
        id="hr-lead"
        field="escalation.hr_lead"
        label={t("organisation.hr.lead")}
        hint={t("organisation.hr.leadHint")}
        value={form.hrLead}
        onChange={(hrLead) => change({ hrLead })}
        details={details}
      />
      <p className="person-line" aria-live="polite">
        <PersonName id={form.hrLead.trim()} known={known} />
      </p>
      <h3 id="hr-admins-title">{t("organisation.hr.admins")}</h3>
      <p className="hint">{t("organisation.hr.adminsHint")}</p>
      {form.hrAdmins.length === 0 ? (
        <p>{t("organisation.hr.noAdmins")}</p>
      ) : (
        <ul className="items" aria-labelledby="hr-admins-title">
          {form.hrAdmins.map((id) => (
            <li key={id} className="item admin-row">
              <span>
                <PersonName id={id} known={known} />
              </span>
              <button
                type="button"
                onClick={() => change({ hrAdmins: form.hrAdmins.filter((a) => a !== id) })}
                aria-label={t("organisation.hr.remove", { name: known[id] ?? id })}
              >
                {t("organisation.remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      <FieldProblems id="hr-admins-problems" details={details} field="hr_admins" />
      <div className="field inline">
        <label htmlFor="hr-admin-new">{t("organisation.hr.addLabel")}</label>
        <input
          id="hr-admin-new"
          type="text"
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
          {...describedBy(details, "hr_admins", "hr-admins")}
        />
        <button type="button" onClick={add}>
          {t("organisation.hr.add")}
        </button>
      </div>
    </fieldset>
  );
}
