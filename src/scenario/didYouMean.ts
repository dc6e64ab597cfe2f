import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate a mistyped word most likely meant (a few letters off), or undefined when none
 * is close: `didYouMean('handlng', ['handling', 'patience'])` is 'handling'.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, [...candidates]);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(word.toLowerCase(), best.toLowerCase()) <= limit ? best : undefined;
}

/** The message for an unknown key: the key meant if one is close, else the keys allowed there. */
export function unknownKeyMessage(key: string, allowed: readonly string[], lead = 'unknown key'): string {
  const guess = didYouMean(key, allowed);
  if (guess) return `${lead}; did you mean '${guess}'?`;
  return allowed.length ? `${lead}; expected one of ${allowed.join(', ')}` : `${lead} (check the spelling)`;
}
