import { useTranslation } from "react-i18next";
import { percent } from "../events";

/** A response rate: a bar for the eye (hidden from screen readers) and the words that say it. */
export function Rate({ rate, submitted, asked }: { rate: number; submitted: number; asked: number }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="rate">
      <span className="rate-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(100, Math.round(rate * 100))}%` }} />
      </span>
      <span>{t("cycles.rate", { rate: percent(rate, i18n.language), submitted, asked })}</span>
    </span>
  );
}
