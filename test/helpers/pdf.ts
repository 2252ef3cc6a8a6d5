import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** The text of each page of a PDF (lines joined by spaces, blanks collapsed), and its metadata. */
export async function pdfText(pdf: Buffer | ArrayBuffer | Uint8Array): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const data = pdf instanceof ArrayBuffer ? new Uint8Array(pdf) : new Uint8Array(pdf);
  const doc = await getDocument({ data, isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" ").replace(/\s+/g, " "));
  }
  const { info } = await doc.getMetadata();
  await doc.destroy();
  return { pages, info: info as Record<string, unknown> };
}
