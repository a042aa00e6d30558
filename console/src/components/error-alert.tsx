import { useTranslation } from "react-i18next";
import { ApiError } from "../lib/api-client";

type Props = {
  error: Error;
  /** The words for the API's field names ("expectations" → "What is expected"). */
  fieldLabels?: Record<string, string>;
};

/** What went wrong, in the API's words, with each detail it gave (field by field). */
export function ErrorAlert({ error, fieldLabels = {} }: Props) {
  const { t } = useTranslation();
  const details = error instanceof ApiError ? error.details : [];
  const where = (field?: string) => {
    if (!field) return null;
    const [name, index] = field.split(/[[\]]/);
    const label = fieldLabels[name] ?? name;
    return index ? t("errors.item", { field: label, number: Number(index) + 1 }) : label;
  };
  return (
    <div role="alert" className="alert">
      <p>{t("app.error", { message: error.message })}</p>
      {details.length > 0 && (
        <ul>
          {details.map((detail, i) => (
            <li key={i}>
              {detail.row != null && <>{t("errors.row", { row: detail.row })}: </>}
              {detail.field && <>{where(detail.field)}: </>}
              {detail.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
