import { PageHeading } from "../../components/shell/PageHeading.js";
import { useT } from "../../i18n.js";

/** A plan address whose id is not a number: the same page as any unknown address. */
export function NotFoundHere() {
  const t = useT();
  return (
    <PageHeading title={t("web.notFound.title")}>
      <p>{t("web.notFound.text")}</p>
    </PageHeading>
  );
}
