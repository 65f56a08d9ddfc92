/** Human-readable text in Ukrainian and English. */
export interface LocalizedText {
  uk: string;
  en: string;
}
