// The part of pdfmake's server API we use. (@types/pdfmake references the DOM library, which would change
// the global types of every file, fetch's included.)
declare module "pdfmake" {
  type Margins = [number, number, number, number];
  export type Content =
    | string
    | {
        text?: string;
        fontSize?: number;
        bold?: boolean;
        italics?: boolean;
        alignment?: "left" | "right" | "center";
        width?: number | "auto" | "*";
        margin?: Margins;
        columns?: Content[];
        // The report's parts (adapters/pdf-documents.ts reportPdf).
        stack?: Content[];
        table?: {
          headerRows?: number;
          widths?: (number | "auto" | "*")[];
          body: Content[][];
          dontBreakRows?: boolean;
        };
        layout?: "noBorders" | "lightHorizontalLines" | "headerLineOnly";
        canvas?: { type: "rect"; x: number; y: number; w: number; h: number; color?: string }[];
        color?: string;
        fillColor?: string;
        pageBreak?: "before" | "after";
        unbreakable?: boolean;
      };
  export type DocumentDefinition = {
    info?: { title?: string; subject?: string };
    language?: string;
    pageSize?: string;
    pageMargins?: Margins;
    defaultStyle?: { font?: string; fontSize?: number; lineHeight?: number };
    footer?: (page: number, pages: number) => Content;
    content: Content[];
  };
  type FontFiles = { normal: string; bold: string; italics: string; bolditalics: string };
  export function setFonts(fonts: Record<string, FontFiles>): void;
  export function setLocalAccessPolicy(allowed: (path: string) => boolean): void;
  export function setUrlAccessPolicy(allowed: (url: string) => boolean): void;
  export function createPdf(doc: DocumentDefinition): { getBuffer(): Promise<Buffer> };
}
