/** Word-aware search terms: Thai is written without spaces, so words come from Intl.Segmenter. */
export function searchWords(text: string): string[] {
  const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
  const words = [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.trim());
  return [...new Set(words.filter((w) => w.length > 0))];
}

/** Escapes LIKE metacharacters so that a user's % or _ match literally. */
export function likeContains(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
