import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";

/** What the API refused (403) or does not have (404), both told alike: nothing here for this reader. */
export function NotFoundMessage({ title, text }: { title: string; text: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      <Link to="/">{t("notFound.back")}</Link>
    </>
  );
}
