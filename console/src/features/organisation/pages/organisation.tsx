import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../../components/error-alert";
import { NotFoundMessage } from "../../../components/not-found-message";
import { ApiError, type ProblemDetail } from "../../../lib/api-client";
import { useOrganisation } from "../api/get-organisation";
import { useSaveOrganisation } from "../api/put-organisation";
import type { OrgSettings } from "../api/types";
import { EscalationRules } from "../components/escalation-rules";
import { HrPeople } from "../components/hr-people";
import { OrgValues } from "../components/org-values";
import { TextField } from "../components/text-field";
import { bodyOf, formOf, timeZones, type OrgForm } from "../form";

/** The organisation's settings: time zone, HR lead and administrators, escalation rules, values and the
 * anonymity threshold new cycles get. One read; saved whole, with every problem the API finds named at its field. */
export function OrganisationPage() {
  const { t, i18n } = useTranslation();
  const settings = useOrganisation();
  if (settings.isPending) return <p role="status">{t("app.loading")}</p>;
  if (settings.isError) {
    if (settings.error instanceof ApiError && settings.error.isNotFound) {
      return <NotFoundMessage title={t("organisation.notFound")} text={t("organisation.notFoundText")} />;
    }
    return (
      <>
        <h1>{t("organisation.title")}</h1>
        <ErrorAlert error={settings.error} />
      </>
    );
  }
  // Numbers show in the reader's language ("1,5"): a new language starts the form afresh from what is saved.
  return <SettingsForm key={i18n.language} settings={settings.data} />;
}

function SettingsForm({ settings }: { settings: OrgSettings }) {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<OrgForm>(() => formOf(settings, i18n.language));
  const [saved, setSaved] = useState(false);
  const save = useSaveOrganisation();
  const details: ProblemDetail[] = save.error instanceof ApiError ? save.error.details : [];
  const known = { ...settings.names, ...save.data?.names };
  const change = (patch: Partial<OrgForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setSaved(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    save.mutate(bodyOf(form), {
      onSuccess: (answer) => {
        setForm(formOf(answer, i18n.language));
        setSaved(true);
      },
    });
  };

  return (
    <>
      <h1>{t("organisation.title")}</h1>
      <p>{t("organisation.intro")}</p>
      <form className="card org-form" onSubmit={submit} noValidate aria-label={t("organisation.formTitle")}>
        {save.isError && (
          <div role="alert" className="alert">
            <p>{t("organisation.notSaved", { count: Math.max(details.length, 1) })}</p>
            {details.length === 0 && <p>{save.error.message}</p>}
          </div>
        )}
        <fieldset>
          <legend>{t("organisation.zone.title")}</legend>
          <TextField
            id="time-zone"
            field="time_zone"
            label={t("organisation.zone.label")}
            hint={t("organisation.zone.hint")}
            value={form.timeZone}
            onChange={(timeZone) => change({ timeZone })}
            details={details}
            list="time-zones"
          />
          <datalist id="time-zones">
            {timeZones().map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </fieldset>
        <HrPeople form={form} change={change} details={details} known={known} />
        <EscalationRules form={form} change={change} details={details} />
        <OrgValues form={form} change={change} details={details} />
        <fieldset>
          <legend>{t("organisation.anonymity.title")}</legend>
          <TextField
            id="anonymity-threshold"
            field="anonymity_threshold"
            label={t("organisation.anonymity.label")}
            hint={t("organisation.anonymity.hint")}
            value={form.anonymityThreshold}
            onChange={(anonymityThreshold) => change({ anonymityThreshold })}
            details={details}
            inputMode="numeric"
          />
        </fieldset>
        <fieldset>
          <legend>{t("organisation.scale.title")}</legend>
          <TextField
            id="rating-scale"
            field="rating_scale"
            label={t("organisation.scale.label")}
            hint={t("organisation.scale.hint")}
            value={form.ratingScale}
            onChange={(ratingScale) => change({ ratingScale })}
            details={details}
            multiline
            rows={7}
          />
        </fieldset>
        <fieldset>
          <legend>{t("organisation.retention.title")}</legend>
          <TextField
            id="retention-months"
            field="retention_months"
            label={t("organisation.retention.label")}
            hint={t("organisation.retention.hint")}
            value={form.retentionMonths}
            onChange={(retentionMonths) => change({ retentionMonths })}
            details={details}
            inputMode="numeric"
          />
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? t("organisation.saving") : t("organisation.save")}
          </button>
        </div>
        <p role="status" className={saved ? "done" : undefined}>
          {saved && t("organisation.saved")}
        </p>
      </form>
    </>
  );
}

export default OrganisationPage;
