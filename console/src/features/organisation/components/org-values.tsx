import { useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ProblemDetail } from "../../../lib/api-client";
import { newValue, renamed, type OrgForm, type ValueDraft } from "../form";
import { FieldProblems } from "./field-problems";
import { TextField } from "./text-field";

type Props = { form: OrgForm; change: (patch: Partial<OrgForm>) => void; details: ProblemDetail[] };

/** The organisation's values: what recognition will name. A saved value keeps its id. */
export function OrgValues({ form, change, details }: Props) {
  const { t } = useTranslation();
  const list = useRef<HTMLDivElement>(null);
  const update = (key: string, edit: (value: ValueDraft) => ValueDraft) =>
    change({ values: form.values.map((v) => (v.key === key ? edit(v) : v)) });
  const add = () => {
    const value = newValue();
    change({ values: [...form.values, value] });
    // Focus the new value's name once it is drawn.
    window.setTimeout(() => list.current?.querySelector<HTMLInputElement>(`#value-${value.key}-name`)?.focus(), 0);
  };
  return (
    <fieldset>
      <legend>{t("organisation.values.title")}</legend>
      <p className="hint">{t("organisation.values.intro")}</p>
      <FieldProblems id="values-problems" details={details.filter((d) => d.field === "values")} field="values" />
      <div ref={list}>
        {form.values.length === 0 && <p>{t("organisation.values.none")}</p>}
        {form.values.map((value, index) => {
          const at = `values[${index + 1}]`; // the API counts a list's items from 1
          const label = value.name.trim() || t("organisation.values.unnamed");
          return (
            <fieldset key={value.key} className="value">
              <legend>{t("organisation.values.number", { number: index + 1, name: label })}</legend>
              <FieldProblems id={`value-${value.key}-problems`} details={details} field={at} />
              <TextField
                id={`value-${value.key}-name`}
                field={`${at}.name`}
                label={t("organisation.values.name")}
                value={value.name}
                onChange={(name) => update(value.key, (v) => renamed(v, name))}
                details={details}
              />
              <TextField
                id={`value-${value.key}-id`}
                field={`${at}.id`}
                label={t("organisation.values.id")}
                hint={value.saved ? t("organisation.values.idKept") : t("organisation.values.idHint")}
                value={value.id}
                readOnly={value.saved}
                onChange={(id) => update(value.key, (v) => ({ ...v, id, idEdited: true }))}
                details={details}
              />
              <TextField
                id={`value-${value.key}-description`}
                field={`${at}.description`}
                label={t("organisation.values.description")}
                value={value.description}
                onChange={(description) => update(value.key, (v) => ({ ...v, description }))}
                details={details}
                multiline
              />
              <button
                type="button"
                onClick={() => change({ values: form.values.filter((v) => v.key !== value.key) })}
                aria-label={t("organisation.values.remove", { name: label })}
              >
                {t("organisation.remove")}
              </button>
            </fieldset>
          );
        })}
      </div>
      <button type="button" onClick={add}>
        {t("organisation.values.add")}
      </button>
    </fieldset>
  );
}
