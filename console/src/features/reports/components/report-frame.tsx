import { useRef } from "react";
import { useTranslation } from "react-i18next";

type Props = { html: string; title: string };

/** The API's printable report page, sandboxed: no scripts run in it, and it cannot navigate the console. */
export function ReportFrame({ html, title }: Props) {
  const { t } = useTranslation();
  const frame = useRef<HTMLIFrameElement>(null);

  function fitToContent() {
    const page = frame.current?.contentDocument?.documentElement;
    if (frame.current && page) frame.current.style.height = `${page.scrollHeight + 16}px`;
  }

  return (
    <>
      <p className="no-print">
        <button type="button" onClick={() => frame.current?.contentWindow?.print()}>
          {t("reports.print")}
        </button>
      </p>
      <iframe
        ref={frame}
        className="report-frame"
        title={title}
        // Same origin (to print and size it) but no scripts: the page is the API's own, static HTML.
        sandbox="allow-same-origin allow-modals"
        srcDoc={html}
        onLoad={fitToContent}
      />
    </>
  );
}
