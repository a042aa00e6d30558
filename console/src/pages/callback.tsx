import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router-dom";
import { completeSignIn } from "../lib/auth";

export function CallbackPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const started = useRef(false); // a code is good once, and React may run an effect twice

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeSignIn()
      .then(async (returnTo) => {
        await queries.invalidateQueries({ queryKey: ["session"] });
        navigate(returnTo, { replace: true });
      })
      .catch((error: Error) => setFailure(error.message));
  }, [navigate, queries]);

  return (
    <main id="main">
      {failure ? (
        <>
          <h1>{t("app.signInFailed", { message: failure })}</h1>
          <a href="/">{t("app.tryAgain")}</a>
        </>
      ) : (
        <p role="status">{t("app.signingIn")}</p>
      )}
    </main>
  );
}
