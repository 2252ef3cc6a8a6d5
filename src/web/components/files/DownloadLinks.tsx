import { withQuery, type Query } from "../../api.js";
import { useT } from "../../i18n.js";

/**
 * Download links for one view in several file formats: the same query as the view plus
 * `format`, so the file holds exactly what the view shows. The server answers with a
 * Content-Disposition attachment.
 */
export function DownloadLinks({ path, query, formats, label, testId }: { path: string; query: Query; formats: readonly string[]; label: string; testId?: string }) {
  const t = useT();
  return (
    <nav className="download-links" aria-label={label} data-testid={testId}>
      <span className="download-links-label">{label}</span>
      <ul>
        {formats.map((format) => (
          <li key={format}>
            <a href={withQuery(path, { ...query, format })} download data-format={format}>
              {t(`web.download.${format}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
